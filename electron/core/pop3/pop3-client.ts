import net from 'node:net';
import tls from 'node:tls';
import { AppError } from '../common/app-error';
import { errorForReply, Pop3Error, printable, responseCodeOf } from './errors';
import { errorName, LineReader } from './line-reader';
import { MessageStream } from './message-stream';
import { decodeSaslError, type SaslMechanism, saslBlob, saslErrorAck } from '../auth/sasl';

/**
 * A read-only POP3 client (RFC 1939, RFC 2449 CAPA and PIPELINING, RFC 5034 SASL with XOAUTH2 and
 * OAUTHBEARER), for Exchange Online shared mailboxes. Read-only by construction: there is no DELE
 * (DESIGN.md §3), and the wire layer refuses any verb outside READ_ONLY_VERBS, so QUIT never commits
 * a deletion. No USER/PASS either: Microsoft 365 signs in with bearer tokens only.
 *
 *   const pop = await Pop3Client.connect({ host, port: 995, tls: 'implicit', ca });
 *   await pop.authenticate({ user: mailbox, accessToken });
 *   const ids = await pop.uidl();
 *   const headers = await Promise.all(newest.map((n) => pop.top(n, 0))); // pipelined
 *   await pipeline(await pop.retr(n), createWriteStream(path));           // streamed
 *   await pop.quit();
 *
 * Pipelining: commands queue; when CAPA lists PIPELINING up to `window` of them are on the wire at
 * once (sent in one write), otherwise one at a time. Replies come back in order and one reader
 * hands each to its command, so callers just call methods concurrently. AUTH, STLS and QUIT are
 * exclusive: they go alone, after everything before them is answered.
 */

export interface Pop3ConnectOptions {
  host: string;
  port: number;
  /**
   * `implicit`: TLS from the first byte (port 995). `starttls`: plain, then STLS (port 110).
   * `none`: no TLS, accepted only for a loopback address (scripted test servers): a bearer token
   * must never cross a network in clear.
   */
  tls: 'implicit' | 'starttls' | 'none';
  /**
   * Trusted CA certificate(s), PEM. When given they replace the system store (Node's semantics);
   * verification is always on, whatever is configured.
   */
  ca?: string | string[];
  /** Name the server certificate must carry; default `host`. */
  servername?: string;
  /** TCP connect plus TLS handshake (default 15 s). */
  connectTimeoutMs?: number;
  /** How long any reply may keep the client waiting for its next bytes (default 30 s). */
  replyTimeoutMs?: number;
  /** `auto` (default): pipeline when CAPA lists PIPELINING. `off`: always one command at a time. */
  pipelining?: 'auto' | 'off';
  /**
   * Most commands on the wire at once when pipelining (default 64: a page of 50 headers goes out in
   * one write and comes back in one round trip; ~1 KB of commands, well inside any server's input buffer).
   */
  window?: number;
  /** Largest collected multi-line reply (CAPA, LIST, UIDL, TOP); RETR streams and has no limit. */
  maxReplyBytes?: number;
  /** Local address to connect from (tests use 127.0.0.x to stay clear of per-IP penalties). */
  localAddress?: string;
  /** Every line written, SASL blobs redacted: for diagnostics and the read-only guard tests. */
  onSend?: (line: string) => void;
}

export interface AuthenticateOptions {
  /** The mailbox (SASL authorization identity). */
  user: string;
  accessToken: string;
  /** Default XOAUTH2, what Exchange Online offers. */
  mechanism?: SaslMechanism;
  /**
   * Send the blob on the AUTH line (RFC 5034 initial response) instead of after a `+`. Off by
   * default: Microsoft documents the two-step form, and RFC 5034 §4 limits the AUTH line to 255
   * octets, which an Entra ID token exceeds.
   */
  initialResponse?: boolean;
}

export interface MessageSize {
  /** Message number in this session (1-based). */
  n: number;
  size: number;
}

export interface MessageUid {
  n: number;
  /** Unique-id listing: stable across sessions (RFC 1939 §7). */
  uid: string;
}

