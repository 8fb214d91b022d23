/**
 * A private D-Bus session bus and an unlocked gnome-keyring for one test file: what a desktop
 * session provides, started here so `npx vitest run` needs no wrapper. Both daemons run in the
 * foreground as our children (so we know their pids and stop exactly them), with HOME and the XDG
 * folders in a temp dir (so the developer's real keyring is never touched).
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { isMainThread } from 'node:worker_threads';

const run = promisify(execFile);

export interface Keyring {
  /** The session bus address; also set in process.env while the keyring runs. */
  address: string;
  /** Where the keyring keeps its files (encrypted), for the on-disk scan. */
  dataDir: string;
  pids: number[];
  stop(): Promise<void>;
}

export async function startKeyring(password = 'mailscope-test'): Promise<Keyring> {
  if (!isMainThread) {
    // In a worker thread process.env is a JS copy: libsecret's getenv() would never see our bus.
    throw new Error(
      'The keychain tests must run in a process of their own (vitest pool "forks"), not a worker thread.',
    );
  }
  const root = await mkdtemp(join(tmpdir(), 'mailscope-keyring-'));
  const children: ChildProcess[] = [];
  const previous = process.env['DBUS_SESSION_BUS_ADDRESS'];
  const stop = async (): Promise<void> => {
    // Keyring first (it is a client of the bus), then the bus; wait for each to exit.
    for (const child of children.reverse()) await terminate(child);
    if (previous === undefined) delete process.env['DBUS_SESSION_BUS_ADDRESS'];
    else process.env['DBUS_SESSION_BUS_ADDRESS'] = previous;
    await rm(root, { recursive: true, force: true });
  };
  try {
    const bus = spawn(
      'dbus-daemon',
      [
        '--session',
        '--nofork',
        '--nopidfile',
        '--print-address=1',
        `--address=unix:path=${join(root, 'bus')}`,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    children.push(bus);
    const address = await firstLine(bus, 'dbus-daemon');
    const env = {
      PATH: process.env['PATH'] ?? '/usr/bin:/bin',
      HOME: join(root, 'home'),
      XDG_RUNTIME_DIR: root,
      XDG_DATA_HOME: join(root, 'data'),
      XDG_CONFIG_HOME: join(root, 'config'),
      DBUS_SESSION_BUS_ADDRESS: address,
    };
    const keyring = spawn('gnome-keyring-daemon', ['--foreground', '--unlock', '--components=secrets'], {
      env,
      stdio: ['pipe', 'ignore', 'pipe'],
    });
    children.push(keyring);
    // --unlock reads the password from stdin up to EOF; it creates the login keyring with it.
    keyring.stdin?.end(password);
    await waitForName(address, 'org.freedesktop.secrets', keyring);
    // keytar (libsecret) reads the variable when it first connects, so setting it now is enough.
    process.env['DBUS_SESSION_BUS_ADDRESS'] = address;
    return {
      address,
      dataDir: join(root, 'data'),
      pids: children.map((child) => child.pid ?? -1),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** True while a process with this pid exists (and is not a zombie of ours: we reap by awaiting exit). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function firstLine(child: ChildProcess, name: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('error', (error) => reject(new Error(`${name} could not start: ${error.message}`)));
    child.once('exit', (code) =>
      reject(new Error(`${name} exited (${code}) before it was ready: ${err.trim()}`)),
    );
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const newline = out.indexOf('\n');
      if (newline >= 0) resolve(out.slice(0, newline).trim());
    });
  });
}

/** Polls the bus until `name` has an owner: the keyring has no "ready" line of its own in the foreground. */
async function waitForName(address: string, name: string, owner: ChildProcess): Promise<void> {
  let exited = false;
  owner.once('exit', () => (exited = true));
  for (let attempt = 0; attempt < 200; attempt++) {
    if (exited) throw new Error(`gnome-keyring-daemon exited before it took ${name} on the bus`);
    const { stdout } = await run(
      'dbus-send',
      [
        '--session',
        '--dest=org.freedesktop.DBus',
        '--print-reply',
        '/org/freedesktop/DBus',
        'org.freedesktop.DBus.NameHasOwner',
        `string:${name}`,
      ],
      { env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: address } },
    );
    if (/boolean true/.test(stdout)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${name} did not appear on the session bus`);
}

async function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}
