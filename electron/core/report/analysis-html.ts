import type {
  Analysis,
  ArcChain,
  DecodedStamp,
  Evidence,
  HeaderRef,
  Indicator,
  Iocs,
} from '../../../shared/analysis';
import { formatBytes } from './format';
import { html, type SafeHtml } from './html';
import { table } from './markup';
import { defang } from './defang';

/**
 * The triage half of the HTML report: verdict, anti-spam stamps, ARC, indicators, IOCs and the
 * attached messages (each with the same sections, nested). Links go only to anchors in the page
 * (a claim to the header it came from); URLs are written defanged, as text.
 */

/** The id of a header's row in the page: `scope` keeps attached messages' headers apart. */
export function headerAnchor(scope: string, index: number): string {
  return `${scope}header-${index}`;
}

function headerLink(scope: string, ref: HeaderRef | null, label?: string): SafeHtml {
  if (!ref) return html``;
  // An attached message's headers are not in the page: its references are named, not linked.
  if (scope !== '') return html`<span class="mono">${label ?? ref.name}</span>`;
  return html`<a href="#${headerAnchor(scope, ref.index)}" class="mono">${label ?? ref.name}</a>`;
}

export function verdictSection(analysis: Analysis, scope = ''): SafeHtml {
  const { verdict } = analysis;
  if (verdict.claims.length === 0) {
    return html`<div class="verdict info">
      <p>No verdict: no receiving server stamped this message with one.</p>
    </div>`;
  }
  return html`<div class="verdict ${verdict.tone}" data-testid="verdict">
    <p>${verdict.summary}</p>
    <ul>
      ${verdict.claims.map(
        (claim) =>
          html`<li>
            <span class="tone-${claim.tone}">${claim.text}</span> — from
            ${headerLink(scope, claim.header)}${claim.field ? html` (${claim.field})` : ''}
          </li>`,
      )}
    </ul>
  </div>`;
}

function stampTable(stamp: DecodedStamp, scope: string): SafeHtml {
  return html`<h3>${stamp.title} <span class="note">${headerLink(scope, stamp.header)}</span></h3>
    ${table(
      ['Field', 'Value', 'What it is', 'What it means'],
      stamp.fields.map(
        (field) =>
          html`<tr>
            <td class="mono">${field.key}</td>
            <td class="mono">${field.value}</td>
            <td>${field.label}</td>
            <td class="tone-${field.tone}">${field.known ? field.meaning : 'unknown'}</td>
          </tr>`,
      ),
    )}`;
}

export function stampsSection(analysis: Analysis, scope = ''): SafeHtml {
  if (analysis.stamps.length === 0) return html`<p class="note">No Microsoft 365 anti-spam stamps.</p>`;
  return html`${analysis.stamps.map((stamp) => stampTable(stamp, scope))}`;
}

export function arcSection(arc: ArcChain, scope = ''): SafeHtml {
  if (arc.instances.length === 0) return html`<p class="note">${arc.note}</p>`;
  return html`<p>Chain: <strong>${arc.status}</strong>. <span class="note">${arc.note}</span></p>
    ${table(
      ['i=', 'Sealed by', 'cv=', 'Signed', 'What this hop recorded', 'Problems'],
      arc.instances.map(
        (instance) =>
          html`<tr>
            <td>${instance.instance}</td>
            <td>
              ${instance.seal?.domain ?? instance.messageSignature?.domain ?? '—'}
              ${headerLink(scope, instance.seal?.header ?? null)}
            </td>
            <td class="mono">${instance.seal?.cv ?? '—'}</td>
            <td>${instance.seal?.signedAt ?? '—'}</td>
            <td>
              ${
                instance.results?.results.map(
                  (result) =>
                    html`<div>
                      <span class="mono">${result.method}=${result.result}</span
                      >${result.reason ? html` (${result.reason})` : ''}
                    </div>`,
                ) ?? '—'
              }
            </td>
            <td>${instance.problems.length ? instance.problems.join('; ') : '—'}</td>
          </tr>`,
      ),
    )}`;
}

