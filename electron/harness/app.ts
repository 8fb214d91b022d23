import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createDispatch } from '../core/dispatch';
import { createEngine } from '../core/engine';
import { userDataDir } from '../core/profiles/user-data-dir';
import type { EventHub } from '../core/events/event-hub';
import type { SecretStore } from '../core/secrets/secret-store';
import { harnessHost } from './host';
import { type Harness, startHarness } from './server';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export const defaultPaths = {
  rendererDir: fileURLToPath(new URL('../../out/renderer', import.meta.url)),
  samplePath: fileURLToPath(new URL('../../resources/sample-mailbox', import.meta.url)),
};

export interface HarnessAppOptions {
  port?: number;
  rendererDir?: string;
  samplePath?: string;
  largeFileBytes?: number;
  /** Profiles folder; default the desktop app's own, so both see the same mailboxes. */
  profilesDir?: string;
  /** Default: the OS keychain, or memory for this process when none is reachable (said in the UI). */
  secrets?: SecretStore;
  /** Extra trusted CA certificates (PEM): the test bed's, or a TLS-inspecting proxy's. */
  extraCa?: string;
  /** Profiles may name their own authority host (the test bed's, the demo's); default off. */
  allowCustomAuthority?: boolean;
  /** Instead of the OS opener: tests record the links the user chose to open. */
  openExternal?: (url: string) => Promise<void>;
  /** Where bugs (non-AppError failures) are reported; the CLI prints them, tests collect them. */
  onInternalError?: (method: string, error: unknown) => void;
}

function version(): string {
  const pkg: unknown = JSON.parse(readFileSync(`${repoRoot}package.json`, 'utf8'));
  return typeof pkg === 'object' && pkg !== null && 'version' in pkg && typeof pkg.version === 'string'
    ? pkg.version
    : '0.0.0';
}

export interface HarnessApp extends Harness {
  /** The engine's events: the CLI asks the page to open the paths it was given, as the OS does. */
  readonly events: EventHub;
}

/** The whole app without Electron: the real service behind the harness server. */
export async function startHarnessApp(options: HarnessAppOptions = {}): Promise<HarnessApp> {
  const { api, events, frames } = createEngine({
    host: {
      ...harnessHost(version()),
      ...(options.openExternal ? { openExternal: options.openExternal } : {}),
    },
    samplePath: options.samplePath ?? defaultPaths.samplePath,
    profilesDir: options.profilesDir ?? userDataDir(),
    secrets: options.secrets ?? 'keychain-or-memory',
    ...(options.extraCa ? { trust: { ca: options.extraCa } } : {}),
    ...(options.largeFileBytes ? { largeFileBytes: options.largeFileBytes } : {}),
    allowCustomAuthority: options.allowCustomAuthority ?? false,
  });
  const dispatch = createDispatch(api, {
    ...(options.onInternalError ? { onInternalError: options.onInternalError } : {}),
  });
  const harness = await startHarness({
    rendererDir: options.rendererDir ?? defaultPaths.rendererDir,
    dispatch,
    frames,
    ...(options.port !== undefined ? { port: options.port } : {}),
  });
  return Object.assign(harness, { events });
}
