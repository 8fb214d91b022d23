/**
 * Names for exported messages. Everything in a name comes from the message (its subject), which is
 * hostile: the name must stay inside the export folder, be legal on Windows, macOS and Linux, fit
 * in 255 bytes with room to spare, survive `sha256sum -c` (no backslash or newline, which its format
 * escapes), and be unique where the file system ignores case.
 */

/** Path separators, Windows' forbidden characters, controls, and the bidi/format characters that disguise a name. */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f<>:"/\\|?*\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
/** Bytes of the subject part; with the prefix and `.eml` a name stays far below 255 bytes. */
const SUBJECT_BYTES = 80;

export interface NameParts {
  /** Position in the export (1-based): sorts the files in export order and keeps names short. */
  readonly index: number;
  /** ISO date of the message, when it has one. */
  readonly date: string | null;
  readonly subject: string;
}

/**
 * `00042_2026-01-05_Invoice 1234.eml`: safe on every file system, not yet unique. Starting with the
 * number, a name can never be one of Windows' device names (CON, NUL, COM1…).
 */
export function emlName({ index, date, subject }: NameParts): string {
  const day = date && /^\d{4}-\d{2}-\d{2}/.test(date) ? date.slice(0, 10) : 'undated';
  const words = truncateBytes(cleanText(subject), SUBJECT_BYTES).replace(/[ .]+$/, '');
  return `${String(index).padStart(5, '0')}_${day}${words ? `_${words}` : ''}.eml`;
}

/** Hands out names unique without regard to case (NTFS, APFS and exFAT ignore it). */
export class UniqueNames {
  private readonly taken = new Set<string>();

  constructor(existing: Iterable<string> = []) {
    for (const name of existing) this.taken.add(foldCase(name));
  }

  has(name: string): boolean {
    return this.taken.has(foldCase(name));
  }

  /** `name`, or `name-2.eml`, `name-3.eml`… the first that is free; reserves it. */
  claim(name: string): string {
    const dot = name.lastIndexOf('.');
    const stem = dot > 0 ? name.slice(0, dot) : name;
    const extension = dot > 0 ? name.slice(dot) : '';
    let candidate = name;
    for (let copy = 2; this.has(candidate); copy++) candidate = `${stem}-${copy}${extension}`;
    this.taken.add(foldCase(candidate));
    return candidate;
  }
}

/** A name this module could have made: what a resumed export may adopt or replace, and nothing else. */
export function isExportName(name: string): boolean {
  return /^\d{5,}_[^/\\]*\.eml$/.test(name) && !name.includes('\n');
}

function cleanText(text: string): string {
  return text
    .normalize('NFC')
    .replace(UNSAFE, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[. ]+/, '');
}

/** The longest prefix of `text` within `max` UTF-8 bytes, never cutting a character in two. */
export function truncateBytes(text: string, max: number): string {
  if (Buffer.byteLength(text) <= max) return text;
  let out = '';
  let bytes = 0;
  for (const char of text) {
    const size = Buffer.byteLength(char);
    if (bytes + size > max) break;
    out += char;
    bytes += size;
  }
  return out;
}

function foldCase(name: string): string {
  return name.normalize('NFC').toLowerCase();
}
