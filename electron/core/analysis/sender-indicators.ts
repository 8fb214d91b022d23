import type { Evidence, HeaderRef, Indicator } from '../../../shared/analysis';
import type { Header } from '../../../shared/model';
import { parseDkimSignature } from '../mime/auth-results';
import type { ReceivingAuthentication } from './auth-stamp';
import {
  addressesIn,
  addressesInText,
  domainOf,
  type HeaderAddress,
  registrableDomain,
} from './header-addresses';

/**
 * Who the message says it is from, against where replies and bounces go and who signed it: a
 * Reply-To or Return-Path in another organisation, a display name carrying another address, a From
 * domain that neither the DKIM signer nor the SPF-checked domain matches. Domains are compared by
 * their registrable part (tldts), so mail.example.com and example.com are the same organisation.
 */
export function senderIndicators(
  headers: readonly Header[],
  auth: ReceivingAuthentication | null,
): Indicator[] {
  const from = addressesIn(headers, 'from')[0];
  if (!from) return [];
  const fromDomain = domainOf(from.address);
  if (!fromDomain) return [];
  const fromOrg = registrableDomain(fromDomain);
  const fromEvidence = evidence(`From: ${from.address} (organisation ${fromOrg})`, from.header);
  const indicators: Indicator[] = [];

  for (const replyTo of addressesIn(headers, 'reply-to')) {
    const org = orgOf(replyTo);
    if (org && org !== fromOrg) {
      indicators.push({
        kind: 'reply-to-differs',
        strength: 'moderate',
        title: 'Replies go to another organisation than the sender’s',
        evidence: [
          fromEvidence,
          evidence(`Reply-To: ${replyTo.address} (organisation ${org})`, replyTo.header),
        ],
      });
    }
  }

  const returnPath = addressesIn(headers, 'return-path')[0];
  const returnOrg = returnPath && orgOf(returnPath);
  if (returnPath && returnOrg && returnOrg !== fromOrg) {
    indicators.push({
      kind: 'return-path-differs',
      // Bulk senders and mail services bounce to their own domain all the time.
      strength: 'weak',
      title: 'Bounces go to another organisation than the sender’s',
      evidence: [
        fromEvidence,
        evidence(`Return-Path: ${returnPath.address} (organisation ${returnOrg})`, returnPath.header),
      ],
    });
  }

  for (const sender of [from, ...addressesIn(headers, 'reply-to')]) {
    const hidden = addressesInText(sender.displayName).filter((address) => address !== sender.address);
    if (hidden.length === 0) continue;
    const otherOrg = hidden.some((address) => registrableDomain(domainOf(address) ?? '') !== orgOf(sender));
    indicators.push({
      kind: 'display-name-address',
      strength: otherOrg ? 'strong' : 'moderate',
      title: `The ${sender.header.name} display name shows another address than the real one`,
      evidence: [evidence(`Shown: “${sender.displayName}”; real address: ${sender.address}`, sender.header)],
    });
  }

  indicators.push(...alignment(headers, auth, fromOrg, fromEvidence));
  return indicators;
}

function alignment(
  headers: readonly Header[],
  auth: ReceivingAuthentication | null,
  fromOrg: string,
  fromEvidence: Evidence,
): Indicator[] {
  const indicators: Indicator[] = [];
  const dmarcPassed = auth?.results.some((r) => r.method === 'dmarc' && r.result === 'pass') ?? false;
  // DMARC needs one of the two aligned; with DMARC passing a lone misalignment is only a note.
  const strength = dmarcPassed ? 'weak' : 'moderate';

  const signatures: Evidence[] = [];
  let aligned = false;
  headers.forEach((header, index) => {
    if (header.name.toLowerCase() !== 'dkim-signature') return;
    const domain = parseDkimSignature(header.value).domain?.toLowerCase();
    if (!domain) return;
    if (registrableDomain(domain) === fromOrg) aligned = true;
    signatures.push(evidence(`DKIM-Signature d=${domain}`, { index, name: header.name }));
  });
  if (signatures.length > 0 && !aligned) {
    indicators.push({
      kind: 'dkim-not-aligned',
      strength,
      title: 'No DKIM signature is from the sender’s organisation',
      evidence: [fromEvidence, ...signatures],
    });
  }

  const mailFrom = auth?.results
    .find((r) => r.method === 'spf')
    ?.properties.find((p) => p.name === 'smtp.mailfrom')?.value;
  const spfDomain = mailFrom ? (domainOf(mailFrom) ?? mailFrom.toLowerCase()) : null;
  if (auth && spfDomain && registrableDomain(spfDomain) !== fromOrg) {
    indicators.push({
      kind: 'spf-not-aligned',
      strength,
      title: 'The domain SPF checked is not the sender’s organisation',
      evidence: [fromEvidence, evidence(`SPF checked smtp.mailfrom=${mailFrom}`, auth.header)],
    });
  }
  return indicators;
}

function orgOf(address: HeaderAddress): string | null {
  const domain = domainOf(address.address);
  return domain ? registrableDomain(domain) : null;
}

function evidence(text: string, header: HeaderRef): Evidence {
  return { text, header, attachment: null };
}
