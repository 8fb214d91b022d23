import { useSyncExternalStore } from 'react';
import type { ErrorInfo } from '../../../../shared/errors';
import type { Envelope, ListSort } from '../../../../shared/model';
import { isEmptySearch, parseSearch } from '../../../../shared/search';
import type { ApiClient } from '../../../../shared/ipc';
import { perClient } from '../../lib/per-client';

/**
 * The message list's page cache: one entry per open folder and view (search, order, preview line),
 * pages of PAGE_SIZE envelopes fetched with `messages.list` as rows scroll into view. A folder's state is an immutable snapshot replaced
 * on every change, so React reads it with useSyncExternalStore and re-renders only what changed.
 * It lives outside the components so going back to a folder shows it at once, without refetching.
 */

export const PAGE_SIZE = 100;
/** Per folder; beyond this the pages farthest from the one just loaded are dropped. */
const MAX_PAGES = 200;
/** Folders kept after the user has moved on. */
const MAX_FOLDERS = 12;

export type PageEntry =
  | { status: 'loading' }
  | { status: 'loaded'; items: readonly Envelope[] }
  | { status: 'error'; error: ErrorInfo };

export interface FolderSnapshot {
  /** Messages in the folder, or null before the first page arrived. */
  readonly total: number | null;
  readonly pages: ReadonlyMap<number, PageEntry>;
  /** Pages being fetched right now. */
  readonly loading: number;
  /**
   * The last time new mail was put on top: every row moved down `added` places. The list keeps
   * the user's place by scrolling that far (a new `seq` each time).
   */
  readonly shift?: { readonly seq: number; readonly added: number };
}

const EMPTY: FolderSnapshot = { total: null, pages: new Map(), loading: 0 };
let shiftSeq = 0;

/** How the list shows a folder; each view has its own pages. */
export interface ListView {
  /** The search as typed; empty for the whole folder. */
  search?: string;
  /** Absent: newest first. */
  sort?: ListSort;
  preview?: boolean;
}

function viewKey(view: ListView): string {
  const sort = view.sort && !(view.sort.key === 'date' && view.sort.order === 'desc') ? view.sort : null;
  return `${(view.search ?? '').trim()}\u0000${sort ? `${sort.key}:${sort.order}` : ''}\u0000${view.preview ? 'p' : ''}`;
}

export function folderKey(sourceId: string, folderId: string, view: ListView = {}): string {
  return `${sourceId}\u0000${folderId}\u0000${viewKey(view)}`;
}

export function envelopeAt(snapshot: FolderSnapshot, index: number): Envelope | null {
  const page = snapshot.pages.get(Math.floor(index / PAGE_SIZE));
  if (page?.status !== 'loaded') return null;
  return page.items[index % PAGE_SIZE] ?? null;
}

export function pageEntryAt(snapshot: FolderSnapshot, index: number): PageEntry | undefined {
  return snapshot.pages.get(Math.floor(index / PAGE_SIZE));
}

/** The first failed page's error, if any: what the list shows with a Retry. */
export function firstPageError(snapshot: FolderSnapshot): ErrorInfo | null {
  for (const page of snapshot.pages.values()) if (page.status === 'error') return page.error;
  return null;
}

/** One per client (`useEnvelopeStore()`); a test makes its own over a fake API. */
export class EnvelopeStore {
  private folders = new Map<string, FolderSnapshot>();
  /** Bumped when a folder is refreshed or dropped, so answers to older requests are ignored. */
  private generations = new Map<string, number>();
  private listeners = new Set<() => void>();
  /** The view the list last showed each folder in without a search: what the status bar counts. */
  private lastViews = new Map<string, ListView>();

  constructor(private readonly api: ApiClient) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The folder in `view`; without one, in the view the list last showed it in (no search). */
  snapshot(sourceId: string, folderId: string, view?: ListView): FolderSnapshot {
    const shown = view ?? this.lastViews.get(`${sourceId}\u0000${folderId}`) ?? {};
    return this.folders.get(folderKey(sourceId, folderId, shown)) ?? EMPTY;
  }

