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
  return {
    parallel: pool.limit,
    listFolders: (signal) => listFoldersOnPool(pool, signal),
    search: (folderId, query, limit, signal) => searchFolderOnPool(pool, folderId, query, limit, signal),
    findMessageId: (folderId, messageId, signal) => findMessageIdOnPool(pool, folderId, messageId, signal),
    searchIds: (folderId, query, signal) => searchIdsOnPool(pool, folderId, query, signal),
  };
}

/** Every folder, in tree order, from one LIST on a pooled session. */
export function listFoldersOnPool(pool: ConnectionPool, signal?: AbortSignal): Promise<Folder[]> {
  return pool.run(
    async (client) => buildFolderTree(await client.list(), () => ({ total: 0, unread: 0 })),
    signal ? { signal } : {},
  );
}

/** `UID SEARCH` in one folder, and the envelopes of its newest `limit` matches. */
export function searchFolderOnPool(
  pool: ConnectionPool,
  folderId: string,
  query: ImapSearchQuery,
  limit: number,
  signal?: AbortSignal,
): Promise<FolderMatches> {
  return pool.run(
    async (client) => {
      const { mailbox } = await examine(client, folderId);
      // An empty folder matches nothing: no SEARCH round trip for it.
      if (mailbox.exists === 0) return { total: 0, items: [] };
      const uids = await searchUids(client, query);
      const items = await envelopes(client, uids.slice(0, limit), folderId, mailbox.uidValidity);
      return { total: uids.length, items };
    },
    signal ? { signal } : {},
  );
}

/** The same `UID SEARCH` as searchFolderOnPool, answered with every match's id, oldest first. */
export function searchIdsOnPool(
  pool: ConnectionPool,
  folderId: string,
  query: ImapSearchQuery,
  signal?: AbortSignal,
): Promise<string[]> {
  return pool.run(
    async (client) => {
      const { mailbox } = await examine(client, folderId);
      if (mailbox.exists === 0) return [];
      const uids = await searchUids(client, query);
      return uids.reverse().map((uid) => messageIdOf(mailbox.uidValidity, uid));
    },
    signal ? { signal } : {},
  );
}

/**
 * The messages of one folder whose Message-ID is `messageId` (without brackets). SEARCH HEADER is
 * a substring match (RFC 3501 §6.4.4), so the server's candidates are kept only when their
 * envelope's id is exactly the one asked for.
 */
export function findMessageIdOnPool(
  pool: ConnectionPool,
  folderId: string,
  messageId: string,
  signal?: AbortSignal,
): Promise<Envelope[]> {
  return pool.run(
    async (client) => {
      const { mailbox } = await examine(client, folderId);
      if (mailbox.exists === 0) return [];
      const found = await client.search({ header: { 'message-id': messageId } }, { uid: true });
      const uids = Array.isArray(found) ? found : [];
      const items = await envelopes(client, uids, folderId, mailbox.uidValidity);
      return items.filter((item) => bareMessageId(item.messageId) === messageId);
    },
    signal ? { signal } : {},
  );
}

async function envelopes(
  client: ReadOnlyImapFlow,
  uids: readonly number[],
  folderId: string,
  uidValidity: bigint,
): Promise<Envelope[]> {
  if (uids.length === 0) return [];
  const rows = await client.fetchAll(uids.join(','), ENVELOPE_QUERY, { uid: true });
  rows.sort((a, b) => b.uid - a.uid);
  return rows.map((row) => toEnvelope(row, folderId, uidValidity));
}