/** Keyword (upper case) -> its arguments, from CAPA. */
export type Capabilities = ReadonlyMap<string, readonly string[]>;

/** The only verbs that ever reach the wire. DELE is deliberately absent (DESIGN.md §3). */
const READ_ONLY_VERBS = new Set([
  'CAPA',
  'STLS',
  'AUTH',
  'STAT',
  'LIST',
  'UIDL',
  'TOP',
  'RETR',
  'NOOP',
  'RSET',
  'QUIT',
]);

const DEFAULTS = { connectTimeoutMs: 15_000, replyTimeoutMs: 30_000, window: 64, maxReplyBytes: 64 << 20 };

type Expect = 'line' | 'block' | 'stream';

interface Reply {
  /** The status line after `+OK ` (latin1, so bytes survive). */
  text: string;
  body?: Buffer;
  stream?: MessageStream;
}

interface Pending {
  /** What errors and onSend show (SASL blobs redacted). */
  shown: string;
  wire: string;
  expect: Expect;
  exclusive: boolean;
  /** For AUTH: answers each `+` challenge with the line to send. */
  challenge?: (text: string) => { wire: string; shown: string };
  resolve(reply: Reply): void;
  reject(error: Pop3Error): void;
}

export class Pop3Client {
  private socket: net.Socket;
  private reader: LineReader;
  private capabilities: Capabilities = new Map();
  private pipelining = false;
  private readonly waiting: Pending[] = [];
  private readonly inflight: Pending[] = [];
  private pumping = false;
  private activeStream: MessageStream | undefined;
  private failure: Pop3Error | undefined;
  private readonly options: Required<Pick<Pop3ConnectOptions, keyof typeof DEFAULTS>> & Pop3ConnectOptions;

  private constructor(socket: net.Socket, options: Pop3Client['options']) {
    this.options = options;
    this.socket = socket;
    this.reader = this.attach(socket);
  }

  /** Connects, reads the greeting, asks CAPA, and upgrades with STLS when `tls` is `starttls`. */
  static async connect(options: Pop3ConnectOptions): Promise<Pop3Client> {
    const full = { ...DEFAULTS, ...options };
    if (full.tls === 'none' && !isLoopback(full.host))
      throw new AppError(
        'INVALID_REQUEST',
        `POP3 without TLS is allowed only on loopback, not ${full.host}.`,
      );
    const socket = await openSocket(full);
    const client = new Pop3Client(socket, full);
    try {
      await client.greeting();
      await client.refreshCapabilities();
      if (full.tls === 'starttls') await client.startTls();
      return client;
    } catch (error) {
      client.destroy(asPop3Error(error));
      throw error;
    }
  }

  /**
   * What the server said in its last CAPA (asked again after STLS and after AUTH; when pipelining,
   * the post-AUTH answer lands with the first replies after sign-in).
   */
  get capa(): Capabilities {
    return this.capabilities;
  }

  /** Whether commands are being pipelined now. */
  get isPipelining(): boolean {
    return this.pipelining;
  }

