import { describe, expect, it } from 'vitest';
import { Analysis } from '../../../shared/analysis';
import { analyzeMessage, parseForAnalysis } from '../../../electron/core/analysis';
import { eml, PHISH_HEADERS, PHISH_HTML } from './messages';

const ZIP_ENCRYPTED = Buffer.concat([
  Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x01, 0x00]),
  Buffer.alloc(40),
]);

async function reportedPhish() {
  const inner = eml(
    ['From: inner@inner.example', 'Subject: Inner'],
    { text: 'see https://inner-link.example/x' },
    [
      {
        filename: 'deep.pdf.exe',
        contentType: 'application/octet-stream',
        content: Buffer.from('MZ\x90\x00'),
      },
    ],
  );
  const raw = eml(PHISH_HEADERS, { html: PHISH_HTML, text: 'Visit https://text-link.example/a now' }, [
    {
      filename: 'invoice.pdf',
      contentType: 'application/pdf',
      content: Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00'),
    },
    { filename: 'secret.zip', contentType: 'application/zip', content: ZIP_ENCRYPTED },
    { filename: 'fwd.eml', contentType: 'message/rfc822', content: inner },
  ]);
  return analyzeMessage(await parseForAnalysis(raw));
}

describe('analyzeMessage', () => {
  it('reads a reported phish end to end into a valid Analysis that says it looked nothing up', async () => {
    const analysis = await reportedPhish();
    expect(Analysis.parse(analysis)).toEqual(analysis);
    expect(analysis.offline.lookedUp).toBe(false);
    expect(analysis.offline.note).toMatch(/Nothing is looked up on the network/);
    expect(analysis.verdict.summary).toBe(
      'Marked as phishing by Microsoft 365 (CAT:PHSH, SCL 5); first contact safety tip (SFTY 9.25); ' +
        'content likely phishing (PCL 8); DMARC failed; sender looks spoofed to Microsoft 365 (compauth=fail reason 000); ' +
        'SPF fail; sender IP in NG',
    );
    expect(analysis.stamps.map((stamp) => [stamp.kind, stamp.header.index])).toEqual([
      ['authentication-results', 0],
      ['forefront-antispam-report', 1],
      ['microsoft-antispam', 2],
      ['organization-scl', 3],
      ['mailbox-delivery', 4],
      ['cross-tenant', 5],
    ]);
    expect(analysis.arc.status).toBe('none');
  });

  it('gives every indicator its evidence: sender, links, look-alike domain and attachments', async () => {
    const analysis = await reportedPhish();
    expect(analysis.indicators.map((indicator) => `${indicator.kind}:${indicator.strength}`)).toEqual([
      'reply-to-differs:moderate',
      'return-path-differs:weak',
      'display-name-address:strong',
      'dkim-not-aligned:moderate',
      'spf-not-aligned:moderate',
      'link-text-mismatch:moderate',
      'lookalike-domain:strong',
      'content-type-mismatch:strong',
      'encrypted-archive:moderate',
    ]);
    for (const indicator of analysis.indicators) expect(indicator.evidence.length).toBeGreaterThan(0);
    expect(analysis.attachedMessages).toEqual([
      expect.objectContaining({ label: 'fwd.eml', subject: 'Inner' }),
    ]);
    expect(analysis.attachedMessages[0]?.analysis.indicators.map((i) => i.kind)).toEqual([
      'double-extension',
    ]);
  });

  it('collects IOCs of the message and of its attached message, hashed, each with its origin', async () => {
    const { iocs } = await reportedPhish();
    expect(iocs.urls.map((u) => [u.url, u.origin])).toEqual([
      ['https://login.evil-drop.example/paypal/?id=1', ''],
      ['http://203.0.113.9/pixel.gif', ''],
      ['https://text-link.example/a', ''],
      ['https://inner-link.example/x', 'fwd.eml'],
    ]);
    expect(iocs.attachments.map((a) => [a.label, a.origin, a.detectedType])).toEqual([
      ['invoice.pdf', '', 'application/x-msdownload'],
      ['secret.zip', '', 'application/zip'],
      ['fwd.eml', '', null],
      ['fwd.eml › deep.pdf.exe', 'fwd.eml', 'application/x-msdownload'],
    ]);
    expect(iocs.ips.map((ip) => ip.ip)).toEqual(['203.0.113.9', '198.51.100.23', '10.0.0.5']);
    expect(iocs.emails.map((e) => e.address)).toContain('collect@evil-drop.example');
  });

  it('labels two attachments of the same name apart', async () => {
    const raw = eml(['From: a@b.example'], { text: 'x' }, [
      { filename: 'scan.pdf', contentType: 'application/pdf', content: Buffer.from('%PDF-1.4 a') },
      { filename: 'scan.pdf', contentType: 'application/pdf', content: Buffer.from('%PDF-1.4 b') },
    ]);
    const analysis = await analyzeMessage(await parseForAnalysis(raw));
    expect(analysis.iocs.attachments.map((a) => a.label)).toEqual(['scan.pdf', 'scan.pdf (2)']);
  });

  it('reads hostile and broken headers without throwing, and claims nothing it cannot read', async () => {
    const analysis = await analyzeMessage({
      headers: [
        { name: 'Authentication-Results', value: ';;;==(((' },
        { name: 'X-Forefront-Antispam-Report', value: ':::;;SCL:;CAT:;CTRY' },
        { name: 'X-Microsoft-Antispam', value: 'BCL:-99;PCL:abc' },
        { name: 'ARC-Seal', value: 'i=999999; t=99999999999999999; cv=' },
        { name: 'ARC-Message-Signature', value: 'i=1; t=-5; h=' },
        { name: 'DKIM-Signature', value: 'd=; t=1e400' },
        { name: 'From', value: '"<<<@@@>>>" <@>' },
        { name: 'Reply-To', value: 'a@b@c' },
        { name: 'Received', value: 'from [999.999.1.1] by ???' },
      ],
      html: '<a href="http://[::1">x</a><a href="https://xn--.example/">https://xn--.example/</a><form',
      text: 'http:// https://%%% ',
      attachments: [{ filename: '', contentType: '', size: 0, bytes: new Uint8Array() }],
      attachedMessages: [],
      size: 0,
    });
    expect(Analysis.parse(analysis)).toEqual(analysis);
    expect(analysis.verdict.claims).toEqual([]);
    expect(analysis.arc.status).toBe('broken');
  });
});
