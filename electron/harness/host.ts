import { spawn } from 'node:child_process';
import type { Host } from '../core/host';

/** The harness's Host: no native dialogs (the UI asks for a typed path); links go to the OS opener. */
export function harnessHost(version: string): Host {
  return {
    kind: 'harness',
    version,
    typedSavePaths: true,
    async openExternal(url) {
      const [command, args] =
        process.platform === 'darwin'
          ? ['open', [url]]
          : process.platform === 'win32'
            ? ['explorer.exe', [url]]
            : ['xdg-open', [url]];
      await new Promise<void>((resolve) => {
        const child = spawn(command, args, { stdio: 'ignore', detached: true });
        // No opener installed is not worth an error dialog in a test harness; the URL was shown already.
        child.once('error', () => resolve());
        child.once('spawn', () => {
          child.unref();
          resolve();
        });
      });
    },
  };
}
