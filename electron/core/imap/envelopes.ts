import type {
  FetchMessageObject,
  FetchQueryObject,
  MessageAddressObject,
  MessageStructureObject,
} from 'imapflow';
import type { Address, Envelope, Flags } from '../../../shared/model';
import { AppError } from '../common/app-error';

/** What one list row needs, in one FETCH: no body bytes, so a page costs the same in any folder. */
export const ENVELOPE_QUERY: FetchQueryObject = {
  uid: true,
  envelope: true,
  flags: true,
  size: true,
  bodyStructure: true,
  internalDate: true,
};

/** `${uidvalidity}:${uid}`: stable while the folder keeps its UIDVALIDITY (RFC 3501 §2.3.1.1). */
export function messageIdOf(uidValidity: bigint, uid: number): string {
  return `${uidValidity}:${uid}`;
}

export function parseMessageId(id: string): { uidValidity: bigint; uid: number } {
  const match = /^(\d{1,20}):(\d{1,10})$/.exec(id);
  if (!match?.[1] || !match[2]) throw new AppError('UNKNOWN_MESSAGE');
  const uid = Number(match[2]);
  if (uid < 1 || uid > 0xffffffff) throw new AppError('UNKNOWN_MESSAGE');
  return { uidValidity: BigInt(match[1]), uid };
}

export function flagsOf(flags: ReadonlySet<string> | undefined): Flags {
  const has = (flag: string) => flags?.has(flag) ?? false;
  return {
    seen: has('\\Seen'),
    flagged: has('\\Flagged'),
    answered: has('\\Answered'),
    draft: has('\\Draft'),
  };
}

function addresses(list: MessageAddressObject[] | undefined): Address[] {
  return (list ?? [])
    .filter((entry) => entry.address || entry.name)
    .map((entry) => ({ name: entry.name ?? '', address: entry.address ?? '' }));
}

function isoDate(value: Date | string | undefined): string | null {
  if (value === undefined) return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/**
 * True if any leaf part is offered as a file: Content-Disposition attachment, or a file name in the
 * disposition or (older mailers) the Content-Type `name` parameter. Inline parts without a name
 * (text bodies, signatures) do not count.
 */
export function hasAttachments(node: MessageStructureObject | undefined): boolean {
  if (!node) return false;
  // A message/rfc822 part has the embedded message's structure as children, and its own
  // disposition (a forwarded mail "as attachment"): look at the node before its children.
  if (!node.type.toLowerCase().startsWith('multipart/')) {
    if (node.disposition?.toLowerCase() === 'attachment') return true;
    if (node.dispositionParameters?.['filename'] ?? node.parameters?.['name']) return true;
  }
  return node.childNodes?.some(hasAttachments) ?? false;
}

export function toEnvelope(message: FetchMessageObject, folderId: string, uidValidity: bigint): Envelope {
  const envelope = message.envelope ?? {};
  return {
    id: messageIdOf(uidValidity, message.uid),
    folderId,
    subject: envelope.subject ?? '',
    from: addresses(envelope.from),
    to: addresses(envelope.to),
    cc: addresses(envelope.cc),
    date: isoDate(envelope.date),
    messageId: envelope.messageId ?? null,
    size: message.size ?? 0,
    flags: flagsOf(message.flags),
    hasAttachments: hasAttachments(message.bodyStructure),
  };
}
