import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { toAddresses } from '../../../../electron/core/mime/addresses';
import { dateFromHeaderLines } from '../../../../electron/core/mime/header-lines';
import { parseEnvelopeHeaders } from '../../../../electron/core/mime/parse-envelope';

const SAMPLE = join(process.cwd(), 'resources', 'sample-mailbox');

function header(lines: readonly string[]): Buffer {
  return Buffer.from([...lines, '', ''].join('\r\n'));
}

describe('parseEnvelopeHeaders', () => {
  it('reads subject, addresses, date and message id from the header section alone', async () => {
    const fields = await parseEnvelopeHeaders(
      header([
        'From: =?UTF-8?Q?Ren=C3=A9e?= <renee@example.com>',
        'To: a@example.com, Team: b@example.com, c@example.com;',
        'Cc: d@example.com',
        'Subject: =?UTF-8?B?w4lxdWlwZQ==?=',
        'Date: Fri, 05 Jan 2024 08:30:00 -0500',
        'Message-ID: <abc@example.com>',
      ]),
    );
    expect(fields).toEqual({
      subject: 'Équipe',
      from: [{ name: 'Renée', address: 'renee@example.com' }],
      to: [
        { name: '', address: 'a@example.com' },
        { name: '', address: 'b@example.com' },
        { name: '', address: 'c@example.com' },
      ],
      cc: [{ name: '', address: 'd@example.com' }],
      date: '2024-01-05T13:30:00.000Z',
      messageId: '<abc@example.com>',
      hasAttachments: false,
    });
  });

  it.each([
    ['multipart/mixed; boundary=x', true],
    ['multipart/report; report-type=delivery-status; boundary=x', true],
    ['application/pdf', true],
    ['multipart/alternative; boundary=x', false],
    ['multipart/related; boundary=x', false],
    ['text/plain', false],
  ])('guesses hasAttachments from the top-level Content-Type %s', async (contentType, expected) => {
    const fields = await parseEnvelopeHeaders(header(['Subject: x', `Content-Type: ${contentType}`]));
    expect(fields.hasAttachments).toBe(expected);
  });

  it('gives a null date rather than "now" for an unparsable Date', async () => {
    expect(
      (await parseEnvelopeHeaders(header(['Subject: x', 'Date: the day before yesterday']))).date,
    ).toBeNull();
  });
});

/** What the envelope fields were made from before: a whole simpleParser per header section. */
async function throughSimpleParser(header: Buffer) {
  const parsed = await simpleParser(header, {
    skipHtmlToText: true,
    skipTextToHtml: true,
    skipImageLinks: true,
    keepCidLinks: true,
    checksumAlgo: false,
  });
  const type = parsed.headers.get('content-type');
  const value =
    typeof type === 'object' && type !== null && 'value' in type && typeof type.value === 'string'
      ? type.value.toLowerCase()
      : '';
  return {
    subject: parsed.subject ?? '',
    from: toAddresses(parsed.from),
    to: toAddresses(parsed.to),
    cc: toAddresses(parsed.cc),
    date: dateFromHeaderLines(parsed.headerLines),
    messageId: parsed.messageId ?? null,
    hasAttachments:
      value === 'multipart/mixed' || value === 'multipart/report' || value.startsWith('application/'),
  };
}

describe('parseEnvelopeHeaders gives what MailParser gives', () => {
  const tricky: [string, string[]][] = [
    [
      'raw UTF-8 and folded subject',
      ['Subject: Grüße aus\r\n  Köln – 東京', 'From: "Zoë" <zoe@example.com>'],
    ],
    ['latin1 bytes', ['Subject: caf\u00e9 cr\u00e8me', 'From: J\u00fcrgen <j@example.com>']],
    [
      'encoded words split across lines',
      ['Subject: =?UTF-8?Q?Re=3A_Rechnung?=\r\n =?ISO-8859-1?Q?_f=FCr_M=E4rz?='],
    ],
    [
      'two From and two To lines',
      ['From: a@example.com', 'From: b@example.com', 'To: c@example.com', 'To: "D, E" <d@example.com>'],
    ],
    [
      'groups and empty group',
      ['To: Team: x@example.com, y@example.com;, undisclosed-recipients:;', 'Cc: <z@example.com>'],
    ],
    ['encoded word posing as an address', ['From: =?utf-8?B?Y2VvQGJhbmsuY29t?= <attacker@evil.example>']],
    ['punycode domain', ['From: Ops <ops@xn--mller-kva.example>']],
    ['message id without brackets, empty subject', ['Message-ID: abc@example.com', 'Subject:   ']],
    [
      'content type with a comment',
      ['Content-Type: multipart/mixed (files inside); boundary="b"', 'Subject: x'],
    ],
    ['upper-case content type', ['Content-Type: APPLICATION/PDF; name="a.pdf"']],
    ['no date, no from', ['Subject: nothing else']],
    ['bad date', ['Date: 31 Febtober 2024', 'Subject: when?']],
  ];
  it.each(tricky)('%s', async (_name, lines) => {
    const section = Buffer.from([...lines, '', ''].join('\r\n'), 'latin1');
    const utf8 = Buffer.from([...lines, '', ''].join('\r\n'), 'utf8');
    for (const header of [section, utf8]) {
      expect(await parseEnvelopeHeaders(header)).toEqual(await throughSimpleParser(header));
    }
  });

  it('for every message of the sample mailbox', async () => {
    const files = readdirSync(SAMPLE, { recursive: true, withFileTypes: true }).filter((entry) =>
      entry.isFile(),
    );
    expect(files.length).toBeGreaterThan(40);
    for (const entry of files) {
      const raw = readFileSync(join(entry.parentPath, entry.name));
      const end = raw.indexOf('\r\n\r\n');
      const header = raw.subarray(0, end < 0 ? raw.length : end + 4);
      expect(await parseEnvelopeHeaders(header), entry.name).toEqual(await throughSimpleParser(header));
    }
  });
});
