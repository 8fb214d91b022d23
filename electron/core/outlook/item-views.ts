import type { FieldsData } from '@kenjiuno/msgreader';
import type { Address, MessageView } from '../../../shared/model';
import type { MessageMeta } from '../mime/parse-message';
import { type MsgFile, readMsg } from './msg-file';
import { type OutlookItem, outlookView } from './outlook-view';
import { rtfBody } from './rtf-body';
import { type TnefContents, readTnef } from './tnef';

export const MSG_TYPE = 'application/vnd.ms-outlook';
export const TNEF_TYPE = 'application/ms-tnef';

/** An Outlook item's fields as the reader's parts; the body is HTML, else RTF-derived, else plain. */
export function msgItem(msg: MsgFile, size: number): OutlookItem {
  const fields = msg.fields;
  const recipients = (kind: 'to' | 'cc' | 'bcc') =>
    (fields.recipients ?? [])
      .filter((recipient) => (recipient.recipType ?? 'to') === kind)
      .map((recipient) => address(recipient.name, recipient.smtpAddress || recipient.email));
  const html = fields.html ? Buffer.from(fields.html).toString('utf8') : (fields.bodyHtml ?? null);
  const rtf = html ? null : rtfBody(fields.compressedRtf);
  return {
    contentType: MSG_TYPE,
    size,
    subject: fields.subject ?? '',
    from: fields.senderName || fields.senderEmail ? [address(fields.senderName, sender(fields))] : [],
    to: recipients('to'),
    cc: recipients('cc'),
    bcc: recipients('bcc'),
    date: date(fields.clientSubmitTime ?? fields.messageDeliveryTime ?? fields.creationTime),
    messageId: fields.messageId ?? null,
    transportHeaders: fields.headers ?? null,
    text: fields.body ?? rtf?.text ?? null,
    html: html ?? rtf?.html ?? null,
    files: msg.attachments,
    notices: [],
  };
}

export function msgView(bytes: Buffer, meta: MessageMeta): MessageView {
  return outlookView(msgItem(readMsg(bytes), bytes.length), meta);
}

/** A winmail.dat as a message: its subject and body, its files as attachments "1", "2"… */
export function tnefItem(tnef: TnefContents, size: number): OutlookItem {
  const rtf = tnef.html ? null : rtfBody(tnef.compressedRtf);
  return {
    contentType: TNEF_TYPE,
    size,
    subject: tnef.subject ?? 'winmail.dat',
    from: [],
    to: [],
    cc: [],
    bcc: [],
    date: tnef.date,
    messageId: tnef.messageId,
    transportHeaders: tnef.transportHeaders,
    text: tnef.text ?? rtf?.text ?? null,
    html: tnef.html ? tnef.html.toString('utf8') : (rtf?.html ?? null),
    files: tnef.files.map((file, index) => ({
      path: String(index + 1),
      filename: file.filename,
      contentType: file.contentType ?? 'application/octet-stream',
      size: file.data.length,
      contentId: null,
    })),
    notices: [],
  };
}

export function tnefView(bytes: Buffer, meta: MessageMeta): MessageView {
  return outlookView(tnefItem(readTnef(bytes), bytes.length), meta);
}

function sender(fields: FieldsData): string {
  // An Exchange sender's address is an X.500 DN ("/O=EXCHANGELABS/…"); the SMTP one is what people know.
  return fields.senderSmtpAddress || fields.sentRepresentingSmtpAddress || fields.senderEmail || '';
}

function address(name: string | undefined, email: string | undefined): Address {
  return { name: name ?? '', address: email ?? '' };
}

function date(text: string | undefined): Date | null {
  if (!text) return null;
  const value = new Date(text);
  return Number.isNaN(value.getTime()) ? null : value;
}