  async authenticate(auth: AuthenticateOptions): Promise<void> {
    const mechanism = auth.mechanism ?? 'XOAUTH2';
    const offered = this.capabilities.get('SASL');
    if (offered && !offered.some((m) => m.toUpperCase() === mechanism))
      throw new Pop3Error(
        'unsupported',
        `The POP3 server does not offer ${mechanism} sign-in (it offers: ${printable(offered.join(' ')) || 'none'}).`,
      );
    const blob = saslBlob(mechanism, auth.user, auth.accessToken);
    let blobSent = auth.initialResponse === true;
    let saslError: Record<string, unknown> | undefined;
    let errorRounds = 0;
    try {
      await this.exec({
        wire: blobSent ? `AUTH ${mechanism} ${blob}` : `AUTH ${mechanism}`,
        shown: blobSent ? `AUTH ${mechanism} <redacted>` : `AUTH ${mechanism}`,
        expect: 'line',
        exclusive: true,
        challenge: (text) => {
          if (!blobSent) {
            blobSent = true;
            return { wire: blob, shown: '<redacted>' };
          }
          // An error challenge (RFC 7628 §3.2.2; XOAUTH2 the same way): answer so the server can
          // finish with -ERR; a server that keeps challenging is cancelled (`*`, RFC 5034 §4).
          saslError ??= decodeSaslError(text);
          const answer = ++errorRounds > 1 ? '*' : saslErrorAck(mechanism);
          return { wire: answer, shown: answer };
        },
      });
    } catch (error) {
      if (error instanceof Pop3Error && (error.kind === 'auth' || error.kind === 'unavailable')) {
        const detail = saslError ? ` (${printable(JSON.stringify(saslError))})` : '';
        throw new Pop3Error(error.kind, `${error.message}${detail}`, {
          command: error.command,
          serverText: error.serverText,
          responseCode: error.responseCode,
          saslError,
        });
      }
      throw error;
    }
    // RFC 2449 §5: the capabilities may change after sign-in, so ask again. Those announced before
    // sign-in must still be announced after it, PIPELINING among them: when it is on, later commands
    // go out right behind this CAPA instead of waiting a round trip for its answer (`capa` is
    // updated when it arrives). Its failure, if any, reaches the caller through the next command.
    const refreshed = this.refreshCapabilities(false);
    if (this.pipelining) refreshed.catch(() => undefined);
    else await refreshed;
  }

  /** Message count and maildrop size in octets. */
  async stat(): Promise<{ count: number; size: number }> {
    const { text } = await this.exec({ wire: 'STAT', expect: 'line' });
    const [count, size] = numbers(text, 2, 'STAT');
    return { count, size };
  }

  async list(): Promise<MessageSize[]>;
  async list(n: number): Promise<MessageSize>;
  async list(n?: number): Promise<MessageSize[] | MessageSize> {
    const parse = (line: string): MessageSize => {
      const [num, size] = numbers(line, 2, 'LIST');
      return { n: num, size };
    };
    if (n !== undefined)
      return parse((await this.exec({ wire: `LIST ${messageNumber(n)}`, expect: 'line' })).text);
    return blockLines(await this.exec({ wire: 'LIST', expect: 'block' })).map(parse);
  }

  async uidl(): Promise<MessageUid[]>;
  async uidl(n: number): Promise<MessageUid>;
  async uidl(n?: number): Promise<MessageUid[] | MessageUid> {
    if (n !== undefined)
      return parseUid((await this.exec({ wire: `UIDL ${messageNumber(n)}`, expect: 'line' })).text);
    return blockLines(await this.exec({ wire: 'UIDL', expect: 'block' })).map(parseUid);
  }

  /** The header and the first `lines` lines of the body (`TOP n 0`: the header), unstuffed bytes. */
  async top(n: number, lines: number): Promise<Buffer> {
    if (!Number.isSafeInteger(lines) || lines < 0)
      throw new AppError('INVALID_REQUEST', `Bad TOP line count ${lines}.`);
    const reply = await this.exec({ wire: `TOP ${messageNumber(n)} ${lines}`, expect: 'block' });
    return reply.body ?? Buffer.alloc(0);
  }

  /**
   * The whole message, streamed (see MessageStream). Replies to commands issued after it are behind
   * its body on the wire: read the body (or `cancel()` it) before awaiting them, or they wait forever.
   */
  async retr(n: number): Promise<MessageStream> {
    const reply = await this.exec({ wire: `RETR ${messageNumber(n)}`, expect: 'stream' });
    if (!reply.stream) throw new Pop3Error('protocol', 'RETR gave no body.');
    return reply.stream;
  }

  async noop(): Promise<void> {
    await this.exec({ wire: 'NOOP', expect: 'line' });
  }

  /** Harmless for a client that deletes nothing; kept for sessions that want a clean slate. */
  async rset(): Promise<void> {
    await this.exec({ wire: 'RSET', expect: 'line' });
  }

