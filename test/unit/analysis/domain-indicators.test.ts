import { describe, expect, it } from 'vitest';
import { domainIndicators, linkIndicators } from '../../../electron/core/analysis/domain-indicators';

const where = { text: 'From: x', header: { index: 0, name: 'From' }, attachment: null };

describe('domain and link indicators', () => {
  it('calls out a Latin-looking domain with a Cyrillic letter, naming the character, strongly', () => {
    const [indicator] = domainIndicators([{ domain: 'pаypal.com', where }]);
    expect(indicator).toMatchObject({ kind: 'lookalike-domain', strength: 'strong' });
    expect(indicator?.evidence[0]?.text).toContain('xn--pypal-4ve.com');
    expect(indicator?.evidence[0]?.text).toContain('U+0430');
    expect(indicator?.evidence[1]).toEqual(where);
    // Written in punycode, the same domain is the same look-alike.
    expect(domainIndicators([{ domain: 'xn--pypal-4ve.com', where }])[0]?.kind).toBe('lookalike-domain');
  });

  it('notes an internationalised domain in one script weakly, and ignores plain ASCII', () => {
    expect(domainIndicators([{ domain: 'bücher.de', where }])).toMatchObject([
      { kind: 'idn-domain', strength: 'weak' },
    ]);
    expect(
      domainIndicators([
        { domain: 'paypal.com', where },
        { domain: 'rnicrosoft.com', where },
      ]),
    ).toEqual([]);
  });

  it('lists each shown domain once, however often it appears', () => {
    const found = domainIndicators([
      { domain: 'pаypal.com', where },
      { domain: 'PАYPAL.com', where },
      { domain: 'xn--pypal-4ve.com', where },
    ]);
    expect(found).toHaveLength(1);
    expect(found[0]?.evidence).toHaveLength(4);
  });

  it('flags links whose text names another host, with the Links panel’s rule', () => {
    const [indicator] = linkIndicators(
      [
        { text: 'https://www.paypal.com/signin', target: 'https://login.evil.example/' },
        { text: 'paypal.com', target: 'https://www.paypal.com/x' },
        { text: 'Click here', target: 'https://anything.example/' },
      ],
      '',
    );
    expect(indicator).toMatchObject({ kind: 'link-text-mismatch', strength: 'moderate' });
    expect(indicator?.evidence.map((e) => e.text)).toEqual([
      'Shows “https://www.paypal.com/signin” (www.paypal.com), goes to https://login.evil.example/',
    ]);
    expect(linkIndicators([{ text: 'Click', target: 'https://x.example' }], '')).toEqual([]);
  });
});
