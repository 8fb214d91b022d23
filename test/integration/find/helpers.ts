/**
 * An engine on the test bed for the find tests: profiles saved through the Api, calls through the
 * same dispatch IPC uses, and the events it published collected from its hub.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDispatch } from '../../../electron/core/dispatch';
import { createEngine, type Engine } from '../../../electron/core/engine';
import { MemorySecretStore } from '../../../electron/core/secrets/secret-store';
import type { Result } from '../../../shared/errors';
import type { AppEvent } from '../../../shared/events';
import type { ProfileSummary } from '../../../shared/model';
import type { ProfileDraftInput } from '../../../shared/profile';
import { CONTOSO } from '../../testbed/identity/scenario';
import type { Testbed } from '../../testbed/index';
import { bedProfile, type BedProfileOptions } from '../../testbed/profiles';

export interface FindEngine {
  engine: Engine;
  ok<T>(method: string, payload: unknown): Promise<T>;
  call<T>(method: string, payload: unknown): Promise<Result<T>>;
  /** Saves a test-bed profile (client secret) and answers its id. */
  profile(options: BedProfileOptions & { connections?: number }): Promise<string>;
  /** Opens a profile's mailbox (sources.openProfile) and answers its source id. */
  open(profileId: string): Promise<string>;
  /** A source to close at the end (one a lookup opened). */
  track(sourceId: string | null): void;
  /** Every event published after `cursor`. */
  eventsAfter(cursor: number): Promise<AppEvent[]>;
  close(): Promise<void>;
}

export function findEngine(bed: Testbed): FindEngine {
  const profilesDir = mkdtempSync(join(tmpdir(), 'mailscope-find-'));
  const engine = createEngine({
    host: { kind: 'harness', version: 'test', openExternal: async () => {} },
    samplePath: 'resources/sample-mailbox',
    profilesDir,
    secrets: new MemorySecretStore(),
    trust: { ca: bed.ca.pem },
    allowCustomAuthority: true,
  });
  const dispatch = createDispatch(engine.api, {});
  const call = async <T>(method: string, payload: unknown) => (await dispatch(method, payload)) as Result<T>;
  const ok = async <T>(method: string, payload: unknown): Promise<T> => {
    const result = await call<T>(method, payload);
    if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
    return result.value;
  };
  const sources = new Set<string>();
  return {
    engine,
    ok,
    call,
    profile: async ({ connections, ...options }) => {
      const { id: _id, createdAt: _c, updatedAt: _u, ...settings } = bedProfile(bed, options);
      const draft: ProfileDraftInput = { ...settings, ...(connections ? { connections } : {}) };
      const saved = await ok<ProfileSummary>('profiles.save', {
        draft,
        secret: { kind: 'client-secret', value: CONTOSO.readerSecret.value },
      });
      return saved.id;
    },
    open: async (profileId) => {
      const { id } = await ok<{ id: string }>('sources.openProfile', { profileId });
      sources.add(id);
      return id;
    },
    track: (sourceId) => {
      if (sourceId) sources.add(sourceId);
    },
    eventsAfter: async (cursor) => (await engine.events.next(cursor, 0)).events,
    close: async () => {
      // Closing a source logs its sessions (and its pool's) out.
      for (const sourceId of sources) await call('sources.close', { sourceId });
      rmSync(profilesDir, { recursive: true, force: true });
    },
  };
}
