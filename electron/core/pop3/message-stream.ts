import { type BlockState, type LineReader, newBlock } from './line-reader';

/**
 * The body of one RETR (or a streamed TOP): the message's bytes, unstuffed, exactly as stored, in
 * chunks as they arrive. Iterate it once (`for await`, or `stream.pipeline(body, file)`); the
 * session's later replies wait behind it, so a consumer that stops early (break, an error in the
 * loop) or calls `cancel()` has the rest read and discarded in the background, which keeps the
 * session usable. A connection lost mid-body makes the iteration throw a `closed` Pop3Error.
 */
export class MessageStream implements AsyncIterable<Buffer> {
  /** The octet count from `+OK <n> octets`, when the server gave one (it is advisory: RFC 1939 §11). */
  readonly size: number | undefined;
  /** Resolves once the terminating `.` has been read, or the session has failed; never rejects. */
  readonly finished: Promise<void>;
  private readonly block: BlockState = newBlock();
  private started = false;
  private settle!: () => void;

  constructor(
    private readonly reader: LineReader,
    size: number | undefined,
  ) {
    this.size = size;
    this.finished = new Promise<void>((resolve) => (this.settle = resolve));
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Buffer, void, undefined> {
    if (this.started) throw new Error('A POP3 message body can be read only once.');
    this.started = true;
    let complete = false;
    try {
      for (;;) {
        const chunk = await this.reader.readBlockChunk(this.block);
        if (!chunk) {
          complete = true;
          return;
        }
        yield chunk;
      }
    } catch (error) {
      // The session is broken; the client fails every other reply with the same error.
      complete = true;
      this.settle();
      throw error;
    } finally {
      if (complete) this.settle();
      else void this.drain();
    }
  }

  /** Skip the body without reading it (the session stays usable). */
  cancel(): void {
    if (this.started) return;
    this.started = true;
    void this.drain();
  }

  /** The session failed: whoever waits for this body stops waiting. */
  abort(): void {
    this.settle();
  }

  private async drain(): Promise<void> {
    try {
      while (await this.reader.readBlockChunk(this.block));
    } catch {
      // The failure reaches the client through its next read; nothing to report twice.
    } finally {
      this.settle();
    }
  }
}
