import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { parseForView } from '../../../../electron/core/mime/parse-for-view';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);
const PDF = Buffer.alloc(300_000, 0x41);

/** A message big enough to cross many 64 KB slices: text, HTML with a cid: image, a large PDF. */
function message(): Buffer {
  const b64 = (data: Buffer) => data.toString('base64').replace(/.{76}/g, '$&\r\n');
  return Buffer.from(
    [
      'From: Alice <alice@example.com>',
      'To: shared@example.com',
      'Subject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?=',
      'Date: Mon, 01 Jan 2024 10:00:00 +0000',
      'Message-ID: <x@example.com>',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="outer"',
      '',
      '--outer',
      'Content-Type: multipart/related; boundary="rel"',
      '',
      '--rel',
      'Content-Type: multipart/alternative; boundary="alt"',
      '',
      '--alt',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Plain body',
      '--alt',
      'Content-Type: text/html; charset=utf-8',
      '',
      '<p>HTML body <img src="cid:logo@x"></p>',
      '--alt--',
      '--rel',
      'Content-Type: image/png',
      'Content-ID: <logo@x>',
      'Content-Transfer-Encoding: base64',
      '',
      b64(PNG),
      '--rel--',
      '--outer',
      'Content-Type: application/pdf; name="report.pdf"',
      'Content-Disposition: attachment; filename="report.pdf"',
      'Content-Transfer-Encoding: base64',
      '',
      b64(PDF),
      '--outer--',
      '',
    ].join('\r\n'),
  );
}

describe('parseForView', () => {
  it('gives what simpleParser gives, keeping only the attachment bytes asked for', async () => {
    const raw = message();
    const options = { skipTextToHtml: true, checksumAlgo: false as const };
    const expected = await simpleParser(raw, { ...options, keepCidLinks: true });
    const parsed = await parseForView(raw, options, (a) => a.contentType.startsWith('image/'));

    expect(parsed.subject).toBe('Grüße');
    for (const key of ['subject', 'text', 'html', 'messageId', 'date', 'from', 'to'] as const) {
      expect(parsed[key], key).toEqual(expected[key]);
    }
    expect(parsed.headerLines).toEqual(expected.headerLines);
    expect([...parsed.headers.keys()]).toEqual([...expected.headers.keys()]);

    const strip = ({ content: _c, headers: _h, ...rest }: (typeof parsed.attachments)[number]) => rest;
    expect(parsed.attachments.map(strip)).toEqual(expected.attachments.map(strip));
    const [image, pdf] = parsed.attachments;
    expect(image?.content.equals(PNG)).toBe(true);
    // Not kept: no bytes, but the exact decoded size.
    expect(pdf?.content.length).toBe(0);
    expect(pdf?.size).toBe(PDF.length);
    expect(pdf?.filename).toBe('report.pdf');
  });

  it('parses an empty or header-only message as simpleParser does', async () => {
    for (const raw of [Buffer.alloc(0), Buffer.from('Subject: only headers\r\n\r\n')]) {
      const expected = await simpleParser(raw, { keepCidLinks: true });
      const parsed = await parseForView(raw, {}, () => true);
      expect(parsed.subject).toEqual(expected.subject);
      expect(parsed.text).toEqual(expected.text);
      expect(parsed.attachments).toEqual([]);
    }
  });
});
