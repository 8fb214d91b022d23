/**
 * A scripted, in-process POP3 server for the client's protocol tests: a tiny maildrop that answers
 * CAPA, AUTH (XOAUTH2 both forms, OAUTHBEARER), STAT, LIST, UIDL, TOP, RETR, NOOP, RSET, QUIT, and
 * can misbehave on demand: split replies at chosen byte positions, answer slowly, drop the
 * connection mid-RETR, refuse sign-in with Dovecot's or Exchange's texts, or not pipeline.
 */
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import tls from 'node:tls';

export const GOOD_TOKEN = 'eyJ0eXAiOiJKV1QifQ.good.token';

export interface FakeOptions {
  messages: Buffer[];
  /** CAPA lines; default TOP UIDL RESP-CODES PIPELINING SASL XOAUTH2 OAUTHBEARER. */
  capa?: string[];
  greeting?: string;
  /** What a refused sign-in looks like. */
  authFailure?: 'dovecot' | 'exchange' | 'throttled';
  /** Byte positions at which to split reply number `index` (0-based over the session); a pause between pieces. */
  split?: (reply: Buffer, index: number) => number[];
  /** Pause between split pieces (default: the next macrotask). */
  splitPauseMs?: number;
  /** Delay before each reply. */
  replyDelayMs?: number;
  /** RETR of this message number writes this many bytes of the reply, then drops the connection. */
  dropDuringRetr?: { n: number; afterBytes: number };
  /** RETR of this message number sends its status line, then nothing (a hung server). */
  hangDuringRetr?: number;
  /** Offer STLS with this certificate; `inject` sends a reply right behind `+OK` (an attack). */
  stls?: { certPem: string; keyPem: string; inject?: boolean };
}

export interface Fake {
  host: string;
  port: number;
  /** Every line received, all sessions, in order. */
  readonly received: string[];
  /** Every byte received, all sessions (latin1), for the DELE guard. */
  raw(): string;
  /** Most complete command lines waiting at once in the server's input: > 1 means the client pipelined. */
  readonly stats: { maxQueued: number; sessions: number; errorAcks: string[] };
  close(): Promise<void>;
}

const DEFAULT_CAPA = ['TOP', 'UIDL', 'RESP-CODES', 'PIPELINING', 'SASL XOAUTH2 OAUTHBEARER'];

/** RFC 1939 §3 byte-stuffing plus the terminator. */
export function stuffed(message: Buffer): Buffer {
  return Buffer.concat([
    Buffer.from(message.toString('latin1').replace(/(^|\n)\./g, '$1..'), 'latin1'),
    Buffer.from('.\r\n'),
  ]);
}

function headerOf(message: Buffer, lines: number): Buffer {
  const text = message.toString('latin1');
  const end = text.indexOf('\r\n\r\n');
  const head = end < 0 ? text : text.slice(0, end + 4);
  const body = end < 0 ? '' : text.slice(end + 4);
  const bodyLines =
    lines > 0
      ? body
          .split(/(?<=\r\n)/)
          .slice(0, lines)
          .join('')
      : '';
  return Buffer.from(head + bodyLines, 'latin1');
}

