/**
 * Small suspicious messages written inline for the analysis tests (no real mail): a reported phish
 * with Microsoft 365's stamps, an ARC chain, look-alike domains and attachments of every kind the
 * indicators look for.
 */

export interface Part {
  filename: string;
  contentType: string;
  content: Buffer;
}

let boundaries = 0;

export function eml(headers: string[], body: { html?: string; text?: string }, parts: Part[] = []): Buffer {
  // Each message its own boundary: an attached message's parts must not close the outer multipart.
  const boundary = `b-analysis-${++boundaries}`;
  const lines = [
    ...headers,
    'MIME-Version: 1.0',
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
    '',
  ];
  if (body.text !== undefined) {
    lines.push(`--${boundary}`, 'Content-Type: text/plain; charset=utf-8', '', body.text);
  }
  if (body.html !== undefined) {
    lines.push(`--${boundary}`, 'Content-Type: text/html; charset=utf-8', '', body.html);
  }
  for (const part of parts) {
    const rfc822 = part.contentType === 'message/rfc822';
    lines.push(
      `--${boundary}`,
      `Content-Type: ${part.contentType}; name="${part.filename}"`,
      `Content-Disposition: attachment; filename="${part.filename}"`,
      ...(rfc822 ? [''] : ['Content-Transfer-Encoding: base64', '']),
      rfc822
        ? part.content.toString('latin1')
        : (part.content.toString('base64').match(/.{1,76}/g) ?? []).join('\r\n'),
    );
  }
  lines.push(`--${boundary}--`, '');
  return Buffer.from(lines.join('\r\n'), 'utf8');
}

export const FOREFRONT =
  'X-Forefront-Antispam-Report: CIP:198.51.100.23;CTRY:NG;LANG:en;SCL:5;SRV:;IPV:NLI;SFV:SPM;' +
  'H:mail.paypa1-secure.example;PTR:;CAT:PHSH;SFS:(13230040)(8096899003);DIR:INB;SFTY:9.25;ZZZ:odd;';

export const PHISH_HEADERS = [
  'Authentication-Results: spf=fail (sender IP is 198.51.100.23) smtp.mailfrom=bounce.mailer.example;' +
    ' dkim=none (message not signed) header.d=none;dmarc=fail action=oreject header.from=paypal.com;compauth=fail reason=000',
  FOREFRONT,
  'X-Microsoft-Antispam: BCL:0;PCL:8;',
  'X-MS-Exchange-Organization-SCL: 5',
  'X-Microsoft-Antispam-Mailbox-Delivery: ucf:0;jmr:0;auth:0;dest:J;',
  'X-MS-Exchange-CrossTenant-Id: 72f988bf-86f1-41af-91ab-2d7cd011db47',
  'X-MS-Exchange-CrossTenant-FromEntityHeader: Internet',
  'X-MS-Exchange-CrossTenant-AuthAs: Anonymous',
  'Received: from mail.paypa1-secure.example (198.51.100.23) by mx.contoso.example (10.0.0.5) with ESMTPS; Mon, 7 Dec 2026 00:00:00 +0000',
  'DKIM-Signature: v=1; a=rsa-sha256; d=mailer.example; s=s1; h=from:subject; bh=x; b=y',
  'Return-Path: <bounce@bounce.mailer.example>',
  'From: "service@paypal.com" <alerts@pаypal.com>',
  'Reply-To: collect@evil-drop.example',
  'To: finance@contoso.example',
  'Subject: Your account is locked',
  'Date: Mon, 7 Dec 2026 00:00:00 +0000',
  'Message-ID: <phish-1@paypa1-secure.example>',
];

export const PHISH_HTML =
  '<p>Dear customer, <a href="https://login.evil-drop.example/paypal/?id=1">https://www.paypal.com/signin</a></p>' +
  '<img src="http://203.0.113.9/pixel.gif"><a href="mailto:help@evil-drop.example">help</a>';
