import type { MailParserOptions, ParsedMail } from 'mailparser';
import type { Attachment, CalendarEvent, Flags, MessageView } from '../../../shared/model';
import { malformedMessage } from './malformed';
import { toAddresses } from './addresses';
import { sanitizeFilename } from './attachment-filename';
import { authenticationReport } from './auth-results';
import { calendarEvents } from './calendar';
import { dateFromHeaderLines, displayHeaders } from './header-lines';
import { inlineImages, referencedContentIds } from './inline-images';
import { buildMimeTree, type MimeTree } from './mime-tree';
import { receivedChain } from './received';
import { type AttachmentHead, parseForView } from './parse-for-view';

/** What the source knows about a message that is not in its bytes. */
export interface MessageMeta {
  readonly id: string;
  readonly folderId: string;
  readonly flags: Flags;
}

const PARSER_OPTIONS: MailParserOptions = {
  // textAsHtml is never shown, and without this plain parts would be merged into `html`.
  skipTextToHtml: true,
  checksumAlgo: false,
};

/**
 * Attachments whose bytes the view is made from: images the HTML may show by cid: (inlineImages
 * decides which) and calendar parts (the invitation card). Any other attachment is listed by name,
 * type and size only, so its bytes are not kept; a feature that reads an attachment's content here
 * must add its type to this rule.
 */
function viewNeedsContent(attachment: AttachmentHead): boolean {
  if (CALENDAR_TYPES.has(attachment.contentType.toLowerCase())) return true;
  return Boolean(attachment.cid) && /^image\//i.test(attachment.contentType);
}

/**
 * A raw message as the reader shows it. Mailparser does all MIME decoding (parse-for-view.ts keeps
 * only the attachment bytes the view needs); mailsplit (its own splitter) gives the part tree. Damage a parser can work around becomes a notice on the view;
 * a message that cannot be taken apart at all fails with MESSAGE_MALFORMED, for this message only:
 * whatever broke on the way (a parser, or a step after it on what the parser made of hostile input)
 * is that error, never an exception of another kind. The reader then shows the headers and source.
 */
export async function parseMessage(raw: Buffer, meta: MessageMeta): Promise<MessageView> {
  try {
    return await buildView(raw, meta);
  } catch (error) {
    throw malformedMessage(error);
  }
}

async function buildView(raw: Buffer, meta: MessageMeta): Promise<MessageView> {
  // The reader resolves cid: itself, from inlineImages, under its own size limits: links stay as they are.
  const parsed: ParsedMail = await parseForView(raw, PARSER_OPTIONS, viewNeedsContent);
  const tree = await buildMimeTree(raw);
  const html = typeof parsed.html === 'string' ? parsed.html : null;
  const referenced = referencedContentIds(html);
  const inline = inlineImages(parsed.attachments, referenced);
  const headers = displayHeaders(parsed.headerLines);

  return {
    id: meta.id,
    folderId: meta.folderId,
    subject: parsed.subject ?? '',
    from: toAddresses(parsed.from),
    to: toAddresses(parsed.to),
    cc: toAddresses(parsed.cc),
    bcc: toAddresses(parsed.bcc),
    replyTo: toAddresses(parsed.replyTo),
    date: dateFromHeaderLines(parsed.headerLines),
    messageId: parsed.messageId ?? null,
    size: raw.length,
    flags: meta.flags,
    headers,
    text: parsed.text ?? null,
    html,
    inlineImages: inline.images,
    attachments: toAttachments(parsed, tree, referenced),
    mimeTree: [...tree.parts],
    received: receivedChain(headers),
    authentication: authenticationReport(headers),
    calendar: invitations(parsed),
    notices: [...tree.notices, ...inline.notices],
  };
}

function toAttachments(parsed: ParsedMail, tree: MimeTree, referenced: ReadonlySet<string>): Attachment[] {
  const paths = partPathMatcher(tree);
  return parsed.attachments.map((attachment, index) => {
    const cid = attachment.cid ?? null;
    return {
      partId: paths(attachment.partId ?? '') ?? attachment.partId ?? `${index + 1}`,
      filename: sanitizeFilename(attachment.filename, attachment.contentType),
      contentType: attachment.contentType,
      size: attachment.size,
      inline: cid !== null && referenced.has(cid.toLowerCase()),
      contentId: cid,
    };
  });
}

/**
 * Maps mailparser's part numbers (numbers only: an embedded message's root shares its number with
 * the message/rfc822 part) to tree paths. Attachments and leaves are both in document order, so
 * each attachment takes the next leaf with its number.
 */
function partPathMatcher(tree: MimeTree): (mailparserPartId: string) => string | null {
  let cursor = 0;
  return (partId) => {
    for (let index = cursor; index < tree.leaves.length; index++) {
      const leaf = tree.leaves[index];
      if (leaf && leaf.mailparserPartId === partId) {
        cursor = index + 1;
        return leaf.path;
      }
    }
    return null;
  };
}

const CALENDAR_TYPES = new Set(['text/calendar', 'application/ics']);

/**
 * The events of every calendar part, each once: Outlook sends the same invitation twice, inline in
 * the multipart/alternative and again as invite.ics.
 */
function invitations(parsed: ParsedMail): CalendarEvent[] {
  const seen = new Set<string>();
  const events: CalendarEvent[] = [];
  for (const attachment of parsed.attachments) {
    if (!CALENDAR_TYPES.has(attachment.contentType.toLowerCase())) continue;
    const type = attachment.headers.get('content-type');
    const params: Record<string, string> =
      typeof type === 'object' && 'params' in type && !('value' in type && Array.isArray(type.value))
        ? (type.params as Record<string, string>)
        : {};
    const charset = params['charset'];
    for (const event of calendarEvents(decodeText(attachment.content, charset))) {
      const key = JSON.stringify(event);
      if (seen.has(key)) continue;
      seen.add(key);
      events.push(event);
    }
  }
  return events;
}

function decodeText(content: Buffer, charset: string | undefined): string {
  try {
    return new TextDecoder(charset ?? 'utf-8').decode(content);
  } catch {
    // A charset name the platform does not know: calendars are UTF-8 in practice.
    return new TextDecoder().decode(content);
  }
}