  /** Ends the session cleanly (RFC 1939 §6: QUIT commits deletions; this client makes none). */
  async quit(): Promise<void> {
    if (this.failure) {
      this.destroy(this.failure);
      return;
    }
    try {
      await this.exec({ wire: 'QUIT', expect: 'line', exclusive: true });
    } finally {
      this.socket.end();
      this.destroy(new Pop3Error('client-closed', 'The POP3 session has ended.'));
    }
  }

  /** Drops the connection without QUIT; every pending reply fails with a `client-closed` error. */
  close(): void {
    this.destroy(new Pop3Error('client-closed', 'The POP3 session was closed.'));
  }

  // ---- wire ----

  private attach(socket: net.Socket): LineReader {
    socket.setNoDelay(true);
    // Close and error reach the session through the reader: bytes already received (a final
    // `-ERR Server Unavailable. 21` before the server hangs up) are read before the failure is.
    return new LineReader(socket, { idleTimeoutMs: this.options.replyTimeoutMs });
  }

  private async greeting(): Promise<void> {
    const line = (await this.reader.readLine()).toString('latin1');
    // A -ERR greeting is a server turning clients away (Exchange: `-ERR Server Unavailable. 21`).
    if (line.startsWith('-ERR'))
      throw new Pop3Error('unavailable', `The POP3 server turned the connection away: ${printable(line)}`, {
        serverText: line,
        responseCode: responseCodeOf(line),
      });
    if (!line.startsWith('+OK'))
      throw new Pop3Error(
        'protocol',
        `Not a POP3 server: it greeted with "${printable(line.slice(0, 80))}".`,
      );
  }

  private async refreshCapabilities(exclusive = true): Promise<void> {
    let lines: string[] = [];
    try {
      lines = blockLines(await this.exec({ wire: 'CAPA', expect: 'block', exclusive }));
    } catch (error) {
      // RFC 1939-only servers answer -ERR: no capabilities, lock-step.
      if (!(error instanceof Pop3Error && error.kind === 'command')) throw error;
    }
    const caps = new Map<string, string[]>();
    for (const line of lines) {
      const [keyword, ...args] = line.trim().split(/\s+/);
      if (keyword) caps.set(keyword.toUpperCase(), args);
    }
    this.capabilities = caps;
    this.pipelining = this.options.pipelining !== 'off' && caps.has('PIPELINING');
  }

  /** RFC 2595 §4: after STLS the session starts over on TLS, and earlier capabilities are forgotten. */
  private async startTls(): Promise<void> {
    try {
      await this.exec({ wire: 'STLS', expect: 'line', exclusive: true });
    } catch (error) {
      if (error instanceof Pop3Error && error.kind === 'command')
        throw new Pop3Error('unsupported', `The POP3 server refused STLS: ${error.serverText ?? ''}`, {
          command: 'STLS',
          serverText: error.serverText,
        });
      throw error;
    }
    // Bytes already received after +OK would be read as if they came over TLS: the classic
    // STARTTLS injection. A well-behaved server sends nothing until the handshake.
    if (this.reader.pendingBytes)
      throw new Pop3Error('protocol', 'The POP3 server sent data after agreeing to STLS.');
    this.reader.detach();
    const plain = this.socket;
    const secure = await upgrade(plain, this.options);
    this.socket = secure;
    this.reader = this.attach(secure);
    await this.refreshCapabilities();
  }

  private exec(command: {
    wire: string;
    shown?: string;
    expect: Expect;
    exclusive?: boolean;
    challenge?: Pending['challenge'];
  }): Promise<Reply> {
    const verb = command.wire.split(' ', 1)[0] ?? '';
    if (!READ_ONLY_VERBS.has(verb) || /[\r\n]/.test(command.wire))
      return Promise.reject(
        new AppError('INTERNAL', `Refused to send a non-read-only POP3 command (${verb}).`),
      );
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<Reply>((resolve, reject) => {
      this.waiting.push({
        wire: command.wire,
        shown: command.shown ?? command.wire,
        expect: command.expect,
        exclusive: command.exclusive ?? false,
        challenge: command.challenge,
        resolve,
        reject,
      });
      this.flush();
    });
  }

