import type { Analysis, DecodedStamp, HeaderRef } from '../../shared/analysis';
import { defang } from '../core/report/defang';
import { formatAddresses, formatBytes, formatDelay } from '../core/report/format';
import type { TriageReport } from '../core/report/report-document';

/**
 * The analysis as text for a terminal: the same report as the HTML page, section by section.
 * Text from the message passes through terminalSafe, so a header cannot move the cursor, recolour
 * the terminal or reorder what is shown; URLs and domains are defanged.
 */

/** Control characters (ESC and the rest of C0/C1) and bidi overrides shown as "?" and a line as one line. */
export function terminalSafe(text: string): string {
  return text.replace(
    // eslint-disable-next-line no-control-regex -- removing control characters is the point
    /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g,
    '?',
  );
}

const one = (text: string) => terminalSafe(text).replace(/[\r\n\t]+/g, ' ');

function headerName(ref: HeaderRef): string {
  return one(ref.name);
}

function stampLines(stamp: DecodedStamp, indent: string): string[] {
  const lines = [`${indent}${one(stamp.title)} (${headerName(stamp.header)})`];
  for (const field of stamp.fields) {
    lines.push(
      `${indent}  ${one(field.key)}:${one(field.value)}  ${one(field.label)}: ${field.known ? one(field.meaning) : 'unknown'}`,
    );
  }
  return lines;
}

/** The sections that every analysed message has, the top one and each attached one alike. */
function analysisLines(analysis: Analysis, indent: string): string[] {
  const lines: string[] = [];
  const { verdict } = analysis;
  lines.push(
    `${indent}Verdict: ${verdict.claims.length ? one(verdict.summary) : 'none (no receiving server stamped one)'}`,
  );
  for (const claim of verdict.claims) {
    lines.push(
      `${indent}  - ${one(claim.text)} (from ${headerName(claim.header)}${claim.field ? ` ${one(claim.field)}` : ''})`,
    );
  }
  lines.push(`${indent}Anti-spam stamps:${analysis.stamps.length ? '' : ' none'}`);
  for (const stamp of analysis.stamps) lines.push(...stampLines(stamp, `${indent}  `));
  lines.push(
    `${indent}ARC: ${analysis.arc.status}${analysis.arc.instances.length ? ` (${analysis.arc.instances.length} instances)` : ''}`,
  );
  for (const instance of analysis.arc.instances) {
    const results =
      instance.results?.results.map((result) => `${one(result.method)}=${one(result.result)}`).join(' ') ??
      '';
    lines.push(
      `${indent}  i=${instance.instance} ${one(instance.seal?.domain ?? '?')} cv=${one(instance.seal?.cv ?? '?')} ${results}` +
        (instance.problems.length ? ` [${instance.problems.map(one).join('; ')}]` : ''),
    );
  }
  lines.push(`${indent}Indicators:${analysis.indicators.length ? '' : ' none'}`);
  for (const indicator of analysis.indicators) {
    lines.push(`${indent}  [${indicator.strength}] ${one(indicator.title)}`);
    for (const evidence of indicator.evidence) lines.push(`${indent}      ${one(evidence.text)}`);
  }
  for (const attached of analysis.attachedMessages) {
    lines.push(
      '',
      `${indent}Attached message ${one(attached.label)}: ${one(attached.subject) || '(no subject)'}`,
    );
    lines.push(...analysisLines(attached.analysis, `${indent}  `));
  }
  return lines;
}

export function formatAnalysis(report: TriageReport): string {
  const { message, analysis } = report;
  const lines = [
    `Subject: ${one(message.subject) || '(no subject)'}`,
    `From: ${one(formatAddresses(message.from))}`,
    ...(message.replyTo.length ? [`Reply-To: ${one(formatAddresses(message.replyTo))}`] : []),
    `To: ${one(formatAddresses(message.to))}`,
    ...(message.cc.length ? [`Cc: ${one(formatAddresses(message.cc))}`] : []),
    `Date: ${one(message.date ?? 'unknown')}`,
    `Size: ${formatBytes(message.size)}`,
    '',
    `Route: ${message.route.length} hop${message.route.length === 1 ? '' : 's'}`,
    ...message.route.map(
      (hop) =>
        `  ${hop.index}. ${one(hop.from?.name ?? '?')}${hop.from?.ip ? ` [${one(hop.from.ip)}]` : ''} -> ${one(hop.by?.name ?? '?')}` +
        `  ${one(hop.date ?? hop.dateText ?? '?')}${hop.delayMs === null ? '' : `  +${formatDelay(hop.delayMs)}`}`,
    ),
    `Authentication: ${message.authentication.verdicts
      .map(
        (verdict) =>
          `${verdict.method.toUpperCase()} ${one(verdict.result)}${verdict.domain ? ` (${one(verdict.domain)})` : ''}`,
      )
      .join(', ')}`,
    ...analysisLines(analysis, ''),
    '',
    'Indicators to take away (defanged):',
    ...analysis.iocs.urls.map(
      (url) => `  url     ${one(defang(url.url))}${url.origin ? `  in ${one(url.origin)}` : ''}`,
    ),
    ...analysis.iocs.domains.map((domain) => `  domain  ${one(defang(domain.domain))}`),
    ...analysis.iocs.ips.map((ip) => `  ip      ${one(defang(ip.ip))}`),
    ...analysis.iocs.emails.map((email) => `  email   ${one(defang(email.address))}`),
    '',
    `Attachments: ${analysis.iocs.attachments.length || 'none'}`,
    ...analysis.iocs.attachments.flatMap((file) => [
      `  ${one(file.label)}  ${one(file.contentType)} (detected: ${one(file.detectedType ?? 'unknown')})  ${formatBytes(file.size)}`,
      `    MD5 ${file.md5}  SHA-1 ${file.sha1}`,
      `    SHA-256 ${file.sha256}`,
    ]),
    '',
    one(analysis.offline.note),
  ];
  if (report.recipientsMasked) lines.push('Recipients’ addresses are masked.');
  return `${lines.join('\n')}\n`;
}
