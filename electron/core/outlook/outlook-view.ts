import type { HeaderLines } from 'mailparser';
import type { ErrorInfo } from '../../../shared/errors';
import type { Address, Attachment, Header, MessageView, MimePart } from '../../../shared/model';
import { sanitizeFilename } from '../mime/attachment-filename';
import { authenticationReport } from '../mime/auth-results';
import { displayHeaders } from '../mime/header-lines';
import type { MessageMeta } from '../mime/parse-message';
import { receivedChain } from '../mime/received';

/** A message that is not MIME (an Outlook item, a TNEF body), as the parts the reader shows. */
export interface OutlookItem {
  /** The container's own type, the root of the part tree ("application/vnd.ms-outlook"). */
  readonly contentType: string;
  readonly size: number;
  readonly subject: string;
  readonly from: readonly Address[];
  readonly to: readonly Address[];
  readonly cc: readonly Address[];
  readonly bcc: readonly Address[];
  readonly date: Date | null;
  readonly messageId: string | null;
  /** PR_TRANSPORT_MESSAGE_HEADERS: the Internet headers the item arrived with, when it kept them. */
  readonly transportHeaders: string | null;
  readonly text: string | null;
  readonly html: string | null;
  readonly files: readonly {
    path: string;
    filename: string;
    contentType: string;
    size: number;
    contentId: string | null;
  }[];
  readonly notices: readonly ErrorInfo[];
}

/**
 * The MessageView of an item that is not MIME. Headers, route and authentication come from its
 * transport headers (so an item saved from Outlook shows the same panels as the .eml would); the
 * part tree is the item itself with one leaf per attached file. HTML goes to the renderer unsanitised
 * like any message's, to pass through the same sanitiser and sandboxed frame.
 */
export function outlookView(item: OutlookItem, meta: MessageMeta): MessageView {
  const headers = transportHeaders(item);
  const attachments: Attachment[] = item.files.map((file) => ({
    partId: file.path,
    filename: sanitizeFilename(file.filename, file.contentType),
    contentType: file.contentType,
    size: file.size,
    inline: false,
    contentId: file.contentId,
  }));
  const root: MimePart = {
    path: '',
    depth: 0,
    contentType: item.contentType,
    charset: null,
    transferEncoding: null,
    disposition: null,
    filename: null,
    size: item.size,
    headers,
    leaf: false,
  };
  const leaves: MimePart[] = attachments.map((attachment) => ({
    path: attachment.partId,
    depth: 1,
    contentType: attachment.contentType,
    charset: null,
    transferEncoding: null,
    disposition: 'attachment',
    filename: attachment.filename,
    size: attachment.size,
    headers: [],
    leaf: true,
  }));
  return {
    id: meta.id,
    folderId: meta.folderId,
    subject: item.subject,
    from: [...item.from],
    to: [...item.to],
    cc: [...item.cc],
    bcc: [...item.bcc],
    replyTo: [],
    date: item.date && !Number.isNaN(item.date.getTime()) ? item.date.toISOString() : null,
    messageId: item.messageId,
    size: item.size,
    flags: meta.flags,
    headers: itemHeaders(item),
    text: item.text,
    html: item.html,
    inlineImages: [],
    attachments,
    mimeTree: [root, ...leaves],
    received: receivedChain(headers),
    authentication: authenticationReport(headers),
    calendar: [],
    notices: [...item.notices],
  };
}

function transportHeaders(item: OutlookItem): Header[] {
  return item.transportHeaders ? displayHeaders(headerLines(item.transportHeaders)) : [];
}

/** The Headers table's rows: the transport headers, else the item's own fields (the analysis indexes these). */
export function itemHeaders(item: OutlookItem): Header[] {
  const headers = transportHeaders(item);
  return headers.length > 0 ? headers : summaryHeaders(item);
}

/** Header text (CRLF lines, folded continuations) as mailparser's header lines. */
export function headerLines(text: string): HeaderLines {
  const lines: { key: string; line: string }[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (line === '') break;
    const last = lines.at(-1);
    if (/^[ \t]/.test(line) && last) {
      last.line += `\r\n${line}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    lines.push({ key: line.slice(0, colon).trim().toLowerCase(), line });
  }
  return lines;
}

/** Without transport headers (a draft, an item never sent), the fields the item itself holds. */
function summaryHeaders(item: OutlookItem): Header[] {
  const list = (addresses: readonly Address[]) =>
    addresses.map((a) => (a.name ? `${a.name} <${a.address}>` : a.address)).join(', ');
  const headers: Header[] = [];
  if (item.from.length) headers.push({ name: 'From', value: list(item.from) });
  if (item.to.length) headers.push({ name: 'To', value: list(item.to) });
  if (item.cc.length) headers.push({ name: 'Cc', value: list(item.cc) });
  headers.push({ name: 'Subject', value: item.subject });
  if (item.date) headers.push({ name: 'Date', value: item.date.toUTCString() });
  return headers;
}
