import libmime from 'libmime';

const MAX_LENGTH = 200;
// Linux and macOS file systems allow 255 bytes per name; leave room for " (12)" when a name is taken.
const MAX_BYTES = 240;
const MAX_EXTENSION_LENGTH = 20;
// C0/C1 controls, and the bidi controls that can make `invoice‮fdp.exe` display as `invoiceexe.pdf`.
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]/g;
// Characters Windows refuses in file names (the separators are handled before this).
const WINDOWS_FORBIDDEN = /[<>:"|?*]/g;
// Device names Windows reserves whatever the extension: `CON.txt` still opens the console.
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;

/**
 * A name a sender chose, made safe to show and to save under: no directories (a sender's
 * `../../etc/passwd` or `C:\Users\me\report.pdf` keeps only its last segment), no invisible or
 * direction-changing characters, nothing Windows would refuse or treat as a device, at most
 * 200 characters and 240 UTF-8 bytes with the extension kept. An empty result becomes `attachment.<ext>`, the
 * extension guessed from the content type.
 */
export function sanitizeFilename(name: string | null | undefined, contentType: string): string {
  const segments = (name ?? '')
    .normalize('NFC')
    .replace(INVISIBLE, '')
    .split(/[/\\]/)
    .filter((segment) => segment.trim() !== '');
  let safe = (segments.at(-1) ?? '')
    .replace(WINDOWS_FORBIDDEN, '_')
    .replace(/^[\s.]+/, '')
    .replace(/[\s.]+$/, '');
  if (WINDOWS_RESERVED.test(safe)) safe = `_${safe}`;
  safe = capLength(safe);
  return safe === '' ? `attachment.${libmime.detectExtension(contentType) || 'bin'}` : safe;
}

/** Cuts by code point (never halving a surrogate pair) and keeps a short extension intact. */
function capLength(name: string): string {
  if (Array.from(name).length <= MAX_LENGTH && utf8Length(name) <= MAX_BYTES) return name;
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? name.slice(dot) : '';
  const keepExtension =
    extension !== '' && Array.from(extension).length <= MAX_EXTENSION_LENGTH && /^\.[^\s]+$/.test(extension);
  const base = keepExtension ? name.slice(0, dot) : name;
  const suffix = keepExtension ? extension : '';
  return (
    fit(base, MAX_LENGTH - Array.from(suffix).length, MAX_BYTES - utf8Length(suffix)).replace(/[\s.]+$/, '') +
    suffix
  );
}

function fit(text: string, maxChars: number, maxBytes: number): string {
  let out = '';
  let chars = 0;
  let bytes = 0;
  for (const char of text) {
    const size = utf8Length(char);
    if (chars + 1 > maxChars || bytes + size > maxBytes) break;
    out += char;
    chars += 1;
    bytes += size;
  }
  return out;
}

function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}
