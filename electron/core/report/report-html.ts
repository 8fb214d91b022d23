import type { Header, ReceivedHop } from '../../../shared/model';
import {
  arcSection,
  attachedSection,
  attachmentsSection,
  headerAnchor,
  indicatorsSection,
  iocsSection,
  stampsSection,
  verdictSection,
} from './analysis-html';
import { formatAddresses, formatBytes, formatDelay } from './format';
import { html, type SafeHtml, trusted } from './html';
import { section, table } from './markup';
import type { ReportMessage, TriageReport } from './report-document';
import { REPORT_CSP, REPORT_STYLE } from './report-style';

/** Outside the html tag on purpose: the formatter re-indents tagged HTML, which would change the hashed text. */
const STYLE_ELEMENT = trusted(`<style>${REPORT_STYLE}</style>`);

/**
 * The triage report as one self-contained HTML page: no script, no remote resource of any kind
 * (its CSP says default-src 'none'), one inline style sheet allowed by hash, and every value from
 * the message escaped (html.ts). It opens the same offline, in any browser, years later.
 */
export function reportHtml(report: TriageReport): string {
  const { message, analysis } = report;
  const page = html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}" />
        <meta name="referrer" content="no-referrer" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>Triage report: ${message.subject || '(no subject)'}</title>
        ${STYLE_ELEMENT}
      </head>
      <body>
        <header>
          <h1>Triage report: ${message.subject || '(no subject)'}</h1>
          <p class="meta">
            Made by ${report.generator} on
            ${report.generatedAt}.${report.recipientsMasked ? ' Recipients’ addresses are masked.' : ''}
          </p>
          <p class="note">${analysis.offline.note}</p>
        </header>
        ${section('verdict', 'Verdict', verdictSection(analysis))}
        ${section('summary', 'Headers summary', summaryTable(message))}
        ${section('route', 'Route', routeTable(message.route))}
        ${section(
          'authentication',
          'Authentication',
          authenticationSection(message),
          html`<h3>ARC</h3>`,
          arcSection(analysis.arc),
        )}
        ${section('antispam', 'Anti-spam stamps', stampsSection(analysis))}
        ${section('indicators', 'Indicators', indicatorsSection(analysis))}
        ${section('iocs', 'Indicators to take away', iocsSection(analysis.iocs))}
        ${section('attachments', 'Attachments', attachmentsSection(analysis.iocs))}
        ${section('attached-messages', 'Attached messages', attachedSection(analysis))}
        ${section('mime', 'MIME tree', mimeTree(message))}
        ${section('headers', 'All headers', headersTable(message.headers))}
      </body>
    </html> `;
  return page.text;
}

function headerValue(message: ReportMessage, name: string): string | null {
  return message.headers.find((header) => header.name.toLowerCase() === name)?.value ?? null;
}

function summaryTable(message: ReportMessage): SafeHtml {
  const rows: [string, string | null][] = [
    ['From', formatAddresses(message.from)],
    ['Reply-To', formatAddresses(message.replyTo) || null],
    ['Return-Path', headerValue(message, 'return-path')],
    ['To', formatAddresses(message.to)],
    ['Cc', formatAddresses(message.cc) || null],
    ['Subject', message.subject],
    ['Date', message.date ?? headerValue(message, 'date')],
    ['Message-ID', message.messageId],
    ['Size', formatBytes(message.size)],
  ];
  return html`<table>
    ${rows
      .filter(([, value]) => value !== null)
      .map(
        ([name, value]) =>
          html`<tr>
            <th>${name}</th>
            <td>${value}</td>
          </tr>`,
      )}
  </table>`;
}

function hopEnd(end: ReceivedHop['from']): SafeHtml {
  if (!end) return html`—`;
  return html`${end.name ?? ''}${end.ip ? html` <span class="mono">[${end.ip}]</span>` : ''}`;
}

function routeTable(route: readonly ReceivedHop[]): SafeHtml {
  if (route.length === 0) return html`<p class="note">No Received headers.</p>`;
  const total = route.reduce((sum, hop) => sum + Math.max(0, hop.delayMs ?? 0), 0);
  return html`${table(
      ['#', 'From', 'By', 'With', 'Time', 'Delay'],
      route.map(
        (hop) =>
          html`<tr>
            <td>${hop.index}</td>
            <td>${hopEnd(hop.from)}</td>
            <td>${hopEnd(hop.by)}</td>
            <td>
              ${hop.protocol ?? ''}${hop.tls === true ? html` (TLS${hop.tlsVersion ? html` ${hop.tlsVersion}` : ''})` : ''}
            </td>
            <td>${hop.date ?? hop.dateText ?? '—'}</td>
            <td>${formatDelay(hop.delayMs)}</td>
          </tr>`,
      ),
    )}
    <p class="note">
      ${route.length} hop${route.length === 1 ? '' : 's'}; ${formatDelay(total)} in transit by the hops’ own
      clocks.
    </p>`;
}

function authenticationSection(message: ReportMessage): SafeHtml {
  const auth = message.authentication;
  return html`${table(
      ['Check', 'Result', 'Domain', 'Reported by'],
      auth.verdicts.map(
        (verdict) =>
          html`<tr>
            <td>${verdict.method.toUpperCase()}</td>
            <td
              class="${verdict.result === 'pass' ? 'tone-good' : verdict.result === 'none' ? '' : 'tone-bad'}"
            >
              ${verdict.result}
            </td>
            <td>${verdict.domain ?? '—'}</td>
            <td>${verdict.source ?? 'nobody'}</td>
          </tr>`,
      ),
    )}
    ${
      auth.dkimSignatures.length
        ? html`<h3>DKIM signatures</h3>
            <ul>
              ${auth.dkimSignatures.map(
                (signature) =>
                  html`<li>
                    d=<span class="mono">${signature.domain ?? '?'}</span> s=<span class="mono"
                      >${signature.selector ?? '?'}</span
                    >
                    ${signature.algorithm ?? ''}
                  </li>`,
              )}
            </ul>`
        : ''
    }
    <p class="note">
      Results are what the receiving servers wrote; Mailscope verifies no signature (that needs DNS, and
      nothing is looked up).
    </p>`;
}

function mimeTree(message: ReportMessage): SafeHtml {
  return html`<ul class="tree mono">
    ${message.mimeTree.map(
      (part) =>
        html`<li>
          ${'\u00a0'.repeat(part.depth * 4)}${part.path || 'message'}
          ${part.contentType}${
            part.filename ? html` “${part.filename}”` : ''
          }${part.disposition ? html` (${part.disposition})` : ''}
          — ${formatBytes(part.size)}
        </li>`,
    )}
  </ul>`;
}

function headersTable(headers: readonly Header[]): SafeHtml {
  return html`<details open>
    <summary>${headers.length} headers, in message order</summary>
    <table>
      <tbody>
        ${headers.map(
          (header, index) =>
            html`<tr id="${headerAnchor('', index)}">
              <th class="mono">${header.name}</th>
              <td class="mono">${header.value}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  </details>`;
}
