/**
 * SASL blobs for bearer tokens. XOAUTH2 is what Exchange Online offers (Microsoft's "Authenticate
 * an IMAP, POP or SMTP connection using OAuth"); OAUTHBEARER is RFC 7628. Both carry the token in
 * clear inside TLS, so the blobs are never logged (see Pop3Client's onSend redaction; diagnostics
 * show a token only as its fingerprint). One module for the POP3 client and the diagnostics.
 */

export type SaslMechanism = 'XOAUTH2' | 'OAUTHBEARER';

/** `user=<user>^Aauth=Bearer <token>^A^A`, base64. */
export function xoauth2Blob(user: string, accessToken: string): string {
  return Buffer.from(`user=${user}\x01auth=Bearer ${accessToken}\x01\x01`, 'utf8').toString('base64');
}

/**
 * RFC 7628 §3.1: GS2 header `n,a=<user>,` then `auth=Bearer <token>`. `,` and `=` in the authzid
 * are escaped as `=2C` and `=3D` (RFC 5801 §4).
 */
export function oauthbearerBlob(user: string, accessToken: string): string {
  const authzid = user.replace(/=/g, '=3D').replace(/,/g, '=2C');
  return Buffer.from(`n,a=${authzid},\x01auth=Bearer ${accessToken}\x01\x01`, 'utf8').toString('base64');
}

export function saslBlob(mechanism: SaslMechanism, user: string, accessToken: string): string {
  return mechanism === 'XOAUTH2' ? xoauth2Blob(user, accessToken) : oauthbearerBlob(user, accessToken);
}

/**
 * What the client answers to an error challenge so the server can finish with -ERR: an empty line
 * for XOAUTH2 (Google's and Microsoft's XOAUTH2 descriptions), `AQ==` (a single 0x01, RFC 7628
 * §3.2.3) for OAUTHBEARER.
 */
export function saslErrorAck(mechanism: SaslMechanism): string {
  return mechanism === 'XOAUTH2' ? '' : 'AQ==';
}

/** An error challenge decoded: the payload's text and, when that text is JSON, its value. */
export interface SaslChallenge {
  text: string;
  json?: { value: unknown };
}

/** Exchange and Dovecot put a base64 JSON error in a `+` continuation before refusing. */
export function decodeSaslChallenge(challenge: string): SaslChallenge {
  const text = Buffer.from(challenge.trim(), 'base64').toString('utf8');
  try {
    return { text, json: { value: JSON.parse(text) as unknown } };
  } catch {
    return { text };
  }
}

/**
 * The JSON of an error challenge (`+ eyJzdGF0dXMiOiI0MDEiLC4uLn0=`), or undefined when the
 * challenge is not base64 JSON (it is then reported as text).
 */
export function decodeSaslError(challenge: string): Record<string, unknown> | undefined {
  const text = challenge.trim();
  if (!text || !/^[A-Za-z0-9+/]+=*$/.test(text)) return undefined;
  const value = decodeSaslChallenge(text).json?.value;
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
