import { type KeyboardEvent, type ReactNode, useCallback, useEffect, useRef } from 'react';
import type { ErrorInfo } from '../../../shared/errors';
import type { AppInfo, Envelope, Folder, SourceSummary } from '../../../shared/model';
import { api } from '../api';
import { FolderIcon } from '../components/icons';
import { Notice } from '../components/Notice';
import { PaneBoundary } from '../components/PaneBoundary';
import { Splitter } from '../components/Splitter';
import { envelopeStore } from '../features/messages/envelope-store';
import { MessageList, type MessageListHandle } from '../features/messages/MessageList';
import { Reader, type ReaderHandle } from '../features/reader/Reader';
import { Sidebar } from '../features/sources/Sidebar';
import { LIST, SIDEBAR, useLayout } from './layout';
import { liveEvents } from './live-events';
import { useSettings } from './settings';

const MB = 1024 * 1024;
import { type AppAction, type AppState, noticeKey } from './state';
import { StatusBar } from './StatusBar';

/**
 * The three panes (sources and folders | messages | reader) with their splitters, and the status
 * bar. F6 / Shift+F6 move between panes, as in desktop mail clients.
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
  /** The sidebar's shared-mailbox section. */
  profilesSection: ReactNode;
  /** A profile page, shown instead of the message list and reader. */
  profilePage: ReactNode | null;
}

export function Shell(props: ShellProps) {
  const { state, dispatch } = props;
  const layout = useLayout();
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

  const onSelect = useCallback(
    (envelope: Envelope) =>
      dispatch({ type: 'message-selected', messageId: envelope.id, size: envelope.size }),
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
  }, [source, folder, dispatch]);

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
  }, [sourceId, folderId, dispatch]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'F6' || !panesRef.current) return;
    const panes = Array.from(panesRef.current.querySelectorAll<HTMLElement>('[data-pane]'));
    const current = panes.findIndex((pane) => pane.contains(document.activeElement));
    const next = panes[(current + (event.shiftKey ? -1 : 1) + panes.length) % panes.length];
    const target = next?.querySelector<HTMLElement>(
      '[role="treeitem"][tabindex="0"], [role="listbox"], [data-testid="reader"], [data-testid="profile-name"], [aria-current="page"]',
    );
    if (!target) return;
    event.preventDefault();
    target.focus({ preventScroll: true });
  };

  return (
    <div className="shell" onKeyDown={onKeyDown}>
      <main
        ref={panesRef}
        aria-label="Mailboxes, messages and reader"
        className="shell__panes"
        style={{ gridTemplateColumns: `${layout.sidebar}px auto ${layout.list}px auto minmax(0, 1fr)` }}
      >
        <div className="pane pane--sidebar" id="pane-sidebar" data-pane="sidebar">
          <Sidebar
            sources={state.sources}
            activeSourceId={source?.id ?? null}
            activeFolderId={folder?.id ?? null}
            onSelectFolder={(id, f) => dispatch({ type: 'folder-selected', sourceId: id, folderId: f.id })}
            onCloseSource={props.onCloseSource}
            closing={props.closing}
            closeErrors={props.closeErrors}
            onOpen={props.onOpen}
            onOpenSample={props.onOpenSample}
            sampleState={props.sampleState}
            onDismissSampleError={props.onDismissSampleError}
            profilesSection={props.profilesSection}
          />
        </div>
        <Splitter
          label="Resize folder pane"
          controls="pane-sidebar"
          value={layout.sidebar}
          min={SIDEBAR.min}
          max={layout.sidebarMax}
          onChange={layout.setSidebar}
        />
        {props.profilePage ? (
          <div className="pane pane--profile" data-pane="profile">
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
                    selectedId={state.message?.messageId ?? null}
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
            <Splitter
              label="Resize message list"
              controls="pane-list"
              value={layout.list}
              min={LIST.min}
              max={layout.listMax}
              onChange={layout.setList}
            />
            <div className="pane pane--reader" data-pane="reader">
              <Reader
                message={state.message}
                handleRef={readerHandle}
                askAboveBytes={
                  source?.kind === 'imap' || source?.kind === 'pop3' ? settings.askAboveMegabytes * MB : null
                }
              />
            </div>
          </>
        )}
      </main>
      <StatusBar
        sources={state.sources}
        source={source}
        folder={folder}
        info={props.info}
        busy={props.sampleState.busy ? 'Opening sample mailbox…' : props.closing.size ? 'Closing…' : null}
        onShowShortcuts={props.onShowShortcuts}
      />
    </div>
  );
}
