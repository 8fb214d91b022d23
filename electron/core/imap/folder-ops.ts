import type { MailboxObject } from 'imapflow';
import { AppError } from '../common/app-error';
import { hasAttachments } from './envelopes';
import type { ReadOnlyImapFlow } from './read-only-guard';
import { type ImapSearchQuery, toSearchObject } from './search';

/**
 * What every reader of a folder does on a connection, the browsing session and the pool's alike:
 * open it read-only, and find the UIDs a search matches.
 */

/** Candidates whose BODYSTRUCTURE is fetched per command for hasAttachment. */
const STRUCTURE_CHUNK = 500;

/** EXAMINE the folder unless it is already the selected one (a re-EXAMINE costs a round trip). */
export async function examine(
  client: ReadOnlyImapFlow,
  folderId: string,
): Promise<{ mailbox: MailboxObject; reopened: boolean }> {
  const current = client.mailbox;
  if (current && current.path === folderId) return { mailbox: current, reopened: false };
  try {
    // readOnlyClient forces { readOnly: true } (EXAMINE) whatever is passed; said here for readers.
    return { mailbox: await client.mailboxOpen(folderId, { readOnly: true }), reopened: true };
  } catch (error) {
    if (isNonexistent(error)) throw new AppError('UNKNOWN_FOLDER', undefined, undefined, { cause: error });
    throw error;
  }
}

/** `UID SEARCH` in the selected folder, newest first, with the attachment filter applied. */
export async function searchUids(client: ReadOnlyImapFlow, query: ImapSearchQuery): Promise<number[]> {
  const found = await client.search(toSearchObject(query), { uid: true });
  const uids = (Array.isArray(found) ? found : []).sort((a, b) => b - a);
  if (query.hasAttachment === undefined || uids.length === 0) return uids;
  return filterByAttachments(client, uids, query.hasAttachment);
}

async function filterByAttachments(
  client: ReadOnlyImapFlow,
  uids: number[],
  wanted: boolean,
): Promise<number[]> {
  const keep = new Set<number>();
  for (let start = 0; start < uids.length; start += STRUCTURE_CHUNK) {
    const chunk = uids.slice(start, start + STRUCTURE_CHUNK);
    const rows = await client.fetchAll(chunk.join(','), { uid: true, bodyStructure: true }, { uid: true });
    for (const row of rows) if (hasAttachments(row.bodyStructure) === wanted) keep.add(row.uid);
  }
  return uids.filter((uid) => keep.has(uid));
}

function isNonexistent(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code: unknown = Reflect.get(error, 'serverResponseCode');
  const reply: unknown = Reflect.get(error, 'responseText');
  return (
    code === 'NONEXISTENT' ||
    (typeof reply === 'string' && /doesn't exist|does not exist|not found|unknown mailbox/i.test(reply))
  );
}
