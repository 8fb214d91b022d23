/**
 * The POP3 client against the test bed's real Dovecot: TLS both ways, the three SASL forms, a
 * 10,000-message maildrop listed in pages, the 25 MB message streamed, and byte-exact RETR of every
 * message of a seeded mailbox. After it all, every fixture mailbox is byte-identical to its seed.
 */
import { createHash } from 'node:crypto';
import net from 'node:net';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AuthenticateOptions,
  type Pop3ConnectOptions,
  Pop3Client,
} from '../../../electron/core/pop3/pop3-client';
import { openPop3Source } from '../../../electron/core/pop3/pop3-source';
import type { TokenSource } from '../../../electron/core/auth/token-provider';
import { Profile } from '../../../shared/profile';
import { bigMessage25mb } from '../../testbed/fixtures/big';
import { CONTOSO, readerClaims, start, type Testbed } from '../../testbed/index';
import { expectUntouched } from '../untouched';

const JUNK_AS_INBOX = '127.0.0.4';
let bed: Testbed;
let token: string;
const sent: string[] = [];
const clients: Pop3Client[] = [];

beforeAll(async () => {
  bed = await start({
    bigSeeds: ['pop3-10k', 'msg-25mb'],
    // POP3 sees only INBOX, and no INBOX fixture has a line starting with a dot; invoices@'s
    // "Junk Email" has one. Sessions from 127.0.0.4 get that folder as their maildrop.
    dovecotExtraConfig: `remote ${JUNK_AS_INBOX} {\n  mail_location = maildir:~/Maildir:INBOX=~/Maildir/.Junk Email\n}\n`,
  });
  token = await bed.identity.mintAccessToken({
    claims: readerClaims(['IMAP.AccessAsApp', 'POP.AccessAsApp']),
    lifetimeSeconds: 600,
  });
});

afterAll(async () => {
  for (const c of clients) c.close();
  if (!bed) return;
  try {
    // DESIGN.md §3: the suite changed nothing, and never asked to.
    expectUntouched(bed, [CONTOSO.invoices, CONTOSO.alerts, CONTOSO.hr, CONTOSO.user.userPrincipalName]);
    expect(sent.length).toBeGreaterThan(50);
    expect(sent.filter((line) => /^DELE\b/i.test(line))).toEqual([]);
  } finally {
    await bed.stop();
  }
});

async function open(
  mailbox: string,
  connect: Partial<Pop3ConnectOptions> = {},
  auth: Partial<AuthenticateOptions> = {},
): Promise<Pop3Client> {
  const client = await Pop3Client.connect({
    host: bed.pop3.host,
    port: bed.pop3.tlsPort,
    tls: 'implicit',
    ca: bed.ca.pem,
    onSend: (line) => sent.push(line),
    ...connect,
  });
  clients.push(client);
  await client.authenticate({ user: mailbox, accessToken: token, ...auth });
  return client;
}

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function retrBytes(client: Pop3Client, n: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of await client.retr(n)) parts.push(chunk);
  return Buffer.concat(parts);
}

