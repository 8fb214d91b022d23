import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Analysis } from '../../../../shared/analysis';
import { analyzeRaw } from '../../../../electron/core/report/analyze-raw';
import { defang } from '../../../../electron/core/report/defang';
import { escapeHtml, html } from '../../../../electron/core/report/html';
import { buildReport, reportJson } from '../../../../electron/core/report/report-document';
import { reportHtml } from '../../../../electron/core/report/report-html';
import { REPORT_CSP, REPORT_STYLE_HASH } from '../../../../electron/core/report/report-style';
import { jsonPathFor } from '../../../../electron/core/report/save-report';
import { TRIAGE_FOLDER } from '../../../fixtures/triage/make';

const NOW = new Date(Date.UTC(2026, 11, 7, 12, 0, 0));
const fixture = (name: string) => readFileSync(`${TRIAGE_FOLDER}/${name}`);

/** Every start tag in a page, by name. */
function tagNames(page: string): Set<string> {
  return new Set(
    [...page.matchAll(/<([a-zA-Z][a-zA-Z0-9-]*)/g)].map((match) => (match[1] ?? '').toLowerCase()),
  );
}

/** The tags the report is written with; anything else came from a message. */
const REPORT_TAGS = new Set(
  'html head meta title style body header h1 h2 h3 p section div ul li span a strong table thead tbody tr th td details summary br'.split(
    ' ',
  ),
);

const HOSTILE = '<img src=x onerror=alert(1)>"\'`&<script>alert(2)</script>';

/** An analysis with the hostile text in every string it has. */
function hostileAnalysis(): Analysis {
  const ref = { index: 0, name: HOSTILE };
  const evidence = { text: HOSTILE, header: ref, attachment: HOSTILE };
  const analysis: Analysis = {
    verdict: {
      claims: [{ text: HOSTILE, tone: 'bad', header: ref, field: HOSTILE }],
      summary: HOSTILE,
      tone: 'bad',
    },
    stamps: [
      {
        kind: 'forefront-antispam-report',
        header: ref,
        title: HOSTILE,
        fields: [
          { key: HOSTILE, value: HOSTILE, label: HOSTILE, meaning: HOSTILE, known: true, tone: 'bad' },
        ],
      },
    ],
    arc: {
      status: 'broken',
      note: HOSTILE,
      instances: [
        {
          instance: 1,
          seal: {
            header: ref,
            cv: HOSTILE,
            domain: HOSTILE,
            selector: HOSTILE,
            algorithm: HOSTILE,
            signedAt: HOSTILE,
          },
          messageSignature: null,
          results: {
            header: ref,
            authservId: HOSTILE,
            results: [
              { method: HOSTILE, result: HOSTILE, reason: HOSTILE, comment: HOSTILE, properties: [] },
            ],
          },
          problems: [HOSTILE],
        },
      ],
    },
    indicators: [{ kind: 'html-form', strength: 'strong', title: HOSTILE, evidence: [evidence] }],
    iocs: {
      urls: [{ url: HOSTILE, source: 'html', origin: HOSTILE }],
      domains: [{ domain: HOSTILE, sources: ['url'], origin: HOSTILE }],
      ips: [{ ip: HOSTILE, sources: ['route'], origin: '' }],
      emails: [{ address: HOSTILE, sources: [HOSTILE], origin: '' }],
      attachments: [
        {
          filename: HOSTILE,
          label: HOSTILE,
          contentType: HOSTILE,
          size: 1,
          detectedType: HOSTILE,
          md5: HOSTILE,
          sha1: HOSTILE,
          sha256: HOSTILE,
          origin: '',
        },
      ],
    },
    attachedMessages: [],
    offline: { lookedUp: false, note: HOSTILE },
  };
  return { ...analysis, attachedMessages: [{ label: HOSTILE, subject: HOSTILE, analysis: { ...analysis } }] };
}

