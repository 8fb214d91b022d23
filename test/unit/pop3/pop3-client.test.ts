import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../electron/core/common/app-error';
import { Pop3Error } from '../../../electron/core/pop3/errors';
import { type Pop3ConnectOptions, Pop3Client } from '../../../electron/core/pop3/pop3-client';
import { createCa, issueServerCert } from '../../testbed/pki';
import { type Fake, type FakeOptions, GOOD_TOKEN, startFake } from './fake-server';

const USER = 'invoices@contoso.example';

function message(i: number, body = `Body of message ${i}.\r\n`): Buffer {
  return Buffer.from(
    `From: Billing <billing@fabrikam.example>\r\nSubject: Invoice ${i}\r\nMessage-ID: <m${i}@x>\r\n\r\n${body}`,
    'utf8',
  );
}

const DOTS = Buffer.from(
  'From: a@contoso.example\r\nSubject: Zürich € dots\r\n\r\n.leading\r\n..two\r\n.\r\n...\r\n.\rx\r\nend\r\n',
  'utf8',
);

const MESSAGES = [message(1), message(2), DOTS, message(4)];

/** Every byte any client wrote to any fake server in this file: the read-only guard checks it. */
const allWritten: string[] = [];
const fakes: Fake[] = [];
const clients: Pop3Client[] = [];

async function fake(options: Partial<FakeOptions> = {}): Promise<Fake> {
  const f = await startFake({ messages: MESSAGES, ...options });
  fakes.push(f);
  return f;
}

async function connect(f: Fake, options: Partial<Pop3ConnectOptions> = {}): Promise<Pop3Client> {
  const client = await Pop3Client.connect({ host: f.host, port: f.port, tls: 'none', ...options });
  clients.push(client);
  return client;
}

async function signedIn(f: Fake, options: Partial<Pop3ConnectOptions> = {}): Promise<Pop3Client> {
  const client = await connect(f, options);
  await client.authenticate({ user: USER, accessToken: GOOD_TOKEN });
  return client;
}

async function bytesOf(
  stream: AsyncIterable<Buffer>,
): Promise<{ bytes: Buffer; chunks: number; largest: number }> {
  const parts: Buffer[] = [];
  let largest = 0;
  for await (const c of stream) {
    parts.push(Buffer.from(c));
    largest = Math.max(largest, c.length);
  }
  return { bytes: Buffer.concat(parts), chunks: parts.length, largest };
}

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  for (const f of fakes.splice(0)) {
    allWritten.push(f.raw());
    await f.close();
  }
});

afterAll(() => {
  // DESIGN.md §3: whatever the tests did, DELE never reached a server.
  expect(allWritten.join('')).not.toMatch(/DELE/i);
  expect(allWritten.length).toBeGreaterThan(10);
});

