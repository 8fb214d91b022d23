import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDispatch } from '../core/dispatch';
import { createEngine } from '../core/engine';
import { internalErrorLogger, logLine } from '../core/log';
import { userDataDir } from '../core/profiles/user-data-dir';
import type { EventHub } from '../core/events/event-hub';
import { createLogFile, type LogFile } from '../core/log-file';
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
  /** The redacting log file (`logs/mailscope.log` in the profiles folder): the CLI's crash guard writes to it. */
  readonly log: LogFile;
}

/** The whole app without Electron: the real service behind the harness server. */
export async function startHarnessApp(options: HarnessAppOptions = {}): Promise<HarnessApp> {
  const profilesDir = options.profilesDir ?? userDataDir();
  // Next to the profiles, so a test's temporary profiles folder holds (and removes) its log too.
  const log = createLogFile({ folder: join(profilesDir, 'logs') });
  const { api, events, frames } = createEngine({
    host: {
      ...harnessHost(version()),
      ...(options.openExternal ? { openExternal: options.openExternal } : {}),
    },
    samplePath: options.samplePath ?? defaultPaths.samplePath,
    profilesDir,
    secrets: options.secrets ?? 'keychain-or-memory',
    ...(options.extraCa ? { trust: { ca: options.extraCa } } : {}),
    ...(options.largeFileBytes ? { largeFileBytes: options.largeFileBytes } : {}),
    allowCustomAuthority: options.allowCustomAuthority ?? false,
    log,
  });
  const dispatch = createDispatch(api, {
    onInternalError: (method, error) => {
      log.write(logLine(`mailscope harness: internal error in ${method}:`, error));
      (options.onInternalError ?? internalErrorLogger('mailscope harness'))(method, error);
    },
  });
  const harness = await startHarness({
    rendererDir: options.rendererDir ?? defaultPaths.rendererDir,
    dispatch,
    frames,
    ...(options.port !== undefined ? { port: options.port } : {}),
  });
  return Object.assign(harness, { events, log });
}
