import { describe, expect, it } from 'vitest';
import { PREVIEW_CHARS, previewOf, previewText } from '../../../../electron/core/local/message-preview';

const crlf = (lines: string[]) => Buffer.from(lines.join('\r\n'), 'utf8');

describe('previewText', () => {
  it('flattens lines and leaves out quoted replies and what follows their introduction', () => {
    const text =
      'Thanks, paid today.\n\n> Please pay invoice 42\n> by Friday\nRegards\nOn Mon, 1 Jan 2024 at 10:00, Alice <a@example.com> wrote:\nold text';
    expect(previewText(text)).toBe('Thanks, paid today. Regards');
  });

  it('leaves out the addresses HTML-to-text writes for images and links', () => {
    expect(
      previewText('[https://tracker.example/pixel.gif?id=1] Your account [https://example.com/a] expires'),
    ).toBe('Your account expires');
  });

  it('drops zero-width padding and cuts long text at a word with an ellipsis', () => {
    expect(previewText('Hi\u200b\u200c there, com\u00admunication')).toBe('Hi there, communication');
    const long = 'word '.repeat(100);
    const preview = previewText(long);
    expect(preview.length).toBeLessThanOrEqual(PREVIEW_CHARS + 1);
    expect(preview).toMatch(/word…$/);
  });
});

describe('previewOf', () => {
  it('decodes quoted-printable text in its charset', async () => {
    const raw = crlf([
      'From: a@example.com',
      'Subject: x',
      'Content-Type: text/plain; charset=iso-8859-1',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      'Gr=FC=DFe aus K=F6ln',
      '',
    ]);
    expect(await previewOf(raw)).toBe('Grüße aus Köln');
  });

  it('takes the text part of a multipart message, and text from HTML when there is no text part', async () => {
    const multipart = crlf([
      'Content-Type: multipart/alternative; boundary="b"',
      '',
      '--b',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Plain words',
      '--b',
      'Content-Type: text/html; charset=utf-8',
      '',
      '<p>HTML words</p>',
      '--b--',
      '',
    ]);
    expect(await previewOf(multipart)).toBe('Plain words');
    const html = crlf([
      'Content-Type: text/html; charset=utf-8',
      '',
      '<h1>Hello</h1><p>from <b>HTML</b></p>',
      '',
    ]);
    expect(await previewOf(html)).toMatch(/^HELLO from HTML$|^Hello from HTML$/);
  });

  it('makes what it can of a message cut off mid-part', async () => {
    const cut = crlf([
      'Content-Type: multipart/mixed; boundary="b"',
      '',
      '--b',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from('The start of a long text').toString('base64').slice(0, 24),
    ]);
    // 24 base64 characters are 18 bytes.
    expect(await previewOf(cut)).toBe('The start of a lon');
  });
});