export async function startFake(options: FakeOptions): Promise<Fake> {
  const received: string[] = [];
  const raw: Buffer[] = [];
  const stats = { maxQueued: 0, sessions: 0, errorAcks: [] as string[] };
  const sockets = new Set<net.Socket>();
  let replyIndex = 0;

  const server = net.createServer((socket) => {
    sockets.add(socket);
    stats.sessions++;
    socket.setNoDelay(true);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    void session(socket).catch(() => socket.destroy());
  });

  async function session(plain: net.Socket): Promise<void> {
    let socket: net.Socket = plain;
    let buffered = '';
    const lines: string[] = [];
    let wake: (() => void) | undefined;
    let ended = false;
    const onData = (chunk: Buffer) => {
      raw.push(chunk);
      buffered += chunk.toString('latin1');
      for (let nl = buffered.indexOf('\r\n'); nl >= 0; nl = buffered.indexOf('\r\n')) {
        lines.push(buffered.slice(0, nl));
        buffered = buffered.slice(nl + 2);
      }
      stats.maxQueued = Math.max(stats.maxQueued, lines.length);
      wake?.();
    };
    socket.on('data', onData);
    socket.on('close', () => {
      ended = true;
      wake?.();
    });
    const next = async (): Promise<string | undefined> => {
      while (!lines.length && !ended) await new Promise<void>((resolve) => (wake = resolve));
      const line = lines.shift();
      if (line !== undefined) received.push(line);
      return line;
    };
    const send = async (reply: Buffer | string): Promise<void> => {
      const bytes = typeof reply === 'string' ? Buffer.from(`${reply}\r\n`, 'latin1') : reply;
      if (options.replyDelayMs) await sleep(options.replyDelayMs);
      const cuts = options.split?.(bytes, replyIndex++) ?? [];
      let from = 0;
      for (const cut of [...cuts.filter((c) => c > 0 && c < bytes.length), bytes.length]) {
        if (cut <= from) continue;
        await new Promise<void>((resolve) => socket.write(bytes.subarray(from, cut), () => resolve()));
        from = cut;
        if (cut < bytes.length) await sleep(options.splitPauseMs ?? 0);
      }
    };
    const msg = (arg: string | undefined): Buffer | undefined => options.messages[Number(arg) - 1];

    await send(options.greeting ?? '+OK fake POP3 ready');
    for (let line = await next(); line !== undefined; line = await next()) {
      const [verbRaw = '', ...args] = line.split(' ');
      const verb = verbRaw.toUpperCase();
      switch (verb) {
        case 'CAPA': {
          const capa = [
            ...(options.capa ?? DEFAULT_CAPA),
            ...(options.stls && socket === plain ? ['STLS'] : []),
          ];
          await send(`+OK\r\n${capa.join('\r\n')}\r\n.`);
          break;
        }
        case 'STLS': {
          if (!options.stls || socket !== plain) {
            await send('-ERR Not now.');
            break;
          }
          await send(options.stls.inject ? '+OK Begin TLS.\r\n+OK injected' : '+OK Begin TLS.');
          plain.off('data', onData);
          const secure = new tls.TLSSocket(plain, {
            isServer: true,
            cert: options.stls.certPem,
            key: options.stls.keyPem,
          });
          secure.on('error', () => plain.destroy());
          secure.on('data', onData);
          socket = secure;
          break;
        }
        case 'AUTH': {
          const mechanism = (args[0] ?? '').toUpperCase();
          let blob = args[1];
          if (blob === undefined) {
            await send('+ ');
            blob = await next();
          }
          const decoded = Buffer.from(blob ?? '', 'base64').toString('utf8');
          if (decoded.includes(`auth=Bearer ${GOOD_TOKEN}\x01`)) {
            await send('+OK Logged in.');
          } else if (options.authFailure === 'exchange') {
            await send('-ERR Authentication failure: unknown user name or bad password.');
          } else if (options.authFailure === 'throttled') {
            await send('-ERR Server Unavailable. 21');
          } else {
            const json =
              mechanism === 'XOAUTH2'
                ? '{"status":"401","schemes":"bearer","scope":"mail"}'
                : '{"status":"invalid_token"}';
            await send(`+ ${Buffer.from(json).toString('base64')}`);
            stats.errorAcks.push((await next()) ?? '<closed>');
            await send('-ERR [AUTH] Authentication failed.');
          }
          break;
        }
        case 'STAT':
          await send(`+OK ${options.messages.length} ${options.messages.reduce((s, m) => s + m.length, 0)}`);
          break;
        case 'LIST':
        case 'UIDL': {
          const item = (n: number, m: Buffer) => `${n} ${verb === 'LIST' ? m.length : `uid-${n}`}`;
          if (args[0]) {
            const m = msg(args[0]);
            await send(m ? `+OK ${item(Number(args[0]), m)}` : '-ERR There is no such message.');
          } else {
            await send(`+OK\r\n${options.messages.map((m, i) => `${item(i + 1, m)}\r\n`).join('')}.`);
          }
          break;
        }
        case 'TOP': {
          const m = msg(args[0]);
          if (!m) await send('-ERR There is no such message.');
          else await send(Buffer.concat([Buffer.from('+OK\r\n'), stuffed(headerOf(m, Number(args[1])))]));
          break;
        }
        case 'RETR': {
          const m = msg(args[0]);
          if (!m) {
            await send('-ERR There is no such message.');
            break;
          }
          const reply = Buffer.concat([Buffer.from(`+OK ${m.length} octets\r\n`), stuffed(m)]);
          if (options.hangDuringRetr === Number(args[0])) {
            socket.write(`+OK ${m.length} octets\r\n`);
            break;
          }
          if (options.dropDuringRetr?.n === Number(args[0])) {
            socket.write(reply.subarray(0, options.dropDuringRetr.afterBytes), () => socket.destroy());
            return;
          }
          await send(reply);
          break;
        }
        case 'NOOP':
        case 'RSET':
          await send('+OK');
          break;
        case 'QUIT':
          await send('+OK Logging out.');
          socket.end();
          return;
        default:
          await send('-ERR Unknown command.');
      }
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as net.AddressInfo;
  return {
    host: '127.0.0.1',
    port: address.port,
    received,
    raw: () => Buffer.concat(raw).toString('latin1'),
    stats,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
