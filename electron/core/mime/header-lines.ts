import { isUtf8 } from 'node:buffer';
import libmime from 'libmime';
import type { HeaderLines } from 'mailparser';
import type { Header } from '../../../shared/model';

// C0 controls except tab, DEL and C1 controls: they carry no meaning in a displayed header and
// some (escape, backspace) could disturb a terminal or a log the text ends up in.
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const CONTROL_CHARS = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/g;

/**
 * Every header in message order, unfolded, encoded-words decoded, ready to show. Mailparser keeps
 * the raw lines as latin1 text; a header written in raw UTF-8 (RFC 6532, common in practice) is
 * re-read as UTF-8 so it does not show as mojibake.
 */
export function displayHeaders(lines: HeaderLines): Header[] {
  const headers: Header[] = [];
  for (const { key, line } of lines) {
    if (!key) continue;
    const text = rawLineText(line);
    const colon = text.indexOf(':');
    if (colon < 0) continue;
    const name = text.slice(0, colon).trim();
    const value = decodeWords(unfold(text.slice(colon + 1)).trim()).replace(CONTROL_CHARS, ' ');
    headers.push({ name, value });
  }
  return headers;
}

/**
 * The Date header as an ISO string, or null when it is missing or unparsable. Mailparser itself
 * substitutes the current time for a bad date, which would sort a broken message as the newest.
 */
export function dateFromHeaderLines(lines: HeaderLines): string | null {
  const entry = lines.find((line) => line.key === 'date');
  if (!entry) return null;
  const colon = entry.line.indexOf(':');
  const date = new Date(unfold(entry.line.slice(colon + 1)).trim());
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

function rawLineText(line: string): string {
  const bytes = Buffer.from(line, 'latin1');
  return isUtf8(bytes) ? bytes.toString('utf8') : line;
}

/** RFC 5322 §2.2.3: unfolding removes the line break, keeping the whitespace that follows it. */
function unfold(value: string): string {
  return value.replace(/\r?\n(?=[ \t])/g, '');
}

function decodeWords(value: string): string {
  try {
    return libmime.decodeWords(value);
  } catch {
    return value;
  }
}
