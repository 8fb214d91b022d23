import { useVirtualizer } from '@tanstack/react-virtual';
import {
  type ReactNode,
  type Ref,
  useCallback,
  useEffect,
  useImperativeHandle,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import type { Envelope, Folder, ListCapabilities, ListSort } from '../../../../shared/model';
import { updateSettings, useSettings } from '../../lib/settings';
import { useFolderCount, useFolderCounts } from '../folders/folder-count-store';
import { useNow } from '../../components/use-now';
import { useRemPixels } from '../../components/use-rem';
import { ErrorNotice, Spinner } from '../../components/Notice';
import { FolderRoleIcon, RefreshIcon } from '../../components/icons';
import { plural } from '../../components/format';
import { useApi } from '../../api-context';
import {
  envelopeAt,
  firstPageError,
  type ListView,
  pageEntryAt,
  useEnvelopeStore,
  useFolderSnapshot,
} from './envelope-store';
import { countsLine, FolderEmpty, ListError, ListLoading, SearchEmpty, SearchRunning } from './ListStates';
import { MessageRow, PlaceholderRow } from './MessageRow';
import { rowHeightPx } from './row-layout';
import { SearchAllResults } from '../find/SearchAllResults';
import { allFoldersResults, useSearchAll } from '../find/use-search-all';
import { SearchBox, type SearchScope } from './SearchBox';
import { ExportButton } from '../export/ExportButton';
import { describeSort, SortControl, supportedSort } from './SortControl';
import { useRovingIndex } from './use-roving-index';
import './message-list.css';

/**
 * The folder's messages, newest first or in the order the user chose where the mailbox offers it,
 * virtualised: only the rows in view (plus a few either side) are in the DOM, so a 100,000-message
 * folder costs what a 30-message one does. Pages are fetched as rows scroll into view; rows of a
 * page still loading show as placeholders. Rows are comfortable (two lines) or compact (one), with
 * an optional preview line where the mailbox gives one cheaply.
 *
 * A listbox with aria-activedescendant: focus stays on the list while the active row moves, which
 * is what a virtual list needs (the active row may not exist in the DOM a moment later). Every row
 * carries aria-posinset/aria-setsize, so a screen reader says "3 of 100,000" though few rows exist.
 */

/** Rows kept rendered beyond each edge of the view, so short scrolls show no blank. */
const OVERSCAN = 8;
/** Rows are fetched once scrolling settles for this long, not for every range scrolled past. */
const FETCH_DELAY = 60;
/** A pause in typing after which the search runs without Enter. */
const SEARCH_DELAY = 350;

export interface MessageListHandle {
  focus(): void;
}

interface MessageListProps {
  sourceId: string;
  folder: Folder;
  /** What the source's lists can do (orders, preview line), from its SourceSummary. */
  capabilities: ListCapabilities;
  /** A server mailbox: new mail shows after a reload, and the empty folder says so. */
  remote?: boolean;
  selectedId: string | null;
  /** The folder of the message open in the reader (a search in every folder opens others). */
  selectedFolderId?: string | null;
  onSelect: (envelope: Envelope) => void;
  /** Enter or double-click: select and move focus to the reader. */
  onOpen: (envelope: Envelope) => void;
  handleRef?: Ref<MessageListHandle>;
  /** Shown between the header and the rows (the source's warnings). */
  banner?: ReactNode;
  /** Open the first message as soon as it is known: for a single .eml file there is nothing to choose. */
  autoSelectFirst?: boolean;
  /** Asks the source to look for new mail before the list reloads (remote sources). */
  onRefresh?: () => Promise<void>;
  /** The search the list starts with (a folder shown from the results of a search in every folder). */
  initialSearch?: string;
  /** Shows another folder of the source with `search` in its search box. */
  onShowFolder?: (folderId: string, search: string) => void;
}

export function MessageList({
  sourceId,
  folder,
  capabilities,
  remote = false,
  selectedId,
  selectedFolderId = null,
  onSelect,
  onOpen,
  handleRef,
  banner,
  autoSelectFirst = false,
  onRefresh,
  initialSearch = '',
  onShowFolder,
}: MessageListProps) {
  // The search as typed, and the one the list shows (committed on Enter or after a pause in typing).
  const [searchInput, setSearchInput] = useState(initialSearch);
  const [search, setSearch] = useState(initialSearch);
  // "All folders" runs the search in every folder of the source, on Enter (it is not cheap).
  const [scope, setScope] = useState<SearchScope>('folder');
  const searchAll = useSearchAll(sourceId);
  const api = useApi();
  const envelopeStore = useEnvelopeStore();
  const settings = useSettings();
  const sort = supportedSort(settings.sort, capabilities);
  const preview = settings.preview && capabilities.preview;
  const sortKey = sort?.key;
  const sortOrder = sort?.order;
  const view = useMemo<ListView>(
    () => ({
      search,
      ...(sortKey && sortOrder ? { sort: { key: sortKey, order: sortOrder } } : {}),
      preview,
    }),
    [search, sortKey, sortOrder, preview],
  );
  const snapshot = useFolderSnapshot(sourceId, folder.id, view);
  // A big mailbox's counts arrive after its tree (the Sidebar keeps the store listening).
  const counts = useFolderCount(useFolderCounts(), sourceId, folder);
  const remPx = useRemPixels();
  const rowHeight = rowHeightPx(settings.density, preview, remPx);
  const scrollRef = useRef<HTMLDivElement>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const total = snapshot.total ?? 0;
  const { activeIndex, setActiveIndex, activate, onKeyDown } = useRovingIndex({
    total,
    itemAt: (index) => envelopeAt(snapshot, index),
    initialIndex: autoSelectFirst ? 0 : null,
    selectedId,
    pageRows: () => Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? rowHeight) / rowHeight) - 1),
    scrollToIndex: (index) => virtualizer.scrollToIndex(index, { align: 'auto' }),
    onSelect,
    onOpen,
  });
  const now = useNow();
  // New mail that arrived above while the user was scrolled down: counted, not forced into view.
  const [newAbove, setNewAbove] = useState(0);
  const seenShift = useRef(snapshot.shift?.seq);
  useLayoutEffect(() => {
    const shift = snapshot.shift;
    if (!shift || shift.seq === seenShift.current) return;
    seenShift.current = shift.seq;
    const scroller = scrollRef.current;
    // Before paint, so the rows in view do not jump; at the very top the new mail simply shows.
    if (scroller && scroller.scrollTop > rowHeight / 2) {
      scroller.scrollTop += shift.added * rowHeight;
      setNewAbove((n) => n + shift.added);
    }
    setActiveIndex((index) => (index === null ? null : index + shift.added));
  }, [snapshot.shift, rowHeight, setActiveIndex]);

  // Asked to focus while there is no listbox (the first page still loading, an empty folder, an
  // error): the keyboard goes to the pane itself at once, so F6 and the next key act from here, and
  // moves on to the listbox when it mounts, unless the user has gone elsewhere in the meantime.
  const sectionRef = useRef<HTMLElement>(null);
  const focusOnMount = useRef(false);
  useImperativeHandle(
    handleRef,
    () => ({
      focus: () => {
        if (listRef.current) {
          listRef.current.focus({ preventScroll: true });
          return;
        }
        focusOnMount.current = true;
        sectionRef.current?.focus({ preventScroll: true });
      },
    }),
    [],
  );
  const setListElement = (element: HTMLDivElement | null) => {
    listRef.current = element;
    if (element && focusOnMount.current) {
      focusOnMount.current = false;
      const active = document.activeElement;
      if (active === null || active === document.body || active === sectionRef.current) {
        element.focus({ preventScroll: true });
      }
    }
  };

  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render by design; its output is not memoised.
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: OVERSCAN,
  });
  // Density, the preview line or the user's font size changed the row height: lay out again.
  useEffect(() => {
    virtualizer.measure();
  }, [virtualizer, rowHeight]);
  const items = virtualizer.getVirtualItems();
  const firstVisible = items[0]?.index ?? 0;
  const lastVisible = items[items.length - 1]?.index ?? 0;

  // First page (also sizes the list), then whatever scrolls into view.
  useEffect(() => {
    const timer = setTimeout(
      () => envelopeStore.ensure(sourceId, folder.id, firstVisible, lastVisible, view),
      snapshot.total === null ? 0 : FETCH_DELAY,
    );
    return () => clearTimeout(timer);
  }, [envelopeStore, sourceId, folder.id, firstVisible, lastVisible, snapshot.total, view]);

  const commitSearch = useCallback(
    (text: string) => {
      setSearch(text.trim());
      setActiveIndex(null);
      scrollRef.current?.scrollTo({ top: 0 });
    },
    [setActiveIndex],
  );

  // A new order: start from the top; the open message stays open, and selected wherever it now is.
  const changeSort = (next: ListSort) => {
    updateSettings({ sort: next });
    setActiveIndex(null);
    scrollRef.current?.scrollTo({ top: 0 });
  };
  useEffect(() => {
    if (scope === 'all' || searchInput.trim() === search) return;
    const timer = setTimeout(() => commitSearch(searchInput), SEARCH_DELAY);
    return () => clearTimeout(timer);
  }, [scope, searchInput, search, commitSearch]);

  const runSearchAll = (text: string) => {
    if (text.trim()) void searchAll.start(text.trim());
    else searchAll.clear();
  };
  const changeScope = (next: SearchScope) => {
    setScope(next);
    if (next === 'all') {
      commitSearch('');
      runSearchAll(searchInput);
    } else {
      searchAll.clear();
      commitSearch(searchInput);
    }
  };
  // A folder of the results with more matches than shown: that folder's own search lists them all.
  const showInFolder = (folderId: string) => {
    if (folderId !== folder.id) {
      onShowFolder?.(folderId, searchInput.trim());
      return;
    }
    searchAll.clear();
    setScope('folder');
    commitSearch(searchInput);
  };

  const error = firstPageError(snapshot);
  const rowId = (index: number) => `message-row-${index}`;
  const activeRendered = activeIndex !== null && items.some((item) => item.index === activeIndex);
  const label = `Messages in ${folder.name}`;
  const listLabel = `${label}, ${describeSort(sort ?? { key: 'date', order: 'desc' })}`;

  const cancelSearch = () => {
    void api.invoke('messages.cancelSearch', { sourceId, folderId: folder.id });
    setSearchInput('');
    commitSearch('');
  };

  let body: ReactNode;
  if (scope === 'all' && searchAll.state.search) {
    body = (
      <SearchAllResults
        state={searchAll.state}
        selectedId={selectedId === null ? null : `${selectedFolderId ?? folder.id}\u0000${selectedId}`}
        onOpen={onSelect}
        onCancel={searchAll.cancel}
        onShowInFolder={showInFolder}
      />
    );
  } else if (snapshot.total === null && error) {
    body = <ListError error={error} onRetry={() => envelopeStore.retry(sourceId, folder.id, view)} />;
  } else if (snapshot.total === null && search) {
    body = <SearchRunning folderName={folder.name} search={search} onCancel={cancelSearch} />;
  } else if (snapshot.total === null) {
    body = <ListLoading />;
  } else if (total === 0 && search) {
    body = <SearchEmpty search={search} />;
  } else if (total === 0) {
    body = <FolderEmpty folderName={folder.name} remote={remote} />;
  }

  return (
    <section
      className="message-list"
      aria-label={label}
      data-testid="message-list"
      ref={sectionRef}
      tabIndex={-1}
    >
      <header className="pane-header message-list__header">
        <FolderRoleIcon folderRole={folder.role} className="message-list__folder-icon" />
        <div className="message-list__heading">
          <h2 className="pane-title" title={folder.path}>
            {folder.name}
          </h2>
          <p className="message-list__counts">{countsLine(search, snapshot.total, counts)}</p>
        </div>
        {snapshot.loading > 0 && snapshot.total !== null ? <Spinner size={14} /> : null}
        <button
          type="button"
          className="icon-button"
          aria-label="Reload folder"
          title="Reload folder"
          onClick={() => {
            setActiveIndex(null);
            void (onRefresh?.() ?? Promise.resolve()).then(() =>
              envelopeStore.refresh(sourceId, folder.id, view),
            );
          }}
        >
          <RefreshIcon />
        </button>
        <ExportButton
          scope={{
            sourceId,
            folder: {
              id: folder.id,
              name: folder.name,
              total: search ? folder.total : (snapshot.total ?? folder.total),
            },
            selectedId,
            search: search && snapshot.total !== null ? { text: search, total } : null,
            searchAll: scope === 'all' ? allFoldersResults(searchAll.state) : null,
          }}
        />
      </header>
      <SearchBox
        folderName={folder.name}
        value={searchInput}
        onChange={setSearchInput}
        onSubmit={() => (scope === 'all' ? runSearchAll(searchInput) : commitSearch(searchInput))}
        scope={scope}
        onScopeChange={changeScope}
        onClear={() => {
          searchAll.clear();
          if (snapshot.total === null && search) {
            void api.invoke('messages.cancelSearch', { sourceId, folderId: folder.id });
          }
          setSearchInput('');
          commitSearch('');
        }}
      />
      <SortControl
        sort={sort}
        capabilities={capabilities}
        previewWanted={settings.preview}
        onChange={changeSort}
      />
      {banner}
      {snapshot.total !== null && error ? (
        <ErrorNotice
          compact
          className="message-list__page-error"
          error={error}
          onRetry={() => envelopeStore.retry(sourceId, folder.id, view)}
          testId="message-list-error"
        />
      ) : null}
      {newAbove > 0 ? (
        <button
          type="button"
          className="message-list__new-mail"
          data-testid="new-mail-above"
          onClick={() => {
            setNewAbove(0);
            scrollRef.current?.scrollTo({ top: 0 });
          }}
        >
          ↑ {plural(newAbove, 'new message', 'new messages')}
        </button>
      ) : null}
      {body ?? (
        <div
          className="message-list__scroll"
          ref={scrollRef}
          onScroll={(event) => {
            if (newAbove > 0 && event.currentTarget.scrollTop < rowHeight) setNewAbove(0);
          }}
        >
          <div
            ref={setListElement}
            className="message-list__rows"
            role="listbox"
            aria-label={listLabel}
            data-density={settings.density}
            aria-activedescendant={activeRendered && activeIndex !== null ? rowId(activeIndex) : undefined}
            tabIndex={0}
            onKeyDown={onKeyDown}
            style={{ height: virtualizer.getTotalSize() }}
          >
            {items.map((item) => {
              const envelope = envelopeAt(snapshot, item.index);
              const selected =
                item.index === activeIndex ||
                (envelope !== null && envelope.id === selectedId && activeIndex === null);
              const common = {
                id: rowId(item.index),
                'aria-selected': selected,
                'aria-posinset': item.index + 1,
                'aria-setsize': total,
                style: { transform: `translateY(${item.start}px)`, height: rowHeight },
              };
              if (!envelope) {
                return (
                  <PlaceholderRow
                    key={item.key}
                    density={settings.density}
                    page={pageEntryAt(snapshot, item.index)}
                    {...common}
                  />
                );
              }
              return (
                <MessageRow
                  key={item.key}
                  envelope={envelope}
                  density={settings.density}
                  preview={preview}
                  now={now}
                  {...common}
                  onClick={() => {
                    activate(item.index);
                    listRef.current?.focus({ preventScroll: true });
                    if (envelope.id !== selectedId) onSelect(envelope);
                  }}
                  onDoubleClick={() => onOpen(envelope)}
                />
              );
            })}
          </div>
        </div>
      )}
    </section>
  );
}
