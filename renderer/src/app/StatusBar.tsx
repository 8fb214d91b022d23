import type { AppInfo, Folder, SourceSummary } from '../../../shared/model';
import { formatCount, plural } from '../components/format';
import { KeyboardIcon, ShieldIcon, SourceKindIcon } from '../components/icons';
import { Spinner } from '../components/Notice';
import { useFolderSnapshot } from '../features/messages/envelope-store';
import {
  useCountProgress,
  useFolderCount,
  useFolderCountStore,
} from '../features/folders/folder-count-store';
import { Connection } from './ConnectionStatus';

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

function FolderStatus({ sourceId, folder }: { sourceId: string; folder: Folder }) {
  const snapshot = useFolderSnapshot(sourceId, folder.id);
  const counts = useFolderCountStore();
  const count = useFolderCount(counts, sourceId, folder);
  const progress = useCountProgress(counts, sourceId);
  const total = snapshot.total ?? count?.total;
  return (
    <>
      <span className="status-bar__item" data-testid="status-folder">
        <span className="status-bar__strong">{folder.path}</span>
        {total !== undefined ? plural(total, 'message', 'messages') : null}
        {count?.unread ? `, ${formatCount(count.unread)} unread` : ''}
      </span>
      {progress ? (
        <span className="status-bar__item status-bar__muted" data-testid="status-counting">
          Counting folders: {formatCount(progress.done)} of {formatCount(progress.of)}
        </span>
      ) : null}
      {snapshot.loading > 0 ? (
        <span className="status-bar__item" data-testid="status-loading">
          <Spinner size={11} />
          Loading messages…
        </span>
      ) : null}
    </>
  );
}
