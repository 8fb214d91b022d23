import { describe, expect, it } from 'vitest';
import {
  decodeSaslChallenge,
  decodeSaslError,
  oauthbearerBlob,
  saslErrorAck,
  xoauth2Blob,
} from '../../../electron/core/auth/sasl';

const decode = (b64: string) => Buffer.from(b64, 'base64').toString('utf8');
const b64 = (text: string) => Buffer.from(text).toString('base64');

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

describe('SASL error challenges as diagnostics read them', () => {
  it('gives the text, and the JSON value whatever its kind', () => {
    expect(decodeSaslChallenge(b64('{"status":"401"}'))).toEqual({
      text: '{"status":"401"}',
      json: { value: { status: '401' } },
    });
    expect(decodeSaslChallenge(` ${b64('[1]')} `)).toEqual({ text: '[1]', json: { value: [1] } });
    expect(decodeSaslChallenge(b64('null'))).toEqual({ text: 'null', json: { value: null } });
    expect(decodeSaslChallenge(b64('not json'))).toEqual({ text: 'not json' });
  });
});
