import libmime from 'libmime';

const MAX_LENGTH = 200;
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
 * 200 characters with the extension kept. An empty result becomes `attachment.<ext>`, the
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
  const chars = Array.from(name);
  if (chars.length <= MAX_LENGTH) return name;
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? Array.from(name.slice(dot)) : [];
  if (extension.length === 0 || extension.length > MAX_EXTENSION_LENGTH) {
    return chars
      .slice(0, MAX_LENGTH)
      .join('')
      .replace(/[\s.]+$/, '');
  }
  const base = Array.from(name.slice(0, dot))
    .slice(0, MAX_LENGTH - extension.length)
    .join('')
    .replace(/[\s.]+$/, '');
  return base + extension.join('');
}
