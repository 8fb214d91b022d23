import { describe, expect, it } from 'vitest';
import { Analysis } from '../../../shared/analysis';
import { analyzeMessage, parseForAnalysis } from '../../../electron/core/analysis';
import { eml, PHISH_HEADERS, PHISH_HTML } from './messages';

const ZIP_ENCRYPTED = Buffer.from([
  0x50,
  0x4b,
  0x03,
  0x04,
  0x14,
  0x00,
  0x01,
  0x00,
  0x08,
  0x00,
  ...new Array(40).fill(0),
]);

describe('analyzeMessage', () => {
  it('reads a reported phish end to end: verdict, stamps, indicators and IOCs, offline', async () => {
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
    const analysis = await analyzeMessage(await parseForAnalysis(raw));
    expect(Analysis.parse(analysis)).toBeTruthy();
    console.log(
      JSON.stringify({
        i: analysis.indicators.map((i) => [i.kind, i.strength, i.title, i.evidence.map((e) => e.text)]),
        iocs: analysis.iocs,
        att: analysis.attachedMessages.map((a) => [
          a.label,
          a.subject,
          a.analysis.indicators.map((i) => i.kind),
        ]),
      }),
    );
  });
});
