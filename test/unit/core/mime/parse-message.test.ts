import { describe, expect, it } from 'vitest';
import { parseMessage } from '../../../../electron/core/mime/parse-message';
import type { MessageView } from '../../../../shared/model';
import { appErrorOf } from '../helpers';

const META = {
  id: 'm1',
  folderId: 'f1',
  flags: { seen: true, flagged: false, answered: false, draft: false },
};
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

function crlf(lines: readonly string[]): Buffer {
  return Buffer.from(lines.join('\r\n'), 'latin1');
}

function parse(lines: readonly string[]): Promise<MessageView> {
  return parseMessage(crlf(lines), META);
}

const nested = [
  'From: Alice <alice@example.com>',
  'To: Team: bob@example.com, "Carol" <carol@example.com>;',
  'Cc: dave@example.com',
  'Bcc: eve@example.com',
  'Reply-To: replies@example.com',
  'Subject: Nested',
  'Date: Tue, 02 Jan 2024 10:00:00 +0100',
  'Message-ID: <nested@example.com>',
  'MIME-Version: 1.0',
  'Content-Type: multipart/mixed; boundary="outer"',
  '',
  'This is a multi-part message.',
  '--outer',
  'Content-Type: multipart/alternative; boundary="alt"',
  '',
  '--alt',
  'Content-Type: text/plain; charset=utf-8',
  'Content-Transfer-Encoding: quoted-printable',
  '',
  'Plain caf=C3=A9',
  '--alt',
  'Content-Type: multipart/related; boundary="rel"',
  '',
  '--rel',
  'Content-Type: text/html; charset=utf-8',
  '',
  '<p>Hi <img src="cid:logo@example.com"></p>',
  '--rel',
  'Content-Type: image/png',
  'Content-ID: <logo@example.com>',
  'Content-Disposition: inline; filename="logo.png"',
  'Content-Transfer-Encoding: base64',
  '',
  PNG.toString('base64'),
  '--rel--',
  '--alt--',
  '--outer',
  'Content-Type: application/pdf; name="report.pdf"',
  'Content-Disposition: attachment; filename="report.pdf"',
  'Content-Transfer-Encoding: base64',
  '',
  'JVBERi0xLjcK',
  '--outer',
  'Content-Type: message/rfc822',
  'Content-Disposition: attachment; filename="forwarded.eml"',
  '',
  'Subject: Forwarded',
  '',
  'Inner body',
  '--outer--',
  '',
];