  /** Writes as many queued commands as the window allows, in one write. */
  private flush(): void {
    const limit = this.pipelining ? Math.max(1, this.options.window) : 1;
    let batch = '';
    for (let next = this.waiting[0]; next; next = this.waiting[0]) {
      if (this.inflight.length >= limit) break;
      if (this.inflight.length && (next.exclusive || this.inflight.some((p) => p.exclusive))) break;
      this.waiting.shift();
      this.inflight.push(next);
      batch += `${next.wire}\r\n`;
      this.options.onSend?.(next.shown);
    }
    if (batch) this.socket.write(batch);
    if (!this.pumping && this.inflight.length) {
      this.pumping = true;
      void this.pump();
    }
  }

  /** Reads replies in order and hands each to its command. Never rejects. */
  private async pump(): Promise<void> {
    try {
      for (let cmd = this.inflight[0]; cmd; cmd = this.inflight[0]) {
        await this.receive(cmd);
        this.inflight.shift();
        this.flush();
      }
    } catch (error) {
      this.destroy(asPop3Error(error));
    } finally {
      this.pumping = false;
    }
  }

  private async receive(cmd: Pending): Promise<void> {
    for (;;) {
      const line = (await this.reader.readLine()).toString('latin1');
      if (line.startsWith('+OK')) {
        const text = line.slice(3).trimStart();
        if (cmd.expect === 'line') cmd.resolve({ text });
        else if (cmd.expect === 'block') cmd.resolve({ text, body: await this.collect(cmd) });
        else {
          const stream = new MessageStream(this.reader, octets(text));
          this.activeStream = stream;
          cmd.resolve({ text, stream });
          await stream.finished;
          this.activeStream = undefined;
        }
        return;
      }
      if (line.startsWith('-ERR')) {
        cmd.reject(errorForReply(cmd.shown, line));
        return;
      }
      if (cmd.challenge && (line === '+' || line.startsWith('+ '))) {
        const answer = cmd.challenge(line.slice(2));
        this.options.onSend?.(answer.shown);
        this.socket.write(`${answer.wire}\r\n`);
        continue;
      }
      throw new Pop3Error(
        'protocol',
        `The POP3 server answered ${cmd.shown.split(' ', 1)[0]} with "${printable(line.slice(0, 80))}".`,
        { command: cmd.shown },
      );
    }
  }

  private async collect(cmd: Pending): Promise<Buffer> {
    const stream = new MessageStream(this.reader, undefined);
    const parts: Buffer[] = [];
    let length = 0;
    for await (const chunk of stream) {
      length += chunk.length;
      if (length > this.options.maxReplyBytes)
        throw new Pop3Error(
          'protocol',
          `The reply to ${cmd.shown} is larger than ${this.options.maxReplyBytes} bytes.`,
        );
      parts.push(chunk);
    }
    return Buffer.concat(parts, length);
  }

  /** Fails the session: every pending and later call rejects with `error`; the socket is dropped. */
  private destroy(error: Pop3Error): void {
    this.failure ??= error;
    this.reader.fail(this.failure);
    this.activeStream?.abort();
    for (const p of this.inflight.splice(0)) p.reject(this.failure);
    for (const p of this.waiting.splice(0)) p.reject(this.failure);
    this.socket.destroy();
  }
}

// ---- helpers ----

function asPop3Error(error: unknown): Pop3Error {
  if (error instanceof Pop3Error) return error;
  return new Pop3Error('protocol', 'The POP3 session failed unexpectedly.', { cause: error });
}

function isLoopback(host: string): boolean {
  // Addresses only: a name (even "localhost") is resolved elsewhere and could point off the machine.
  return /^127\.\d+\.\d+\.\d+$/.test(host) || host === '::1';
}

function messageNumber(n: number): number {
  if (!Number.isSafeInteger(n) || n < 1)
    throw new AppError('INVALID_REQUEST', `Bad POP3 message number ${n}.`);
  return n;
}

