/**
 * One Dovecot instance per test bed: its own config, base_dir, state and logs under the run's temp
 * folder, started in the foreground (`dovecot -F`) as our child in its own process group, so stop()
 * can prove that nothing is left behind.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import {
  chownSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { userInfo } from 'node:os';
import { promisify } from 'node:util';
import { startAnvilShim, type AnvilShim } from './anvil-shim';
import { DOVECOT_HOST, renderDovecotConfig, renderOauth2Config, type DovecotPorts } from './config';

const execFileAsync = promisify(execFile);

export interface MailboxHome {
  name: string;
  home: string;
  /** Storage format and the folder under `home` that holds it. */
  format: 'maildir' | 'mdbox';
  path: string;
}

export interface DovecotOptions {
  root: string;
  introspectionUrl: string;
  caPem: string;
  tls: { certPem: string; keyPem: string };
  grantLines: string[];
  mailboxes: MailboxHome[];
  mailUid: number;
  mailGid: number;
  debug?: boolean;
  mechanisms?: ('xoauth2' | 'oauthbearer')[];
  extraConfig?: string;
}

/** Debian installs the daemon in /usr/sbin, which is not on a non-root user's PATH. */
export function dovecotBinary(): string {
  return existsSync('/usr/sbin/dovecot') ? '/usr/sbin/dovecot' : 'dovecot';
}

/** uid/gid that owns mail when we run as root: Dovecot refuses uid 0 for mail access. */
export const ROOT_MAIL_UID = 60999;

export function mailOwner(): { uid: number; gid: number } {
  const uid = process.getuid?.() ?? 0;
  const gid = process.getgid?.() ?? 0;
  return uid === 0 ? { uid: ROOT_MAIL_UID, gid: ROOT_MAIL_UID } : { uid, gid };
}

export async function freePort(host = '127.0.0.1'): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: DOVECOT_HOST, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function processGroupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

export class DovecotServer {
  private child: ChildProcess | undefined;
  private anvil: AnvilShim | undefined;
  private grantsStamp = 0;
  private exited: Promise<void> = Promise.resolve();

  private constructor(
    readonly opts: DovecotOptions,
    readonly ports: DovecotPorts,
  ) {}

  get configPath(): string {
    return join(this.opts.root, 'etc', 'dovecot.conf');
  }

  get logPath(): string {
    return join(this.opts.root, 'log', 'dovecot.log');
  }

