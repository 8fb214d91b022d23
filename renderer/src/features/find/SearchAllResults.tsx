import { useId } from 'react';
import type { Envelope } from '../../../../shared/model';
import { FolderIcon, MailOpenIcon, WarningIcon } from '../../components/icons';
import { ErrorNotice, Spinner } from '../../components/Notice';
import { formatCount, plural } from '../../components/format';
import { useNow } from '../../components/use-now';
import { ResultRows } from './ResultRows';
import type { FolderGroup, SearchAllState } from './use-search-all';
import './find.css';

interface SearchAllResultsProps {
  state: SearchAllState;
  /** `${folderId}\0${id}` of the message open in the reader. */
  selectedId: string | null;
  onOpen: (envelope: Envelope) => void;
  onCancel: () => void;
  /** Shows the folder with this search in it (every match, not only the newest). */
  onShowInFolder: (folderId: string) => void;
}

/**
 * The results of a search in every folder, grouped by folder as the folders finish: how many
 * folders are done, Cancel while it runs, and the folders that could not be searched with why.
 */
export function SearchAllResults({
  state,
  selectedId,
  onOpen,
  onCancel,
  onShowInFolder,
}: SearchAllResultsProps) {
  const now = useNow();
  const matches = state.groups.reduce((sum, group) => sum + group.total, 0);
  const progress =
    state.folders === null
      ? 'Listing folders…'
      : `${formatCount(state.done)} of ${plural(state.folders, 'folder', 'folders')} searched`;
  const found = `${plural(matches, 'result', 'results')} in ${plural(state.groups.length, 'folder', 'folders')}`;
  return (
    <div className="search-all" data-testid="search-all-results" data-result-root="">
      <div className="search-all__status" data-testid="search-all-status">
        {state.running ? <Spinner size={14} /> : null}
        <p role="status" className="search-all__progress">
          {state.running
            ? `Searching all folders for “${state.search}”: ${progress}`
            : state.cancelled
              ? state.folders === null
                ? 'Stopped before any folder was searched.'
                : `Stopped: ${progress}. ${found}.`
              : `${found} · ${progress}`}
        </p>
        {state.running ? (
          <button type="button" className="button" onClick={onCancel} data-testid="search-all-cancel">
            Cancel
          </button>
        ) : null}
      </div>
      {state.error ? <ErrorNotice error={state.error} className="search-all__error" /> : null}
      {state.failed.length > 0 ? <FailedFolders failed={state.failed} /> : null}
      {state.groups.map((group) => (
        <Group
          key={group.folderId}
          group={group}
          now={now}
          selectedId={selectedId}
          onOpen={onOpen}
          onShowInFolder={onShowInFolder}
        />
      ))}
      {!state.running && state.groups.length === 0 && !state.error ? (
        <div className="message-list__state message-list__empty" data-testid="search-all-empty">
          <MailOpenIcon size={36} strokeWidth={1} />
          <p className="message-list__empty-title">
            {state.cancelled
              ? 'Nothing found before the search stopped'
              : `No folder has messages that match “${state.search}”`}
          </p>
        </div>
      ) : null}
    </div>
  );
}

function Group({
  group,
  now,
  selectedId,
  onOpen,
  onShowInFolder,
}: {
  group: FolderGroup;
  now: Date;
  selectedId: string | null;
  onOpen: (envelope: Envelope) => void;
  onShowInFolder: (folderId: string) => void;
}) {
  const headingId = useId();
  const more = group.total - group.items.length;
  return (
    <section className="search-all__group" aria-labelledby={headingId} data-testid="search-all-group">
      <h3 id={headingId} className="search-all__folder">
        <FolderIcon className="search-all__folder-icon" aria-hidden="true" />
        <span className="search-all__folder-path" dir="auto">
          {group.folderPath}
        </span>
        <span className="search-all__count">{formatCount(group.total)}</span>
      </h3>
      <ResultRows items={group.items} now={now} selectedId={selectedId} onOpen={onOpen} />
      {more > 0 ? (
        <p className="search-all__more">
          {group.items.length > 0 ? `and ${plural(more, 'more', 'more')}` : plural(more, 'match', 'matches')}{' '}
          <button type="button" className="link-button" onClick={() => onShowInFolder(group.folderId)}>
            Show all in {group.folderPath}
          </button>
        </p>
      ) : null}
    </section>
  );
}

function FailedFolders({ failed }: { failed: readonly FolderGroup[] }) {
  return (
    <section
      className="search-all__failed"
      aria-label="Folders that could not be searched"
      data-testid="search-all-failed"
    >
      <h3 className="search-all__failed-title">
        <WarningIcon aria-hidden="true" />
        {plural(failed.length, 'folder', 'folders')} could not be searched
      </h3>
      <ul>
        {failed.map((folder) => (
          <li key={folder.folderId}>
            <span className="search-all__folder-path" dir="auto">
              {folder.folderPath}
            </span>
            : {folder.error?.message}
          </li>
        ))}
      </ul>
    </section>
  );
}
