import { useEffect, useSyncExternalStore } from 'react';
import type { AppEvent, FolderCount } from '../../../../shared/events';
import type { Folder } from '../../../../shared/model';
import { useLiveEvents } from '../../lib/live-events';

/**
 * Folder counts that arrive after the tree (`folder.counts` events: a big IMAP mailbox lists its
 * folders first). Each folder row watches its own count, so a batch of 100 counts re-renders 100
 * rows, not the 1,000-row tree; the status bar watches a source's progress.
 */

/** Where the store hears events from: the page's event stream, or a test's own. */
export interface CountEvents {
  listen(listener: (event: AppEvent) => void): () => void;
}

export interface CountProgress {
  done: number;
  of: number;
}

const keyOf = (sourceId: string, folderId: string) => `${sourceId}\n${folderId}`;

export class FolderCountStore {
  private readonly counts = new Map<string, FolderCount>();
  private readonly progresses = new Map<string, CountProgress>();
  private readonly watchers = new Map<string, Set<() => void>>();
  private stopListening: (() => void) | undefined;
  private users = 0;

  constructor(private readonly events: CountEvents) {}

  /** Listens while anyone is connected; the Sidebar connects for the life of the window. */
  connect(): () => void {
    this.users++;
    this.stopListening ??= this.events.listen((event) => this.apply(event));
    return () => {
      if (--this.users > 0) return;
      this.stopListening?.();
      this.stopListening = undefined;
    };
  }

  get(sourceId: string, folderId: string): FolderCount | undefined {
    return this.counts.get(keyOf(sourceId, folderId));
  }

  progress(sourceId: string): CountProgress | undefined {
    return this.progresses.get(sourceId);
  }

  /** Calls `onChange` when the count under `key` (or a source's progress, key = sourceId) changes. */
  watch(key: string, onChange: () => void): () => void {
    let set = this.watchers.get(key);
    if (!set) {
      set = new Set();
      this.watchers.set(key, set);
    }
    set.add(onChange);
    return () => {
      set.delete(onChange);
      if (set.size === 0) this.watchers.delete(key);
    };
  }

  private apply(event: AppEvent): void {
    if (event.type !== 'folder.counts') return;
    for (const count of event.counts) {
      const key = keyOf(event.sourceId, count.folderId);
      this.counts.set(key, count);
      this.notify(key);
    }
    this.progresses.set(event.sourceId, { done: event.done, of: event.of });
    this.notify(event.sourceId);
  }

  private notify(key: string): void {
    for (const watcher of this.watchers.get(key) ?? []) watcher();
  }
}

const stores = new WeakMap<CountEvents, FolderCountStore>();

/** The one store of an event stream; reading it does not make it listen. */
function folderCountStore(events: CountEvents): FolderCountStore {
  let store = stores.get(events);
  if (!store) {
    store = new FolderCountStore(events);
    stores.set(events, store);
  }
  return store;
}

/** The store of the event stream in context (or `given`); reading it does not make it listen. */
export function useFolderCounts(given?: CountEvents): FolderCountStore {
  const live = useLiveEvents();
  return folderCountStore(given ?? live);
}

/** The store of the event stream in context (or `given`), listening while the caller is mounted. */
export function useFolderCountStore(given?: CountEvents): FolderCountStore {
  const store = useFolderCounts(given);
  useEffect(() => store.connect(), [store]);
  return store;
}

/**
 * A folder's counts: the latest from events, else what came with the tree; null while they are
 * still coming.
 */
export function useFolderCount(
  store: FolderCountStore,
  sourceId: string,
  folder: Folder,
): { total: number; unread: number } | null {
  const key = keyOf(sourceId, folder.id);
  const count = useSyncExternalStore(
    (onChange) => store.watch(key, onChange),
    () => store.get(sourceId, folder.id),
  );
  if (count) return count;
  return folder.countsPending ? null : folder;
}

/** How far the source's counts are, while they are still coming; null once all are in. */
export function useCountProgress(store: FolderCountStore, sourceId: string | null): CountProgress | null {
  const progress = useSyncExternalStore(
    (onChange) => (sourceId === null ? () => undefined : store.watch(sourceId, onChange)),
    () => (sourceId === null ? undefined : store.progress(sourceId)),
  );
  return progress && progress.done < progress.of ? progress : null;
}