describe('POP3 client against Dovecot', () => {
  it('POP3S (995-style) with XOAUTH2 in the two-step form', async () => {
    const client = await open(CONTOSO.invoices);
    expect(client.capa.has('PIPELINING')).toBe(true);
    expect((await client.stat()).count).toBeGreaterThan(20);
    await client.quit();
    expect(sent).toContain('AUTH XOAUTH2');
  });

  it('STLS on the plain port with XOAUTH2 as an initial response', async () => {
    const client = await open(
      CONTOSO.invoices,
      { port: bed.pop3.port, tls: 'starttls' },
      { initialResponse: true },
    );
    expect((await client.stat()).count).toBeGreaterThan(20);
    await client.quit();
    expect(sent).toContain('AUTH XOAUTH2 <redacted>');
  });

  it('OAUTHBEARER', async () => {
    const client = await open(CONTOSO.alerts, {}, { mechanism: 'OAUTHBEARER' });
    expect((await client.stat()).count).toBe(30);
    await client.quit();
  });

  it('a valid token without a grant on the mailbox: the -ERR and the decoded JSON of the continuation', async () => {
    const error = await open(CONTOSO.hr, { localAddress: '127.0.0.3' }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      kind: 'auth',
      code: 'MAIL_AUTH_FAILED',
      serverText: '-ERR [AUTH] Authentication failed.',
      saslError: { status: '401', schemes: 'bearer', scope: 'mail' },
    });
  });

  it('refuses a server certificate it cannot verify', async () => {
    await expect(
      Pop3Client.connect({ host: bed.pop3.host, port: bed.pop3.tlsPort, tls: 'implicit' }),
    ).rejects.toMatchObject({ kind: 'tls' });
    await expect(
      Pop3Client.connect({ host: bed.pop3.host, port: bed.pop3.port, tls: 'starttls' }),
    ).rejects.toMatchObject({ kind: 'tls' });
  });

  it('RETR and TOP of every message of invoices@ equal the seeded files byte for byte', async () => {
    const root = bed.maildir(CONTOSO.invoices);
    const seeded = ['cur', 'new'].flatMap((d) =>
      readdirSync(join(root, d)).map((f) => readFileSync(join(root, d, f))),
    );
    const client = await open(CONTOSO.invoices);
    const list = await client.list();
    expect(list).toHaveLength(seeded.length);
    const got: Buffer[] = [];
    for (const { n, size } of list) {
      const bytes = await retrBytes(client, n);
      expect(bytes.length, `message ${n}`).toBe(size);
      got.push(bytes);
    }
    expect(got.map(sha).sort()).toEqual(seeded.map(sha).sort());
    // Headers: TOP n 0 is the seeded header block, blank line included.
    const tops = await Promise.all(list.map(({ n }) => client.top(n, 0)));
    tops.forEach((top, i) => expect(got[i]!.subarray(0, top.length).equals(top), `TOP ${i + 1}`).toBe(true));
    await client.quit();
  });

  it('lines starting with a dot come back exactly (byte-compare with the seeded files)', async () => {
    const dir = join(bed.maildir(CONTOSO.invoices), '.Junk Email', 'cur');
    const seeded = readdirSync(dir).map((f) => readFileSync(join(dir, f)));
    const withDots = seeded.filter((m) => /(^|\n)\./.test(m.toString('latin1')));
    expect(withDots.length).toBeGreaterThan(0);
    const client = await open(CONTOSO.invoices, { localAddress: JUNK_AS_INBOX });
    const { count } = await client.stat();
    expect(count).toBe(seeded.length);
    const got: Buffer[] = [];
    for (let n = 1; n <= count; n++) got.push(await retrBytes(client, n));
    expect(got.map(sha).sort()).toEqual(seeded.map(sha).sort());
    expect(got.map(sha)).toEqual(expect.arrayContaining(withDots.map(sha)));
    await client.quit();
  });

  it('lists the 10,000-message maildrop in pages: UIDL, then TOP of the newest 50, then the next 50', async () => {
    const client = await open(bed.bigSeedMailboxes['pop3-10k']!);
    const uids = await client.uidl();
    expect(uids).toHaveLength(10_000);
    expect(new Set(uids.map((u) => u.uid)).size).toBe(10_000);
    for (const page of [0, 1]) {
      const numbers = Array.from({ length: 50 }, (_, i) => 10_000 - page * 50 - i);
      const headers = await Promise.all(numbers.map((n) => client.top(n, 0)));
      headers.forEach((h, i) => {
        const index = numbers[i]! - 1;
        expect(h.toString('latin1')).toContain(
          `Subject: Invoice ${100000 + index} for order ${(index * 7919) % 1000003}\r\n`,
        );
        expect(h.subarray(-4).toString()).toBe('\r\n\r\n');
      });
    }
    await client.quit();
  });

  it('streams the 25 MB message: many small chunks, the exact seeded bytes', async () => {
    const expected = bigMessage25mb();
    const client = await open(bed.bigSeedMailboxes['msg-25mb']!);
    expect(await client.stat()).toEqual({ count: 1, size: expected.length });
    const body = await client.retr(1);
    expect(body.size).toBe(expected.length);
    const hash = createHash('sha256');
    let chunks = 0;
    let largest = 0;
    let total = 0;
    for await (const chunk of body) {
      hash.update(chunk);
      chunks++;
      total += chunk.length;
      largest = Math.max(largest, chunk.length);
    }
    expect(total).toBe(expected.length);
    expect(hash.digest('hex')).toBe(sha(expected));
    expect(chunks).toBeGreaterThan(100);
    expect(largest).toBeLessThan(expected.length / 100);
    await client.quit();
  });
});

