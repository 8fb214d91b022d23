import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';

/**
 * `npm run demo` from the README: it starts the test bed and the app, prints where, and on Ctrl-C
 * (SIGINT) stops everything, leaving no process and no temp folder behind.
 */

function descendants(root: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(Number(entry), ppid);
    } catch {
      // The process ended while we looked.
    }
  }
  const found: number[] = [];
  const visit = (pid: number) => {
    for (const [child, parent] of parents) {
      if (parent === pid) {
        found.push(child);
        visit(child);
      }
    }
  };
  visit(root);
  return found;
}

function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/\) Z /.test(stat);
  } catch {
    return false;
  }
}

describe('npm run demo', () => {
  it(
    'starts the test bed and the app, serves the UI, and stops cleanly on SIGINT',
    { timeout: 90_000 },
    async () => {
      const demo = spawn(process.execPath, ['scripts/demo.mjs', '--no-build'], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      demo.stdout.on('data', (chunk) => (output += chunk));
      demo.stderr.on('data', (chunk) => (output += chunk));
      const exited = new Promise<number | null>((resolve) => demo.on('exit', (code) => resolve(code)));

      await expect
        .poll(() => /Mailscope demo: (http:\S+)/.exec(output)?.[1], { timeout: 60_000 })
        .toBeTruthy();
      const url = /Mailscope demo: (http:\S+)/.exec(output)![1]!;
      const root = /Test bed in (\S+)/.exec(output)![1]!;
      expect(output).toMatch(/IMAP\s+127\.0\.0\.2:\d+ \(TLS\)/);
      expect(output).toMatch(/POP3\s+127\.0\.0\.2:\d+ \(TLS\)/);
      expect(output).toMatch(/Identity\s+https:\/\/127\.0\.0\.1:\d+/);
      expect(existsSync(root)).toBe(true);

      const profilesDir = /Demo profiles in (\S+)/.exec(output)![1]!;
      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<title>Mailscope</title>');

      // The demo opens with its profiles ready, and the working one connects.
      const { origin, hash } = new URL(url);
      const token = new URLSearchParams(hash.slice(1)).get('token')!;
      const socket = new WebSocket(`${origin.replace('http', 'ws')}/api?token=${token}`, {
        headers: { origin },
      });
      await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
      const ask = <T>(id: number, method: string, payload: unknown) =>
        new Promise<T>((resolve) => {
          const onMessage = (data: unknown) => {
            const frame = JSON.parse(String(data)) as { id: number; result: { value: T } };
            if (frame.id !== id) return;
            socket.off('message', onMessage);
            resolve(frame.result.value);
          };
          socket.on('message', onMessage);
          socket.send(JSON.stringify({ id, method, payload }));
        });
      const list = await ask<{ profiles: { id: string; name: string }[] }>(1, 'profiles.list', {});
      expect(list.profiles.map((p) => p.name).sort()).toEqual([
        'Alerts (certificate)',
        'Alerts (signed in as a person)',
        'HR (no FullAccess)',
        'HR (signed in as a person)',
        'Invoices (Secret ID pasted)',
        'Invoices (client secret)',
      ]);
      const working = list.profiles.find((p) => p.name === 'Invoices (client secret)')!;
      expect((await ask<{ ok: boolean }>(2, 'diagnostics.run', { profileId: working.id })).ok).toBe(true);
      socket.close();

      const processes = descendants(demo.pid!);
      expect(processes.length).toBeGreaterThan(2); // tsx, Dovecot and its children at least
      demo.kill('SIGINT');
      expect(await exited).toBe(0);

      expect(processes.filter(alive)).toEqual([]);
      expect(existsSync(root)).toBe(false);
      expect(existsSync(profilesDir)).toBe(false);
      await expect(fetch(url)).rejects.toThrow();
      expect(output).toContain('stopped; nothing left running');
    },
  );
});
