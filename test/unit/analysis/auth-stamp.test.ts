import { describe, expect, it } from 'vitest';
import {
  decodeAuthenticationStamp,
  receivingAuthentication,
} from '../../../electron/core/analysis/auth-stamp';
import { compauthReason } from '../../../electron/core/analysis/stamp-meanings';

function decode(value: string) {
  const auth = receivingAuthentication([{ name: 'Authentication-Results', value }]);
  if (!auth) throw new Error('no Authentication-Results');
  return decodeAuthenticationStamp(auth).fields;
}

describe('Authentication-Results as Microsoft 365 writes it', () => {
  it('takes the topmost header, the receiving organisation’s, and points at it', () => {
    const auth = receivingAuthentication([
      { name: 'Received', value: 'from a by b' },
      { name: 'Authentication-Results', value: 'spf=pass smtp.mailfrom=a.example' },
      { name: 'Authentication-Results', value: 'spf=fail smtp.mailfrom=b.example' },
    ]);
    expect(auth?.header).toEqual({ index: 1, name: 'Authentication-Results' });
    expect(auth?.results[0]?.result).toBe('pass');
    expect(receivingAuthentication([{ name: 'Subject', value: 'x' }])).toBeNull();
  });

  it('decodes each method, compauth with its reason code and DMARC with its action', () => {
    const fields = decode(
      'spf=softfail (sender IP is 192.0.2.1) smtp.mailfrom=x.example; dkim=none (message not signed) header.d=none;' +
        'dmarc=fail action=oreject header.from=paypal.com;compauth=fail reason=001',
    );
    expect(fields.map((field) => [field.key, field.value, field.known])).toEqual([
      ['spf', 'softfail', true],
      ['dkim', 'none', true],
      ['dmarc', 'fail', true],
      ['dmarc action', 'oreject', true],
      ['compauth', 'fail', true],
      ['compauth reason', '001', true],
    ]);
    expect(fields.find((field) => field.key === 'compauth reason')?.meaning).toMatch(/implicit/);
  });

  it('knows the documented compauth reasons and classes, and nothing else', () => {
    for (const code of ['000', '001', '002', '010', '100', '199', '201', '301', '401', '601', '701', '901']) {
      expect(compauthReason(code), code).not.toBeNull();
    }
    expect(compauthReason('130')?.tone).toBe('good');
    expect(compauthReason('601')?.tone).toBe('bad');
    for (const code of ['011', '500', '801', '12', 'abc']) expect(compauthReason(code), code).toBeNull();
    expect(decode('compauth=fail reason=555').find((f) => f.key === 'compauth reason')).toMatchObject({
      known: false,
      meaning: 'unknown',
    });
  });

  it('says unknown for a result or action no one documents', () => {
    const fields = decode('spf=weird smtp.mailfrom=x.example; dmarc=fail action=shrug; foo=bar');
    expect(fields.find((f) => f.key === 'spf')).toMatchObject({ known: false, meaning: 'unknown' });
    expect(fields.find((f) => f.key === 'dmarc action')).toMatchObject({ known: false, meaning: 'unknown' });
    expect(fields.find((f) => f.key === 'foo')).toMatchObject({ known: false, meaning: 'unknown' });
  });
});
