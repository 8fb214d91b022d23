import { type ReactNode, useRef } from 'react';
import type { ErrorInfo } from '../../../../shared/errors';
import type { Folder, SourceSummary } from '../../../../shared/model';
import { ErrorNotice, Spinner } from '../../components/Notice';
import {
  CloseIcon,
  Logo,
  PlusIcon,
  SampleIcon,
  SearchIcon,
  SlidersIcon,
  SourceKindIcon,
} from '../../components/icons';
import { MOD_KEY } from '../../lib/keys';
import { useFolderCountStore } from '../folders/folder-count-store';
import { FolderTree } from '../folders/FolderTree';
import './sidebar.css';

/**
 * The open sources, each with its folder tree, and the ways to open more. Closing a source that
 * failed to close keeps it listed with the error under it.
 */

interface SidebarProps {
  sources: readonly SourceSummary[];
  activeSourceId: string | null;
  activeFolderId: string | null;
  onSelectFolder: (sourceId: string, folder: Folder) => void;
  onCloseSource: (sourceId: string) => void;
  closing: ReadonlySet<string>;
  closeErrors: ReadonlyMap<string, ErrorInfo>;
  onOpen: () => void;
  onOpenSample: () => void;
  sampleState: { busy: boolean; error: ErrorInfo | null };
  onDismissSampleError: () => void;
  /** Theme, density, preview line: the View settings dialog. */
  onShowSettings: () => void;
  /** Find by Message-ID across mailboxes. */
  onFindMessageId?: () => void;
  /** Shared mailboxes, listed above the local sources. */
  profilesSection?: ReactNode;
}

const KIND_LABEL: Record<SourceSummary['kind'], string> = {
  sample: 'Sample mailbox',
  maildir: 'Maildir folder',
  mbox: 'mbox file',
  eml: 'Message file',
  imap: 'Shared mailbox over IMAP (read-only)',
  pop3: 'Shared mailbox over POP3 (read-only)',
};

export function Sidebar({
  sources,
  activeSourceId,
  activeFolderId,
  onSelectFolder,
  onCloseSource,
  closing,
  closeErrors,
  onOpen,
  onOpenSample,
  sampleState,
  onDismissSampleError,
  onShowSettings,
  onFindMessageId,
  profilesSection,
}: SidebarProps) {
  const sampleOpen = sources.some((s) => s.kind === 'sample');
  // Listens from the start: a big mailbox's counts may arrive before its tree is drawn.
  const counts = useFolderCountStore();
  const scrollRef = useRef<HTMLDivElement>(null);
  return (
    <nav className="sidebar" aria-label="Mailboxes" data-testid="folder-tree">
      <div className="sidebar__brand">
        <Logo size={22} />
        <h1 className="sidebar__product">Mailscope</h1>
        <span className="sidebar__readonly" title="Mailscope never changes, moves or deletes mail">
          Read-only
        </span>
      </div>
      <div className="sidebar__sources" ref={scrollRef}>
        {profilesSection}
        {sources.map((source) => {
          const error = closeErrors.get(source.id);
          const headingId = `source-${source.id}`;
          return (
            <section
              key={source.id}
              className={`source${source.id === activeSourceId ? ' is-active' : ''}`}
              aria-labelledby={headingId}
            >
              <div className="source__header" title={`${KIND_LABEL[source.kind]}\n${source.location}`}>
                <SourceKindIcon kind={source.kind} className="source__icon" />
                <h2 id={headingId} className="source__name">
                  {source.name}
                </h2>
                {closing.has(source.id) ? (
                  <Spinner size={12} />
                ) : (
                  <button
                    type="button"
                    className="icon-button icon-button--small source__close"
                    aria-label={`Close ${source.name}`}
                    title={`Close ${source.name}`}
                    onClick={() => onCloseSource(source.id)}
                  >
                    <CloseIcon size={14} />
                  </button>
                )}
              </div>
              {error ? (
                <ErrorNotice
                  compact
                  error={error}
                  onRetry={() => onCloseSource(source.id)}
                  retryLabel="Try again"
                />
              ) : null}
              {source.folders.length ? (
                <FolderTree
                  label={`${source.name} folders`}
                  sourceId={source.id}
                  folders={source.folders}
                  counts={counts}
                  scrollRoot={scrollRef}
                  selectedId={source.id === activeSourceId ? activeFolderId : null}
                  onSelect={(folder) => onSelectFolder(source.id, folder)}
                />
              ) : (
                <p className="source__empty">No folders</p>
              )}
            </section>
          );
        })}
      </div>
      <div className="sidebar__actions">
        {sampleState.error ? (
          <ErrorNotice compact error={sampleState.error} onRetry={onOpenSample} testId="sample-error" />
        ) : null}
        {sampleState.error ? (
          <button type="button" className="link-button sidebar__dismiss" onClick={onDismissSampleError}>
            Dismiss
          </button>
        ) : null}
        <div className="sidebar__action-row">
          <button
            type="button"
            className="sidebar__action"
            onClick={onOpen}
            title={`Open a .eml file, an mbox file or a Maildir folder (${MOD_KEY}+O)`}
          >
            <PlusIcon />
            Open…
          </button>
          {onFindMessageId ? (
            <button
              type="button"
              className="icon-button sidebar__settings"
              onClick={onFindMessageId}
              aria-label="Find by Message-ID"
              title={`Find a message by its Message-ID in every folder of your mailboxes (${MOD_KEY}+Shift+M)`}
              data-testid="open-find-message-id"
            >
              <SearchIcon />
            </button>
          ) : null}
          <button
            type="button"
            className="icon-button sidebar__settings"
            onClick={onShowSettings}
            aria-label="View settings"
            title={`View settings: theme, density, preview line (${MOD_KEY}+,)`}
            data-testid="open-settings"
          >
            <SlidersIcon />
          </button>
        </div>
        {!sampleOpen ? (
          <button
            type="button"
            className="sidebar__action"
            onClick={onOpenSample}
            disabled={sampleState.busy}
          >
            {sampleState.busy ? <Spinner size={14} /> : <SampleIcon />}
            Open sample mailbox
          </button>
        ) : null}
      </div>
    </nav>
  );
}