describe('Pop3Client against a scripted server', () => {
  it('reads CAPA, signs in, and answers STAT, LIST, UIDL, TOP and RETR byte-exactly', async () => {
    const f = await fake();
    const client = await signedIn(f);
    expect(client.capa.get('SASL')).toEqual(['XOAUTH2', 'OAUTHBEARER']);
    expect(client.isPipelining).toBe(true);
    expect(await client.stat()).toEqual({ count: 4, size: MESSAGES.reduce((s, m) => s + m.length, 0) });
    expect(await client.list()).toEqual(MESSAGES.map((m, i) => ({ n: i + 1, size: m.length })));
    expect(await client.list(3)).toEqual({ n: 3, size: DOTS.length });
    expect(await client.uidl()).toEqual(MESSAGES.map((_, i) => ({ n: i + 1, uid: `uid-${i + 1}` })));
    expect(await client.uidl(2)).toEqual({ n: 2, uid: 'uid-2' });
    expect((await client.top(3, 0)).toString('utf8')).toBe(
      'From: a@contoso.example\r\nSubject: Zürich € dots\r\n\r\n',
    );
    expect((await client.top(3, 2)).toString('utf8')).toMatch(/\r\n\r\n\.leading\r\n\.\.two\r\n$/);
    const body = await client.retr(3);
    expect(body.size).toBe(DOTS.length);
    expect((await bytesOf(body)).bytes.equals(DOTS)).toBe(true);
    await client.rset();
    await client.noop();
    await client.quit();
    expect(f.received.slice(-3)).toEqual(['RSET', 'NOOP', 'QUIT']);
  });

  it('has no way to delete: no DELE method, and the wire layer refuses non-read-only verbs', () => {
    const proto = Pop3Client.prototype as unknown as Record<string, unknown>;
    for (const name of ['dele', 'DELE', 'delete', 'remove', 'user', 'pass', 'apop', 'command', 'send'])
      expect(proto[name], name).toBeUndefined();
  });

  it('the wire layer refuses DELE (and anything not read-only) even from inside the class', async () => {
    const f = await fake();
    const client = await signedIn(f);
    const exec = (
      client as unknown as { exec(c: { wire: string; expect: 'line' }): Promise<unknown> }
    ).exec.bind(client);
    for (const wire of ['DELE 1', 'dele 1', 'USER x', 'PASS y', 'NOOP\r\nDELE 1'])
      await expect(exec({ wire, expect: 'line' }), wire).rejects.toMatchObject({ code: 'INTERNAL' });
    await client.noop();
    expect(f.raw()).not.toMatch(/DELE|USER|PASS/);
  });

  it('XOAUTH2 defaults to the two-step form Microsoft documents: AUTH XOAUTH2, +, then the blob', async () => {
    const f = await fake();
    await signedIn(f);
    const i = f.received.indexOf('AUTH XOAUTH2');
    expect(i).toBeGreaterThan(0);
    expect(Buffer.from(f.received[i + 1]!, 'base64').toString()).toBe(
      `user=${USER}\x01auth=Bearer ${GOOD_TOKEN}\x01\x01`,
    );
  });

  it('XOAUTH2 with the initial response on the AUTH line, and OAUTHBEARER, when asked', async () => {
    const f = await fake();
    const a = await connect(f);
    await a.authenticate({ user: USER, accessToken: GOOD_TOKEN, initialResponse: true });
    const b = await connect(f);
    await b.authenticate({ user: USER, accessToken: GOOD_TOKEN, mechanism: 'OAUTHBEARER' });
    const ir = f.received.find((l) => l.startsWith('AUTH XOAUTH2 '));
    expect(Buffer.from(ir!.slice('AUTH XOAUTH2 '.length), 'base64').toString()).toContain(
      `auth=Bearer ${GOOD_TOKEN}`,
    );
    const ob = f.received[f.received.indexOf('AUTH OAUTHBEARER') + 1]!;
    expect(Buffer.from(ob, 'base64').toString()).toBe(`n,a=${USER},\x01auth=Bearer ${GOOD_TOKEN}\x01\x01`);
  });

  it('the failure continuation: answers + <base64 JSON> with an empty line and reports the decoded JSON', async () => {
    const f = await fake({ authFailure: 'dovecot' });
    for (const initialResponse of [false, true]) {
      const client = await connect(f);
      const error = await client
        .authenticate({ user: USER, accessToken: 'expired', initialResponse })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Pop3Error);
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({
        kind: 'auth',
        code: 'MAIL_AUTH_FAILED',
        responseCode: 'AUTH',
        serverText: '-ERR [AUTH] Authentication failed.',
        saslError: { status: '401', schemes: 'bearer', scope: 'mail' },
      });
      expect((error as Error).message).toContain('"status":"401"');
      expect((error as Error).message).not.toContain('expired');
    }
    expect(f.stats.errorAcks).toEqual(['', '']);
  });

  it('OAUTHBEARER failure: answers the error challenge with AQ== (RFC 7628)', async () => {
    const f = await fake({ authFailure: 'dovecot' });
    const client = await connect(f);
    const error = await client
      .authenticate({ user: USER, accessToken: 'bad', mechanism: 'OAUTHBEARER' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'auth', saslError: { status: 'invalid_token' } });
    expect(f.stats.errorAcks).toEqual(['AQ==']);
  });

  it('Exchange Online’s refusal and throttling texts become typed errors', async () => {
    const refused = await connect(await fake({ authFailure: 'exchange' }));
    await expect(refused.authenticate({ user: USER, accessToken: 'x' })).rejects.toMatchObject({
      kind: 'auth',
      code: 'MAIL_AUTH_FAILED',
      serverText: '-ERR Authentication failure: unknown user name or bad password.',
    });
    const throttled = await connect(await fake({ authFailure: 'throttled' }));
    await expect(throttled.authenticate({ user: USER, accessToken: 'x' })).rejects.toMatchObject({
      kind: 'unavailable',
      serverText: '-ERR Server Unavailable. 21',
    });
    const f = await fake({ greeting: '-ERR Server Unavailable. 21' });
    await expect(connect(f)).rejects.toMatchObject({ kind: 'unavailable' });
  });

  it('refuses a mechanism the server does not offer, before sending anything', async () => {
    const f = await fake({ capa: ['TOP', 'UIDL', 'SASL PLAIN'] });
    const client = await connect(f);
    await expect(client.authenticate({ user: USER, accessToken: GOOD_TOKEN })).rejects.toMatchObject({
      kind: 'unsupported',
      code: 'UNSUPPORTED',
    });
    expect(f.received.some((l) => l.startsWith('AUTH'))).toBe(false);
  });

  it('-ERR to RETR or TOP is a MESSAGE_UNREADABLE error, and the session goes on', async () => {
    const client = await signedIn(await fake());
    await expect(client.retr(99)).rejects.toMatchObject({ kind: 'message', code: 'MESSAGE_UNREADABLE' });
    await expect(client.top(99, 0)).rejects.toMatchObject({ kind: 'message' });
    expect(await client.stat()).toMatchObject({ count: 4 });
  });

  it('every reply written one byte per write', async () => {
    const f = await fake({ split: (reply) => [...reply.keys()] });
    const client = await signedIn(f);
    expect(await client.uidl()).toHaveLength(4);
    expect((await bytesOf(await client.retr(3))).bytes.equals(DOTS)).toBe(true);
    const tops = await Promise.all([1, 2, 3, 4].map((n) => client.top(n, 0)));
    expect(tops[2]!.toString('utf8')).toContain('Zürich €');
  });

  it('a multi-line reply split at every possible position (pipelined replies around it)', async () => {
    let cut = 0;
    const f = await fake({ split: (reply) => (reply.includes('Zürich') ? [++cut] : []) });
    const client = await signedIn(f);
    const wire = 5 + DOTS.length + 6 + 3; // "+OK\r\n" + stuffed message (3 dots added) + ".\r\n"
    for (let i = 1; i < wire; i++) {
      // TOP and RETR pipelined; the RETR body must be read before later replies can be (they are
      // behind it on the wire), so UIDL waits for it.
      const [top, body] = await Promise.all([client.top(2, 0), client.retr(3)]);
      expect(top.toString()).toContain('Subject: Invoice 2');
      expect((await bytesOf(body)).bytes.equals(DOTS)).toBe(true);
      expect(await client.uidl(4)).toEqual({ n: 4, uid: 'uid-4' });
    }
    expect(cut).toBeGreaterThanOrEqual(wire - 1);
  });

  it('a slow server is fine as long as bytes keep coming within the reply timeout', async () => {
    const f = await fake({
      replyDelayMs: 120,
      split: (reply) => [1, 2, 3, reply.length - 2],
      splitPauseMs: 60,
    });
    const client = await signedIn(f, { replyTimeoutMs: 400 });
    expect((await bytesOf(await client.retr(3))).bytes.equals(DOTS)).toBe(true);
  });

  it('a server that stops mid-RETR: a typed timeout, then every call fails fast', async () => {
    const client = await signedIn(await fake({ hangDuringRetr: 2 }), { replyTimeoutMs: 200 });
    const body = await client.retr(2);
    const queued = client.stat();
    const error = await bytesOf(body).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'timeout', code: 'SERVER_TIMEOUT' });
    await expect(queued).rejects.toMatchObject({ kind: 'timeout' });
    await expect(client.noop()).rejects.toMatchObject({ kind: 'timeout' });
  });

  it('a connection dropped mid-RETR: the iteration throws a typed error, queued calls reject, nothing hangs', async () => {
    const big = message(9, 'x'.repeat(76).concat('\r\n').repeat(20_000));
    const f = await fake({ dropDuringRetr: { n: 1, afterBytes: 300_000 } });
    fakes.pop();
    await f.close();
    const g = await fake({ messages: [big], dropDuringRetr: { n: 1, afterBytes: 300_000 } });
    const client = await signedIn(g);
    const body = await client.retr(1);
    const queued = client.top(1, 0);
    let got = 0;
    const error = await (async () => {
      for await (const chunk of body) got += chunk.length;
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Pop3Error);
    expect(error).toMatchObject({ kind: 'closed' });
    expect(got).toBeGreaterThan(0);
    expect(got).toBeLessThan(big.length);
    await expect(queued).rejects.toMatchObject({ kind: 'closed' });
  });

  it('streams a big RETR in chunks that a consumer can pipe to a file', async () => {
    const big = message(7, 'y'.repeat(998).concat('\r\n').repeat(5_000));
    const client = await signedIn(await fake({ messages: [big] }));
    const dir = mkdtempSync(join(tmpdir(), 'mailscope-pop3-'));
    try {
      const body = await client.retr(1);
      let chunks = 0;
      let largest = 0;
      await pipeline(
        async function* () {
          for await (const c of body) {
            chunks++;
            largest = Math.max(largest, c.length);
            yield c;
          }
        },
        createWriteStream(join(dir, 'm.eml')),
      );
      const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
      expect(sha(readFileSync(join(dir, 'm.eml')))).toBe(sha(big));
      expect(chunks).toBeGreaterThan(10);
      expect(largest).toBeLessThan(big.length / 10);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a consumer that stops reading a body early leaves the session usable', async () => {
    const big = message(8, 'z'.repeat(500).concat('\r\n').repeat(2_000));
    const client = await signedIn(await fake({ messages: [big, DOTS] }));
    const body = await client.retr(1);
    for await (const _ of body) break;
    const skipped = await client.retr(1);
    skipped.cancel();
    expect((await bytesOf(await client.retr(2))).bytes.equals(DOTS)).toBe(true);
  });

  it('pipelines when CAPA lists PIPELINING, within the window', async () => {
    const many = Array.from({ length: 40 }, (_, i) => message(i + 1));
    const f = await fake({ messages: many, replyDelayMs: 2 });
    const client = await signedIn(f, { window: 8 });
    const tops = await Promise.all(many.map((_, i) => client.top(i + 1, 0)));
    tops.forEach((t, i) => expect(t.toString()).toContain(`Subject: Invoice ${i + 1}\r\n`));
    expect(f.stats.maxQueued).toBeGreaterThan(1);
    expect(f.stats.maxQueued).toBeLessThanOrEqual(8);
  });

  it('goes lock-step with a server that does not list PIPELINING (and when told to)', async () => {
    const many = Array.from({ length: 20 }, (_, i) => message(i + 1));
    for (const [capa, pipelining] of [
      [['TOP', 'UIDL', 'SASL XOAUTH2'], 'auto'],
      [undefined, 'off'],
    ] as const) {
      const f = await fake({ messages: many, capa: capa ? [...capa] : undefined });
      const client = await signedIn(f, { pipelining });
      expect(client.isPipelining).toBe(false);
      const tops = await Promise.all(many.map((_, i) => client.top(i + 1, 0)));
      tops.forEach((t, i) => expect(t.toString()).toContain(`Subject: Invoice ${i + 1}\r\n`));
      expect(f.stats.maxQueued).toBe(1);
    }
  });

  it('connect failures are typed: refused, silent server, no TLS off loopback', async () => {
    const f = await fake();
    const port = f.port;
    await f.close();
    fakes.pop();
    await expect(Pop3Client.connect({ host: '127.0.0.1', port, tls: 'none' })).rejects.toMatchObject({
      kind: 'connect',
    });
    const net = await import('node:net');
    const silent = net.createServer(() => undefined);
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    try {
      const silentPort = (silent.address() as { port: number }).port;
      await expect(
        Pop3Client.connect({ host: '127.0.0.1', port: silentPort, tls: 'none', replyTimeoutMs: 150 }),
      ).rejects.toMatchObject({ kind: 'timeout' });
    } finally {
      silent.close();
    }
    await expect(
      Pop3Client.connect({ host: 'pop.example.com', port: 110, tls: 'none' }),
    ).rejects.toMatchObject({
      code: 'INVALID_REQUEST',
    });
  });

  it('STLS: upgrades with the configured CA, asks CAPA again, refuses an untrusted certificate', async () => {
    const ca = await createCa();
    const leaf = await issueServerCert(ca);
    const f = await fake({ stls: leaf });
    const client = await Pop3Client.connect({ host: f.host, port: f.port, tls: 'starttls', ca: ca.certPem });
    clients.push(client);
    expect(client.capa.has('STLS')).toBe(false); // the post-TLS list
    await client.authenticate({ user: USER, accessToken: GOOD_TOKEN });
    expect((await bytesOf(await client.retr(3))).bytes.equals(DOTS)).toBe(true);
    expect(f.received.filter((l) => l === 'CAPA').length).toBe(3);
    const other = await createCa('Someone else');
    await expect(
      Pop3Client.connect({ host: f.host, port: f.port, tls: 'starttls', ca: other.certPem }),
    ).rejects.toMatchObject({ kind: 'tls' });
    await expect(Pop3Client.connect({ host: f.host, port: f.port, tls: 'starttls' })).rejects.toMatchObject({
      kind: 'tls',
    });
  });

  it('STLS: bytes sent in clear right behind +OK (command injection) end the session', async () => {
    const ca = await createCa();
    const f = await fake({ stls: { ...(await issueServerCert(ca)), inject: true } });
    await expect(
      Pop3Client.connect({ host: f.host, port: f.port, tls: 'starttls', ca: ca.certPem }),
    ).rejects.toMatchObject({ kind: 'protocol' });
  });

  it('STLS refused by the server is UNSUPPORTED, with its text', async () => {
    const f = await fake();
    await expect(Pop3Client.connect({ host: f.host, port: f.port, tls: 'starttls' })).rejects.toMatchObject({
      kind: 'unsupported',
      code: 'UNSUPPORTED',
      serverText: '-ERR Not now.',
    });
  });

  it('reports a non-POP3 greeting as a protocol error', async () => {
    const f = await fake({ greeting: '* OK IMAP4rev1 ready' });
    await expect(connect(f)).rejects.toMatchObject({ kind: 'protocol' });
  });

  it('close() fails pending calls with client-closed; quit() after close is a no-op', async () => {
    const client = await signedIn(await fake({ replyDelayMs: 100 }));
    const pending = client.stat();
    client.close();
    await expect(pending).rejects.toMatchObject({ kind: 'client-closed' });
    await expect(client.quit()).resolves.toBeUndefined();
  });
});