/** Plain TCP forwarder to Dovecot's POP3S whose connections a test can cut (a dropped session). */
async function cuttableForwarder(): Promise<{ port: number; cut(): void; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((inbound) => {
    const outbound = net.connect({ host: bed.pop3.host, port: bed.pop3.tlsPort });
    for (const [a, b] of [
      [inbound, outbound],
      [outbound, inbound],
    ] as const) {
      sockets.add(a);
      a.pipe(b);
      a.on('error', () => b.destroy());
      a.on('close', () => {
        sockets.delete(a);
        b.destroy();
      });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    cut: () => sockets.forEach((s) => s.destroy()),
    close: async () => {
      sockets.forEach((s) => s.destroy());
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function pop3Profile(mailbox: string, host: string, port: number): Profile {
  const now = new Date().toISOString();
  return Profile.parse({
    id: '00000000-0000-4000-8000-000000000003',
    name: 'POP3 test',
    mailbox,
    protocol: 'pop3',
    server: { host, port, tlsMode: 'implicit' },
    cloud: {
      kind: 'custom',
      authorityHost: new URL(bed.identity.authority('contoso')).host,
      exchangeHost: 'outlook.office365.com',
    },
    tenant: CONTOSO.tenantId,
    clientId: CONTOSO.readerClientId,
    credential: 'client-secret',
    createdAt: now,
    updatedAt: now,
  });
}

describe('Pop3Source against Dovecot', () => {
  const tokens: TokenSource = {
    getToken: () =>
      Promise.resolve({
        accessToken: token,
        expiresOn: new Date(Date.now() + 600_000),
        fingerprint: 'test',
        fromCache: false,
      }),
  };

  it('one Inbox, newest first, headers cached by UIDL across refresh, messages open, drops survived', async () => {
    const forwarder = await cuttableForwarder();
    const lines: string[] = [];
    const source = openPop3Source(
      pop3Profile(bed.bigSeedMailboxes['pop3-10k']!, '127.0.0.1', forwarder.port),
      {
        tokens,
        trust: { ca: bed.ca.pem },
        client: { onSend: (line) => lines.push(line) },
      },
    );
    try {
      expect(source.kind).toBe('pop3');
      const [inbox] = await source.listFolders();
      expect(inbox).toMatchObject({ id: 'inbox', name: 'Inbox', role: 'inbox', total: 10_000 });
      const page = await source.listEnvelopes('inbox', 0, 50);
      expect(page.total).toBe(10_000);
      expect(page.items).toHaveLength(50);
      expect(page.items[0]).toMatchObject({
        subject: 'Invoice 109999 for order ' + String((9999 * 7919) % 1000003),
      });
      expect(page.items[49]!.subject).toMatch(/^Invoice 109950 /);
      const tops = () => lines.filter((l) => l.startsWith('TOP ')).length;
      expect(tops()).toBe(50);

      await source.refresh();
      await source.listEnvelopes('inbox', 0, 50);
      expect(tops()).toBe(50); // nothing new: every header came from the cache
      expect(lines.filter((l) => l === 'UIDL')).toHaveLength(2);

      expect(
        (await source.search('inbox', { text: 'invoice 109990' }, 0, 10)).items.map((e) => e.subject),
      ).toEqual([expect.stringMatching(/^Invoice 109990 /)]);

      forwarder.cut(); // the session drops: the next call reconnects once and goes on
      const view = await source.getMessage('inbox', page.items[0]!.id);
      expect(view.subject).toBe(page.items[0]!.subject);
      expect(view.text).toContain('Message 9999.');
      // First session, the refresh's, and the one that replaced the cut one.
      expect(lines.filter((l) => l === 'AUTH XOAUTH2')).toHaveLength(3);
      await expect(source.getRaw('inbox', 'no-such-uid')).rejects.toMatchObject({ code: 'UNKNOWN_MESSAGE' });
      await expect(source.listEnvelopes('Sent', 0, 10)).rejects.toMatchObject({ code: 'UNKNOWN_FOLDER' });
    } finally {
      await source.close();
      await forwarder.close();
    }
    expect(lines.filter((l) => l === 'QUIT').length).toBeGreaterThan(0);
  });

  it('getRaw of the 25 MB message is the seeded bytes', async () => {
    const source = openPop3Source(
      pop3Profile(bed.bigSeedMailboxes['msg-25mb']!, bed.pop3.host, bed.pop3.tlsPort),
      {
        tokens,
        trust: { ca: bed.ca.pem },
      },
    );
    try {
      const [envelope] = (await source.listEnvelopes('inbox', 0, 1)).items;
      expect(envelope).toMatchObject({ subject: 'Scanned documents (20 attachments)', hasAttachments: true });
      expect(sha(await source.getRaw('inbox', envelope!.id))).toBe(sha(bigMessage25mb()));
    } finally {
      await source.close();
    }
  });
});
