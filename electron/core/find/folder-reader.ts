import { bareMessageId, FOLDER_HITS_ITEMS } from '../../../shared/find';
import type { Envelope } from '../../../shared/model';
import type { SearchQuery } from '../../../shared/search';
import type { MailSource } from '../common/source';

/**
 * How a fan-out reads the folders of one source. An IMAP mailbox reads on the server through its
 * connection pool, as many folders at once as its budget allows; POP3 (its one Inbox) and local
 * mail read through the source itself, one folder at a time: POP3 from the headers it fetched
 * with TOP, local sources from the headers they parsed.
 */

export interface FolderTarget {
  id: string;
  /** Full display path, for results and errors. */
  path: string;
}

export interface FolderReader {
  /** Folders to read at once. */
  readonly parallel: number;
  /** Every folder that holds messages, in tree order. */
  folders(signal: AbortSignal): Promise<FolderTarget[]>;
  search(
    folder: FolderTarget,
    query: SearchQuery,
    signal: AbortSignal,
  ): Promise<{ total: number; items: Envelope[] }>;
  /** The folder's messages whose Message-ID is exactly `messageId` (without brackets). */
  findMessageId(folder: FolderTarget, messageId: string, signal: AbortSignal): Promise<Envelope[]>;
  /** The ids of every message of the folder `search` counts, oldest first. */
  searchIds(folder: FolderTarget, query: SearchQuery, signal: AbortSignal): Promise<string[]>;
}

/** Envelopes read per page when a source without a server search looks for a Message-ID. */
const LOOKUP_PAGE = 500;

export function folderReaderOf(source: MailSource): FolderReader {
  const { pooled } = source;
  if (pooled) {
    return {
      parallel: pooled.parallel,
      folders: async (signal) => selectable(await pooled.listFolders(signal)),
      search: (folder, query, signal) => pooled.search(folder.id, query, FOLDER_HITS_ITEMS, signal),
      findMessageId: (folder, messageId, signal) => pooled.findMessageId(folder.id, messageId, signal),
      searchIds: (folder, query, signal) => pooled.searchIds(folder.id, query, signal),
    };
  }
  return {
    parallel: 1,
    folders: async () => selectable(await source.listFolders()),
    search: async (folder, query) => {
      const page = await source.search(folder.id, query, 0, FOLDER_HITS_ITEMS);
      return { total: page.total, items: page.items };
    },
    findMessageId: async (folder, messageId, signal) => {
      const found: Envelope[] = [];
      for (let offset = 0; !signal.aborted; offset += LOOKUP_PAGE) {
        const page = await source.listEnvelopes(folder.id, offset, LOOKUP_PAGE);
        for (const item of page.items) if (bareMessageId(item.messageId) === messageId) found.push(item);
        if (page.items.length === 0 || offset + page.items.length >= page.total) break;
      }
      return found;
    },
    searchIds: async (folder, query, signal) => {
      const ids: string[] = [];
      for (let offset = 0; !signal.aborted; offset += LOOKUP_PAGE) {
        const page = await source.search(folder.id, query, offset, LOOKUP_PAGE);
        ids.push(...page.items.map((item) => item.id));
        if (page.items.length === 0 || offset + page.items.length >= page.total) break;
      }
      // Pages come newest first.
      return ids.reverse();
    },
  };
}

function selectable(folders: readonly { id: string; path: string; selectable: boolean }[]): FolderTarget[] {
  return folders.filter((folder) => folder.selectable).map(({ id, path }) => ({ id, path }));
}