function evidenceLine(evidence: Evidence, scope: string): SafeHtml {
  return html`<li>
    ${evidence.text}${evidence.header ? html` — ${headerLink(scope, evidence.header)}` : ''}${
      evidence.attachment ? html` — attachment <span class="mono">${evidence.attachment}</span>` : ''
    }
  </li>`;
}

function indicatorItem(indicator: Indicator, scope: string): SafeHtml {
  const tone = indicator.strength === 'strong' ? 'bad' : indicator.strength === 'moderate' ? 'warn' : 'info';
  return html`<li>
    <strong class="tone-${tone}">${indicator.title}</strong> <span class="note">(${indicator.strength})</span>
    <ul>
      ${indicator.evidence.map((evidence) => evidenceLine(evidence, scope))}
    </ul>
  </li>`;
}

export function indicatorsSection(analysis: Analysis, scope = ''): SafeHtml {
  if (analysis.indicators.length === 0) return html`<p class="note">No indicators found.</p>`;
  return html`<ul>
    ${analysis.indicators.map((indicator) => indicatorItem(indicator, scope))}
  </ul>`;
}

const where = (origin: string) => (origin ? html`<span class="note"> in ${origin}</span>` : '');

export function iocsSection(iocs: Iocs): SafeHtml {
  const list = <T>(title: string, items: readonly T[], line: (item: T) => SafeHtml) =>
    items.length
      ? html`<h3>${title} (${items.length})</h3>
          <ul class="mono">
            ${items.map(line)}
          </ul>`
      : html`<h3>${title}</h3>
          <p class="note">None.</p>`;
  return html`<p class="note">
      URLs and domains are written defanged (hxxps://, [.]) so that copying one cannot open it by accident.
    </p>
    ${list('URLs', iocs.urls, (url) => html`<li>${defang(url.url)} <span class="note">${url.source}</span>${where(url.origin)}</li>`)}
    ${list('Domains', iocs.domains, (domain) => html`<li>${defang(domain.domain)} <span class="note">${domain.sources.join(', ')}</span>${where(domain.origin)}</li>`)}
    ${list('IP addresses', iocs.ips, (ip) => html`<li>${defang(ip.ip)} <span class="note">${ip.sources.join(', ')}</span>${where(ip.origin)}</li>`)}
    ${list('Email addresses', iocs.emails, (email) => html`<li>${defang(email.address)} <span class="note">${email.sources.join(', ')}</span>${where(email.origin)}</li>`)}`;
}

export function attachmentsSection(iocs: Iocs): SafeHtml {
  if (iocs.attachments.length === 0) return html`<p class="note">No attachments.</p>`;
  return table(
    ['Attachment', 'Declared type', 'Detected type', 'Size', 'Hashes'],
    iocs.attachments.map(
      (file) =>
        html`<tr>
          <td>${file.label}</td>
          <td class="mono">${file.contentType}</td>
          <td class="mono">${file.detectedType ?? 'unknown'}</td>
          <td>${formatBytes(file.size)}</td>
          <td class="mono">MD5 ${file.md5}<br />SHA-1 ${file.sha1}<br />SHA-256 ${file.sha256}</td>
        </tr>`,
    ),
    'report-attachments',
  );
}

/** Each attached message with its own verdict, stamps, ARC and indicators, nested as deep as they go. */
export function attachedSection(analysis: Analysis): SafeHtml {
  if (analysis.attachedMessages.length === 0) return html`<p class="note">No attached messages.</p>`;
  return html`${analysis.attachedMessages.map(
    (attached) =>
      html`<div class="attached">
        <h3>${attached.label}</h3>
        <p>Subject: ${attached.subject || '(no subject)'}</p>
        ${verdictSection(attached.analysis, attached.label)}
        <h3>Anti-spam stamps</h3>
        ${stampsSection(attached.analysis, attached.label)}
        <h3>ARC</h3>
        ${arcSection(attached.analysis.arc, attached.label)}
        <h3>Indicators</h3>
        ${indicatorsSection(attached.analysis, attached.label)}
        ${
          attached.analysis.attachedMessages.length
            ? html`<h3>Attached to it</h3>
                ${attachedSection(attached.analysis)}`
            : ''
        }
      </div>`,
  )}`;
}
