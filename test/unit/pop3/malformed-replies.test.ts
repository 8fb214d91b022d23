import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../electron/core/common/app-error';
import { Pop3Client } from '../../../electron/core/pop3/pop3-client';

/**
 * A scripted POP3 server that breaks the protocol in the ways hostile or broken servers do:
 * multi-line replies cut off, counts that are not numbers, lines without CRLF, a server that stalls
 * in the middle of a message. Every call ends in a named error (never a hang, never an exception
 * of another kind), and a new session on the same server works afterwards.
 */

const MESSAGE = 'From: a@example.com\r\nSubject: hi\r\n\r\nbody line\r\n';
const GOOD: Record<string, string> = {
  CAPA: '+OK\r\nTOP\r\nUIDL\r\n.\r\n',
  STAT: `+OK 1 ${MESSAGE.length}\r\n`,
  LIST: `+OK\r\n1 ${MESSAGE.length}\r\n.\r\n`,
  UIDL: '+OK\r\n1 uid-1\r\n.\r\n',
  RETR: `+OK ${MESSAGE.length} octets\r\n${MESSAGE}.\r\n`,
  QUIT: '+OK bye\r\n',
};

type Script = (verb: string, socket: net.Socket) => boolean;

let servers: net.Server[] = [];
const sockets = new Set<net.Socket>();
afterEach(async () => {
  for (const socket of sockets) socket.destroy();
  sockets.clear();
  for (const server of servers) await new Promise<void>((resolve) => server.close(() => resolve()));
  servers = [];
});

/** Session n (0-based) answers with scripts[n] first, falling back to a well-behaved server. */
async function scripted(greeting: string[], scripts: Script[]): Promise<number> {
  let session = 0;
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    const script = scripts[session];
    socket.write(greeting[session++] ?? '+OK ready\r\n');
    let buffered = '';
    socket.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('latin1');
      for (let nl = buffered.indexOf('\r\n'); nl >= 0; nl = buffered.indexOf('\r\n')) {
        const verb = (buffered.slice(0, nl).split(' ')[0] ?? '').toUpperCase();
        buffered = buffered.slice(nl + 2);
        if (script?.(verb, socket)) continue;
        socket.write(GOOD[verb] ?? '-ERR unknown\r\n');
        if (verb === 'QUIT') socket.end();
      }
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as net.AddressInfo).port;
}

const connect = (port: number) =>
  Pop3Client.connect({ host: '127.0.0.1', port, tls: 'none', replyTimeoutMs: 300, pipelining: 'off' });

async function readAll(client: Pop3Client): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of await client.retr(1)) chunks.push(chunk);
  return Buffer.concat(chunks).toString('latin1');
}

/** A second session on the same server: the client recovers by reconnecting. */
async function reconnects(port: number): Promise<void> {
  const client = await connect(port);
  try {
    expect(await readAll(client)).toBe(MESSAGE);
  } finally {
    await client.quit();
  }
}

describe('POP3 client against malformed replies', () => {
  it('a message body cut off mid-reply fails with CONNECTION_LOST, then a new session reads it', async () => {
    const port = await scripted(
      [],
      [
        (verb, socket) => {
          if (verb !== 'RETR') return false;
          socket.end(`+OK ${MESSAGE.length} octets\r\n${MESSAGE.slice(0, 20)}`);
          return true;
        },
      ],
    );
    const client = await connect(port);
    await expect(readAll(client)).rejects.toMatchObject({ code: 'CONNECTION_LOST', kind: 'closed' });
    client.close();
    await reconnects(port);
  });

  it('counts that are not numbers fail with PROTOCOL_ERROR, and the session goes on', async () => {
    const port = await scripted(
      [],
      [
        (verb, socket) => {
          if (verb === 'STAT') socket.write('+OK many 12\r\n');
          else if (verb === 'LIST') socket.write('+OK\r\n1 -5\r\n2\r\n.\r\n');
          else if (verb === 'UIDL') socket.write('+OK\r\n1 \u0000\u0001\r\n.\r\n');
          else return false;
          return true;
        },
      ],
    );
    const client = await connect(port);
    try {
      await expect(client.stat()).rejects.toMatchObject({ code: 'PROTOCOL_ERROR' });
      await expect(client.list()).rejects.toMatchObject({ code: 'PROTOCOL_ERROR' });
      await expect(client.uidl()).rejects.toMatchObject({ code: 'PROTOCOL_ERROR' });
      expect(await readAll(client)).toBe(MESSAGE);
    } finally {
      client.close();
    }
  });

  it('a reply line without CRLF, then silence, fails with SERVER_TIMEOUT, not a hang', async () => {
    const port = await scripted(['+OK ready'], []);
    const error = await connect(port).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'SERVER_TIMEOUT' });
    await reconnects(port);
  });

  it('a server that stalls in the middle of a message fails with SERVER_TIMEOUT, then a new session reads it', async () => {
    const port = await scripted(
      [],
      [
        (verb, socket) => {
          if (verb !== 'RETR') return false;
          socket.write(`+OK ${MESSAGE.length} octets\r\n${MESSAGE.slice(0, 25)}`);
          return true;
        },
      ],
    );
    const client = await connect(port);
    await expect(readAll(client)).rejects.toMatchObject({ code: 'SERVER_TIMEOUT', kind: 'timeout' });
    client.close();
    await reconnects(port);
  });

  it('a status line longer than any server sends fails with PROTOCOL_ERROR', async () => {
    const port = await scripted([`+OK ${'x'.repeat(70_000)}\r\n`], []);
    await expect(connect(port)).rejects.toMatchObject({ code: 'PROTOCOL_ERROR' });
    await reconnects(port);
  });

  it('a greeting that is not POP3 at all fails with PROTOCOL_ERROR', async () => {
    const port = await scripted(['* OK IMAP4rev1 ready\r\n'], []);
    await expect(connect(port)).rejects.toMatchObject({ code: 'PROTOCOL_ERROR' });
  });
});
