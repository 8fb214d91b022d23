import { AppError } from '../common/app-error';
import { asPop3Error, CommandPipeline, type Command, type Reply } from './command-pipeline';
import {
  openSocket,
  type Pop3ConnectOptions,
  resolveOptions,
  type ResolvedPop3Options,
  upgrade,
} from './connection';
import { Pop3Error, printable, responseCodeOf } from './errors';
import { type MessageStream } from './message-stream';
import { authenticate, type AuthenticateOptions } from './pop3-auth';
import {
  blockLines,
  type Capabilities,
  messageNumber,
  type MessageSize,
  type MessageUid,
  numbers,
  parseCapabilities,
  parseSize,
  parseUid,
} from './replies';

export type { Pop3ConnectOptions } from './connection';
export type { AuthenticateOptions } from './pop3-auth';
export type { Capabilities, MessageSize, MessageUid } from './replies';

/**
 * A read-only POP3 client (RFC 1939, RFC 2449 CAPA and PIPELINING, RFC 5034 SASL with XOAUTH2 and
 * OAUTHBEARER), for Exchange Online shared mailboxes. Read-only by construction: there is no DELE
 * (DESIGN.md §3), and the wire layer (`command-pipeline.ts`) refuses any verb outside its read-only
 * list, so QUIT never commits a deletion. No USER/PASS either: Microsoft 365 signs in with bearer
 * tokens only.
 *
 *   const pop = await Pop3Client.connect({ host, port: 995, tls: 'implicit', ca });
 *   await pop.authenticate({ user: mailbox, accessToken });
 *   const ids = await pop.uidl();
 *   const headers = await Promise.all(newest.map((n) => pop.top(n, 0))); // pipelined
 *   await pipeline(await pop.retr(n), createWriteStream(path));           // streamed
 *   await pop.quit();
 *
 * Callers just call methods concurrently: the pipeline pipelines when CAPA lists PIPELINING.
 * Its pieces: `connection.ts` (options, TCP and TLS), `command-pipeline.ts` (queue and replies),
 * `line-reader.ts` and `message-stream.ts` (lines and multi-line bodies), `pop3-auth.ts` (SASL),
 * `replies.ts` (parsing).
 */
export class Pop3Client {
  private capabilities: Capabilities = new Map();
  private readonly wire: CommandPipeline;

  private constructor(
    wire: CommandPipeline,
    private readonly options: ResolvedPop3Options,
  ) {
    this.wire = wire;
  }

  /** Connects, reads the greeting, asks CAPA, and upgrades with STLS when `tls` is `starttls`. */
  static async connect(options: Pop3ConnectOptions): Promise<Pop3Client> {
    const full = resolveOptions(options);
    const socket = await openSocket(full);
    const client = new Pop3Client(new CommandPipeline(socket, full), full);
    try {
      await client.greeting();
      await client.refreshCapabilities();
      if (full.tls === 'starttls') await client.startTls();
      return client;
    } catch (error) {
      client.wire.destroy(asPop3Error(error));
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
    return this.wire.pipelining;
  }

  async authenticate(auth: AuthenticateOptions): Promise<void> {
    await authenticate((command) => this.exec(command), this.capabilities, auth);
    // RFC 2449 §5: the capabilities may change after sign-in, so ask again. Those announced before
    // sign-in must still be announced after it, PIPELINING among them: when it is on, later commands
    // go out right behind this CAPA instead of waiting a round trip for its answer (`capa` is
    // updated when it arrives). Its failure, if any, reaches the caller through the next command.
    const refreshed = this.refreshCapabilities(false);
    if (this.wire.pipelining) refreshed.catch(() => undefined);
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
    return this.listing('LIST', parseSize, n);
  }

  async uidl(): Promise<MessageUid[]>;
  async uidl(n: number): Promise<MessageUid>;
  async uidl(n?: number): Promise<MessageUid[] | MessageUid> {
    return this.listing('UIDL', parseUid, n);
  }

  /** LIST and UIDL answer alike: one message's line when given its number, else a line per message. */
  private async listing<T>(
    command: 'LIST' | 'UIDL',
    parse: (line: string) => T,
    n?: number,
  ): Promise<T[] | T> {
    if (n !== undefined)
      return parse((await this.exec({ wire: `${command} ${messageNumber(n)}`, expect: 'line' })).text);
    return blockLines((await this.exec({ wire: command, expect: 'block' })).body).map(parse);
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
    const failure = this.wire.failure;
    if (failure) {
      this.wire.destroy(failure);
      return;
    }
    try {
      await this.exec({ wire: 'QUIT', expect: 'line', exclusive: true });
    } finally {
      this.wire.currentSocket.end();
      this.wire.destroy(new Pop3Error('client-closed', 'The POP3 session has ended.'));
    }
  }

  /** Drops the connection without QUIT; every pending reply fails with a `client-closed` error. */
  close(): void {
    this.wire.destroy(new Pop3Error('client-closed', 'The POP3 session was closed.'));
  }

  private exec(command: Command): Promise<Reply> {
    return this.wire.exec(command);
  }

  private async greeting(): Promise<void> {
    const line = (await this.wire.reader.readLine()).toString('latin1');
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
      lines = blockLines((await this.exec({ wire: 'CAPA', expect: 'block', exclusive })).body);
    } catch (error) {
      // RFC 1939-only servers answer -ERR: no capabilities, lock-step.
      if (!(error instanceof Pop3Error && error.kind === 'command')) throw error;
    }
    const caps = parseCapabilities(lines);
    this.capabilities = caps;
    this.wire.pipelining = this.options.pipelining !== 'off' && caps.has('PIPELINING');
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
    if (this.wire.reader.pendingBytes)
      throw new Pop3Error('protocol', 'The POP3 server sent data after agreeing to STLS.');
    const plain = this.wire.currentSocket;
    this.wire.reader.detach();
    const secure = await upgrade(plain, this.options);
    this.wire.rebind(secure);
    await this.refreshCapabilities();
  }
}
