import { describe, expect, it } from 'vitest';
import { parseEnvelopeHeaders } from '../../../../electron/core/mime/parse-envelope';

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
