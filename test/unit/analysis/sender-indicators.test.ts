import { describe, expect, it } from 'vitest';
import { receivingAuthentication } from '../../../electron/core/analysis/auth-stamp';
import { registrableDomain } from '../../../electron/core/analysis/header-addresses';
import { senderIndicators } from '../../../electron/core/analysis/sender-indicators';
import type { Header } from '../../../shared/model';

function indicators(headers: Header[]) {
  return senderIndicators(headers, receivingAuthentication(headers));
}
const kinds = (headers: Header[]) =>
  indicators(headers).map((indicator) => `${indicator.kind}:${indicator.strength}`);

describe('sender indicators', () => {
  it('compares registrable domains from the public suffix list, not the last two labels', () => {
    expect(registrableDomain('mail.paypal.co.uk')).toBe('paypal.co.uk');
    expect(registrableDomain('a.b.example.com')).toBe('example.com');
    expect(registrableDomain('198.51.100.1')).toBe('198.51.100.1');
  });

  it('flags a Reply-To and a Return-Path in another organisation, with both headers as evidence', () => {
    const found = indicators([
      { name: 'From', value: 'Billing <billing@contoso.com>' },
      { name: 'Reply-To', value: 'pay@evil.example' },
      { name: 'Return-Path', value: '<bounce@mailer.example>' },
    ]);
    expect(found.map((i) => [i.kind, i.strength])).toEqual([
      ['reply-to-differs', 'moderate'],
      ['return-path-differs', 'weak'],
    ]);
    expect(found[0]?.evidence.map((e) => e.header)).toEqual([
      { index: 0, name: 'From' },
      { index: 1, name: 'Reply-To' },
    ]);
  });

  it('says nothing when Reply-To and Return-Path are the same organisation (a subdomain)', () => {
    expect(
      kinds([
        { name: 'From', value: 'billing@contoso.co.uk' },
        { name: 'Reply-To', value: 'help@support.contoso.co.uk' },
        { name: 'Return-Path', value: '<b@bounces.contoso.co.uk>' },
        { name: 'DKIM-Signature', value: 'v=1; d=mail.contoso.co.uk; s=s; h=from; b=x' },
      ]),
    ).toEqual([]);
  });

  it('flags a display name that carries another address, strongly when it is another organisation', () => {
    expect(kinds([{ name: 'From', value: '"security@microsoft.com" <alerts@evil.example>' }])).toEqual([
      'display-name-address:strong',
    ]);
    expect(kinds([{ name: 'From', value: '"it@contoso.com" <helpdesk@contoso.com>' }])).toEqual([
      'display-name-address:moderate',
    ]);
    expect(kinds([{ name: 'From', value: '"helpdesk@contoso.com" <helpdesk@contoso.com>' }])).toEqual([]);
  });

  it('flags a From domain no DKIM signature and no SPF domain aligns with, weakly once DMARC passed', () => {
    const headers: Header[] = [
      {
        name: 'Authentication-Results',
        value: 'spf=pass smtp.mailfrom=bounce.sender.example; dmarc=fail header.from=contoso.com',
      },
      { name: 'DKIM-Signature', value: 'v=1; d=sender.example; s=s; h=from; b=x' },
      { name: 'From', value: 'ceo@contoso.com' },
    ];
    expect(kinds(headers)).toEqual(['dkim-not-aligned:moderate', 'spf-not-aligned:moderate']);
    headers[0] = {
      name: 'Authentication-Results',
      value: 'spf=pass smtp.mailfrom=bounce.sender.example; dmarc=pass',
    };
    expect(kinds(headers)).toEqual(['dkim-not-aligned:weak', 'spf-not-aligned:weak']);
  });

  it('has nothing to say without a From address', () => {
    expect(kinds([{ name: 'Reply-To', value: 'x@evil.example' }])).toEqual([]);
  });
});
