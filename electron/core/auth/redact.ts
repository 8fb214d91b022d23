import { createHash } from 'node:crypto';

/**
 * Log and transcript redaction. Everything that might end up in a log line, a diagnostic's
 * evidence or a bug report goes through `redact`, because a bearer token in a log is as good as a
 * password for an hour, and a client secret is good for years.
 *
 * The patterns are deliberately greedy: a false positive costs a few characters of a log line,
 * a false negative leaks a credential.
 */

const RULES: { pattern: RegExp; replace: (match: string, ...groups: string[]) => string }[] = [
  // HTTP Authorization headers and SASL's `auth=Bearer <token>` (also inside decoded XOAUTH2).
  // Credentials are long; a short word after "bearer" is prose ("bearer token"), and IMAP's
  // upper-case AUTH=PLAIN capabilities are not SASL's lower-case `auth=`.
  { pattern: /\b(Bearer)\s+[A-Za-z0-9\-._~+/]{16,}=*/gi, replace: (_m, word) => `${word} [redacted]` },
  // eslint-disable-next-line no-control-regex -- \x01 is XOAUTH2's field separator.
  { pattern: /\b(auth=)[^\s\x01]+(?:\s+[^\s\x01]+)?/g, replace: (_m, key) => `${key}[redacted]` },
  // Form bodies and query strings: client_secret=..., client_assertion=..., refresh_token=...
  {
    pattern:
      /\b(client_secret|client_assertion|assertion|access_token|refresh_token|id_token|password|passwd|code_verifier)(["']?\s*[=:]\s*["']?)[^&\s"',}]+/gi,
    replace: (_m, key, sep) => `${key}${sep}[redacted]`,
  },
  // Compact JWS/JWT anywhere (a token pasted into an error message, say).
  {
    pattern: /\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g,
    replace: () => '[redacted token]',
  },
  // PEM private keys.
  {
    pattern: /-----BEGIN ([A-Z ]*)PRIVATE KEY-----[\s\S]*?(?:-----END \1PRIVATE KEY-----|$)/g,
    replace: () => '[redacted private key]',
  },
  // Base64 blobs long enough to be a SASL initial response (XOAUTH2 of a JWT is ~1.5 kB). Pure
  // hex (certificate thumbprints, hashes) is left alone: no credential we handle is hex.
  {
    pattern: /(^|[\s:])(?![0-9a-fA-F]+(?:$|\s))([A-Za-z0-9+/]{40,}={0,2})(?=$|\s)/gm,
    replace: (_m, lead, blob) => `${lead}[redacted ${blob.length} bytes of base64]`,
  },
];

/** The text with credentials replaced by markers; idempotent. */
export function redact(text: string): string {
  let out = text;
  for (const rule of RULES) out = out.replace(rule.pattern, rule.replace as (m: string) => string);
  return out;
}

/**
 * A stable, non-reversible name for a token: the first 12 hex digits of its SHA-256. Lets an
 * admin tell "same token" from "new token" across runs without ever seeing the token.
 */
export function tokenFingerprint(token: string): string {
  return createHash('sha256').update(token).digest('hex').slice(0, 12);
}