/** The first `count` numbers of a reply or list line (`+OK 12 3456` -> 12, 3456). */
function numbers(text: string, count: 2, what: string): [number, number] {
  const parts = text.trim().split(/\s+/, count).map(Number);
  if (parts.length < count || parts.some((p) => !Number.isSafeInteger(p) || p < 0))
    throw new Pop3Error(
      'protocol',
      `The POP3 server sent a malformed ${what} line: "${printable(text.slice(0, 80))}".`,
    );
  return [parts[0] as number, parts[1] as number];
}

function parseUid(line: string): MessageUid {
  const m = /^\s*(\d+)\s+([\x21-\x7e]{1,70})\s*$/.exec(line);
  if (!m)
    throw new Pop3Error(
      'protocol',
      `The POP3 server sent a malformed UIDL line: "${printable(line.slice(0, 80))}".`,
    );
  return { n: Number(m[1]), uid: m[2] as string };
}

/** `+OK 1234 octets` -> 1234 (Dovecot and Exchange both say so; RFC 1939 does not require it). */
function octets(text: string): number | undefined {
  const m = /^(\d+)\s+octets/i.exec(text);
  return m ? Number(m[1]) : undefined;
}

function blockLines(reply: Reply): string[] {
  const text = (reply.body ?? Buffer.alloc(0)).toString('latin1');
  return text.split(/\r?\n/).filter((line) => line.length > 0);
}

function tlsOptions(options: Pop3ConnectOptions): tls.ConnectionOptions {
  const name = options.servername ?? options.host;
  return {
    host: name,
    // RFC 6066 forbids an IP address as SNI; the certificate is still checked against it.
    servername: net.isIP(name) ? undefined : name,
    ca: options.ca,
    rejectUnauthorized: true,
    minVersion: 'TLSv1.2',
  };
}

function connectError(error: Error, tcpUp: boolean, options: Pop3ConnectOptions): Pop3Error {
  const where = `${options.host}:${options.port}`;
  if (tcpUp)
    return new Pop3Error('tls', `TLS with the POP3 server ${where} failed (${errorName(error)}).`, {
      cause: error,
    });
  return new Pop3Error('connect', `Could not connect to the POP3 server ${where} (${errorName(error)}).`, {
    cause: error,
  });
}

/** TCP, then for `implicit` TLS over it, all within the connect timeout. */
async function openSocket(options: Pop3Client['options']): Promise<net.Socket> {
  const started = Date.now();
  const plain = await new Promise<net.Socket>((resolve, reject) => {
    const socket = net.connect({
      host: options.host,
      port: options.port,
      localAddress: options.localAddress,
    });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(
        new Pop3Error(
          'timeout',
          `The POP3 server ${options.host}:${options.port} did not answer within ${options.connectTimeoutMs / 1000} s.`,
        ),
      );
    }, options.connectTimeoutMs);
    socket.once('error', (error) => {
      clearTimeout(timer);
      socket.destroy();
      reject(connectError(error, false, options));
    });
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      resolve(socket);
    });
  });
  if (options.tls !== 'implicit') return plain;
  return upgrade(plain, {
    ...options,
    connectTimeoutMs: Math.max(1, options.connectTimeoutMs - (Date.now() - started)),
  });
}

/** STLS: TLS over the existing socket, within the connect timeout. */
function upgrade(plain: net.Socket, options: Pop3Client['options']): Promise<tls.TLSSocket> {
  return new Promise<tls.TLSSocket>((resolve, reject) => {
    const secure = tls.connect({ ...tlsOptions(options), socket: plain });
    const timer = setTimeout(() => {
      secure.destroy();
      reject(
        new Pop3Error(
          'timeout',
          `The TLS handshake with ${options.host}:${options.port} took longer than ${options.connectTimeoutMs / 1000} s.`,
        ),
      );
    }, options.connectTimeoutMs);
    secure.once('error', (error) => {
      clearTimeout(timer);
      secure.destroy();
      reject(connectError(error, true, options));
    });
    secure.once('secureConnect', () => {
      clearTimeout(timer);
      secure.removeAllListeners('error');
      resolve(secure);
    });
  });
}
