import { useEffect, useId, useRef, useState } from 'react';
import { errorInfo } from '../../../../shared/errors';
import type { SourceSummary } from '../../../../shared/model';
import { useApi } from '../../api-context';
import { Notice } from '../../components/Notice';
import { PathDialog } from '../../components/PathDialog';
import { usePathForm } from '../../components/use-path-form';
import { CloseIcon, FileIcon, FolderOpenIcon } from '../../components/icons';
import { forgetRecentPath, readRecentPaths, rememberRecentPath } from './recent-paths';
import './open-dialog.css';

/**
 * Opens a .eml or .msg file, an mbox file or a Maildir folder by path. Browse… appears only where the host
 * has native dialogs (the desktop app, not the browser harness). Failures stay in the dialog, with
 * the engine's specific message and hint, so the user can fix the path and try again.
 */

interface OpenDialogProps {
  nativeDialogs: boolean;
  /** A path from outside (a dropped file, File → Open, the OS): opened at once, errors shown here. */
  initialPath?: string;
  onClose: () => void;
  onOpened: (source: SourceSummary) => void;
}

export function OpenDialog({ nativeDialogs, initialPath, onClose, onOpened }: OpenDialogProps) {
  const api = useApi();
  const [browsing, setBrowsing] = useState(false);
  const [recent, setRecent] = useState<string[]>(() => readRecentPaths());
  const errorId = useId();
  const form = usePathForm<SourceSummary>({
    initial: initialPath ?? '',
    empty: errorInfo(
      'INVALID_REQUEST',
      'Enter the path of a file or folder.',
      'For example /home/you/mail/export.mbox',
    ),
    ask: 'FILE_TOO_LARGE',
    onDone: (source, opened) => {
      rememberRecentPath(opened);
      onOpened(source);
    },
  });
  const { state, setState } = form;
  const busy = state.kind === 'busy' || browsing;

  const open = (target: string, allowLarge = false) =>
    form.submit(target, (typed) =>
      api.invoke('sources.openPath', allowLarge ? { path: typed, allowLarge: true } : { path: typed }),
    );

  // Once per dialog (App keys it by request): a path that came from outside opens without a click.
  const openInitial = useRef(initialPath);
  useEffect(() => {
    const target = openInitial.current;
    openInitial.current = undefined;
    if (target) void open(target);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- runs once, for the path it was opened with
  }, []);

  const browse = async (kind: 'file' | 'folder') => {
    setBrowsing(true);
    const result = await api.invoke('sources.pickPath', { kind });
    setBrowsing(false);
    if (!result.ok) {
      setState({ kind: 'error', error: result.error });
      return;
    }
    if (result.value.path === null) {
      setState({ kind: 'idle' });
      return;
    }
    form.setPath(result.value.path);
    await open(result.value.path);
  };

  const onSubmit = () => {
    if (!busy) void open(form.path ?? '');
  };

  const error = state.kind === 'error' ? state.error : null;

  return (
    <PathDialog
      title="Open file or folder"
      testId="open-dialog"
      classes={{ dialog: 'open-dialog', form: 'open-form', row: 'open-form__row' }}
      onClose={onClose}
      onSubmit={onSubmit}
      form={form}
      label="Path to a .eml or Outlook .msg file, an mbox file, or a Maildir folder"
      placeholder="/path/to/mailbox"
      errorId={error ? errorId : null}
      submit={{
        label: 'Open',
        busyLabel: 'Opening…',
        busy: state.kind === 'busy',
        disabled: busy || state.kind === 'ask',
      }}
      ask={{
        testId: 'open-error',
        actions: (path) => (
          <>
            <button
              type="button"
              className="button button--primary"
              autoFocus
              onClick={() => void open(path, true)}
            >
              Open anyway
            </button>
            <button type="button" className="button" onClick={form.reset}>
              Cancel
            </button>
          </>
        ),
      }}
      help={
        <>
          A Maildir folder is one that holds <code>cur</code> and <code>new</code> folders. Mailscope only
          reads: nothing on disk is changed.
        </>
      }
    >
      {nativeDialogs ? (
        <div className="open-form__browse">
          <button type="button" className="button" disabled={busy} onClick={() => void browse('file')}>
            <FileIcon />
            Browse file…
          </button>
          <button type="button" className="button" disabled={busy} onClick={() => void browse('folder')}>
            <FolderOpenIcon />
            Browse folder…
          </button>
        </div>
      ) : null}

      {error ? (
        <div id={errorId}>
          <Notice tone="error" title={error.message} hint={error.hint} testId="open-error" />
        </div>
      ) : null}

      {recent.length > 0 && state.kind !== 'ask' ? (
        <div className="recent">
          <h3 className="recent__title">Recent</h3>
          <ul className="recent__list">
            {recent.map((item) => (
              <li key={item} className="recent__item">
                <button
                  type="button"
                  className="recent__open"
                  disabled={busy}
                  title={`Open ${item}`}
                  onClick={() => {
                    form.setPath(item);
                    void open(item);
                  }}
                >
                  {item}
                </button>
                <button
                  type="button"
                  className="icon-button icon-button--small"
                  aria-label={`Remove ${item} from recent paths`}
                  title="Remove from recent"
                  onClick={() => setRecent(forgetRecentPath(item))}
                >
                  <CloseIcon size={12} />
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </PathDialog>
  );
}
