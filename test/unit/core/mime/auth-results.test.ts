import { describe, expect, it } from 'vitest';
import {
  parseAuthenticationResults,
  parseDkimSignature,
  parseReceivedSpf,
} from '../../../../electron/core/mime/auth-results';
import type { AuthenticationReport } from '../../../../shared/model';
import { sample } from './header-samples';

const verdicts = (report: AuthenticationReport) =>
  Object.fromEntries(report.verdicts.map((v) => [v.method, [v.result, v.domain]]));

describe('authentication summary on real-world samples', () => {
  it('Exchange Online: no authserv-id, trusted by position; ARC results shown but never trusted', async () => {
    const { authentication } = await sample('exchange-online');
    expect(authentication.trustedAuthservId).toBeNull();
    expect(verdicts(authentication)).toEqual({
      spf: ['pass', 'gmail.com'],
      dkim: ['pass', 'gmail.com'],
      dmarc: ['pass', 'gmail.com'],
    });
    const [own, arc] = authentication.results;
    expect(own).toMatchObject({ header: 'Authentication-Results', authservId: null, trusted: true });
    expect(own?.results.find((r) => r.method === 'compauth')).toMatchObject({
      result: 'pass',
      reason: '100',
    });
    expect(own?.results.find((r) => r.method === 'dmarc')?.properties).toEqual([
      { name: 'action', value: 'none' },
      { name: 'header.from', value: 'gmail.com' },
    ]);
    expect(arc).toMatchObject({
      header: 'ARC-Authentication-Results',
      authservId: 'mx.microsoft.com',
      instance: 1,
      trusted: false,
    });
    expect(authentication.dkimSignatures).toEqual([
      expect.objectContaining({
        domain: 'gmail.com',
        selector: '20230601',
        algorithm: 'rsa-sha256',
        signedAt: '2026-09-14T15:12:33.000Z',
      }),
    ]);
    expect(authentication.receivedSpf[0]).toMatchObject({
      result: 'pass',
      properties: expect.arrayContaining([{ name: 'client-ip', value: '198.51.100.41' }]),
    });
  });

  it('Gmail: authserv-id mx.google.com, comments with colons, DMARC policy in the comment', async () => {
    const { authentication } = await sample('gmail');
    expect(authentication.trustedAuthservId).toBe('mx.google.com');
    expect(verdicts(authentication)).toEqual({
      spf: ['pass', 'contoso.example'],
      dkim: ['pass', 'contoso.example'],
      dmarc: ['pass', 'contoso.example'],
    });
    expect(authentication.verdicts.find((v) => v.method === 'dmarc')).toMatchObject({
      detail: 'p=QUARANTINE sp=QUARANTINE dis=NONE',
      source: 'mx.google.com',
    });
    const dkim = authentication.results
      .find((header) => header.trusted)
      ?.results.find((result) => result.method === 'dkim');
    expect(dkim?.properties).toEqual([
      { name: 'header.i', value: '@contoso.example' },
      { name: 'header.s', value: 'mail2026' },
      { name: 'header.b', value: 'Xq4TnB1k' },
    ]);
  });

  it('on-premises gateway: one authserv-id across three headers trusted; the sender side’s is not', async () => {
    const { authentication } = await sample('exchange-onprem');
    expect(authentication.trustedAuthservId).toBe('mx1.fabrikam.example');
    expect(authentication.results.map((h) => [h.authservId, h.trusted])).toEqual([
      ['mx1.fabrikam.example', true],
      ['mx1.fabrikam.example', true],
      ['mx1.fabrikam.example', true],
      ['relay.northwind.example', false],
    ]);
    expect(verdicts(authentication)).toEqual({
      spf: ['pass', 'northwind.example'],
      dkim: ['pass', 'northwind.example'],
      dmarc: ['pass', 'northwind.example'],
    });
    // OpenDKIM's comment holds a semicolon; it must not split the result.
    expect(authentication.verdicts.find((v) => v.method === 'dkim')?.detail).toBe(
      '2048-bit key; unprotected',
    );
    expect(authentication.receivedSpf[0]).toMatchObject({ result: 'pass', comment: 'mailfrom' });
  });

  it('spam relay: the forged all-pass header below is shown as untrusted; the verdicts fail', async () => {
    const { authentication } = await sample('spam-relay');
    expect(verdicts(authentication)).toEqual({
      spf: ['softfail', 'paypa1-secure.example'],
      dkim: ['fail', 'paypal.com'],
      dmarc: ['fail', 'paypal.com'],
    });
    const forged = authentication.results.find((header) => header.authservId === 'mx.paypal.com');
    expect(forged).toMatchObject({ trusted: false });
    expect(forged?.results.every((result) => result.result === 'pass')).toBe(true);
    expect(authentication.dkimSignatures[0]).toMatchObject({ domain: 'paypal.com', selector: 'pp-dkim1' });
  });

  it('a message nobody authenticated: every verdict is none, from nobody', async () => {
    const { parseMessage } = await import('../../../../electron/core/mime/parse-message');
    const view = await parseMessage(Buffer.from('Subject: x\r\n\r\nbody\r\n'), {
      id: 'm',
      folderId: 'f',
      flags: { seen: false, flagged: false, answered: false, draft: false },
    });
    expect(view.authentication.verdicts.map((v) => [v.method, v.result, v.source])).toEqual([
      ['spf', 'none', null],
      ['dkim', 'none', null],
      ['dmarc', 'none', null],
    ]);
  });
});

