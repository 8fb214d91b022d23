import { useCallback, useEffect, useRef, useState } from 'react';
import type { ErrorInfo } from '../../../../shared/errors';
import type { SearchAllResult } from '../../../../shared/find';
import type { Envelope } from '../../../../shared/model';
import { parseSearch } from '../../../../shared/search';
import { useApi } from '../../api-context';
import { type LiveEvents, useLiveEvents } from '../../lib/live-events';

/** Where search events are heard from: the page's event stream, or a test's own. */
export type SearchEvents = Pick<LiveEvents, 'listen'>;

/** One folder's part of the results: its matches, or why it could not be searched. */
export interface FolderGroup {
  folderId: string;
  folderPath: string;
  /** Matches in the folder; `items` holds the newest of them. */
  total: number;
  items: readonly Envelope[];
  error?: ErrorInfo;
}

export interface SearchAllState {
  /** The search as run ("" before the first). */
  search: string;
  running: boolean;
  /** Folders done, of how many (null until the folder list is known). */
  done: number;
  folders: number | null;
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
  const live = useLiveEvents();
  const events = given ?? live;
  const api = useApi();
  const [state, setState] = useState<SearchAllState>(IDLE);
  const current = useRef<string | null>(null);

  useEffect(
    () =>
      events.listen((event) => {
        if (event.type === 'search.folder' && event.searchId === current.current) {
          const group: FolderGroup = {
            folderId: event.folderId,
            folderPath: event.folderPath,
            total: event.total,
            items: event.items,
            ...(event.error ? { error: event.error } : {}),
          };
          // The answer may come before the last events: a folder it already listed gets its rows.
          setState((prev) =>
            group.error
              ? { ...prev, failed: upsert(prev.failed, group) }
              : { ...prev, groups: upsert(prev.groups, group) },
          );
        } else if (event.type === 'search.progress' && event.searchId === current.current) {
          const { done, total } = event;
          setState((prev) => (prev.running ? { ...prev, done, folders: total } : prev));
        }
      }),
    [events],
  );

  const cancel = useCallback(() => {
    const searchId = current.current;
    if (searchId) void api.invoke('messages.cancelSearch', { searchId });
  }, [api]);

  // Leaving the folder, the mailbox or the all-folders view stops a search nobody will see.
  useEffect(() => cancel, [cancel]);

  const start = useCallback(
    async (text: string) => {
      cancel();
      const searchId = crypto.randomUUID();
      current.current = searchId;
      setState({ ...IDLE, search: text, running: true });
      const result = await api.invoke('messages.searchAll', {
        sourceId,
        query: parseSearch(text),
        searchId,
      });
      if (current.current !== searchId) return;
      setState((prev) => {
        if (result.ok) return finished(prev, result.value);
        // Stopped before the folder list was in: nothing was searched, and nothing went wrong.
        if (result.error.code === 'CANCELLED') return { ...prev, running: false, cancelled: true };
        return { ...prev, running: false, error: result.error };
      });
    },
    [api, cancel, sourceId],
  );

  const clear = useCallback(() => {
    cancel();
    current.current = null;
    setState(IDLE);
  }, [cancel]);

  return { state, start, cancel, clear };
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
