import type { Duplex } from 'node:stream';
import { Pop3Error } from './errors';

/**
 * CRLF framing over a socket, byte-exact. Two ways to read:
 * - `readLine()`: one status or list line, without its line ending (bounded length);
 * - `readBlockChunk(block)`: the body of a multi-line response (RFC 1939 §3), unstuffed, with its
 *   line endings as sent, chunk by chunk as the bytes arrive, until the terminating `.`.
 * Bytes are never decoded to strings here: a message is bytes, and a split UTF-8 sequence (or a
 * CRLF split across two TCP segments) must come out exactly as it went in.
 *
 * Backpressure: past `highWaterMark` buffered bytes the socket is paused, so a big RETR read by a
 * slow consumer is held by TCP, not in memory. The idle timeout runs only while a read is waiting
 * for the server, so a slow consumer never times the server out.
 */

const LF = 0x0a;
const CR = 0x0d;
const DOT = 0x2e;
const CR_ONLY = Buffer.from([CR]);

export interface LineReaderOptions {
  /** Milliseconds a read may wait for the next bytes before failing with a `timeout` Pop3Error. */
  idleTimeoutMs: number;
  /** Longest single line accepted by readLine (a status line, a UIDL entry). */
  maxLineLength?: number;
  /** Buffered bytes above which the socket is paused. */
  highWaterMark?: number;
}

/** Where the dot-unstuffing of one multi-line block stands; persists across chunk boundaries. */
export interface BlockState {
  phase: 'line-start' | 'dot' | 'dot-cr' | 'mid-line' | 'done';
}

export function newBlock(): BlockState {
  return { phase: 'line-start' };
}

/**
 * Unstuffs one chunk of a multi-line block: a line starting with `.` loses that dot, a line that is
 * exactly `.` ends the block. Returns the data (views into `chunk`, no copy) and, once the block has
 * ended, the bytes after the terminator (the next response, when pipelining).
 */
export function unstuff(block: BlockState, chunk: Buffer): { data: Buffer[]; rest: Buffer | undefined } {
  const data: Buffer[] = [];
  let pos = 0;
  while (pos < chunk.length) {
    switch (block.phase) {
      case 'line-start':
        if (chunk[pos] === DOT) {
          block.phase = 'dot';
          pos++;
        } else block.phase = 'mid-line';
        break;
      case 'dot':
        if (chunk[pos] === CR) {
          block.phase = 'dot-cr';
          pos++;
        } else if (chunk[pos] === LF) {
          // A bare-LF terminator: not RFC 1939, but harmless to accept.
          block.phase = 'done';
          return { data, rest: chunk.subarray(pos + 1) };
        } else block.phase = 'mid-line'; // a stuffed dot: dropped
        break;
      case 'dot-cr':
        if (chunk[pos] === LF) {
          block.phase = 'done';
          return { data, rest: chunk.subarray(pos + 1) };
        }
        // `.` + CR + something else: a stuffed dot before a bare CR; keep the CR.
        data.push(CR_ONLY);
        block.phase = 'mid-line';
        break;
      case 'mid-line': {
        const nl = chunk.indexOf(LF, pos);
        const end = nl < 0 ? chunk.length : nl + 1;
        data.push(chunk.subarray(pos, end));
        pos = end;
        if (nl >= 0) block.phase = 'line-start';
        break;
      }
      case 'done':
        return { data, rest: chunk.subarray(pos) };
    }
  }
  return { data, rest: undefined };
}

export class LineReader {
  private readonly chunks: Buffer[] = [];
  private buffered = 0;
  private paused = false;
  private failure: Pop3Error | undefined;
  private wake: (() => void) | undefined;
  private readonly maxLineLength: number;
  private readonly highWaterMark: number;

  private readonly onData = (chunk: Buffer) => {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    if (this.buffered > this.highWaterMark && !this.paused) {
      this.paused = true;
      this.socket.pause();
    }
    this.wake?.();
  };
  private readonly onEnd = () => {
    this.fail(new Pop3Error('closed', 'The POP3 server closed the connection.'));
  };
  private readonly onError = (error: Error) => {
    this.fail(new Pop3Error('closed', `The POP3 connection broke (${errorName(error)}).`, { cause: error }));
  };

  constructor(
    private readonly socket: Duplex,
    private readonly options: LineReaderOptions,
  ) {
    this.maxLineLength = options.maxLineLength ?? 65_536;
    this.highWaterMark = options.highWaterMark ?? 1_048_576;
    socket.on('data', this.onData);
    socket.on('end', this.onEnd);
    socket.on('close', this.onEnd);
    socket.on('error', this.onError);
  }

  /** Bytes received and not read yet. */
  get pendingBytes(): number {
    return this.buffered;
  }

  /** Stop listening (before handing the socket to TLS for STLS). */
  detach(): void {
    this.socket.off('data', this.onData);
    this.socket.off('end', this.onEnd);
    this.socket.off('close', this.onEnd);
    this.socket.off('error', this.onError);
    if (this.paused) this.socket.resume();
    this.paused = false;
  }

  /** From now on every read fails with `error` (the first failure wins: it is the cause). */
  fail(error: Pop3Error): void {
    this.failure ??= error;
    this.wake?.();
  }

  async readLine(): Promise<Buffer> {
    const parts: Buffer[] = [];
    let length = 0;
    for (;;) {
      const chunk = await this.take();
      const nl = chunk.indexOf(LF);
      if (nl < 0) {
        parts.push(chunk);
        length += chunk.length;
        if (length > this.maxLineLength) throw this.tooLong();
        continue;
      }
      this.unshift(chunk.subarray(nl + 1));
      parts.push(chunk.subarray(0, nl));
      length += nl;
      if (length > this.maxLineLength) throw this.tooLong();
      const line = parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts, length);
      return line.length && line[line.length - 1] === CR ? line.subarray(0, -1) : line;
    }
  }

  /** The next unstuffed bytes of `block`, or undefined once its terminating `.` has been read. */
  async readBlockChunk(block: BlockState): Promise<Buffer | undefined> {
    while (block.phase !== 'done') {
      const { data, rest } = unstuff(block, await this.take());
      if (rest) this.unshift(rest);
      if (data.length === 1) return data[0];
      if (data.length > 1) return Buffer.concat(data);
    }
    return undefined;
  }

  private tooLong(): Pop3Error {
    return new Pop3Error('protocol', `The POP3 server sent a line longer than ${this.maxLineLength} bytes.`);
  }

  private unshift(chunk: Buffer): void {
    if (!chunk.length) return;
    this.chunks.unshift(chunk);
    this.buffered += chunk.length;
  }

  private async take(): Promise<Buffer> {
    for (;;) {
      const chunk = this.chunks.shift();
      if (chunk) {
        this.buffered -= chunk.length;
        if (this.paused && this.buffered <= this.highWaterMark / 2) {
          this.paused = false;
          this.socket.resume();
        }
        return chunk;
      }
      if (this.failure) throw this.failure;
      await this.nextData();
    }
  }

  /** Resolves on new bytes or a failure; never rejects (the caller rethrows the failure). */
  private nextData(): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.fail(
          new Pop3Error(
            'timeout',
            `The POP3 server sent nothing for ${this.options.idleTimeoutMs / 1000} s.`,
          ),
        );
      }, this.options.idleTimeoutMs);
      this.wake = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
    });
  }
}

export function errorName(error: Error): string {
  const code = (error as NodeJS.ErrnoException).code;
  return typeof code === 'string' ? code : error.message;
}
