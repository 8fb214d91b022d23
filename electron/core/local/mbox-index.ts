import { createReadStream } from 'node:fs';

/** One message of an mbox: the bytes after its `From ` separator line, up to the blank line before the next. */
export interface MboxRange {
  readonly start: number;
  readonly end: number;
}

export interface MboxIndex {
  /** Complete messages, in file order. */
  readonly messages: readonly MboxRange[];
  /** The 1-based number of the message the file breaks off in (dropped from `messages`), or null. */
  readonly truncatedAt: number | null;
}

interface Separator {
  /** Offset of the `From ` line. */
  readonly at: number;
  /** Offset just after it: where the message starts. */
  readonly body: number;
  /** Length of the blank line before it (0 at file start), which belongs to the mbox, not the message. */
  readonly blankBefore: number;
}

const FROM_ = [0x46, 0x72, 0x6f, 0x6d, 0x20]; // "From "
const LF = 0x0a;
const CR = 0x0d;

/**
 * Finds message boundaries in an mbox fed in chunks of any size, so a file of gigabytes is indexed
 * with constant memory. A separator is a line starting `From ` at the start of the file or after
 * a blank line (a `From ` inside a paragraph is body text, as in mboxo files that never escaped it).
 * LF and CRLF files both work: a blank line is an empty line or a lone CR.
 *
 * The last message is incomplete, and dropped, when the file does not end with a newline or when
 * it never reached the blank line that ends its header section: a copy or export cut short. A cut
 * exactly at the end of a body line cannot be told from a complete message, and is kept.
 */
export class MboxScanner {
  private offset = 0;
  private lineStart = 0;
  private lineLength = 0;
  private head: number[] = [];
  private previousBlank = true;
  private previousLineBytes = 0;
  private headerEnded = false;
  private readonly separators: Separator[] = [];

  push(chunk: Buffer): void {
    let position = 0;
    while (position < chunk.length) {
      const newline = chunk.indexOf(LF, position);
      const lineEnd = newline === -1 ? chunk.length : newline;
      for (let index = position; index < lineEnd && this.head.length < FROM_.length; index++) {
        this.head.push(chunk[index] ?? 0);
      }
      this.lineLength += lineEnd - position;
      if (newline === -1) break;
      this.endLine(this.offset + newline);
      position = newline + 1;
    }
    this.offset += chunk.length;
  }

  finish(): MboxIndex {
    const separators = this.separators;
    const endsWithNewline = this.lineLength === 0;
    const truncated = separators.length > 0 && (!endsWithNewline || !this.headerEnded);
    const complete = truncated ? separators.length - 1 : separators.length;
    const fileEnd = this.offset - (endsWithNewline && this.previousBlank ? this.previousLineBytes : 0);
    const messages: MboxRange[] = [];
    for (let index = 0; index < complete; index++) {
      const separator = separators[index] as Separator;
      const next = separators[index + 1];
      const end = next ? next.at - next.blankBefore : fileEnd;
      messages.push({ start: separator.body, end: Math.max(separator.body, end) });
    }
    return { messages, truncatedAt: truncated ? separators.length : null };
  }

  private endLine(newlineAt: number): void {
    const blank = this.lineLength === 0 || (this.lineLength === 1 && this.head[0] === CR);
    if (this.previousBlank && FROM_.every((byte, index) => this.head[index] === byte)) {
      this.separators.push({
        at: this.lineStart,
        body: newlineAt + 1,
        blankBefore: this.lineStart === 0 ? 0 : this.previousLineBytes,
      });
      this.headerEnded = false;
    } else if (blank) {
      this.headerEnded = true;
    }
    this.previousBlank = blank;
    this.previousLineBytes = this.lineLength + 1;
    this.lineStart = newlineAt + 1;
    this.lineLength = 0;
    this.head = [];
  }
}

/** Indexes an mbox file by streaming it once (1 MiB chunks); nothing but the offsets is kept. */
export async function scanMbox(path: string): Promise<MboxIndex> {
  const scanner = new MboxScanner();
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) {
    scanner.push(chunk as Buffer);
  }
  return scanner.finish();
}
