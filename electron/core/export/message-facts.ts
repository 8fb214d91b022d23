import libmime from 'libmime';

/** What the manifest says of a message, read from its header (never from its body). */
export interface MessageFacts {
  readonly messageId: string;
  /** ISO 8601 when the Date header parses, else the header as written. */
  readonly date: string;
  readonly from: string;
  readonly to: string;
  readonly subject: string;
}

/** A header is read up to this many bytes; a message whose header is longer gets what fits. */
export const HEADER_LIMIT = 256 * 1024;
/** A manifest cell from a header holds at most this many characters (a hostile To: of a MB). */
const CELL_LIMIT = 2000;

/**
 * Collects the first bytes of a message as they stream past, up to the end of its header, so the
 * manifest can be written without a second read or a parse of the body.
 */
export class HeaderCollector {
  private readonly chunks: Buffer[] = [];
  private bytes = 0;
  private complete = false;
  /** The last bytes pushed, for a blank line split across two chunks. */
  private tail = Buffer.alloc(0);

  push(chunk: Buffer): void {
    if (this.complete) return;
    const room = HEADER_LIMIT - this.bytes;
    const piece = chunk.length > room ? chunk.subarray(0, room) : chunk;
    this.chunks.push(piece);
    this.bytes += piece.length;
    // Searched in the bytes (native), never as a string: a message may come as one 4 MB chunk.
    const seam = Buffer.concat([this.tail, piece.subarray(0, 3)]);
    this.complete = this.bytes >= HEADER_LIMIT || blankLineIn(piece) !== -1 || blankLineIn(seam) !== -1;
    this.tail = Buffer.from(piece.subarray(Math.max(0, piece.length - 3)));
  }

  /** The whole header is in (or as much of it as is read). */
  get done(): boolean {
    return this.complete;
  }

  facts(): MessageFacts {
    const head = this.chunks.length === 1 ? (this.chunks[0] as Buffer) : Buffer.concat(this.chunks);
    const end = blankLineIn(head);
    return headerFacts(end === -1 ? head : head.subarray(0, end + 1));
  }
}

/** Where the header's closing blank line starts (the LF before it), or -1. */
function blankLineIn(data: Buffer): number {
  const lf = data.indexOf('\n\n');
  const crlf = data.indexOf('\n\r\n');
  if (lf === -1) return crlf;
  if (crlf === -1) return lf;
  return Math.min(lf, crlf);
}

export function headerFacts(head: Buffer): MessageFacts {
  const text = head.toString('latin1');
  const end = text.search(/\r?\n\r?\n/);
  const header = (end === -1 ? text : text.slice(0, end)).replace(/\r?\n[ \t]+/g, ' ');
  const fields = new Map<string, string>();
  for (const line of header.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!fields.has(name)) fields.set(name, line.slice(colon + 1).trim());
  }
  const value = (name: string) => decoded(fields.get(name) ?? '');
  const dateText = fields.get('date') ?? '';
  const when = dateText ? new Date(dateText) : null;
  return {
    messageId: value('message-id'),
    date: when && !Number.isNaN(when.getTime()) ? when.toISOString() : value('date'),
    from: value('from'),
    to: value('to'),
    subject: value('subject'),
  };
}

/** RFC 2047 words decoded; raw 8-bit bytes taken as UTF-8 (what modern mail sends unencoded). */
function decoded(raw: string): string {
  let text = Buffer.from(raw, 'latin1').toString('utf8');
  try {
    text = libmime.decodeWords(text);
  } catch {
    // A broken encoded word stays as written: the manifest shows what the message holds.
  }
  return text.replace(/[\r\n]+/g, ' ').slice(0, CELL_LIMIT);
}
