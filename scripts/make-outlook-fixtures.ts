/**
 * Writes the Outlook fixtures in test/fixtures/outlook/ (no real mail in them): .msg files built with
 * the `cfb` compound-file writer as MS-OXMSG lays them out, a winmail.dat (TNEF, MS-OXTNEF) with two
 * files and a body, and .eml messages that carry them and messages attached two deep.
 * Run: `npx tsx scripts/make-outlook-fixtures.ts` (the output is committed; tests read it).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import CFB from 'cfb';

const OUT = join(import.meta.dirname, '..', 'test', 'fixtures', 'outlook');

/* ---- .msg (MS-OXMSG) ---- */

type Value = string | Buffer | number | Date | boolean;
interface MsgSpec {
  props: Record<number, Value>;
  recipients?: Record<number, Value>[];
  attachments?: { props: Record<number, Value>; embedded?: MsgSpec }[];
}

const PT_LONG = 0x0003;
const PT_BOOLEAN = 0x000b;
const PT_OBJECT = 0x000d;
const PT_UNICODE = 0x001f;
const PT_SYSTIME = 0x0040;
const PT_BINARY = 0x0102;

/** A property tag is (id << 16) | type; these ids take the type given. */
const tag = (id: number, type: number) => ((id << 16) | type) >>> 0;
const hex8 = (value: number) => value.toString(16).toUpperCase().padStart(8, '0');

function fileTime(date: Date): Buffer {
  const ticks = (BigInt(date.getTime()) + 11644473600000n) * 10000n;
  const out = Buffer.alloc(8);
  out.writeBigUInt64LE(ticks);
  return out;
}

/** Adds one object's streams (props, and its storages) under `base`; `header` is the property stream's header size. */
function addObject(cfb: CFB.CFB$Container, base: string, props: Record<number, Value>, header: Buffer): void {
  const entries: Buffer[] = [header];
  for (const [key, value] of Object.entries(props)) {
    const t = Number(key) >>> 0;
    const type = t & 0xffff;
    const entry = Buffer.alloc(16);
    entry.writeUInt32LE(t, 0);
    entry.writeUInt32LE(0x6, 4); // readable | writable
    if (type === PT_UNICODE || type === PT_BINARY) {
      const data =
        type === PT_UNICODE ? Buffer.from(`${String(value)}\0`, 'utf16le') : Buffer.from(value as Buffer);
      CFB.utils.cfb_add(cfb, `${base}__substg1.0_${hex8(t)}`, data);
      entry.writeUInt32LE(data.length, 8);
    } else if (type === PT_SYSTIME) {
      fileTime(value as Date).copy(entry, 8);
    } else if (type === PT_LONG) {
      entry.writeUInt32LE(value as number, 8);
    } else if (type === PT_BOOLEAN) {
      entry.writeUInt32LE(value ? 1 : 0, 8);
    }
    entries.push(entry);
  }
  CFB.utils.cfb_add(cfb, `${base}__properties_version1.0`, Buffer.concat(entries));
}

function addMessage(cfb: CFB.CFB$Container, base: string, spec: MsgSpec, top: boolean): void {
  const recipients = spec.recipients ?? [];
  const attachments = spec.attachments ?? [];
  const header = Buffer.alloc(top ? 32 : 24);
  header.writeUInt32LE(recipients.length, 8);
  header.writeUInt32LE(attachments.length, 12);
  header.writeUInt32LE(recipients.length, 16);
  header.writeUInt32LE(attachments.length, 20);
  addObject(cfb, base, spec.props, header);
  recipients.forEach((props, index) =>
    addObject(cfb, `${base}__recip_version1.0_#${hex8(index)}/`, props, Buffer.alloc(8)),
  );
  attachments.forEach((attachment, index) => {
    const at = `${base}__attach_version1.0_#${hex8(index)}/`;
    addObject(cfb, at, attachment.props, Buffer.alloc(8));
    if (attachment.embedded)
      addMessage(cfb, `${at}__substg1.0_${hex8(tag(0x3701, PT_OBJECT))}/`, attachment.embedded, false);
  });
}

