/**
 * Decodes IMAP "modified UTF-7" (RFC 3501 §5.1.3), the encoding Dovecot and Courier use for
 * non-ASCII folder names on disk: `&AMk-quipe` is `Équipe`, `&-` is `&`. A malformed sequence is
 * left as it is: a folder with an odd name is better than one that cannot be opened.
 */
export function decodeModifiedUtf7(name: string): string {
  return name.replace(/&([^-]*)-/g, (match, encoded: string) => {
    if (encoded === '') return '&';
    if (!/^[A-Za-z0-9+,]+$/.test(encoded)) return match;
    const bytes = Buffer.from(encoded.replace(/,/g, '/'), 'base64');
    if (bytes.length === 0 || bytes.length % 2 !== 0) return match;
    // The payload is UTF-16 big-endian; Node decodes little-endian, so swap each pair.
    return Buffer.from(bytes).swap16().toString('utf16le');
  });
}