  get grantsPath(): string {
    return join(this.opts.root, 'etc', 'grants.passwd');
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** PENALTY-GET queries the anvil shim answered (0 would mean Dovecot may be penalising). */
  anvilQueries(): number {
    return this.anvil?.queries() ?? 0;
  }

  static async start(opts: DovecotOptions): Promise<DovecotServer> {
    // Ports are picked free and handed to Dovecot; another process may take one in between, so retry.
    let lastError: unknown;
    for (let attempt = 0; attempt < 3; attempt++) {
      const ports = {
        imap: await freePort(DOVECOT_HOST),
        imaps: await freePort(DOVECOT_HOST),
        pop3: await freePort(DOVECOT_HOST),
        pop3s: await freePort(DOVECOT_HOST),
      };
      const server = new DovecotServer(opts, ports);
      try {
        await server.launch();
        return server;
      } catch (e) {
        lastError = e;
        await server.stop();
      }
    }
    throw lastError instanceof Error ? lastError : new Error(String(lastError));
  }

  /**
   * Rewrite the grant file and wait until Dovecot will see it. Dovecot's passwd-file re-stats its
   * file at most once per second of its event loop clock (`last_sync_time == ioloop_time`), so a
   * change made in the same second as a lookup is invisible until the next second starts.
   */
  async updateGrants(lines: string[]): Promise<void> {
    this.writeGrants(lines);
    await sleep(1050 - (Date.now() % 1000));
  }

  /** Write the grant file: `<grantee oid>+<mailbox>` lines, any password accepted. */
  writeGrants(lines: string[]): void {
    const tmp = `${this.grantsPath}.tmp`;
    writeFileSync(tmp, lines.map((l) => `${l}:::::::nopassword\n`).join(''), { mode: 0o644 });
    renameSync(tmp, this.grantsPath);
    // Dovecot re-reads a passwd-file when its mtime or size changes; mtime has one-second
    // resolution, so move the stamp forward on every write to make each edit visible.
    this.grantsStamp = Math.max(Math.floor(Date.now() / 1000), this.grantsStamp + 1);
    utimesSync(this.grantsPath, this.grantsStamp, this.grantsStamp);
  }

  private async launch(): Promise<void> {
    const { root } = this.opts;
    for (const d of ['etc', 'run', 'state', 'log', 'tls'])
      mkdirSync(join(root, d), { recursive: true, mode: 0o755 });
    const caPath = join(root, 'tls', 'ca.pem');
    const certPath = join(root, 'tls', 'cert.pem');
    const keyPath = join(root, 'tls', 'key.pem');
    writeFileSync(caPath, this.opts.caPem);
    writeFileSync(certPath, this.opts.tls.certPem);
    writeFileSync(keyPath, this.opts.tls.keyPem, { mode: 0o600 });
    const usersPath = join(root, 'etc', 'users.passwd');
    const { mailUid, mailGid } = this.opts;
    writeFileSync(
      usersPath,
      this.opts.mailboxes
        .map(
          (m) =>
            `${m.name.toLowerCase()}::${mailUid}:${mailGid}::${m.home}::userdb_mailformat=${m.format} userdb_mailpath=${m.path}\n`,
        )
        .join(''),
      { mode: 0o644 },
    );
    this.writeGrants(this.opts.grantLines);
    const isRoot = process.getuid?.() === 0;
    const input = {
      root,
      ports: this.ports,
      introspectionUrl: this.opts.introspectionUrl,
      caPath,
      certPath,
      keyPath,
      grantsPath: this.grantsPath,
      usersPath,
      mailUid,
      mailGid,
      unprivilegedUser: isRoot ? undefined : userInfo().username,
      debug: this.opts.debug ?? false,
      mechanisms: this.opts.mechanisms ?? ['xoauth2', 'oauthbearer'],
      extraConfig: this.opts.extraConfig ?? '',
    };
    writeFileSync(this.configPath, renderDovecotConfig(input));
    writeFileSync(join(root, 'etc', 'oauth2.conf.ext'), renderOauth2Config(input));
    for (const m of this.opts.mailboxes) ensureOwned(m.home, mailUid, mailGid);

    this.anvil = await startAnvilShim(join(root, 'run', 'anvil-auth-penalty'));
    const child = spawn(dovecotBinary(), ['-F', '-c', this.configPath], {
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    this.child = child;
    // Recorded for reapOrphans(): Dovecot -F writes no master.pid, and the group id is the child's pid.
    if (child.pid !== undefined) writeFileSync(join(root, 'dovecot.pgid'), String(child.pid));
    let output = '';
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    let exitedEarly = false;
    this.exited = new Promise<void>((resolve) => {
      child.once('exit', () => {
        exitedEarly = true;
        resolve();
      });
      child.once('error', (e) => {
        output += String(e);
        exitedEarly = true;
        resolve();
      });
    });
    const deadline = Date.now() + 8000;
    while (Date.now() < deadline) {
      if (exitedEarly) throw new Error(`dovecot exited at start: ${output}${readLogTail(this.logPath)}`);
      const ready = await Promise.all(Object.values(this.ports).map((p) => canConnect(p)));
      if (ready.every(Boolean)) return;
      await sleep(15);
    }
    throw new Error(`dovecot did not listen within 8 s: ${output}${readLogTail(this.logPath)}`);
  }

  /**
   * Ends every session of a mailbox (`doveadm kick`), as Exchange does when a session's token
   * expires (`* BYE Session invalidated - AccessTokenExpired`) or a server goes into maintenance.
   */
  async kick(mailbox: string): Promise<void> {
    await execFileAsync('doveadm', ['-c', this.configPath, 'kick', mailbox.toLowerCase()]);
  }

  /**
   * Kill -9 the whole server, as a crash or a pulled plug would: sessions die without a BYE.
   * `relaunch()` brings it back on the same ports with the same mail.
   */
  async kill(): Promise<void> {
    const child = this.child;
    if (child?.pid === undefined) return;
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
    await this.stop();
  }

  /** Starts the server again after stop() or kill(), on the ports it had: clients reconnect as they would after a restart. */
  async relaunch(): Promise<void> {
    if (this.child) throw new Error('dovecot is running');
    await this.launch();
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (child?.pid !== undefined) {
      const pgid = child.pid;
      if (child.exitCode === null && child.signalCode === null) {
        try {
          // The whole group at once: the master alone takes ~3 s (it waits on its children's
          // shutdown one by one); with every process told together it is ~0.1 s (measured).
          process.kill(-pgid, 'SIGTERM');
        } catch {
          // already gone
        }
        const timeout = sleep(5000).then(() => 'timeout' as const);
        if ((await Promise.race([this.exited.then(() => 'exited' as const), timeout])) === 'timeout') {
          try {
            process.kill(-pgid, 'SIGKILL');
          } catch {
            // already gone
          }
          await this.exited;
        }
      }
      // The master is gone; its children notice on their own pipe and exit within moments.
      // Anything still in the group after that is a leak: kill it so the run stays clean.
      for (let i = 0; i < 100 && processGroupAlive(pgid); i++) await sleep(20);
      if (processGroupAlive(pgid)) process.kill(-pgid, 'SIGKILL');
    }
    await this.anvil?.close();
    this.anvil = undefined;
  }
}

function ensureOwned(dir: string, uid: number, gid: number): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chownTree(dir, uid, gid);
}

function chownTree(path: string, uid: number, gid: number): void {
  if (process.getuid?.() !== 0) return;
  const st = statSync(path);
  if (st.uid !== uid || st.gid !== gid) chownSync(path, uid, gid);
  if (st.isDirectory()) for (const e of readdirSync(path)) chownTree(join(path, e), uid, gid);
}

function readLogTail(path: string): string {
  try {
    return `\n--- dovecot.log ---\n${readFileSync(path, 'utf8').split('\n').slice(-30).join('\n')}`;
  } catch {
    return '';
  }
}
