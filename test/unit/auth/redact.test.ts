import { describe, expect, it } from 'vitest';
import { redact, tokenFingerprint } from '../../../electron/core/auth/redact';

const JWT =
  'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwczovL291dGxvb2sub2ZmaWNlMzY1LmNvbSJ9.c2lnbmF0dXJlLXNpZ25hdHVyZS1zaWduYXR1cmU';
const SASL = Buffer.from(`user=invoices@contoso.example\x01auth=Bearer ${JWT}\x01\x01`).toString('base64');

describe('redact', () => {
  it.each([
    ['Authorization header', `Authorization: Bearer ${JWT}`, 'Authorization: Bearer [redacted]'],
    [
      'opaque bearer token',
      'authorization: bearer 0123456789abcdefXYZ_-.~+/',
      'authorization: bearer [redacted]',
    ],
    ['decoded XOAUTH2', `user=a@b.c\x01auth=Bearer ${JWT}\x01\x01`, 'user=a@b.c\x01auth=[redacted]\x01\x01'],
    [
      'client_secret in a form body',
      'client_id=x&client_secret=Xy8Q~abc.def&scope=s',
      'client_id=x&client_secret=[redacted]&scope=s',
    ],
    [
      'client_assertion in a form body',
      `client_assertion_type=urn%3Ajwt-bearer&client_assertion=${JWT}&grant_type=client_credentials`,
      'client_assertion_type=urn%3Ajwt-bearer&client_assertion=[redacted]&grant_type=client_credentials',
    ],
    [
      'JSON token fields',
      '{"access_token":"abc.def.ghi","expires_in":3599}',
      '{"access_token":"[redacted]","expires_in":3599}',
    ],
    ['a JWT anywhere', `token was ${JWT} here`, 'token was [redacted token] here'],
    [
      'IMAP SASL-IR line',
      `A2 AUTHENTICATE XOAUTH2 ${SASL}`,
      `A2 AUTHENTICATE XOAUTH2 [redacted ${SASL.length} bytes of base64]`,
    ],
    ['POP3 SASL continuation line', SASL, `[redacted ${SASL.length} bytes of base64]`],
    [
      'a private key',
      'key: -----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBg\n-----END PRIVATE KEY----- done',
      'key: [redacted private key] done',
    ],
  ])('%s', (_name, input, expected) => {
    expect(redact(input)).toBe(expected);
  });

  it.each([
    ['IMAP capabilities', '* CAPABILITY IMAP4rev1 AUTH=PLAIN AUTH=XOAUTH2 SASL-IR'],
    ['prose about bearer tokens', 'C: <XOAUTH2 user=a@b.c, bearer token 0123456789ab>'],
    ['a SHA-256 thumbprint', 'thumbprint 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08'],
    ['a GUID', 'client ID 3f1e2d4c-5b6a-4798-8a9b-0c1d2e3f4a01'],
    [
      'Exchange’s greeting tag',
      '* OK The Microsoft Exchange IMAP4 service is ready. [TQBXADIAUABSADAANQBDAEEAMAAwADAAMQAuAGUAdQBy]',
    ],
  ])('leaves %s alone', (_name, input) => {
    expect(redact(input)).toBe(input);
  });

  it('is idempotent', () => {
    const once = redact(`Bearer ${JWT} client_secret=abc ${SASL}`);
    expect(redact(once)).toBe(once);
    expect(once).not.toContain(JWT);
    expect(once).not.toContain('abc');
  });
});

describe('tokenFingerprint', () => {
  it('is the first 12 hex digits of SHA-256 and never the token', () => {
    expect(tokenFingerprint('abc')).toBe('ba7816bf8f01');
    expect(tokenFingerprint(JWT)).toMatch(/^[0-9a-f]{12}$/);
  });
});
