import type { DecodedStamp, StampField, Tone, Verdict, VerdictClaim } from '../../../shared/analysis';
import type { ReceivingAuthentication } from './auth-stamp';

/** What CAT names, as the verdict says it ("Marked as phishing by Microsoft 365"). */
const CATEGORY_WORDS: Record<string, string> = {
  AMP: 'malware (anti-malware policy)',
  BIMP: 'brand impersonation',
  BULK: 'bulk mail',
  DIMP: 'domain impersonation',
  FTBP: 'a blocked file type',
  GIMP: 'impersonation (mailbox intelligence)',
  HPHSH: 'high confidence phishing',
  HPHISH: 'high confidence phishing',
  HSPM: 'high confidence spam',
  INTOS: 'intra-organisation phishing',
  MALW: 'malware',
  OSPM: 'outbound spam',
  PHSH: 'phishing',
  SAP: 'malware (Safe Attachments)',
  SPM: 'spam',
  SPOOF: 'spoofing',
  UIMP: 'user impersonation',
};

const TONE_RANK: Record<Tone, number> = { info: 0, good: 1, warn: 2, bad: 3 };

/**
 * The one line at the top of the reader: what the receiving side concluded, each claim pointing at
 * the header (and field) it was read from. Only what a stamp says is claimed; with no stamps there
 * is no verdict, not a guess.
 */
export function verdictOf(stamps: readonly DecodedStamp[], auth: ReceivingAuthentication | null): Verdict {
  const claims: VerdictClaim[] = [];
  const forefront = stamps.find((stamp) => stamp.kind === 'forefront-antispam-report');
  if (forefront) claims.push(...filteringClaims(forefront));
  const antispam = stamps.find((stamp) => stamp.kind === 'microsoft-antispam');
  if (antispam) claims.push(...levelClaims(antispam));
  if (auth) claims.push(...authenticationClaims(auth));
  const country = forefront && fieldOf(forefront, 'CTRY');
  if (forefront && country?.value) {
    claims.push(claim(`sender IP in ${country.value}`, 'info', forefront, 'CTRY'));
  }
  // The line as a whole is never "good": a filter that found nothing has not shown the message safe.
  const worst = claims.reduce<Tone>(
    (tone, c) => (TONE_RANK[c.tone] > TONE_RANK[tone] ? c.tone : tone),
    'info',
  );
  const tone = worst === 'good' ? 'info' : worst;
  const summary = claims.map((c, index) => (index === 0 ? capitalise(c.text) : c.text)).join('; ');
  return { claims, summary, tone };
}

function filteringClaims(stamp: DecodedStamp): VerdictClaim[] {
  const cat = fieldOf(stamp, 'CAT');
  const scl = fieldOf(stamp, 'SCL');
  const sfv = fieldOf(stamp, 'SFV');
  const sfty = fieldOf(stamp, 'SFTY');
  const claims: VerdictClaim[] = [];
  const sclNumber = scl?.value ? Number(scl.value) : null;
  const evidence = (first: string) =>
    [first, sclNumber !== null && Number.isFinite(sclNumber) ? `SCL ${scl?.value}` : '']
      .filter(Boolean)
      .join(', ');
  const category = cat ? CATEGORY_WORDS[cat.value.toUpperCase()] : undefined;
  if (cat && category) {
    claims.push(
      claim(
        `marked as ${category} by Microsoft 365 (${evidence(`CAT:${cat.value}`)})`,
        cat.tone,
        stamp,
        'CAT',
      ),
    );
  } else if (sfv && ['SPM', 'SKS', 'SKB', 'BLK'].includes(sfv.value.toUpperCase())) {
    claims.push(
      claim(`marked as spam by Microsoft 365 (${evidence(`SFV:${sfv.value}`)})`, 'warn', stamp, 'SFV'),
    );
  } else if (sclNumber !== null && sclNumber >= 5 && scl) {
    claims.push(claim(`marked as spam by Microsoft 365 (SCL ${scl.value})`, scl.tone, stamp, 'SCL'));
  } else if (
    sclNumber === -1 ||
    (sfv && ['SKA', 'SKN', 'SFE', 'SKI', 'SKQ'].includes(sfv.value.toUpperCase()))
  ) {
    const via = sfv ? `SFV:${sfv.value}` : `SCL ${scl?.value ?? ''}`;
    claims.push(
      claim(`spam filtering skipped by Microsoft 365 (${via})`, 'info', stamp, sfv ? 'SFV' : 'SCL'),
    );
  } else if (sfv?.value.toUpperCase() === 'NSPM') {
    claims.push(claim(`not marked as spam by Microsoft 365 (${evidence('SFV:NSPM')})`, 'good', stamp, 'SFV'));
  }
  if (sfty?.known) {
    claims.push(
      claim(
        `${sfty.meaning.split(':')[0]?.toLowerCase() ?? 'safety tip'} (SFTY ${sfty.value})`,
        sfty.tone,
        stamp,
        'SFTY',
      ),
    );
  }
  return claims;
}

function levelClaims(stamp: DecodedStamp): VerdictClaim[] {
  const claims: VerdictClaim[] = [];
  const bcl = fieldOf(stamp, 'BCL');
  if (bcl?.known && Number(bcl.value) >= 4)
    claims.push(claim(`bulk sender (BCL ${bcl.value})`, 'warn', stamp, 'BCL'));
  const pcl = fieldOf(stamp, 'PCL');
  if (pcl?.known && Number(pcl.value) >= 4) {
    claims.push(claim(`content likely phishing (PCL ${pcl.value})`, 'bad', stamp, 'PCL'));
  }
  return claims;
}

function authenticationClaims(auth: ReceivingAuthentication): VerdictClaim[] {
  const claims: VerdictClaim[] = [];
  const at = (method: string) => auth.results.find((result) => result.method === method);
  const ref = { kind: 'authentication-results' as const, header: auth.header };
  const dmarc = at('dmarc');
  if (dmarc?.result === 'fail') claims.push(claim('DMARC failed', 'bad', ref, 'dmarc'));
  else if (dmarc?.result === 'pass') claims.push(claim('DMARC passed', 'good', ref, 'dmarc'));
  const compauth = at('compauth');
  if (compauth?.result === 'fail') {
    const reason = compauth.reason ? ` reason ${compauth.reason}` : '';
    claims.push(
      claim(`sender looks spoofed to Microsoft 365 (compauth=fail${reason})`, 'bad', ref, 'compauth'),
    );
  }
  const spf = at('spf');
  if (spf && ['fail', 'softfail'].includes(spf.result))
    claims.push(claim(`SPF ${spf.result}`, spf.result === 'fail' ? 'bad' : 'warn', ref, 'spf'));
  const dkim = at('dkim');
  if (dkim?.result === 'fail') claims.push(claim('DKIM failed', 'bad', ref, 'dkim'));
  return claims;
}

function fieldOf(stamp: DecodedStamp, key: string): StampField | undefined {
  return stamp.fields.find((field) => field.key.toUpperCase() === key.toUpperCase());
}

function claim(text: string, tone: Tone, stamp: Pick<DecodedStamp, 'header'>, field: string): VerdictClaim {
  return { text, tone, header: stamp.header, field };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