describe('parseAuthenticationResults', () => {
  it('reads an authserv-id with a version, reason= and quoted values', () => {
    const header = parseAuthenticationResults(
      'mx.example.org 1; dkim=fail reason="signature; verification failed" header.d=example.com header.b="ab/c+="; spf=temperror smtp.mailfrom=example.com',
    );
    expect(header.authservId).toBe('mx.example.org');
    expect(header.results).toEqual([
      {
        method: 'dkim',
        result: 'fail',
        reason: 'signature; verification failed',
        comment: null,
        properties: [
          { name: 'header.d', value: 'example.com' },
          { name: 'header.b', value: 'ab/c+=' },
        ],
      },
      {
        method: 'spf',
        result: 'temperror',
        reason: null,
        comment: null,
        properties: [{ name: 'smtp.mailfrom', value: 'example.com' }],
      },
    ]);
  });

  it('keeps base64 padding on unquoted values', () => {
    const header = parseAuthenticationResults('mx.example; dkim=pass header.b=AbC+/d==');
    expect(header.results[0]?.properties).toEqual([{ name: 'header.b', value: 'AbC+/d==' }]);
  });

  it('reads "none" (nothing was checked) and ignores garbage', () => {
    expect(parseAuthenticationResults('mx.example; none').results).toEqual([]);
    expect(parseAuthenticationResults('((((; ;;; =x').results).toEqual([]);
  });
});

describe('DKIM-Signature and Received-SPF', () => {
  it('reads the tags of a folded signature with whitespace inside values', () => {
    expect(
      parseDkimSignature(
        'v=1; a=ed25519-sha256; d=example.net;\r\n s=brisbane; i=@eng.example.net; t=0; h=from : to',
      ),
    ).toEqual({
      domain: 'example.net',
      selector: 'brisbane',
      algorithm: 'ed25519-sha256',
      identity: '@eng.example.net',
      canonicalization: null,
      signedAt: null,
      headers: ['from', 'to'],
    });
  });

  it('reads the result, the comment and the key-value list', () => {
    expect(
      parseReceivedSpf(
        'Fail (mx.example: domain of a@b.example does not designate 192.0.2.1 as permitted sender) client-ip=192.0.2.1; envelope-from="a@b.example"; helo=x;',
      ),
    ).toEqual({
      result: 'fail',
      comment: 'mx.example: domain of a@b.example does not designate 192.0.2.1 as permitted sender',
      properties: [
        { name: 'client-ip', value: '192.0.2.1' },
        { name: 'envelope-from', value: 'a@b.example' },
        { name: 'helo', value: 'x' },
      ],
    });
  });
});
