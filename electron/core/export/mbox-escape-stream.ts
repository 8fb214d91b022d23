import { Transform, type TransformCallback } from 'node:stream';

const LF = 0x0a;
const GT = 0x3e;
const FROM_ = Buffer.from('From ');

/**
 * mboxrd quoting as a stream (the inverse of local/mbox-escape.ts's unescapeMboxrd): a line that
 * starts with `From ` after any number of `>` gets one more `>`, so no line of a message can pass
 * for the separator of the next. Works across chunk boundaries, holding back at most the start of
 * one line until it is clear whether it needs the mark.
 */
export class MboxrdEscape extends Transform {
  /** Bytes of the current line's start not yet passed on (a prefix of `>*From `). */
  private held = Buffer.alloc(0);
  private atLineStart = true;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    const out: Buffer[] = [];
    let data = this.held.length > 0 ? Buffer.concat([this.held, chunk]) : chunk;
    this.held = Buffer.alloc(0);
    let position = 0;
    while (position < data.length) {
      if (this.atLineStart) {
        const verdict = lineStart(data, position);
        if (verdict === 'undecided') {
          this.held = Buffer.from(data.subarray(position));
          break;
        }
        if (verdict === 'quote') out.push(Buffer.from('>'));
        this.atLineStart = false;
      }
      const newline = data.indexOf(LF, position);
      if (newline === -1) {
        out.push(data.subarray(position));
        position = data.length;
      } else {
        out.push(data.subarray(position, newline + 1));
        position = newline + 1;
        this.atLineStart = true;
      }
    }
    data = Buffer.alloc(0);
    callback(null, out.length === 1 ? out[0] : Buffer.concat(out));
  }

  override _flush(callback: TransformCallback): void {
    callback(null, this.held);
  }
}

/** Whether the line starting at `at` needs a `>`: it does if it reads `>*From `. */
function lineStart(data: Buffer, at: number): 'quote' | 'plain' | 'undecided' {
  let index = at;
  while (index < data.length && data[index] === GT) index++;
  for (let k = 0; k < FROM_.length; k++) {
    if (index + k >= data.length) return 'undecided';
    if (data[index + k] !== FROM_[k]) return 'plain';
  }
  return 'quote';
}

/** The separator line before a message: `From <sender> <asctime>` (the date of the export). */
export function fromLine(when: Date): string {
  const asctime = when
    .toUTCString()
    .replace(
      /^(\w+), (\d+) (\w+) (\d+) (\S+) GMT$/,
      (_m, day: string, date: string, month: string, year: string, time: string) =>
        `${day} ${month} ${String(Number(date)).padStart(2, ' ')} ${time} ${year}`,
    );
  return `From MAILER-DAEMON ${asctime}\n`;
}
