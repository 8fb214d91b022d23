/**
 * start()/stop(): fast, loopback only, and nothing left behind.
 */
import { ImapFlow } from 'imapflow';
import { existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { spawn } from 'node:child_process';
import net from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CONTOSO, readerClaims, reapOrphans, start } from '../../testbed/index';
import { msalAppToken } from '../../testbed/profiles';
import { imapLogin, LineClient } from './wire';

/** Listening TCP sockets (IPv4 and IPv6) of the given processes, as "address:port". */
function listeningSockets(pids: number[]): string[] {
  const inodes = new Set<string>();
  for (const pid of pids) {
    let fds: string[] = [];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
        if (m?.[1]) inodes.add(m[1]);
      } catch {
        // fd closed meanwhile
      }
    }
  }
  const out: string[] = [];
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      const [local, state, inode] = [f[1], f[3], f[9]];
      if (!local || state !== '0A' || !inode || !inodes.has(inode)) continue; // 0A = LISTEN
      const [hex = '', portHex = '0'] = local.split(':');
      const port = parseInt(portHex, 16);
      const address =
        hex.length === 8
          ? [3, 2, 1, 0].map((i) => parseInt(hex.slice(i * 2, i * 2 + 2), 16)).join('.')
          : hex === '00000000000000000000000001000000'
            ? '::1'
            : `[v6 ${hex}]`;
      out.push(`${address}:${port}`);
    }
  }
  return out;
}

/**
 * Live pids whose process group is `pgid` (Dovecot's master and all its children). Zombies are
 * dead already: an orphaned master is reparented to pid 1, which in a container may never reap it.
 */
function groupPids(pgid: number): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) === pgid && fields[0] !== 'Z') pids.push(Number(entry));
    } catch {
      // exited meanwhile
    }
  }
  return pids;
}

function refused(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host, port });
    s.once('connect', () => {
      s.destroy();
      resolve(false);
    });
    s.once('error', () => resolve(true));
  });
}

describe('lifecycle', () => {
  it('starts in under 10 s, binds only loopback, and stop() leaves no process, port or temp folder', async () => {
    const t0 = performance.now();
    const bed = await start({ exchangeReplies: true });
    const startMs = performance.now() - t0;
    let stopped = false;
    try {
      expect(startMs).toBeLessThan(10_000);
      const pgid = bed.dovecot?.pid;
      expect(pgid).toBeGreaterThan(0);
      // A login makes Dovecot spawn its login, auth and imap processes, which must all go at stop().
      const token = await bed.identity.mintAccessToken({
        claims: readerClaims(['IMAP.AccessAsApp']),
        lifetimeSeconds: 600,
      });
      const session = await imapLogin(
        { host: bed.imap.host, port: bed.imap.tlsPort, ca: bed.ca.pem },
        CONTOSO.invoices,
        token,
      );
      expect(session.reply).toMatch(/^a1 OK/);
      const dovecotPids = groupPids(pgid!);
      expect(dovecotPids.length).toBeGreaterThanOrEqual(4);
      const sockets = listeningSockets([...dovecotPids, process.pid]);
      const ours = [
        bed.imap.port,
        bed.imap.tlsPort,
        bed.pop3.port,
        bed.pop3.tlsPort,
        Number(bed.identity.host.split(':')[1]),
        bed.exchange!.imapPort,
        bed.exchange!.pop3Port,
      ];
      for (const port of ours)
        expect(
          sockets.some((s) => s.endsWith(`:${port}`)),
          `port ${port} listening`,
        ).toBe(true);
      for (const s of sockets)
        expect(s, 'listens on loopback only').toMatch(/^(127\.\d+\.\d+\.\d+|::1):\d+$/);
      expect(existsSync(bed.root)).toBe(true);
      const summary = bed.summary();
      expect(summary).toContain(`${bed.imap.host}:${bed.imap.tlsPort}`);
      expect(summary).toContain(CONTOSO.readerClientId);
      expect(summary).not.toContain(CONTOSO.readerSecret.value);

      // Stop with a session still open: stop() must not wait for clients to leave.
      await bed.stop();
      stopped = true;
      session.client.close();
      expect(groupPids(pgid!)).toEqual([]);
      expect(existsSync(bed.root)).toBe(false);
      for (const port of [bed.imap.port, bed.imap.tlsPort, bed.pop3.port, bed.pop3.tlsPort])
        expect(await refused(bed.imap.host, port)).toBe(true);
      expect(await refused('127.0.0.1', Number(bed.identity.host.split(':')[1]))).toBe(true);
    } finally {
      if (!stopped) await bed.stop();
    }
  });

  it('a failed start cleans up after itself', async () => {
    // Dovecot refuses to start on an unknown setting: start() must reject and undo what it did.
    const outcome = await start({ dovecotExtraConfig: 'no_such_setting = 1' }).then(
      async (bed) => {
        await bed.stop(); // never leak a bed, even when this test fails
        return new Error('start() succeeded');
      },
      (e: unknown) => e,
    );
    expect(String(outcome)).toMatch(/no_such_setting/);
    const root = /cleaned up (\S+)\)/.exec(String(outcome))?.[1];
    expect(root).toMatch(/mailscope-testbed-/);
    expect(existsSync(root!)).toBe(false);
  });

  it('a bed whose process was killed (no stop()) is reaped by the next start()', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(dirname(fileURLToPath(import.meta.url)), 'orphan-child.ts')],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const first = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('\n')) resolve(out.split('\n')[0] ?? '');
      });
      child.once('exit', (code) => reject(new Error(`child exited ${code}`)));
    });
    const { root, dovecotPid } = JSON.parse(first) as { root: string; dovecotPid: number };
    expect(groupPids(dovecotPid).length).toBeGreaterThan(0);
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    // The orphan is still there until someone reaps it...
    expect(existsSync(root)).toBe(true);
    expect(reapOrphans()).toContain(root);
    expect(existsSync(root)).toBe(false);
    for (let i = 0; i < 50 && groupPids(dovecotPid).length; i++) await new Promise((r) => setTimeout(r, 20));
    expect(groupPids(dovecotPid)).toEqual([]);
  });

  it('Exchange-like SASL (XOAUTH2 only): imapflow falls back from OAUTHBEARER to XOAUTH2', async () => {
    const bed = await start({ saslMechanisms: ['xoauth2'] });
    try {
      const greeting = await LineClient.connect(bed.imap.host, bed.imap.tlsPort, {
        tls: true,
        ca: bed.ca.pem,
      });
      const line = await greeting.line();
      greeting.close();
      expect(line).toContain('AUTH=XOAUTH2');
      expect(line).not.toContain('AUTH=OAUTHBEARER');

      const token = await msalAppToken(bed);
      const client = new ImapFlow({
        host: bed.imap.host,
        port: bed.imap.tlsPort,
        secure: true,
        auth: { user: CONTOSO.invoices, accessToken: token },
        tls: { ca: [bed.ca.pem] },
        logger: false,
      });
      await client.connect();
      const paths = (await client.list()).map((f) => f.path);
      await client.logout();
      expect(paths).toContain('Invoices/Paid');
      expect(readFileSync(bed.dovecot!.logPath, 'utf8')).toMatch(/method=XOAUTH2/);
    } finally {
      await bed.stop();
    }
  });
});
