import type { SearchObject } from 'imapflow';
import { SearchQuery } from '../../../shared/search';

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
/** The app's search (shared/search.ts); free text matches sender, recipients or subject. */
export const ImapSearchQuery = SearchQuery;
export type ImapSearchQuery = SearchQuery;

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
  if (query.text)
    search.or = [{ from: query.text }, { to: query.text }, { cc: query.text }, { subject: query.text }];
  if (Object.keys(search).length === 0) search.all = true;
  return search;
}
