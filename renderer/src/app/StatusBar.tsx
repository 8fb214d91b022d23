import type { AppInfo, Folder, SourceSummary } from '../../../shared/model';
import { formatCount, plural } from '../components/format';
import { KeyboardIcon, ShieldIcon, SourceKindIcon } from '../components/icons';
import { Spinner } from '../components/Notice';
import { useFolderSnapshot } from '../features/messages/envelope-store';
import { type ConnectionStatus, useConnectionStatus } from '../lib/live-events';

/** Where you are and what is happening: source location, folder counts, loading. */

interface StatusBarProps {
  /** Every open source: each remote one shows its connection. */
  sources: readonly SourceSummary[];
  source: SourceSummary | null;
  folder: Folder | null;
  info: AppInfo | null;
  busy: string | null;
  onShowShortcuts: () => void;
}

export function StatusBar({ sources, source, folder, info, busy, onShowShortcuts }: StatusBarProps) {
  const remote = sources.filter((s) => s.kind === 'imap' || s.kind === 'pop3');
  return (
    <footer className="status-bar" data-testid="status-bar">
      {remote.map((s) => (
        <Connection key={s.id} source={s} current={s.id === source?.id} named={remote.length > 1} />
      ))}
      {source ? (
        <span className="status-bar__item status-bar__location" title={source.location}>
          <SourceKindIcon kind={source.kind} size={13} />
          {/* LRM marks keep a path's slashes in place inside the right-to-left box that puts the ellipsis first. */}
          <span className="status-bar__truncate">{`\u200e${source.location}\u200e`}</span>
        </span>
      ) : null}
      {source && folder ? <FolderStatus sourceId={source.id} folder={folder} /> : null}
      {busy ? (
        <span className="status-bar__item">
          <Spinner size={11} />
          {busy}
        </span>
      ) : null}
      <span className="status-bar__spacer" />
      <span
        className="status-bar__item status-bar__readonly"
        title="Mailscope never changes, moves or deletes mail"
      >
        <ShieldIcon size={13} />
        Read-only
      </span>
      {info ? (
        <span className="status-bar__item status-bar__muted">
          Mailscope {info.version}
          {info.host === 'harness' ? ' · browser harness' : ''}
        </span>
      ) : null}
      <button
        type="button"
        className="status-bar__button"
        onClick={onShowShortcuts}
        aria-label="Keyboard shortcuts"
        title="Keyboard shortcuts (?)"
      >
        <KeyboardIcon size={14} />
      </button>
    </footer>
  );
}

const STATE_TEXT: Record<ConnectionStatus['state'], string> = {
  connecting: 'Connecting…',
  ready: 'Connected',
  reconnecting: 'Reconnecting…',
  throttled: 'Server busy, waiting…',
  offline: 'Offline, retrying',
};

/**
 * A mailbox connection's state: quiet while connected, loud while it is not. Retries are automatic,
 * so the text says what is happening rather than asking for anything.
 */
function Connection({ source, current, named }: { source: SourceSummary; current: boolean; named: boolean }) {
  // Opening succeeded, so a source that has not reported anything since is connected.
  const status = useConnectionStatus(source.id) ?? { state: 'ready' };
  const retry =
    status.retryInMs !== undefined
      ? ` Next try in ${Math.max(1, Math.round(status.retryInMs / 1000))} s.`
      : '';
  const attempt = status.attempt !== undefined ? ` Attempt ${status.attempt}.` : '';
  const detail =
    status.state === 'ready'
      ? `${source.name}: connected, read-only.`
      : status.state === 'offline'
        ? `${source.name}: the mail server cannot be reached. Mailscope keeps trying by itself.${retry}`
        : `${source.name}: ${STATE_TEXT[status.state]}${attempt}${retry}`;
  return (
    <span
      className={`status-bar__item status-bar__connection status-bar__connection--${status.state}${current ? ' status-bar__connection--current' : ''}`}
      data-testid="connection-status"
      data-state={status.state}
      title={detail}
      role="status"
    >
      <span className="status-bar__dot" aria-hidden="true" />
      {named ? <span className="status-bar__strong">{source.name}</span> : null}
      {STATE_TEXT[status.state]}
      <span className="sr-only">{detail}</span>
    </span>
  );
}

function FolderStatus({ sourceId, folder }: { sourceId: string; folder: Folder }) {
  const snapshot = useFolderSnapshot(sourceId, folder.id);
  const total = snapshot.total ?? folder.total;
  return (
    <>
      <span className="status-bar__item" data-testid="status-folder">
        <span className="status-bar__strong">{folder.path}</span>
        {plural(total, 'message', 'messages')}
        {folder.unread ? `, ${formatCount(folder.unread)} unread` : ''}
      </span>
      {snapshot.loading > 0 ? (
        <span className="status-bar__item" data-testid="status-loading">
          <Spinner size={11} />
          Loading messages…
        </span>
      ) : null}
    </>
  );
}
