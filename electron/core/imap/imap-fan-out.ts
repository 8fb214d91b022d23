import { bareMessageId } from '../../../shared/find';
import type { Envelope, Folder } from '../../../shared/model';
import type { PooledReads } from '../common/source';
import type { ConnectionPool } from './connection-pool';
import { ENVELOPE_QUERY, messageIdOf, toEnvelope } from './envelopes';
import { examine, searchUids } from './folder-ops';
import { buildFolderTree } from './folders';
import type { ReadOnlyImapFlow } from './read-only-guard';
import type { ImapSearchQuery } from './search';

/**
 * The per-folder reads of a fan-out, each one operation on the mailbox's connection pool: the
 * folder list (LIST alone: a search needs no counts), a search's matches, and a Message-ID's
 * messages. Each EXAMINEs its folder (a pooled session may have another selected) and reads with
 * SEARCH and FETCH of envelopes only; no body is fetched.
 */

export interface FolderMatches {
  /** Messages that match in the folder. */
  total: number;
  /** The newest `limit` of them. */
  items: Envelope[];
}

/** The reads MailSource.pooled offers, on `pool`. */
export function pooledReads(pool: ConnectionPool): PooledReads {
  /** `read` on a pooled session with the folder EXAMINEd; an empty folder answers `empty` unread. */
  const inFolder = <T>(
    folderId: string,
    empty: T,
    signal: AbortSignal | undefined,
    read: (folder: OpenFolder) => Promise<T>,
  ): Promise<T> =>
    pool.run(
      async (client) => {
        // A pooled session may have another folder selected.
        const { mailbox } = await examine(client, folderId);
        // An empty folder matches nothing: no SEARCH round trip for it.
        return mailbox.exists === 0 ? empty : read({ client, folderId, uidValidity: mailbox.uidValidity });
      },
      signal ? { signal } : {},
    );
  return {
    parallel: pool.limit,
    listFolders: (signal) => listFoldersOnPool(pool, signal),
    search: (folderId, query, limit, signal) =>
      inFolder(folderId, { total: 0, items: [] }, signal, (folder) => searchFolder(folder, query, limit)),
    findMessageId: (folderId, messageId, signal) =>
      inFolder(folderId, [], signal, (folder) => findMessageId(folder, messageId)),
    searchIds: (folderId, query, signal) =>
      inFolder(folderId, [], signal, (folder) => searchIds(folder, query)),
  };
}

/** Every folder, in tree order, from one LIST on a pooled session. */
export function listFoldersOnPool(pool: ConnectionPool, signal?: AbortSignal): Promise<Folder[]> {
  return pool.run(
    async (client) => buildFolderTree(await client.list(), () => ({ total: 0, unread: 0 })),
    signal ? { signal } : {},
  );
}

/** A folder EXAMINEd on a pooled session. */
interface OpenFolder {
  readonly client: ReadOnlyImapFlow;
  readonly folderId: string;
  readonly uidValidity: bigint;
}

/** `UID SEARCH` in the folder, and the envelopes of its newest `limit` matches. */
async function searchFolder(
  folder: OpenFolder,
  query: ImapSearchQuery,
  limit: number,
): Promise<FolderMatches> {
  const uids = await searchUids(folder.client, query);
  return { total: uids.length, items: await envelopes(folder, uids.slice(0, limit)) };
}

/** The same `UID SEARCH` as searchFolder, answered with every match's id, oldest first. */
async function searchIds(folder: OpenFolder, query: ImapSearchQuery): Promise<string[]> {
  const uids = await searchUids(folder.client, query);
  return uids.reverse().map((uid) => messageIdOf(folder.uidValidity, uid));
}

/**
 * The messages of the folder whose Message-ID is `messageId` (without brackets). SEARCH HEADER is
 * a substring match (RFC 3501 §6.4.4), so the server's candidates are kept only when their
 * envelope's id is exactly the one asked for.
 */
async function findMessageId(folder: OpenFolder, messageId: string): Promise<Envelope[]> {
  const found = await folder.client.search({ header: { 'message-id': messageId } }, { uid: true });
  const items = await envelopes(folder, Array.isArray(found) ? found : []);
  return items.filter((item) => bareMessageId(item.messageId) === messageId);
}

/** The envelopes of `uids` in the folder, newest first. */
async function envelopes(
  { client, folderId, uidValidity }: OpenFolder,
  uids: readonly number[],
): Promise<Envelope[]> {
  if (uids.length === 0) return [];
  const rows = await client.fetchAll(uids.join(','), ENVELOPE_QUERY, { uid: true });
  rows.sort((a, b) => b.uid - a.uid);
  return rows.map((row) => toEnvelope(row, folderId, uidValidity));
}