describe('parseMessage', () => {
  it('flattens the MIME tree in document order with IMAP part paths, depths and encoded sizes', async () => {
    const view = await parse(nested);
    expect(view.mimeTree.map((part) => [part.path, part.depth, part.contentType])).toEqual([
      ['', 0, 'multipart/mixed'],
      ['1', 1, 'multipart/alternative'],
      ['1.1', 2, 'text/plain'],
      ['1.2', 2, 'multipart/related'],
      ['1.2.1', 3, 'text/html'],
      ['1.2.2', 3, 'image/png'],
      ['2', 1, 'application/pdf'],
      ['3', 1, 'message/rfc822'],
    ]);
    const byPath = new Map(view.mimeTree.map((part) => [part.path, part]));
    expect(byPath.get('1.1')).toMatchObject({
      charset: 'utf-8',
      transferEncoding: 'quoted-printable',
      size: 'Plain caf=C3=A9'.length,
    });
    expect(byPath.get('2')).toMatchObject({
      disposition: 'attachment',
      filename: 'report.pdf',
      size: 'JVBERi0xLjcK'.length,
    });
    expect(byPath.get('1.2.2')?.size).toBe(PNG.toString('base64').length);
    // A container is at least as big as its parts.
    expect(byPath.get('1')?.size).toBeGreaterThan(
      (byPath.get('1.1')?.size ?? 0) + (byPath.get('1.2')?.size ?? 0),
    );
    expect(view.notices).toEqual([]);
  });

  it('fills addresses, date, ids, text and unsanitised html', async () => {
    const view = await parse(nested);
    expect(view).toMatchObject({
      id: 'm1',
      folderId: 'f1',
      subject: 'Nested',
      from: [{ name: 'Alice', address: 'alice@example.com' }],
      to: [
        { name: '', address: 'bob@example.com' },
        { name: 'Carol', address: 'carol@example.com' },
      ],
      cc: [{ name: '', address: 'dave@example.com' }],
      bcc: [{ name: '', address: 'eve@example.com' }],
      replyTo: [{ name: '', address: 'replies@example.com' }],
      date: '2024-01-02T09:00:00.000Z',
      messageId: '<nested@example.com>',
      size: crlf(nested).length,
      flags: META.flags,
    });
    expect(view.text).toContain('Plain café');
    expect(view.html).toContain('<img src="cid:logo@example.com">');
  });

  it('turns cid-referenced images into data: URLs and marks them inline, matching tree paths', async () => {
    const view = await parse(nested);
    expect(view.inlineImages).toEqual([
      { contentId: 'logo@example.com', dataUrl: `data:image/png;base64,${PNG.toString('base64')}` },
    ]);
    expect(view.attachments).toEqual([
      {
        partId: '1.2.2',
        filename: 'logo.png',
        contentType: 'image/png',
        size: PNG.length,
        inline: true,
        contentId: 'logo@example.com',
      },
      {
        partId: '2',
        filename: 'report.pdf',
        contentType: 'application/pdf',
        size: 9,
        inline: false,
        contentId: null,
      },
      {
        partId: '3',
        filename: 'forwarded.eml',
        contentType: 'message/rfc822',
        size: expect.any(Number),
        inline: false,
        contentId: null,
      },
    ]);
    const treePaths = new Set(view.mimeTree.map((part) => part.path));
    for (const attachment of view.attachments) expect(treePaths.has(attachment.partId)).toBe(true);
  });

  it('does not inline an image the html does not reference', async () => {
    const view = await parse([
      'Subject: Unreferenced',
      'Content-Type: multipart/related; boundary="rel"',
      '',
      '--rel',
      'Content-Type: text/html',
      '',
      '<p>No images here</p>',
      '--rel',
      'Content-Type: image/png',
      'Content-ID: <unused@example.com>',
      'Content-Transfer-Encoding: base64',
      '',
      PNG.toString('base64'),
      '--rel--',
      '',
    ]);
    expect(view.inlineImages).toEqual([]);
    expect(view.attachments[0]).toMatchObject({
      inline: false,
      contentId: 'unused@example.com',
      filename: 'attachment.png',
    });
  });

  it('skips inline images over 5 MB with a notice, keeping them as attachments', async () => {
    const big = Buffer.alloc(5 * 1024 * 1024 + 10, 7);
    const view = await parse([
      'Subject: Big image',
      'Content-Type: multipart/related; boundary="rel"',
      '',
      '--rel',
      'Content-Type: text/html',
      '',
      '<img src="cid:big@x"><img src="cid:small@x">',
      '--rel',
      'Content-Type: image/jpeg',
      'Content-ID: <big@x>',
      'Content-Transfer-Encoding: base64',
      '',
      big.toString('base64').replace(/.{76}/g, '$&\r\n'),
      '--rel',
      'Content-Type: image/png',
      'Content-ID: <small@x>',
      'Content-Transfer-Encoding: base64',
      '',
      PNG.toString('base64'),
      '--rel--',
      '',
    ]);
    expect(view.inlineImages.map((image) => image.contentId)).toEqual(['small@x']);
    expect(view.attachments.map((attachment) => attachment.contentId)).toEqual(['big@x', 'small@x']);
    expect(view.notices).toHaveLength(1);
    expect(view.notices[0]?.code).toBe('FILE_TOO_LARGE');
  });

  it('numbers a single-part message "1" and an inline embedded message under its part', async () => {
    const single = await parse(['Subject: One part', 'Content-Type: text/plain', '', 'Just text', '']);
    expect(single.mimeTree.map((part) => [part.path, part.depth])).toEqual([['1', 0]]);

    const embedded = await parse([
      'Subject: Embedded',
      'Content-Type: multipart/mixed; boundary="o"',
      '',
      '--o',
      'Content-Type: text/plain',
      '',
      'See below',
      '--o',
      'Content-Type: message/rfc822',
      'Content-Disposition: inline',
      '',
      'Subject: Inner',
      'Content-Type: multipart/mixed; boundary="i"',
      '',
      '--i',
      'Content-Type: text/plain',
      '',
      'Inner text',
      '--i',
      'Content-Type: application/octet-stream; name="inner.bin"',
      'Content-Disposition: attachment',
      '',
      'data',
      '--i--',
      '--o--',
      '',
    ]);
    expect(embedded.mimeTree.map((part) => [part.path, part.depth, part.contentType])).toEqual([
      ['', 0, 'multipart/mixed'],
      ['1', 1, 'text/plain'],
      ['2', 1, 'message/rfc822'],
      ['2.TEXT', 2, 'multipart/mixed'],
      ['2.1', 3, 'text/plain'],
      ['2.2', 3, 'application/octet-stream'],
    ]);
    expect(embedded.attachments.map((attachment) => [attachment.partId, attachment.filename])).toEqual([
      ['2.2', 'inner.bin'],
    ]);
  });

  it('numbers a single-part attachment-only message "1"', async () => {
    const view = await parse([
      'Subject: Just a file',
      'Content-Type: application/pdf; name="scan.pdf"',
      'Content-Disposition: attachment',
      'Content-Transfer-Encoding: base64',
      '',
      'JVBERi0xLjcK',
      '',
    ]);
    expect(view.attachments).toEqual([
      {
        partId: '1',
        filename: 'scan.pdf',
        contentType: 'application/pdf',
        size: 9,
        inline: false,
        contentId: null,
      },
    ]);
  });

  it('sanitises attachment file names from hostile senders', async () => {
    // RFC 2231 form, so any character (a backslash, a bidi control) reaches the parser as sent.
    const part = (name: string, type = 'application/octet-stream') => [
      '--b',
      `Content-Type: ${type}`,
      `Content-Disposition: attachment; filename*=utf-8''${encodeURIComponent(name)}`,
      '',
      'x',
    ];
    const view = await parseMessage(
      Buffer.from(
        [
          'Subject: Files',
          'Content-Type: multipart/mixed; boundary="b"',
          '',
          ...part('../../etc/passwd'),
          ...part('invoice\u202Egpj.exe'),
          ...part('C:\\Users\\me\\report.doc'),
          ...part('...', 'application/pdf'),
          ...part('CON.txt'),
          '--b--',
          '',
        ].join('\r\n'),
        'utf8',
      ),
      META,
    );
    expect(view.attachments.map((attachment) => attachment.filename)).toEqual([
      'passwd',
      'invoicegpj.exe',
      'report.doc',
      'attachment.pdf',
      '_CON.txt',
    ]);
  });

  it('decodes ISO-8859-1 bodies and encoded-word headers', async () => {
    const view = await parse([
      'Subject: =?ISO-8859-1?Q?Caf=E9_cr=E8me?=',
      'From: =?ISO-8859-1?Q?Andr=E9?= <andre@example.com>',
      'Content-Type: text/plain; charset=ISO-8859-1',
      'Content-Transfer-Encoding: 8bit',
      '',
      'Un caf\xe9 cr\xe8me, s\x27il vous pla\xeet.',
      '',
    ]);
    expect(view.subject).toBe('Café crème');
    expect(view.from).toEqual([{ name: 'André', address: 'andre@example.com' }]);
    expect(view.text).toContain("Un café crème, s'il vous plaît.");
    expect(view.headers.find((header) => header.name === 'Subject')?.value).toBe('Café crème');
    expect(view.notices).toEqual([]);
  });

  it('decodes ISO-2022-JP bodies and headers', async () => {
    const japanese = Buffer.from('1b2442467c4b5c386c1b2842', 'hex').toString('latin1'); // 日本語
    const view = await parse([
      'Subject: =?ISO-2022-JP?B?GyRCRnxLXDhsGyhC?=',
      'Content-Type: text/plain; charset=ISO-2022-JP',
      'Content-Transfer-Encoding: 7bit',
      '',
      japanese,
      '',
    ]);
    expect(view.subject).toBe('日本語');
    expect(view.text?.trim()).toBe('日本語');
    expect(view.notices).toEqual([]);
  });

  it('lists headers in message order, unfolded and decoded, with raw UTF-8 read as UTF-8', async () => {
    const view = await parseMessage(
      Buffer.from(
        [
          'Received: from a.example.com',
          '\tby b.example.com; Mon, 1 Jan 2024 00:00:00 +0000',
          'Subject: =?UTF-8?B?w4lxdWlwZQ==?= weekly',
          'X-Raw: Zoë 日本',
          'X-Control: a\u0007b',
          'Received: second',
          '',
          'Body',
          '',
        ].join('\r\n'),
        'utf8',
      ),
      META,
    );
    expect(view.headers).toEqual([
      { name: 'Received', value: 'from a.example.com\tby b.example.com; Mon, 1 Jan 2024 00:00:00 +0000' },
      { name: 'Subject', value: 'Équipe weekly' },
      { name: 'X-Raw', value: 'Zoë 日本' },
      { name: 'X-Control', value: 'a b' },
      { name: 'Received', value: 'second' },
    ]);
  });

  it('gives a null date for a missing or unparsable Date header', async () => {
    expect((await parse(['Subject: x', 'Date: yesterday-ish', '', 'b', ''])).date).toBeNull();
    expect((await parse(['Subject: x', '', 'b', ''])).date).toBeNull();
  });
});