function msgFile(spec: MsgSpec): Buffer {
  const cfb = CFB.utils.cfb_new();
  // Named-property mapping storage: empty tables are valid and readers expect the storage.
  for (const id of [0x0002, 0x0003, 0x0004]) {
    CFB.utils.cfb_add(cfb, `/__nameid_version1.0/__substg1.0_${hex8(tag(id, PT_BINARY))}`, Buffer.alloc(0));
  }
  addMessage(cfb, '/', spec, true);
  // cfb_new adds a placeholder stream ("\u0001Sh33tJ5") that an Outlook file never has.
  CFB.utils.cfb_del(cfb, '/\u0001Sh33tJ5');
  return Buffer.from(CFB.write(cfb, { type: 'buffer' }) as Uint8Array);
}

const recipient = (name: string, email: string, type: 1 | 2 | 3) => ({
  [tag(0x3001, PT_UNICODE)]: name,
  [tag(0x3003, PT_UNICODE)]: email,
  [tag(0x3002, PT_UNICODE)]: 'SMTP',
  [tag(0x39fe, PT_UNICODE)]: email,
  [tag(0x0c15, PT_LONG)]: type,
});

const fileAttachment = (name: string, mime: string, data: Buffer) => ({
  props: {
    [tag(0x3707, PT_UNICODE)]: name,
    [tag(0x3704, PT_UNICODE)]: name.slice(0, 12),
    [tag(0x3703, PT_UNICODE)]: name.slice(name.lastIndexOf('.')),
    [tag(0x370e, PT_UNICODE)]: mime,
    [tag(0x3705, PT_LONG)]: 1,
    [tag(0x3701, PT_BINARY)]: data,
  },
});

const INVOICE = Buffer.from('%PDF-1.4\n% Mailscope fixture: not a real invoice\n%%EOF\n');

const transportHeaders = (subject: string, from: string) =>
  [
    'Received: from mail.example.net (mail.example.net [192.0.2.10]) by mx.example.org with ESMTPS id 1a2b3c; Mon, 30 Nov 2026 09:58:00 +0000',
    'Authentication-Results: mx.example.org; spf=fail smtp.mailfrom=example.net; dkim=none; dmarc=fail header.from=example.net',
    `From: Payroll Team <${from}>`,
    'To: Alex Analyst <alex@example.org>',
    `Subject: ${subject}`,
    'Date: Mon, 30 Nov 2026 09:57:00 +0000',
    'Message-ID: <outlook-fixture-1@example.net>',
    'MIME-Version: 1.0',
    '',
    '',
  ].join('\r\n');

const base = (subject: string): Record<number, Value> => ({
  [tag(0x001a, PT_UNICODE)]: 'IPM.Note',
  [tag(0x0037, PT_UNICODE)]: subject,
  [tag(0x0c1a, PT_UNICODE)]: 'Payroll Team',
  [tag(0x0c1f, PT_UNICODE)]: 'payroll@example.net',
  [tag(0x0c1e, PT_UNICODE)]: 'SMTP',
  [tag(0x5d01, PT_UNICODE)]: 'payroll@example.net',
  [tag(0x0039, PT_SYSTIME)]: new Date('2026-11-30T09:57:00Z'),
  [tag(0x0e06, PT_SYSTIME)]: new Date('2026-11-30T09:58:00Z'),
  [tag(0x1035, PT_UNICODE)]: '<outlook-fixture-1@example.net>',
});

const embeddedNote: MsgSpec = {
  props: {
    ...base('Original: your mailbox is full'),
    [tag(0x0c1a, PT_UNICODE)]: 'IT Helpdesk',
    [tag(0x0c1f, PT_UNICODE)]: 'helpdesk@example.com',
    [tag(0x5d01, PT_UNICODE)]: 'helpdesk@example.com',
    [tag(0x1000, PT_UNICODE)]:
      'Your mailbox is full. Sign in at https://login.example.com/ to keep your mail.',
  },
  recipients: [recipient('Alex Analyst', 'alex@example.org', 1)],
  attachments: [fileAttachment('mailbox-quota.txt', 'text/plain', Buffer.from('Quota: 99 %\n'))],
};

const simpleMsg = msgFile({
  props: {
    ...base('Invoice 4471 overdue'),
    [tag(0x007d, PT_UNICODE)]: transportHeaders('Invoice 4471 overdue', 'payroll@example.net'),
    [tag(0x1000, PT_UNICODE)]: 'Please pay invoice 4471 today: https://pay.example.net/4471',
    [tag(0x1013, PT_BINARY)]: Buffer.from(
      '<html><body><p>Please pay <b>invoice 4471</b> today: <a href="https://pay.example.net/4471">pay now</a></p><script>alert(1)</script></body></html>',
    ),
  },
  recipients: [
    recipient('Alex Analyst', 'alex@example.org', 1),
    recipient('Finance', 'finance@example.org', 2),
  ],
  attachments: [fileAttachment('invoice-4471.pdf', 'application/pdf', INVOICE)],
});

