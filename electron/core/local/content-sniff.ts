/** What the first bytes of a file say it is. */
export type Sniffed =
  | { readonly kind: 'mbox' }
  | { readonly kind: 'message' }
  | { readonly kind: 'binary'; readonly description: string | null }
  | { readonly kind: 'text' };

/** How many leading bytes sniffContent wants. */
export const SNIFF_BYTES = 8 * 1024;

const MAGIC: readonly { bytes: readonly number[]; description: (fileName: string) => string }[] = [
  { bytes: ascii('%PDF-'), description: () => 'a PDF document' },
  { bytes: [0x50, 0x4b, 0x03, 0x04], description: () => 'a ZIP archive (or an Office document)' },
  { bytes: [0x50, 0x4b, 0x05, 0x06], description: () => 'an empty ZIP archive' },
  { bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], description: () => 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], description: () => 'a JPEG image' },
  { bytes: ascii('GIF8'), description: () => 'a GIF image' },
  {
    bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
    description: (fileName) =>
      /\.msg$/i.test(fileName)
        ? 'an Outlook .msg file'
        : 'an Outlook .msg file or an older Office document (OLE2)',
  },
  { bytes: ascii('!BDN'), description: () => 'an Outlook data file (.pst or .ost)' },
  { bytes: [0x78, 0x9f, 0x3e, 0x22], description: () => 'a winmail.dat (TNEF) attachment' },
  { bytes: [0x1f, 0x8b], description: () => 'a gzip-compressed file' },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], description: () => 'a 7-Zip archive' },
  { bytes: ascii('Rar!'), description: () => 'a RAR archive' },
  { bytes: ascii('SQLite format 3'), description: () => 'an SQLite database' },
];

/** Above this share of control bytes a file is binary even without a NUL. */
const CONTROL_RATIO = 0.1;
// A header field: printable ASCII name without a colon, then a colon (obsolete syntax allows
// whitespace before it, RFC 5322 §4.5.6).
const FIELD_LINE = /^[\x21-\x39\x3b-\x7e]+[ \t]*:/;

/**
 * Classifies a file from its first bytes (SNIFF_BYTES of them): a known binary format by its magic
 * number, an mbox by its `From ` first line, a message by a header section (every line up to the
 * first blank one is a header field or its continuation, with no NUL and few control bytes), other
 * binary data by NUL bytes or many control characters, and otherwise plain text that is neither.
 * Only the start decides: what follows a header section (a body with a stray NUL, say, which real
 * mail and attackers both produce) never turns a message into "binary".
 */
export function sniffContent(head: Buffer, fileName: string): Sniffed {
  for (const magic of MAGIC) {
    if (magic.bytes.every((byte, index) => head[index] === byte))
      return { kind: 'binary', description: magic.description(fileName) };
  }
  // Decoded as latin1, one char per byte: only the ASCII structure matters here.
  const text = head.toString('latin1').replace(/^\xef\xbb\xbf/, '');
  if (text.startsWith('From ') && !looksBinary(firstLine(head))) return { kind: 'mbox' };
  const header = headerSection(text, head.length >= SNIFF_BYTES);
  if (header !== null && !looksBinary(Buffer.from(header, 'latin1'))) return { kind: 'message' };
  return looksBinary(head) ? { kind: 'binary', description: null } : { kind: 'text' };
}

function firstLine(head: Buffer): Buffer {
  const end = head.indexOf(0x0a);
  return end === -1 ? head : head.subarray(0, end);
}

function looksBinary(head: Buffer): boolean {
  let control = 0;
  for (const byte of head) {
    if (byte === 0) return true;
    // Tab, LF, FF, CR are text; ESC shifts charsets in ISO-2022-JP messages.
    if (
      (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0c && byte !== 0x0d && byte !== 0x1b) ||
      byte === 0x7f
    ) {
      control++;
    }
  }
  return head.length > 0 && control / head.length > CONTROL_RATIO;
}

/** The header section the text starts with (as far as the sniffed bytes reach), or null if none. */
function headerSection(text: string, cut: boolean): string | null {
  const lines = text.split(/\r?\n/);
  // The sniffed bytes may end in the middle of a line: judge only whole lines.
  if (cut) lines.pop();
  if (!FIELD_LINE.test(lines[0] ?? '')) return null;
  const kept: string[] = [];
  for (const line of lines) {
    if (line === '' || line === '\r') break;
    if (!FIELD_LINE.test(line) && !/^[ \t]/.test(line)) return null;
    kept.push(line);
  }
  return kept.join('\n');
}

function ascii(text: string): number[] {
  return [...Buffer.from(text, 'latin1')];
}
