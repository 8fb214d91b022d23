import type { ErrorInfo } from '../../../../shared/errors';
import { MailOpenIcon } from '../../components/icons';
import { formatCount, plural } from '../../components/format';
import { ErrorNotice, Spinner } from '../../components/Notice';

/**
 * What the message list shows instead of rows: the first page failed, a search or the first page is
 * still running, or there is nothing to show.
 */

export function ListError({ error, onRetry }: { error: ErrorInfo; onRetry: () => void }) {
  return (
    <div className="message-list__state">
      <ErrorNotice error={error} onRetry={onRetry} testId="message-list-error" />
    </div>
  );
}

export function SearchRunning({
  folderName,
  search,
  onCancel,
}: {
  folderName: string;
  search: string;
  onCancel: () => void;
}) {
  return (
    <div className="message-list__state" data-testid="search-running">
      <Spinner label={`Searching ${folderName} for “${search}”…`} />
      <button type="button" className="button" onClick={onCancel}>
        Cancel search
      </button>
    </div>
  );
}

export function ListLoading() {
  return (
    <div className="message-list__state">
      <Spinner label="Loading messages…" />
    </div>
  );
}

export function SearchEmpty({ search }: { search: string }) {
  return (
    <div className="message-list__state message-list__empty" data-testid="search-empty">
      <MailOpenIcon size={36} strokeWidth={1} />
      <p className="message-list__empty-title">No messages match “{search}”</p>
      <p className="message-list__empty-hint">
        Try fewer words, or narrow with from:, to:, subject:, has:attachment, is:unread, after:2026-10-01.
      </p>
    </div>
  );
}

/** A server mailbox (`remote`) may get mail later: it says how to look for it. */
export function FolderEmpty({ folderName, remote }: { folderName: string; remote: boolean }) {
  return (
    <div className="message-list__state message-list__empty" data-testid="folder-empty">
      <MailOpenIcon size={36} strokeWidth={1} />
      <p className="message-list__empty-title">This folder is empty</p>
      <p className="message-list__empty-hint">
        {remote
          ? `There are no messages in ${folderName} yet. Reload (the round arrow) to look for new mail.`
          : `There are no messages in ${folderName}. Choose another folder in the sidebar.`}
      </p>
    </div>
  );
}

/**
 * The header's counts: a search's results once known, else the folder's messages (from the list
 * once it has loaded, from the folder's counts before), with its unread.
 */
export function countsLine(
  search: string,
  listed: number | null,
  counts: { total: number; unread: number } | null,
): string {
  if (search && listed !== null) return `${plural(listed, 'result', 'results')} for “${search}”`;
  const shown =
    listed !== null
      ? plural(listed, 'message', 'messages')
      : counts?.total
        ? plural(counts.total, 'message', 'messages')
        : '\u00a0';
  return !search && counts && counts.unread > 0 ? `${shown} · ${formatCount(counts.unread)} unread` : shown;
}
