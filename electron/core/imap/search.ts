import type { SearchObject } from 'imapflow';
import { z } from 'zod';

/**
 * A search in one folder, run by the server (`UID SEARCH`). Every field narrows the result (AND);
 * an empty query matches every message. Text fields are case-insensitive substring matches as the
 * server implements them (RFC 3501 §6.4.4).
 *
 * `hasAttachment` has no IMAP SEARCH key: searching for a `Content-Disposition: attachment` header
 * only sees the top-level header section, and LARGER is a poor proxy. So the server narrows by the
 * other keys, and Mailscope keeps the candidates whose BODYSTRUCTURE has an attachment (the same
 * rule the list uses for its paperclip), fetched in chunks: cost O(candidates), never bodies.
 */
const Day = z.iso.date();

export const ImapSearchQuery = z
  .object({
    from: z.string().trim().min(1).max(256).optional(),
    to: z.string().trim().min(1).max(256).optional(),
    subject: z.string().trim().min(1).max(256).optional(),
    /** Body text only (SEARCH BODY), not headers. */
    body: z.string().trim().min(1).max(256).optional(),
    /** Internal date on or after this day (SEARCH SINCE, YYYY-MM-DD). */
    since: Day.optional(),
    /** Internal date before this day (SEARCH BEFORE, YYYY-MM-DD). */
    before: Day.optional(),
    hasAttachment: z.boolean().optional(),
    /** Only messages without \Seen. */
    unseen: z.boolean().optional(),
    /** Size in bytes strictly above this (SEARCH LARGER). */
    largerThan: z.number().int().nonnegative().optional(),
  })
  .strict();
export type ImapSearchQuery = z.infer<typeof ImapSearchQuery>;

export function toSearchObject(query: ImapSearchQuery): SearchObject {
  const search: SearchObject = {};
  if (query.from) search.from = query.from;
  if (query.to) search.to = query.to;
  if (query.subject) search.subject = query.subject;
  if (query.body) search.body = query.body;
  // YYYY-MM-DD strings parse as UTC midnight, which imapflow formats as that same day.
  if (query.since) search.since = query.since;
  if (query.before) search.before = query.before;
  if (query.unseen) search.seen = false;
  if (query.largerThan !== undefined) search.larger = query.largerThan;
  if (Object.keys(search).length === 0) search.all = true;
  return search;
}
