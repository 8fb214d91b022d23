/**
 * Fixtures: the small seeds are what the app's sample mailbox and the scenario say they are; the
 * big seeds are built lazily, cached, and served from mdbox.
 */
import { ImapFlow } from 'imapflow';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTOSO, readerClaims, start, type Testbed } from '../../testbed/index';
import { msalAppToken } from '../../testbed/profiles';
import { bigMessage25mb, ensureBigSeed } from '../../testbed/fixtures/big';
import { SAMPLE_MAILBOX } from '../../testbed/fixtures/contoso';
import { diffSnapshots, encodeMutf7, isIdentical, snapshotMaildir } from '../../testbed/fixtures/maildir';
import { popLogin } from './wire';

/** Relative paths of all files under `dir`. */
function files(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string, rel: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(join(d, e.name), r);
      else out.push(r);
    }
  };
  walk(dir, '');
  return out.sort();
}

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('small fixtures, on disk', () => {
  it('encodes folder names in IMAP modified UTF-7 as Dovecot stores them', () => {
    expect(encodeMutf7('Équipe finance')).toBe('&AMk-quipe finance');
    expect(encodeMutf7('経理')).toBe('&fUx0Bg-');
    expect(encodeMutf7('Résolu')).toBe('R&AOk-solu');
    expect(encodeMutf7('A&B')).toBe('A&-B');
    expect(encodeMutf7('Sent Items')).toBe('Sent Items');
  });

  it('the byte-identity check sees flag renames, content changes and new folders, and ignores server state', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mailscope-testbed-check-'));
    try {
      const cur = join(dir, 'cur');
      for (const d of ['cur', 'new', 'tmp']) mkdirSync(join(dir, d));
      writeFileSync(join(cur, '1.M1P1.h,S=3:2,S'), 'abc');
      writeFileSync(join(cur, '2.M2P1.h,S=3:2,'), 'def');
      const seed = snapshotMaildir(dir);
      writeFileSync(join(dir, 'dovecot-uidlist'), '3 V1 N3\n');
      expect(isIdentical(diffSnapshots(seed, snapshotMaildir(dir)))).toBe(true);
      writeFileSync(join(cur, '2.M2P1.h,S=3:2,'), 'DEF');
      expect(diffSnapshots(seed, snapshotMaildir(dir)).changed).toEqual(['cur/2.M2P1.h,S=3:2,']);
      writeFileSync(join(cur, '2.M2P1.h,S=3:2,'), 'def');
      rmSync(join(cur, '1.M1P1.h,S=3:2,S'));
      writeFileSync(join(cur, '1.M1P1.h,S=3:2,FS'), 'abc');
      mkdirSync(join(dir, '.New'));
      expect(diffSnapshots(seed, snapshotMaildir(dir))).toEqual({
        missing: ['cur/1.M1P1.h,S=3:2,S'],
        added: ['cur/1.M1P1.h,S=3:2,FS'],
        changed: [],
        foldersMissing: [],
        foldersAdded: ['.New'],
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('seeded mailboxes in a running test bed', () => {
  let bed: Testbed;
  beforeAll(async () => {
    bed = await start({ bigSeeds: ['bench-1k'] });
  });
  afterAll(async () => {
    await bed?.stop();
  });

  it('invoices@ is the app’s sample mailbox, byte for byte, with ":2," names for Dovecot', () => {
    const sample = files(SAMPLE_MAILBOX).filter((f) => /\/(cur|new)\//.test(`/${f}`));
    const seeded = files(bed.maildir(CONTOSO.invoices)).filter((f) => /\/(cur|new)\//.test(`/${f}`));
    expect(sample.length).toBeGreaterThan(20);
    expect(seeded).toEqual(sample.map((f) => f.replace('!2,', ':2,')));
    for (const f of sample)
      expect(sha(join(bed.maildir(CONTOSO.invoices), f.replace('!2,', ':2,'))), f).toBe(
        sha(join(SAMPLE_MAILBOX, f)),
      );
  });

  it('every message file carries its exact size in S= (Dovecot’s POP3 relies on it)', () => {
    for (const mailbox of [CONTOSO.invoices, CONTOSO.alerts, CONTOSO.hr, CONTOSO.user.userPrincipalName]) {
      const root = bed.maildir(mailbox);
      for (const f of files(root).filter((p) => /,S=\d+/.test(p))) {
        expect(statSync(join(root, f)).size, `${mailbox} ${f}`).toBe(Number(/,S=(\d+)/.exec(f)?.[1]));
      }
    }
  });

  it('alerts@ has unread mail in new/, nested and international folders, and Exchange’s special folders', () => {
    const root = bed.maildir(CONTOSO.alerts);
    expect(readdirSync(join(root, 'new'))).toHaveLength(5);
    const folders = readdirSync(root)
      .filter((d) => d.startsWith('.'))
      .sort();
    expect(folders).toEqual(
      [
        '.Alerts.Critical',
        '.Alerts.R&AOk-solu',
        '.Archive',
        '.Deleted Items',
        '.Drafts',
        '.Junk Email',
        // The triage fixtures: a phishing report, risky attachments, an ARC chain.
        '.Phish reports',
        // The hostile-input folder: a NUL in an HTML body.
        '.Quarantine',
        '.Sent Items',
      ].sort(),
    );
  });

  it('bench-1k is an mdbox INBOX of 1,000 messages that opens over IMAP, and the newest envelope is right', async () => {
    const mailbox = bed.bigSeedMailboxes['bench-1k'];
    expect(mailbox).toBe('bench-1k@contoso.example');
    const token = await msalAppToken(bed);
    const client = new ImapFlow({
      host: bed.imap.host,
      port: bed.imap.tlsPort,
      secure: true,
      auth: { user: mailbox!, accessToken: token },
      tls: { ca: [bed.ca.pem] },
      logger: false,
    });
    await client.connect();
    try {
      const box = await client.mailboxOpen('INBOX', { readOnly: true });
      expect(box.exists).toBe(1000);
      const newest = await client.fetchOne('*', { envelope: true });
      expect(newest && newest.envelope?.subject).toBe(
        'Invoice 100999 for order ' + String((999 * 7919) % 1000003),
      );
    } finally {
      await client.logout();
    }
    // Served from a private copy: the cached seed is not Dovecot's working directory.
    expect(readFileSync(bed.dovecot!.configPath, 'utf8')).not.toContain('.cache');
  });
});

describe('big seeds: lazy and cached', () => {
  it('a cached seed is reused: the second request builds nothing', async () => {
    const first = await ensureBigSeed('bench-1k');
    const second = await ensureBigSeed('bench-1k');
    expect(second.cacheDir).toBe(first.cacheDir);
    expect(second.buildMs).toBe(0);
    expect(existsSync(join(second.cacheDir, 'mdbox', 'storage'))).toBe(true);
  });

  it('the 25 MB message has 20 attachments', () => {
    const a = bigMessage25mb();
    expect(a.length).toBeGreaterThan(25_000_000);
    expect(a.length).toBeLessThan(27_000_000);
    expect(
      a.toString('latin1').match(/Content-Disposition: attachment; filename="scan-\d\d\.pdf"/g),
    ).toHaveLength(20);
  });

  // The 100,000-message seed takes 20-30 s to build the first time, then it is cached; CI builds it
  // once, and the benchmarks reuse it.
  it('bench-100k and pop3-10k serve 100,000 and 10,000 messages', { timeout: 600_000 }, async () => {
    const bed = await start({ bigSeeds: ['bench-100k', 'pop3-10k', 'msg-25mb'] });
    try {
      const token = await bed.identity.mintAccessToken({
        claims: readerClaims(['IMAP.AccessAsApp', 'POP.AccessAsApp']),
        lifetimeSeconds: 600,
      });
      const client = new ImapFlow({
        host: bed.imap.host,
        port: bed.imap.tlsPort,
        secure: true,
        auth: { user: bed.bigSeedMailboxes['bench-100k']!, accessToken: token },
        tls: { ca: [bed.ca.pem] },
        logger: false,
      });
      await client.connect();
      expect((await client.mailboxOpen('INBOX', { readOnly: true })).exists).toBe(100_000);
      await client.logout();
      const { reply, client: pop } = await popLogin(
        { host: bed.pop3.host, port: bed.pop3.tlsPort, ca: bed.ca.pem },
        bed.bigSeedMailboxes['pop3-10k']!,
        token,
        'initial-response',
      );
      expect(reply).toMatch(/^\+OK/);
      pop.send('STAT');
      expect(await pop.line()).toMatch(/^\+OK 10000 \d+$/);
      pop.close();
    } finally {
      await bed.stop();
    }
  });
});
