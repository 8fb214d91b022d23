import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { internalErrorLogger, logLine } from '../core/log';
import { installCrashGuard } from '../core/crash-guard';
import { teeToLogFile } from '../core/log-file';
import { defaultPaths, startHarnessApp } from './app';
import { harnessHost } from './host';

/**
 * `tsx electron/harness/cli.ts [--port N] [--open] [--allow-custom-authority] [FILE…]`: serves the built UI and prints its URL.
 * Files named on the command line open in the page, as a double-clicked .eml does in the desktop app.
 */

const usage =
  'usage: harness [--port N] [--open] [--renderer DIR] [--allow-custom-authority] [FILE_OR_FOLDER…]';

function fail(message: string): never {
  console.error(logLine(`mailscope harness: ${message}`));
  process.exit(2);
}

let values: { port?: string; open?: boolean; renderer?: string; 'allow-custom-authority'?: boolean };
let positionals: string[];
try {
  ({ values, positionals } = parseArgs({
    options: {
      port: { type: 'string' },
      open: { type: 'boolean' },
      renderer: { type: 'string' },
      // Profiles whose cloud names its own authority host: test beds only.
      'allow-custom-authority': { type: 'boolean' },
    },
    allowPositionals: true,
  }));
} catch (error) {
  fail(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
}

const port = values.port === undefined ? 0 : Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  fail(`--port must be a whole number from 0 to 65535 (0 picks a free port), not "${values.port}".`);
}
const rendererDir = values.renderer ?? defaultPaths.rendererDir;
if (!existsSync(`${rendererDir}/index.html`)) {
  fail(`no built renderer at ${rendererDir}: run "npm run build" first.`);
}

const harness = await startHarnessApp({
  port,
  rendererDir,
  allowCustomAuthority: values['allow-custom-authority'] ?? false,
  onInternalError: internalErrorLogger('mailscope harness'),
}).catch((error: unknown) => {
  const code = (error as { code?: unknown }).code;
  fail(
    code === 'EADDRINUSE' ? `port ${port} is in use: pick another with --port.` : logLine('', error).trim(),
  );
});

// A throw no request awaited must not take the engine down with every open mailbox (crash-guard.ts).
installCrashGuard(process, {
  events: harness.events,
  log: teeToLogFile(harness.log, (line) => console.error(line)),
});

// Checked by the engine when the page opens them, with the same errors as the Open dialog.
for (const path of positionals) harness.events.publish({ type: 'open.path', path: resolve(path) });

console.log(`Mailscope is running in the browser harness: ${harness.url}`);
console.log('Press Ctrl-C to stop.');
if (values.open) await harnessHost('').openExternal(harness.url);

const stop = () => {
  void harness.close().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
