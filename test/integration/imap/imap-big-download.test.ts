import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createDispatch } from '../../../electron/core/dispatch';
import { createEngine } from '../../../electron/core/engine';
import { MemorySecretStore } from '../../../electron/core/secrets/secret-store';
import type { Result } from '../../../shared/errors';
import type { EventBatch, TransferProgressEvent } from '../../../shared/events';
import type { EnvelopePage, MessageView, SourceSummary } from '../../../shared/model';
import { CONTOSO, start, type Testbed } from '../../testbed/index';
import { bedProfile } from '../../testbed/profiles';

/**
 * Opening a 25 MB message from IMAP through the engine, as the reader does for a big one: under an
 * operation id its download reports progress (transfer.progress events) and can be stopped
 * (transfers.cancel), which answers CANCELLED; opened again, it arrives whole and parsed.
 */

let bed: Testbed;
let profilesDir: string;
let dispatch: ReturnType<typeof createDispatch>;

async function ok<T>(method: string, payload: unknown): Promise<T> {
  const result = (await dispatch(method, payload)) as Result<T>;
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.value;
}

/** The transfer's progress events from the stream, from `after` until one matches `until`. */
async function progressOf(
  operationId: string,
  after: number,
  until: (event: TransferProgressEvent) => boolean,
): Promise<TransferProgressEvent> {
  let cursor = after;
  for (;;) {
    const batch = await ok<EventBatch>('events.next', { after: cursor, waitMs: 5_000 });
    cursor = batch.cursor;
    for (const event of batch.events) {
      if (event.type === 'transfer.progress' && event.operationId === operationId && until(event))
        return event;
    }
  }
}

beforeAll(async () => {
  bed = await start({ saslMechanisms: ['xoauth2'], bigSeeds: ['msg-25mb'] });
  profilesDir = mkdtempSync(join(tmpdir(), 'mailscope-big-download-'));
  const engine = createEngine({
    host: { kind: 'harness', version: 'test', openExternal: async () => {} },
    samplePath: 'resources/sample-mailbox',
    profilesDir,
    secrets: new MemorySecretStore(),
    trust: { ca: bed.ca.pem },
    allowCustomAuthority: true,
  });
  dispatch = createDispatch(engine.api, { onInternalError: (method, error) => console.error(method, error) });
}, 180_000);

afterAll(async () => {
  rmSync(profilesDir, { recursive: true, force: true });
  await bed?.stop();
});

it(
  'downloads a big message with progress, stops when cancelled, then opens it whole',
  { timeout: 120_000 },
  async () => {
    const mailbox = bed.bigSeedMailboxes['msg-25mb'];
    if (!mailbox) throw new Error('no 25 MB seed');
    const { id: _id, createdAt: _c, updatedAt: _u, ...draft } = bedProfile(bed, { name: 'Big', mailbox });
    const profile = await ok<{ id: string }>('profiles.save', {
      draft,
      secret: { kind: 'client-secret', value: CONTOSO.readerSecret.value },
    });
    const source = await ok<SourceSummary>('sources.openProfile', { profileId: profile.id });
    const page = await ok<EnvelopePage>('messages.list', {
      sourceId: source.id,
      folderId: 'INBOX',
      offset: 0,
      limit: 1,
    });
    const envelope = page.items[0];
    if (!envelope) throw new Error('empty seed');
    const ref = { sourceId: source.id, folderId: 'INBOX', messageId: envelope.id };

    // Started, followed until the first slices arrived, then stopped.
    const first = 'big-download-1';
    const start = (await ok<EventBatch>('events.next', { after: 0, waitMs: 0 })).cursor;
    const opening = dispatch('messages.get', { ...ref, operationId: first });
    const progress = await progressOf(first, start, (event) => event.bytes > 0);
    expect(progress).toMatchObject({ total: envelope.size, running: true });
    expect(await ok('transfers.cancel', { operationId: first })).toEqual({ cancelled: true });
    const cancelled = (await opening) as Result<MessageView>;
    expect(cancelled.ok ? null : cancelled.error.code).toBe('CANCELLED');

    // The same message again: whole, parsed, and its transfer counted to the last byte.
    const second = 'big-download-2';
    const before = (await ok<EventBatch>('events.next', { after: 0, waitMs: 0 })).cursor;
    const view = await ok<MessageView>('messages.get', { ...ref, operationId: second });
    expect(view.size).toBe(envelope.size);
    expect(view.attachments.length).toBeGreaterThan(0);
    expect(await progressOf(second, before, (event) => !event.running)).toEqual({
      type: 'transfer.progress',
      operationId: second,
      bytes: envelope.size,
      total: envelope.size,
      running: false,
    });
    expect(view.flags).toEqual(envelope.flags);
  },
);