const embeddedMsg = msgFile({
  props: {
    ...base('FW: Your mailbox is full'),
    [tag(0x0c1a, PT_UNICODE)]: 'Alex Analyst',
    [tag(0x0c1f, PT_UNICODE)]: 'alex@example.org',
    [tag(0x5d01, PT_UNICODE)]: 'alex@example.org',
    [tag(0x1000, PT_UNICODE)]: 'Reporting the attached message as phishing.',
  },
  recipients: [recipient('Phishing reports', 'phishing-reports@example.org', 1)],
  attachments: [
    {
      props: {
        [tag(0x3001, PT_UNICODE)]: 'Original: your mailbox is full',
        [tag(0x3705, PT_LONG)]: 5,
      },
      embedded: embeddedNote,
    },
  ],
});

// A compound-file signature, then the file cut short: a reader must refuse it by name.
const malformedMsg = Buffer.concat([simpleMsg.subarray(0, 700), Buffer.alloc(300, 0xff)]);

/* ---- winmail.dat (MS-OXTNEF) ---- */

const LVL_MESSAGE = 1;
const LVL_ATTACHMENT = 2;

function attribute(level: number, id: number, data: Buffer): Buffer {
  const head = Buffer.alloc(9);
  head.writeUInt8(level, 0);
  head.writeUInt32LE(id >>> 0, 1);
  head.writeUInt32LE(data.length, 5);
  let sum = 0;
  for (const byte of data) sum = (sum + byte) & 0xffff;
  const checksum = Buffer.alloc(2);
  checksum.writeUInt16LE(sum, 0);
  return Buffer.concat([head, data, checksum]);
}

/** One MAPI property list (attMsgProps / attAttachment) holding unicode strings. */
function mapiProps(props: Record<number, string>): Buffer {
  const parts: Buffer[] = [];
  const count = Buffer.alloc(4);
  count.writeUInt32LE(Object.keys(props).length, 0);
  parts.push(count);
  for (const [key, text] of Object.entries(props)) {
    const head = Buffer.alloc(12);
    head.writeUInt32LE(Number(key) >>> 0, 0);
    const value = Buffer.from(`${text}\0`, 'utf16le');
    head.writeUInt32LE(1, 4);
    head.writeUInt32LE(value.length, 8);
    const padding = Buffer.alloc((4 - (value.length % 4)) % 4);
    parts.push(head, value, padding);
  }
  return Buffer.concat(parts);
}

const cString = (text: string) => Buffer.from(`${text}\0`, 'latin1');

function tnefFile(): Buffer {
  const signature = Buffer.alloc(6);
  signature.writeUInt32LE(0x223e9f78, 0);
  signature.writeUInt16LE(0x0001, 4);
  const version = Buffer.alloc(4);
  version.writeUInt32LE(0x00010000, 0);
  return Buffer.concat([
    signature,
    attribute(LVL_MESSAGE, 0x00089006, version),
    attribute(LVL_MESSAGE, 0x00078008, cString('IPM.Microsoft Mail.Note')),
    attribute(LVL_MESSAGE, 0x00018004, cString('Quarterly figures (rich text)')),
    attribute(
      LVL_MESSAGE,
      0x00069003,
      mapiProps({
        [tag(0x1000, PT_UNICODE)]: 'The figures are attached: budget.csv and notes.txt.',
      }),
    ),
    attribute(LVL_ATTACHMENT, 0x00069002, Buffer.alloc(14)),
    attribute(LVL_ATTACHMENT, 0x00018010, cString('BUDGET~1.CSV')),
    attribute(LVL_ATTACHMENT, 0x0006800f, Buffer.from('quarter,amount\nQ1,100\nQ2,250\n')),
    attribute(
      LVL_ATTACHMENT,
      0x00069005,
      mapiProps({ [tag(0x3707, PT_UNICODE)]: 'budget.csv', [tag(0x370e, PT_UNICODE)]: 'text/csv' }),
    ),
    attribute(LVL_ATTACHMENT, 0x00069002, Buffer.alloc(14)),
    attribute(LVL_ATTACHMENT, 0x00018010, cString('notes.txt')),
    attribute(LVL_ATTACHMENT, 0x0006800f, Buffer.from('Remember to check the Q2 figure.\n')),
  ]);
}

