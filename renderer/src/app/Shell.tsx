import { type KeyboardEvent, type ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import type { ErrorInfo } from '../../../shared/errors';
import type { AppInfo, Envelope, Folder, SourceSummary } from '../../../shared/model';
import { useApi } from '../api-context';
import { FolderIcon, SidebarIcon } from '../components/icons';
import { lazyNamed, OnDemand } from '../components/Lazy';
import { Notice } from '../components/Notice';
import { PaneBoundary } from '../components/PaneBoundary';
import { Splitter } from '../components/Splitter';
import { useEnvelopeStore } from '../features/messages/envelope-store';
import { MessageList, type MessageListHandle } from '../features/messages/MessageList';
import type { ReaderHandle } from '../features/reader/Reader';
import { Sidebar } from '../features/sources/Sidebar';
import { type Layout, NARROW, paneSplitter } from './layout';
import { useLiveEvents } from '../lib/live-events';
import { useSettings } from '../lib/settings';

import { type AppAction, type AppState, noticeKey } from './state';
import { StatusBar } from './StatusBar';

const MB = 1024 * 1024;

// The reader (with the HTML sanitiser and the message frame) loads when the panes first show, in
// parallel with the folder list, rather than before the first paint (components/Lazy.tsx).
const Reader = lazyNamed(() => import('../features/reader/Reader'), 'Reader');

/**
 * The three panes (sources and folders | messages | reader) with their splitters, and the status
 * bar. F6 / Shift+F6 move between panes, as in desktop mail clients. In a narrow window (or at high
 * zoom) the folder pane opens over the list from a rail on the left instead of taking a column.
 */

interface ShellProps {
  state: AppState;
  dispatch: (action: AppAction) => void;
  info: AppInfo | null;
  onOpen: () => void;
  onOpenSample: () => void;
  sampleState: { busy: boolean; error: ErrorInfo | null };
  onDismissSampleError: () => void;
  onCloseSource: (sourceId: string) => void;
  closing: ReadonlySet<string>;
  closeErrors: ReadonlyMap<string, ErrorInfo>;
  onShowShortcuts: () => void;
  onShowSettings: () => void;
  /** Find by Message-ID across mailboxes (Ctrl/Cmd+Shift+M). */
  onFindMessageId?: () => void;
  /** Pane widths (owned by the app, so View settings can reset them). */
  layout: Layout;
  /** Something that failed outside any pane's own actions (a shortcut that opened a mailbox). */
  banner?: ReactNode;
  /** A label for the status bar while something app-wide is in progress. */
  busy?: string | null;
  /** The sidebar's shared-mailbox section. */
  profilesSection: ReactNode;
  /** A profile page, shown instead of the message list and reader. */
  profilePage: ReactNode | null;
}

export function Shell(props: ShellProps) {
  const { state, dispatch, layout } = props;
  const api = useApi();
  const envelopeStore = useEnvelopeStore();
  const liveEvents = useLiveEvents();
  const { narrow } = layout;
  const [drawerWanted, setDrawerOpen] = useState(false);
  /** A folder opened from the results of a search in every folder, with that search in its box. */
  const [folderSearch, setFolderSearch] = useState<{ folderId: string; search: string } | null>(null);
  // Only a narrow layout has a drawer; a wide one shows the folder pane in its column.
  const drawerOpen = narrow && drawerWanted;
  const drawerToggle = useRef<HTMLButtonElement>(null);
  const sidebarRef = useRef<HTMLDivElement>(null);
  const settings = useSettings();
  const listHandle = useRef<MessageListHandle>(null);
  const readerHandle = useRef<ReaderHandle>(null);
  const panesRef = useRef<HTMLElement>(null);

  const source: SourceSummary | null = state.sources.find((s) => s.id === state.active?.sourceId) ?? null;
  const folder: Folder | null = source?.folders.find((f) => f.id === state.active?.folderId) ?? null;
  const notices = source
    ? source.notices
        .map((notice, index) => ({ notice, index }))
        .filter(({ index }) => !state.dismissedNotices.has(noticeKey(source.id, index)))
    : [];

  // A newly opened source: put the keyboard where the user will want it next, the message list.
  useEffect(() => {
    if (state.openedCount === 0) return;
    const timer = setTimeout(() => listHandle.current?.focus(), 0);
    return () => clearTimeout(timer);
  }, [state.openedCount]);

  // An opened drawer takes the keyboard to the folder the user is in (or the first thing in it).
  useEffect(() => {
    if (!drawerOpen) return;
    const pane = sidebarRef.current;
    const target =
      pane?.querySelector<HTMLElement>('[role="treeitem"][tabindex="0"]') ??
      pane?.querySelector<HTMLElement>('button, [tabindex="0"]');
    target?.focus();
  }, [drawerOpen]);

  const closeDrawer = (returnFocus: boolean) => {
    setDrawerOpen(false);
    if (returnFocus) drawerToggle.current?.focus();
  };

  const onSelect = useCallback(
    (envelope: Envelope) =>
      dispatch({
        type: 'message-selected',
        messageId: envelope.id,
        size: envelope.size,
        folderId: envelope.folderId,
      }),
    [dispatch],
  );
  const onOpenMessage = useCallback(
    (envelope: Envelope) => {
      onSelect(envelope);
      readerHandle.current?.focus();
    },
    [onSelect],
  );

  const noticeBanner = source
    ? notices.map(({ notice, index }) => (
        <Notice
          key={index}
          tone="warning"
          compact
          className="source-notice"
          testId="source-notice"
          title={notice.message}
          hint={notice.hint}
          dismissLabel="Dismiss this warning"
          onDismiss={() => dispatch({ type: 'notice-dismissed', sourceId: source.id, index })}
        />
      ))
    : null;
  // POP3 has no folders and no push: say that the list is the maildrop as the session found it.
  const snapshotNote =
    source?.kind === 'pop3' ? (
      <Notice
        tone="info"
        compact
        live="none"
        testId="pop3-snapshot-note"
        title="POP3 shows the Inbox as it was when it was opened."
        hint="Reload (the round arrow) opens a new session and fetches only what is new. Nothing is ever deleted."
      />
    ) : null;

  const refreshSource = useCallback(async () => {
    if (!source || !folder) return;
    const result = await api.invoke('sources.refresh', { sourceId: source.id, folderId: folder.id });
    if (result.ok) dispatch({ type: 'source-refreshed', source: result.value });
  }, [api, source, folder, dispatch]);

  // The open folder follows new mail the server reports (IMAP IDLE): the source's snapshot moves,
  // the counts refresh, and the list puts the new messages on top without losing the user's place.
  const sourceId = source?.id;
  const folderId = folder?.id;
  useEffect(() => {
    if (!sourceId || !folderId) return;
    let following = Promise.resolve();
    return liveEvents.listen((event) => {
      if (event.type !== 'folder.changed' || event.sourceId !== sourceId || event.folderId !== folderId)
        return;
      following = following.then(async () => {
        const known = envelopeStore.snapshot(sourceId, folderId).total;
        if (known === null || event.total <= known) return;
        const result = await api.invoke('sources.refresh', { sourceId, folderId });
        if (!result.ok) return;
        dispatch({ type: 'source-refreshed', source: result.value });
        await envelopeStore.followNewMail(sourceId, folderId);
      });
    });
  }, [api, envelopeStore, liveEvents, sourceId, folderId, dispatch]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'F6' || !panesRef.current) return;
    // Panes in view only: a closed folder drawer is skipped.
    const panes = Array.from(panesRef.current.querySelectorAll<HTMLElement>('[data-pane]')).filter(
      (pane) => !pane.hidden,
    );
    const current = panes.findIndex((pane) => pane.contains(document.activeElement));
    const next = panes[(current + (event.shiftKey ? -1 : 1) + panes.length) % panes.length];
    // The list knows where the keyboard belongs in it, also while its first page is still loading
    // and there is no listbox yet (a folder just chosen, on a busy machine).
    if (next?.dataset['pane'] === 'list' && listHandle.current) {
      event.preventDefault();
      listHandle.current.focus();
      return;
    }
    // A pane whose code is still loading (the reader is a chunk of its own) holds the keyboard
    // itself until its content arrives and takes it (Reader.tsx): the key is never dropped.
    const target =
      next?.querySelector<HTMLElement>(
        '[role="treeitem"][tabindex="0"], [role="listbox"], [data-testid="reader"], [data-testid="profile-name"], [aria-current="page"], [data-pane-focus]',
      ) ?? (next?.tabIndex === -1 ? next : null);
    if (!target) return;
    event.preventDefault();
    target.focus({ preventScroll: true });
  };

  return (
    <div className={`shell${narrow ? ' shell--narrow' : ''}`} onKeyDown={onKeyDown}>
      {props.banner}
      <main
        ref={panesRef}
        aria-label="Mailboxes, messages and reader"
        className="shell__panes"
        style={{
          gridTemplateColumns: narrow
            ? `${NARROW.rail}px ${layout.list}px auto minmax(0, 1fr)`
            : `${layout.sidebar}px auto ${layout.list}px auto minmax(0, 1fr)`,
        }}
      >
        {narrow ? (
          <div className="pane pane--rail" data-pane="rail">
            <button
              ref={drawerToggle}
              type="button"
              className="icon-button shell__drawer-toggle"
              aria-label={drawerOpen ? 'Hide folders' : 'Show folders'}
              title={drawerOpen ? 'Hide folders (Esc)' : 'Show folders'}
              aria-expanded={drawerOpen}
              aria-controls="pane-sidebar"
              data-pane-focus=""
              data-testid="drawer-toggle"
              onClick={() => setDrawerOpen(!drawerOpen)}
            >
              <SidebarIcon />
            </button>
          </div>
        ) : null}
        {narrow && drawerOpen ? (
          <div className="shell__drawer-backdrop" aria-hidden="true" onClick={() => closeDrawer(false)} />
        ) : null}
        <div
          ref={sidebarRef}
          className={`pane pane--sidebar${narrow ? ' pane--drawer' : ''}`}
          id="pane-sidebar"
          data-pane="sidebar"
          hidden={narrow && !drawerOpen}
          style={narrow ? { width: layout.sidebar, insetInlineStart: NARROW.rail } : undefined}
          onKeyDown={(event) => {
            if (narrow && event.key === 'Escape' && !event.defaultPrevented) {
              event.preventDefault();
              closeDrawer(true);
            }
          }}
        >
          <Sidebar
            sources={state.sources}
            activeSourceId={source?.id ?? null}
            activeFolderId={folder?.id ?? null}
            onSelectFolder={(id, f) => {
              dispatch({ type: 'folder-selected', sourceId: id, folderId: f.id });
              if (narrow) closeDrawer(false);
            }}
            onCloseSource={props.onCloseSource}
            closing={props.closing}
            closeErrors={props.closeErrors}
            onOpen={props.onOpen}
            onOpenSample={props.onOpenSample}
            sampleState={props.sampleState}
            onDismissSampleError={props.onDismissSampleError}
            onShowSettings={props.onShowSettings}
            {...(props.onFindMessageId ? { onFindMessageId: props.onFindMessageId } : {})}
            profilesSection={props.profilesSection}
          />
        </div>
        {narrow ? null : <Splitter {...paneSplitter(layout, 'sidebar')} />}
        {props.profilePage ? (
          <div
            className="pane pane--profile"
            data-pane="profile"
            style={{ gridColumn: narrow ? '2 / -1' : '3 / -1' }}
          >
            {props.profilePage}
          </div>
        ) : (
          <>
            <div className="pane pane--list" id="pane-list" data-pane="list">
              {source && folder ? (
                <PaneBoundary resetKey={`${source.id}\u0000${folder.id}`} what="this folder">
                  <MessageList
                    key={`${source.id}\u0000${folder.id}`}
                    sourceId={source.id}
                    folder={folder}
                    capabilities={source.list}
                    remote={source.kind === 'imap' || source.kind === 'pop3'}
                    selectedId={state.message?.messageId ?? null}
                    selectedFolderId={state.message?.folderId ?? null}
                    {...(folderSearch?.folderId === folder.id ? { initialSearch: folderSearch.search } : {})}
                    onShowFolder={(folderId, search) => {
                      setFolderSearch({ folderId, search });
                      dispatch({ type: 'folder-selected', sourceId: source.id, folderId });
                    }}
                    onSelect={onSelect}
                    onOpen={onOpenMessage}
                    handleRef={listHandle}
                    banner={
                      <>
                        {snapshotNote}
                        {noticeBanner}
                      </>
                    }
                    autoSelectFirst={source.kind === 'eml'}
                    onRefresh={refreshSource}
                  />
                </PaneBoundary>
              ) : (
                <div className="message-list message-list--none" data-testid="message-list">
                  {noticeBanner}
                  <div className="message-list__state message-list__empty">
                    <FolderIcon size={36} strokeWidth={1} />
                    <p className="message-list__empty-title">
                      {source ? 'No folder selected' : 'No mailbox selected'}
                    </p>
                    <p className="message-list__empty-hint">
                      {source && !source.folders.some((f) => f.selectable)
                        ? 'This mailbox has no folders that hold messages.'
                        : 'Choose a folder in the sidebar.'}
                    </p>
                  </div>
                </div>
              )}
            </div>
            <Splitter {...paneSplitter(layout, 'list')} />
            <div className="pane pane--reader" data-pane="reader" tabIndex={-1}>
              <OnDemand label="Loading the reader…">
                <Reader
                  message={state.message}
                  handleRef={readerHandle}
                  askAboveBytes={
                    source?.kind === 'imap' || source?.kind === 'pop3'
                      ? settings.askAboveMegabytes * MB
                      : null
                  }
                />
              </OnDemand>
            </div>
          </>
        )}
      </main>
      <StatusBar
        sources={state.sources}
        source={source}
        folder={folder}
        info={props.info}
        busy={
          props.busy ??
          (props.sampleState.busy ? 'Opening sample mailbox…' : props.closing.size ? 'Closing…' : null)
        }
        onShowShortcuts={props.onShowShortcuts}
      />
    </div>
  );
}