describe('the HTML report', () => {
  it('escapes every value: hostile text anywhere in the analysis or the message adds no markup', async () => {
    const { view } = await analyzeRaw(fixture('hostile-headers.eml'));
    const page = reportHtml(buildReport(view, hostileAnalysis(), { now: NOW }));
    expect([...tagNames(page)].filter((tag) => !REPORT_TAGS.has(tag))).toEqual([]);
    expect(page).not.toMatch(/<script|<img|<[^>]*\bon[a-z]+=|<[^>]*javascript:/i);
    expect(page).toContain(escapeHtml(HOSTILE));
    // The message's own hostile header text, as text.
    expect(page).toContain('&lt;script&gt;document.title=&quot;pwned&quot;&lt;/script&gt;');
  });

  it('loads nothing: its CSP forbids every load, and it names its one style sheet by hash', async () => {
    const { view, analysis } = await analyzeRaw(fixture('phish-report.eml'));
    const page = reportHtml(buildReport(view, analysis, { now: NOW }));
    expect(REPORT_CSP).toBe(
      `default-src 'none'; style-src ${REPORT_STYLE_HASH}; base-uri 'none'; form-action 'none'`,
    );
    expect(page).toContain(
      `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(REPORT_CSP)}" />`,
    );
    expect(page).not.toMatch(/<[^>]*\b(src|srcset|action|formaction|background|poster)=/i);
    // The one style element is exactly the text the CSP's hash allows.
    const styles = [...page.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((match) => match[1] ?? '');
    expect(styles).toHaveLength(1);
    expect(
      `'sha256-${createHash('sha256')
        .update(styles[0] ?? '')
        .digest('base64')}'`,
    ).toBe(REPORT_STYLE_HASH);
    // Links only to anchors in the page itself.
    for (const match of page.matchAll(/href="([^"]*)"/g)) expect(match[1]).toMatch(/^#/);
  });

  it('has every section the issue lists, with the route, authentication and MIME tree of the message', async () => {
    const { view, analysis } = await analyzeRaw(fixture('phish-report.eml'));
    const page = reportHtml(buildReport(view, analysis, { now: NOW }));
    for (const id of [
      'verdict',
      'summary',
      'route',
      'authentication',
      'antispam',
      'indicators',
      'iocs',
      'attachments',
      'attached-messages',
      'mime',
      'headers',
    ]) {
      expect(page).toContain(`<section id="${id}">`);
    }
    expect(page).toContain('Phish report: Action required: invoice INV-2291');
    expect(page).toContain('message/rfc822 “Action required invoice INV-2291.eml”');
    expect(page).toContain('AM0PR10MB1234.eurprd10.prod.outlook.example');
  });

  it('the html tag escapes interpolations but not its own nested output', () => {
    expect(html`<p>${'<b>'}${html`<i>${'&'}</i>`}${['<', html`<br />`]}${null}${false}</p>`.text).toBe(
      '<p>&lt;b&gt;<i>&amp;</i>&lt;<br /></p>',
    );
  });
});

describe('the JSON report', () => {
  it('holds the same document the page is made from, and is valid JSON', async () => {
    const { view, analysis } = await analyzeRaw(fixture('phish-report.eml'));
    const report = buildReport(view, analysis, { now: NOW, generator: 'Mailscope 9.9.9' });
    const parsed = JSON.parse(reportJson(report)) as typeof report;
    expect(parsed).toEqual(report);
    expect(parsed.format).toBe('mailscope-triage-report');
    expect(parsed.generatedAt).toBe(NOW.toISOString());
    expect(parsed.analysis.offline.lookedUp).toBe(false);
    expect(parsed.message.route.length).toBeGreaterThan(0);
    expect(parsed.analysis.attachedMessages[0]?.label).toBe('Action required invoice INV-2291.eml');
  });
});

describe('masking recipients', () => {
  it('replaces the recipients’ addresses and names everywhere, keeping their domains', async () => {
    const { view, analysis } = await analyzeRaw(fixture('phish-report.eml'));
    const plain = reportJson(buildReport(view, analysis, { now: NOW }));
    expect(plain).toContain('adele@contoso.example');
    expect(plain).toContain('phishing-reports@contoso.example');

    const report = buildReport(view, analysis, { now: NOW, maskRecipients: true });
    const text = reportJson(report) + reportHtml(report);
    expect(report.recipientsMasked).toBe(true);
    expect(text).not.toMatch(/adele@|phishing-reports@|Adele Vance/i);
    expect(report.message.to).toEqual([{ name: '[recipient]', address: '[recipient 1]@contoso.example' }]);
    expect(report.message.cc).toEqual([{ name: '[recipient]', address: '[recipient 2]@contoso.example' }]);
    // The attached phish's recipient is masked too, wherever her address appears (she also sent the report).
    expect(text).not.toContain('megan@contoso.example');
    expect(report.message.from[0]?.address).toBe('[recipient 3]@contoso.example');
    // Senders stay: the phish's From is evidence.
    expect(text).toContain('billing@xn--cntoso-wqf.example');
  });
});

describe('report helpers', () => {
  it('puts the JSON beside the page under the same name', () => {
    expect(jsonPathFor('/tmp/x/Report.html')).toBe('/tmp/x/Report.json');
    expect(jsonPathFor('/tmp/x/report')).toBe('/tmp/x/report.json');
    expect(jsonPathFor('/tmp/x/.report')).toBe('/tmp/x/.report.json');
  });

  it('defangs URLs, domains, addresses and IPs', () => {
    expect(defang('https://evil.example/a.php')).toBe('hxxps://evil[.]example/a[.]php');
    expect(defang('http://192.0.2.1/')).toBe('hxxp://192[.]0[.]2[.]1/');
    expect(defang('billing@evil.example')).toBe('billing@evil[.]example');
  });
});
