import { useCallback } from 'react';
import type { ErrorInfo } from '../../../../shared/errors';
import type { SearchAllResult } from '../../../../shared/find';
import type { Envelope } from '../../../../shared/model';
import { parseSearch } from '../../../../shared/search';
import { useApi } from '../../api-context';
import type { EventSource } from '../../lib/event-source';
import { type FanOutProgress, type FolderEvent, useSearchRun } from './use-search-run';

/** Where search events are heard from: the page's event stream, or a test's own. */
export type SearchEvents = EventSource;

/** One folder's part of the results: its matches, or why it could not be searched. */
export interface FolderGroup {
  folderId: string;
  folderPath: string;
  /** Matches in the folder; `items` holds the newest of them. */
  total: number;
  items: readonly Envelope[];
  error?: ErrorInfo;
}

export interface SearchAllState extends FanOutProgress {
  /** The search as run ("" before the first). */
  search: string;
  /** Folders with matches, in the order they arrived (tree order once it has ended). */
  groups: readonly FolderGroup[];
  /** Folders that could not be searched. */
  failed: readonly FolderGroup[];
  cancelled: boolean;
  /** The search could not run at all (the folder list failed, the mailbox went away). */
  error: ErrorInfo | null;
}

/**
 * A search in every folder that has ended (done or stopped) with matches: what the Export dialog
 * offers to export in full. Null while it runs or when it found nothing.
 */
export function allFoldersResults(
  state: SearchAllState,
): { text: string; total: number; cancelled: boolean } | null {
  if (!state.search || state.running || state.error) return null;
  const total = state.groups.reduce((sum, group) => sum + group.total, 0);
  return total > 0 ? { text: state.search, total, cancelled: state.cancelled } : null;
}

const IDLE: SearchAllState = {
  search: '',
  running: false,
  done: 0,
  folders: null,
  groups: [],
  failed: [],
  cancelled: false,
  error: null,
};

/**
 * A search in every folder of a source (messages.searchAll): starts it under an id of its own,
 * gathers the folders as their `search.folder` events arrive, follows `search.progress`, and when
 * the answer comes puts the groups in folder-tree order, adding any folder whose event was missed
 * (its count, without rows). Starting another search, or unmounting, cancels the one running.
 */
export function useSearchAll(sourceId: string, given?: SearchEvents) {
  const api = useApi();
  const { state, setState, begin, isCurrent, end, cancel } = useSearchRun(IDLE, withFolder, given);

  const start = useCallback(
    async (text: string) => {
      const searchId = begin();
      setState({ ...IDLE, search: text, running: true });
      const result = await api.invoke('messages.searchAll', {
        sourceId,
        query: parseSearch(text),
        searchId,
      });
      if (!isCurrent(searchId)) return;
      // Not ended here: folder events still on their way after the answer count.
      setState((prev) => {
        if (result.ok) return finished(prev, result.value);
        // Stopped before the folder list was in: nothing was searched, and nothing went wrong.
        if (result.error.code === 'CANCELLED') return { ...prev, running: false, cancelled: true };
        return { ...prev, running: false, error: result.error };
      });
    },
    [api, begin, isCurrent, setState, sourceId],
  );

  const clear = useCallback(() => {
    cancel();
    end();
    setState(IDLE);
  }, [cancel, end, setState]);

  return { state, start, cancel, clear };
}

/** A folder's `search.folder` event: its matches, or why it could not be searched. */
function withFolder(state: SearchAllState, event: FolderEvent): SearchAllState {
  const group: FolderGroup = {
    folderId: event.folderId,
    folderPath: event.folderPath,
    total: event.total,
    items: event.items,
    ...(event.error ? { error: event.error } : {}),
  };
  // The answer may come before the last events: a folder it already listed gets its rows.
  return group.error
    ? { ...state, failed: upsert(state.failed, group) }
    : { ...state, groups: upsert(state.groups, group) };
}

function upsert(groups: readonly FolderGroup[], group: FolderGroup): readonly FolderGroup[] {
  const at = groups.findIndex((known) => known.folderId === group.folderId);
  return at < 0 ? [...groups, group] : groups.map((known, index) => (index === at ? group : known));
}

/** The final state: groups in tree order, and any folder whose event did not arrive. */
function finished(prev: SearchAllState, result: SearchAllResult): SearchAllState {
  const byId = new Map(prev.groups.map((group) => [group.folderId, group]));
  const groups = result.hits.map(
    (hit) =>
      byId.get(hit.folderId) ?? {
        folderId: hit.folderId,
        folderPath: hit.folderPath,
        total: hit.total,
        items: [],
      },
  );
  const failed = result.failed.map((failure) => ({ ...failure, total: 0, items: [] }));
  return {
    ...prev,
    running: false,
    done: result.done,
    folders: result.folders,
    groups,
    failed,
    cancelled: result.cancelled,
  };
}