/* ---- .eml carriers ---- */

const CRLF = '\r\n';
const b64 = (data: Buffer) => (data.toString('base64').match(/.{1,76}/g) ?? []).join(CRLF);

function message(headers: string[], body: string): string {
  return [...headers, '', body].join(CRLF);
}

const original = message(
  [
    'Received: from attacker.example (attacker.example [203.0.113.66]) by mx.example.org; Mon, 30 Nov 2026 08:00:00 +0000',
    'Authentication-Results: mx.example.org; spf=fail smtp.mailfrom=examp1e.com; dkim=none; dmarc=fail header.from=examp1e.com',
    'From: "IT Helpdesk" <helpdesk@examp1e.com>',
    'Reply-To: collect@attacker.example',
    'To: alex@example.org',
    'Subject: Your password expires today',
    'Date: Mon, 30 Nov 2026 08:00:00 +0000',
    'Message-ID: <original-2@examp1e.com>',
    'MIME-Version: 1.0',
    'Content-Type: text/html; charset=utf-8',
  ],
  '<p>Keep your password: <a href="https://login.attacker.example/reset">https://login.example.com/</a></p>',
);

const forwarded = message(
  [
    'From: Alex Analyst <alex@example.org>',
    'To: Sam Colleague <sam@example.org>',
    'Subject: FW: Your password expires today',
    'Date: Mon, 30 Nov 2026 09:00:00 +0000',
    'Message-ID: <forward-1@example.org>',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="inner"',
  ],
  [
    '--inner',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Sam, is this real? The original is attached.',
    '--inner',
    'Content-Type: message/rfc822',
    'Content-Disposition: attachment; filename="Your password expires today.eml"',
    '',
    original,
    '--inner--',
    '',
  ].join(CRLF),
);

const reportedPhish = message(
  [
    'From: Sam Colleague <sam@example.org>',
    'To: phishing-reports@example.org',
    'Subject: Reported: FW: Your password expires today',
    'Date: Mon, 30 Nov 2026 10:00:00 +0000',
    'Message-ID: <report-0@example.org>',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="outer"',
  ],
  [
    '--outer',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Reporting this as phishing; the message is attached, and the Outlook copy too.',
    '--outer',
    'Content-Type: message/rfc822',
    'Content-Disposition: attachment; filename="FW Your password expires today.eml"',
    '',
    forwarded,
    '--outer',
    'Content-Type: application/vnd.ms-outlook; name="mailbox-full.msg"',
    'Content-Disposition: attachment; filename="mailbox-full.msg"',
    'Content-Transfer-Encoding: base64',
    '',
    b64(embeddedMsg),
    '--outer--',
    '',
  ].join(CRLF),
);

const winmail = message(
  [
    'From: Finance <finance@example.org>',
    'To: Alex Analyst <alex@example.org>',
    'Subject: Quarterly figures',
    'Date: Mon, 30 Nov 2026 11:00:00 +0000',
    'Message-ID: <tnef-1@example.org>',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="tnef"',
  ],
  [
    '--tnef',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Sent from an old Outlook: the content is in winmail.dat.',
    '--tnef',
    'Content-Type: application/ms-tnef; name="winmail.dat"',
    'Content-Disposition: attachment; filename="winmail.dat"',
    'Content-Transfer-Encoding: base64',
    '',
    b64(tnefFile()),
    '--tnef',
    'Content-Type: application/vnd.ms-outlook; name="broken.msg"',
    'Content-Disposition: attachment; filename="broken.msg"',
    'Content-Transfer-Encoding: base64',
    '',
    b64(malformedMsg),
    '--tnef--',
    '',
  ].join(CRLF),
);

mkdirSync(OUT, { recursive: true });
const files: Record<string, Buffer> = {
  'invoice.msg': simpleMsg,
  'embedded.msg': embeddedMsg,
  'malformed.msg': malformedMsg,
  'winmail.dat': tnefFile(),
  'reported-phish.eml': Buffer.from(reportedPhish),
  'winmail.eml': Buffer.from(winmail),
};
for (const [name, data] of Object.entries(files)) writeFileSync(join(OUT, name), data);
console.log(`wrote ${Object.keys(files).length} files to ${OUT}`);
