import { describe, expect, it } from 'vitest';
import { AppError } from '../../../electron/core/app-error';
import { errorForReply, isTemporary, Pop3Error } from '../../../electron/core/pop3/errors';
import {
  decodeSaslError,
  oauthbearerBlob,
  saslErrorAck,
  xoauth2Blob,
} from '../../../electron/core/pop3/sasl';

const decode = (b64: string) => Buffer.from(b64, 'base64').toString('utf8');

describe('SASL blobs for bearer tokens', () => {
  it('XOAUTH2: user=…^Aauth=Bearer …^A^A', () => {
    expect(decode(xoauth2Blob('invoices@contoso.example', 'tok'))).toBe(
      'user=invoices@contoso.example\x01auth=Bearer tok\x01\x01',
    );
  });

  it('OAUTHBEARER: GS2 header with , and = escaped in the authzid (RFC 5801)', () => {
    expect(decode(oauthbearerBlob('a,b=c@x', 'tok'))).toBe('n,a=a=2Cb=3Dc@x,\x01auth=Bearer tok\x01\x01');
  });

  it('a real token makes the initial-response AUTH line longer than RFC 5034’s 255 octets', () => {
    const token = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.' + 'x'.repeat(1400) + '.sig';
    expect(`AUTH XOAUTH2 ${xoauth2Blob('invoices@contoso.example', token)}`.length).toBeGreaterThan(255);
  });

  it('error challenges: JSON decoded, anything else ignored; acks per mechanism', () => {
    const json = Buffer.from('{"status":"401","schemes":"bearer","scope":"mail"}').toString('base64');
    expect(decodeSaslError(json)).toEqual({ status: '401', schemes: 'bearer', scope: 'mail' });
    expect(decodeSaslError('')).toBeUndefined();
    expect(decodeSaslError('not base64!')).toBeUndefined();
    expect(decodeSaslError(Buffer.from('[1]').toString('base64'))).toBeUndefined();
    expect(saslErrorAck('XOAUTH2')).toBe('');
    expect(saslErrorAck('OAUTHBEARER')).toBe('AQ==');
  });
});

describe('-ERR replies as typed errors', () => {
  it('maps verbs and texts to kinds and AppError codes', () => {
    const cases: [string, string, string, string][] = [
      ['AUTH XOAUTH2', '-ERR [AUTH] Authentication failed.', 'auth', 'MAIL_AUTH_FAILED'],
      [
        'AUTH XOAUTH2',
        '-ERR Authentication failure: unknown user name or bad password.',
        'auth',
        'MAIL_AUTH_FAILED',
      ],
      ['AUTH XOAUTH2', '-ERR Server Unavailable. 21', 'unavailable', 'SERVER_BUSY'],
      ['STAT', '-ERR [IN-USE] Mailbox locked.', 'unavailable', 'SERVER_BUSY'],
      ['RETR 4', '-ERR There is no such message.', 'message', 'MESSAGE_UNREADABLE'],
      ['UIDL 4', '-ERR There is no such message.', 'message', 'MESSAGE_UNREADABLE'],
      ['UIDL', '-ERR Disabled.', 'command', 'PROTOCOL_ERROR'],
    ];
    for (const [command, line, kind, code] of cases) {
      const error = errorForReply(command, line);
      expect(error, line).toBeInstanceOf(Pop3Error);
      expect(error, line).toBeInstanceOf(AppError);
      expect(error, line).toMatchObject({ kind, code, serverText: line, command });
      expect(error.hint.length).toBeGreaterThan(10);
    }
    expect(isTemporary('-ERR [SYS/TEMP] Try later.')).toBe(true);
    expect(isTemporary('-ERR [AUTH] Authentication failed.')).toBe(false);
  });

  it('keeps hostile server text printable and short', () => {
    const error = errorForReply('STAT', `-ERR \x1b[31m${'A'.repeat(1000)}`);
    expect(error.serverText).not.toContain('\x1b');
    expect(error.serverText!.length).toBeLessThan(310);
    expect(error.message.length).toBeLessThan(400);
  });
});
