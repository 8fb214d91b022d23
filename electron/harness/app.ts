import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createDispatch } from '../core/dispatch';
import { createService } from '../core/service';
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
  /** Where bugs (non-AppError failures) are reported; the CLI prints them, tests collect them. */
  onInternalError?: (method: string, error: unknown) => void;
}

function version(): string {
  const pkg: unknown = JSON.parse(readFileSync(`${repoRoot}package.json`, 'utf8'));
  return typeof pkg === 'object' && pkg !== null && 'version' in pkg && typeof pkg.version === 'string'
    ? pkg.version
    : '0.0.0';
}

/** The whole app without Electron: the real service behind the harness server. */
export function startHarnessApp(options: HarnessAppOptions = {}): Promise<Harness> {
  const service = createService({
    host: harnessHost(version()),
    samplePath: options.samplePath ?? defaultPaths.samplePath,
    ...(options.largeFileBytes ? { largeFileBytes: options.largeFileBytes } : {}),
  });
  const dispatch = createDispatch(service, {
    ...(options.onInternalError ? { onInternalError: options.onInternalError } : {}),
  });
  return startHarness({
    rendererDir: options.rendererDir ?? defaultPaths.rendererDir,
    dispatch,
    ...(options.port !== undefined ? { port: options.port } : {}),
  });
}
