import { domainToASCII, domainToUnicode } from 'node:url';
import { confusables } from 'unicode-confusables';
import type { Evidence, Indicator } from '../../../shared/analysis';
import { claimedHost, misleads, type ShownLink } from '../../../shared/link-text';

/** A domain the person reading sees somewhere (a sender, a link, a link's text), and where. */
export interface ShownDomain {
  readonly domain: string;
  readonly where: Evidence;
}

/**
 * Internationalised domains and look-alike characters. A domain in one non-Latin script is common
 * and innocent (a weak note); a Latin-looking domain with a character from another script that
 * Unicode lists as confusable with a Latin one (Cyrillic "а" for "a") is the classic look-alike.
 */
export function domainIndicators(shown: readonly ShownDomain[]): Indicator[] {
  const byDomain = new Map<string, Evidence[]>();
  for (const { domain, where } of shown) {
    // One entry per domain however it is written: case, Unicode or punycode.
    const key = domainToASCII(domain.toLowerCase()) || domain.toLowerCase();
    const list = byDomain.get(key) ?? [];
    if (list.length < 5) list.push(where);
    byDomain.set(key, list);
  }
  const indicators: Indicator[] = [];
  for (const [domain, places] of byDomain) {
    const unicode = domainToUnicode(domain) || domain;
    const ascii = domainToASCII(domain) || domain;
    if (unicode === ascii && !ascii.includes('xn--')) continue;
    const lookalikes = lookalikeCharacters(unicode);
    const names = unicode === ascii ? ascii : `${unicode} (${ascii})`;
    if (lookalikes.length > 0) {
      indicators.push({
        kind: 'lookalike-domain',
        strength: 'strong',
        title: `${unicode} uses characters that look like Latin letters`,
        evidence: [{ text: `${names}: ${lookalikes.join(', ')}`, header: null, attachment: null }, ...places],
      });
    } else {
      indicators.push({
        kind: 'idn-domain',
        strength: mixedScripts(unicode) ? 'moderate' : 'weak',
        title: `${unicode} is an internationalised domain`,
        evidence: [
          {
            text: `Written ${names}${mixedScripts(unicode) ? '; it mixes Latin with another script in one label' : ''}`,
            header: null,
            attachment: null,
          },
          ...places,
        ],
      });
    }
  }
  return indicators;
}

/** Links whose text names one host while they go to another (the Links panel's rule, shared). */
export function linkIndicators(links: readonly ShownLink[], origin: string): Indicator[] {
  const misleading = links.filter((link) => misleads(link));
  if (misleading.length === 0) return [];
  return [
    {
      kind: 'link-text-mismatch',
      // Newsletters wrap links in trackers too; a text naming a domain is what makes it worth a look.
      strength: 'moderate',
      title: `${misleading.length} link${misleading.length === 1 ? ' shows' : 's show'} one address and go${misleading.length === 1 ? 'es' : ''} to another`,
      evidence: misleading.slice(0, 10).map((link) => ({
        text: `Shows “${link.text}” (${claimedHost(link.text) ?? '?'}), goes to ${link.target}`,
        header: null,
        attachment: origin || null,
      })),
    },
  ];
}

/** "U+0430 looks like a" for each non-ASCII character Unicode lists as confusable with ASCII. */
function lookalikeCharacters(unicode: string): string[] {
  const found = new Set<string>();
  for (const { point, similarTo } of confusables(unicode)) {
    if (!similarTo || /^\p{ASCII}$/u.test(point) || !/^\p{ASCII}+$/u.test(similarTo)) continue;
    const code = point.codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0') ?? '';
    found.add(`“${point}” (U+${code}) looks like “${similarTo}”`);
  }
  return [...found];
}

/** A label mixing Latin letters with Cyrillic or Greek ones. */
function mixedScripts(unicode: string): boolean {
  return unicode
    .split('.')
    .some((label) => /\p{Script=Latin}/u.test(label) && /[\p{Script=Cyrillic}\p{Script=Greek}]/u.test(label));
}
