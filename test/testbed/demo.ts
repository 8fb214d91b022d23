import { spawn, type ChildProcess } from 'node:child_process';
import { parseArgs } from 'node:util';
import { startHarnessApp } from '../../electron/harness/app';
import type { Harness } from '../../electron/harness/server';
import { start } from './index';

/**
 * `npm run demo`: the test bed (fake Microsoft identity platform, Dovecot IMAP/POP3 with XOAUTH2,
 * Exchange's replies) and the app, together, with no tenant. Ctrl-C stops everything and removes
 * every temp folder. `--electron <binary>` runs the desktop app instead of the browser harness.
 */

const { values } = parseArgs({ options: { electron: { type: 'string' }, port: { type: 'string' } } });

const bed = await start({ exchangeReplies: true });
let harness: Harness | null = null;
let electron: ChildProcess | null = null;
let stopping = false;

async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  electron?.kill('SIGTERM');
  await harness?.close();
  await bed.stop();
  console.log('Mailscope demo: stopped; nothing left running.');
  process.exit(code);
}
process.once('SIGINT', () => void stop(0));
process.once('SIGTERM', () => void stop(0));

try {
  console.log(bed.summary());
  if (values.electron) {
    electron = spawn(values.electron, ['.'], {
      stdio: 'inherit',
      env: { ...process.env, NODE_EXTRA_CA_CERTS: bed.ca.path },
    });
    electron.on('exit', () => void stop(0));
    console.log('Mailscope demo: the desktop app is starting. Press Ctrl-C to stop.');
  } else {
    harness = await startHarnessApp(values.port ? { port: Number(values.port) } : {});
    console.log(`Mailscope demo: ${harness.url}`);
    console.log('Press Ctrl-C to stop.');
  }
  console.log(
    'Profiles for these mailboxes arrive with the next release; until then the app opens local mail and the sample mailbox.',
  );
} catch (error) {
  console.error('Mailscope demo: failed to start:', error);
  await stop(1);
}
