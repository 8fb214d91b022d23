import type net from 'node:net';
import { AppError } from '../common/app-error';
import { errorForReply, Pop3Error, printable } from './errors';
import { LineReader } from './line-reader';
import { MessageStream } from './message-stream';
import { octets } from './replies';

/**
 * The command queue of one POP3 session. Commands queue; when pipelining is on up to `window` of
 * them are on the wire at once (sent in one write), otherwise one at a time. Replies come back in
 * order and one reader hands each to its command, so callers just call concurrently. Exclusive
 * commands (AUTH, STLS, QUIT) go alone, after everything before them is answered.
 */

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

/** A status line only, a collected multi-line body, or a streamed one (RETR). */
export type Expect = 'line' | 'block' | 'stream';

export interface Reply {
  /** The status line after `+OK ` (latin1, so bytes survive). */
  text: string;
  body?: Buffer;
  stream?: MessageStream;
}

/** The line to send for a `+` challenge, and what onSend and errors show of it. */
export interface ChallengeAnswer {
  wire: string;
  shown: string;
}

export interface Command {
  /** The line sent, without CRLF. */
  wire: string;
  /** What errors and onSend show (SASL blobs redacted); default `wire`. */
  shown?: string;
  expect: Expect;
  /** Goes alone, after everything queued before it is answered (default false). */
  exclusive?: boolean;
  /** For AUTH: answers each `+` challenge with the line to send. */
  challenge?: (text: string) => ChallengeAnswer;
}

export interface PipelineOptions {
  /** Most commands on the wire at once when pipelining. */
  window: number;
  /** Largest collected multi-line reply. */
  maxReplyBytes: number;
  /** How long a reply may keep the session waiting for its next bytes. */
  replyTimeoutMs: number;
  /** Every line written, SASL blobs redacted. */
  onSend?: (line: string) => void;
}

interface Pending extends Required<Pick<Command, 'wire' | 'shown' | 'expect' | 'exclusive'>> {
  challenge?: Command['challenge'];
  resolve(reply: Reply): void;
  reject(error: Pop3Error): void;
}

export function asPop3Error(error: unknown): Pop3Error {
  if (error instanceof Pop3Error) return error;
  return new Pop3Error('protocol', 'The POP3 session failed unexpectedly.', { cause: error });
}

export class CommandPipeline {
  /** Whether more than one command may be on the wire (CAPA lists PIPELINING and it is allowed). */
  pipelining = false;
  private socket: net.Socket;
  private lineReader: LineReader;
  private readonly waiting: Pending[] = [];
  private readonly inflight: Pending[] = [];
  private pumping = false;
  private activeStream: MessageStream | undefined;
  private failed: Pop3Error | undefined;

  constructor(
    socket: net.Socket,
    private readonly options: PipelineOptions,
  ) {
    this.socket = socket;
    this.lineReader = this.attach(socket);
  }

  /** The reader of the current socket (the greeting and STLS read it directly). */
  get reader(): LineReader {
    return this.lineReader;
  }

  get currentSocket(): net.Socket {
    return this.socket;
  }

  /** The error that ended the session, if it has ended. */
  get failure(): Pop3Error | undefined {
    return this.failed;
  }

  /** After STLS: go on over `socket` (the TLS one), with a fresh reader; the old one is detached. */
  rebind(socket: net.Socket): void {
    this.socket = socket;
    this.lineReader = this.attach(socket);
  }

  exec(command: Command): Promise<Reply> {
    const verb = command.wire.split(' ', 1)[0] ?? '';
    if (!READ_ONLY_VERBS.has(verb) || /[\r\n]/.test(command.wire))
      return Promise.reject(
        new AppError('INTERNAL', `Refused to send a non-read-only POP3 command (${verb}).`),
      );
    if (this.failed) return Promise.reject(this.failed);
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

  /** Fails the session: every pending and later call rejects with `error`; the socket is dropped. */
  destroy(error: Pop3Error): void {
    this.failed ??= error;
    this.lineReader.fail(this.failed);
    this.activeStream?.abort();
    for (const p of this.inflight.splice(0)) p.reject(this.failed);
    for (const p of this.waiting.splice(0)) p.reject(this.failed);
    this.socket.destroy();
  }

  private attach(socket: net.Socket): LineReader {
    socket.setNoDelay(true);
    // Close and error reach the session through the reader: bytes already received (a final
    // `-ERR Server Unavailable. 21` before the server hangs up) are read before the failure is.
    return new LineReader(socket, { idleTimeoutMs: this.options.replyTimeoutMs });
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
      const line = (await this.lineReader.readLine()).toString('latin1');
      if (line.startsWith('+OK')) {
        const text = line.slice(3).trimStart();
        if (cmd.expect === 'line') cmd.resolve({ text });
        else if (cmd.expect === 'block') cmd.resolve({ text, body: await this.collect(cmd) });
        else {
          const stream = new MessageStream(this.lineReader, octets(text));
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

  /** A multi-line reply, dot-unstuffed by MessageStream, up to maxReplyBytes. */
  private async collect(cmd: Pending): Promise<Buffer> {
    const stream = new MessageStream(this.lineReader, undefined);
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
}
