import type { FieldsData } from '@kenjiuno/msgreader';
import type { Address, MessageView } from '../../../shared/model';
import type { MessageMeta } from '../mime/parse-message';
import { bin, type MsgFile, readMsg, str } from './msg-file';
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
      .filter((recipient) => (str(recipient.recipType) ?? 'to') === kind)
      .map((recipient) => address(str(recipient.name), str(recipient.smtpAddress) || str(recipient.email)));
  const htmlBytes = bin(fields.html);
  const html = htmlBytes ? Buffer.from(htmlBytes).toString('utf8') : (str(fields.bodyHtml) ?? null);
  const rtf = html ? null : rtfBody(bin(fields.compressedRtf));
  return {
    contentType: MSG_TYPE,
    size,
    subject: str(fields.subject) ?? '',
    from:
      str(fields.senderName) || str(fields.senderEmail)
        ? [address(str(fields.senderName), sender(fields))]
        : [],
    to: recipients('to'),
    cc: recipients('cc'),
    bcc: recipients('bcc'),
    date: date(str(fields.clientSubmitTime) ?? str(fields.messageDeliveryTime) ?? str(fields.creationTime)),
    messageId: str(fields.messageId) ?? null,
    transportHeaders: str(fields.headers) ?? null,
    text: str(fields.body) ?? rtf?.text ?? null,
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
  return (
    str(fields.senderSmtpAddress) || str(fields.sentRepresentingSmtpAddress) || str(fields.senderEmail) || ''
  );
}

function address(name: string | undefined, email: string | undefined): Address {
  return { name: name ?? '', address: email ?? '' };
}

function date(text: string | undefined): Date | null {
  if (!text) return null;
  const value = new Date(text);
  return Number.isNaN(value.getTime()) ? null : value;
}