describe('parseMessage on broken MIME', () => {
  it('reports a missing closing boundary but still shows the content', async () => {
    const view = await parse([
      'Subject: Cut off',
      'Content-Type: multipart/mixed; boundary="b"',
      '',
      '--b',
      'Content-Type: text/plain',
      '',
      'The part that arrived.',
      '--b',
      'Content-Type: application/pdf; name="half.pdf"',
      'Content-Transfer-Encoding: base64',
      '',
      'JVBERi0xLjcK',
      '',
    ]);
    expect(view.text).toContain('The part that arrived.');
    expect(view.attachments.map((attachment) => attachment.filename)).toEqual(['half.pdf']);
    expect(view.notices.map((notice) => notice.code)).toEqual(['MESSAGE_UNREADABLE']);
    expect(view.notices[0]?.message).toContain('no closing boundary');
  });

  it('reports damaged base64', async () => {
    const view = await parse([
      'Subject: Bad base64',
      'Content-Type: multipart/mixed; boundary="b"',
      '',
      '--b',
      'Content-Type: application/octet-stream; name="bad.bin"',
      'Content-Transfer-Encoding: base64',
      '',
      'SGVsbG8@@@!!!',
      '--b--',
      '',
    ]);
    expect(view.attachments).toHaveLength(1);
    expect(view.notices).toHaveLength(1);
    expect(view.notices[0]?.message).toContain('Part 1 (application/octet-stream) has damaged base64');
  });

  it('reports an unknown charset and falls back to UTF-8', async () => {
    const view = await parse([
      'Subject: Odd charset',
      'Content-Type: text/plain; charset=x-no-such-charset',
      '',
      'Readable anyway',
      '',
    ]);
    expect(view.text).toContain('Readable anyway');
    expect(view.notices).toHaveLength(1);
    expect(view.notices[0]?.message).toContain('x-no-such-charset');
  });

  it('reports a multipart without a boundary', async () => {
    const view = await parse(['Subject: No boundary', 'Content-Type: multipart/mixed', '', 'Some text', '']);
    expect(view.notices.some((notice) => notice.message.includes('declares no boundary'))).toBe(true);
  });

  it('fails with MESSAGE_MALFORMED only when mailparser itself gives up', async () => {
    const huge = `X-Huge: ${'a'.repeat(2 * 1024 * 1024)}`;
    const error = await appErrorOf(parse([huge, '', 'body', '']));
    expect(error.code).toBe('MESSAGE_MALFORMED');
  });

  it('turns a part cut off right after its Content-Type name into a view, with no uncaught exception', async () => {
    const escaped: unknown[] = [];
    const onEscape = (error: unknown) => escaped.push(error);
    process.on('uncaughtException', onEscape);
    try {
      const cut = Buffer.from(
        'From: a@example.com\r\nContent-Type: multipart/mixed; boundary=x\r\n\r\n--x\r\nContent-Type:',
      );
      const view = await parseMessage(cut, META);
      expect(view.attachments.map((attachment) => attachment.contentType)).toEqual([
        'application/octet-stream',
      ]);
      await new Promise((resolve) => setImmediate(resolve));
      expect(escaped).toEqual([]);
    } finally {
      process.off('uncaughtException', onEscape);
    }
  });

  it('parses an empty buffer without throwing', async () => {
    const view = await parseMessage(Buffer.alloc(0), META);
    expect(view.subject).toBe('');
    expect(view.headers).toEqual([]);
  });
});