  /** Fetches the pages covering rows first..last that are neither loaded nor loading. */
  ensure(sourceId: string, folderId: string, first: number, last: number, view: ListView = {}): void {
    if (!view.search?.trim()) this.lastViews.set(`${sourceId}\u0000${folderId}`, view);
    const snapshot = this.snapshot(sourceId, folderId, view);
    const maxIndex = snapshot.total === null ? 0 : Math.max(0, snapshot.total - 1);
    const from = Math.floor(Math.max(0, Math.min(first, maxIndex)) / PAGE_SIZE);
    const to = Math.floor(Math.max(0, Math.min(last, maxIndex)) / PAGE_SIZE);
    for (let page = from; page <= to; page++) {
      if (!snapshot.pages.has(page)) this.load(sourceId, folderId, page, view);
    }
  }

  /** Fetches again every page that failed. */
  retry(sourceId: string, folderId: string, view: ListView = {}): void {
    const snapshot = this.snapshot(sourceId, folderId, view);
    const failed = [...snapshot.pages].filter(([, entry]) => entry.status === 'error').map(([page]) => page);
    for (const page of failed) this.load(sourceId, folderId, page, view);
    if (snapshot.total === null && failed.length === 0) this.load(sourceId, folderId, 0, view);
  }

  /** Forgets everything about the folder, in every view, and fetches the first page of `view` again. */
  refresh(sourceId: string, folderId: string, view: ListView = {}): void {
    const prefix = `${sourceId}\u0000${folderId}\u0000`;
    for (const key of [...this.folders.keys()]) {
      if (!key.startsWith(prefix)) continue;
      this.generations.set(key, (this.generations.get(key) ?? 0) + 1);
      this.folders.delete(key);
    }
    this.load(sourceId, folderId, 0, view);
  }

  /**
   * New mail arrived on top of a folder whose source snapshot was just moved (sources.refresh):
   * fetches the new first page and moves every loaded row down by the number of new messages, so
   * nothing the user is looking at turns into a placeholder. Pages that no longer line up with
   * what is known are fetched again as they scroll into view.
   */
  async followNewMail(sourceId: string, folderId: string): Promise<void> {
    const view = this.lastViews.get(`${sourceId}\u0000${folderId}`) ?? {};
    const key = folderKey(sourceId, folderId, view);
    const before = this.folders.get(key);
    const newestFirst = !view.sort || (view.sort.key === 'date' && view.sort.order === 'desc');
    // In any other order new mail lands anywhere: only a reload puts it in its place.
    if (!before || before.total === null || !newestFirst) return this.refresh(sourceId, folderId, view);
    const generation = (this.generations.get(key) ?? 0) + 1;
    this.generations.set(key, generation);
    const result = await this.api.invoke('messages.list', {
      sourceId,
      folderId,
      offset: 0,
      limit: PAGE_SIZE,
      ...(view.preview ? { preview: true } : {}),
    });
    if ((this.generations.get(key) ?? 0) !== generation) return;
    if (!result.ok) return this.refresh(sourceId, folderId, view);
    const current = this.folders.get(key) ?? before;
    const oldTotal = current.total ?? 0;
    const added = result.value.total - oldTotal;
    const oldTop = envelopeAt(current, 0);
    // Mail also left, or the top is not where the count says: positions cannot be trusted.
    const aligned =
      added > 0 && (oldTop === null || added >= PAGE_SIZE || result.value.items[added]?.id === oldTop.id);
    if (!aligned) {
      if (added !== 0) this.refresh(sourceId, folderId, view);
      return;
    }
    const pages = shiftedPages(current, added, result.value.total);
    pages.set(0, { status: 'loaded', items: result.value.items });
    this.update(key, () => ({
      total: result.value.total,
      pages,
      loading: 0,
      shift: { seq: ++shiftSeq, added },
    }));
  }

  dropSource(sourceId: string): void {
    for (const key of [...this.folders.keys()]) {
      if (key.startsWith(`${sourceId}\u0000`)) {
        this.folders.delete(key);
        this.generations.set(key, (this.generations.get(key) ?? 0) + 1);
      }
    }
    for (const key of [...this.lastViews.keys()])
      if (key.startsWith(`${sourceId}\u0000`)) this.lastViews.delete(key);
    this.emit();
  }

  private load(sourceId: string, folderId: string, page: number, view: ListView): void {
    const key = folderKey(sourceId, folderId, view);
    const query = parseSearch(view.search ?? '');
    const generation = this.generations.get(key) ?? 0;
    this.update(key, (s) => ({
      ...s,
      pages: withPage(s.pages, page, { status: 'loading' }),
      loading: s.loading + 1,
    }));
    void this.api
      .invoke('messages.list', {
        sourceId,
        folderId,
        offset: page * PAGE_SIZE,
        limit: PAGE_SIZE,
        ...(isEmptySearch(query) ? {} : { query }),
        ...(view.sort ? { sort: view.sort } : {}),
        ...(view.preview ? { preview: true } : {}),
      })
      .then((result) => {
        if ((this.generations.get(key) ?? 0) !== generation) return;
        this.update(key, (s) => {
          const loading = Math.max(0, s.loading - 1);
          if (!result.ok)
            return {
              ...s,
              pages: withPage(s.pages, page, { status: 'error', error: result.error }),
              loading,
            };
          const pages = evict(withPage(s.pages, page, { status: 'loaded', items: result.value.items }), page);
          return { total: result.value.total, pages, loading };
        });
      });
  }

  private update(key: string, change: (snapshot: FolderSnapshot) => FolderSnapshot): void {
    const next = change(this.folders.get(key) ?? EMPTY);
    // Re-inserting moves the folder to the end: the map's order is least recently used first.
    this.folders.delete(key);
    this.folders.set(key, next);
    while (this.folders.size > MAX_FOLDERS) {
      const oldest = this.folders.keys().next().value;
      if (oldest === undefined) break;
      this.folders.delete(oldest);
      this.generations.set(oldest, (this.generations.get(oldest) ?? 0) + 1);
    }
    this.emit();
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}

function withPage(
  pages: ReadonlyMap<number, PageEntry>,
  page: number,
  entry: PageEntry,
): Map<number, PageEntry> {
  const next = new Map(pages);
  next.set(page, entry);
  return next;
}

/** The loaded rows of `snapshot`, each `added` places further down, regrouped into whole pages. */
function shiftedPages(snapshot: FolderSnapshot, added: number, total: number): Map<number, PageEntry> {
  const rows = new Map<number, Envelope>();
  for (const [page, entry] of snapshot.pages) {
    if (entry.status !== 'loaded') continue;
    entry.items.forEach((item, i) => rows.set(page * PAGE_SIZE + i + added, item));
  }
  const pages = new Map<number, PageEntry>();
  const candidates = new Set([...rows.keys()].map((index) => Math.floor(index / PAGE_SIZE)));
  for (const page of candidates) {
    const items: Envelope[] = [];
    const end = Math.min(total, (page + 1) * PAGE_SIZE);
    for (let index = page * PAGE_SIZE; index < end; index++) {
      const row = rows.get(index);
      if (!row) break;
      items.push(row);
    }
    if (items.length === end - page * PAGE_SIZE) pages.set(page, { status: 'loaded', items });
  }
  return pages;
}

function evict(pages: Map<number, PageEntry>, keep: number): Map<number, PageEntry> {
  if (pages.size <= MAX_PAGES) return pages;
  const loaded = [...pages.keys()]
    .filter((page) => pages.get(page)?.status === 'loaded')
    .sort((a, b) => Math.abs(b - keep) - Math.abs(a - keep));
  for (const page of loaded.slice(0, pages.size - MAX_PAGES)) pages.delete(page);
  return pages;
}

/** The store over the API in context (`useApi()`): one per client, so a test's fake gets its own. */
export const useEnvelopeStore = perClient((api) => new EnvelopeStore(api));

/** The folder in `view`, or (without one) as the list last showed it. */
export function useFolderSnapshot(sourceId: string, folderId: string, view?: ListView): FolderSnapshot {
  const store = useEnvelopeStore();
  return useSyncExternalStore(store.subscribe, () => store.snapshot(sourceId, folderId, view));
}
