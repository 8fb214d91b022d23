import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import type { ErrorInfo } from '../../../../shared/errors';
import type { SourceSummary } from '../../../../shared/model';
import { api } from '../../api';
import { Modal } from '../../components/Modal';
import { Notice, Spinner } from '../../components/Notice';
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

type State =
  | { kind: 'idle' }
  | { kind: 'busy'; what: 'open' | 'browse' }
  | { kind: 'error'; error: ErrorInfo }
  | { kind: 'confirm-large'; error: ErrorInfo; path: string };

export function OpenDialog({ nativeDialogs, initialPath, onClose, onOpened }: OpenDialogProps) {
  const [path, setPath] = useState(initialPath ?? '');
  const [state, setState] = useState<State>({ kind: 'idle' });
  const [recent, setRecent] = useState<string[]>(() => readRecentPaths());
  const inputRef = useRef<HTMLInputElement>(null);
  const inputId = useId();
  const helpId = useId();
  const errorId = useId();
  const busy = state.kind === 'busy';

  const open = async (target: string, allowLarge = false) => {
    const trimmed = target.trim();
    if (!trimmed) {
      setState({
        kind: 'error',
        error: {
          code: 'INVALID_REQUEST',
          message: 'Enter the path of a file or folder.',
          hint: 'For example /home/you/mail/export.mbox',
        },
      });
      inputRef.current?.focus();
      return;
    }
    setState({ kind: 'busy', what: 'open' });
    const result = await api.invoke(
      'sources.openPath',
      allowLarge ? { path: trimmed, allowLarge: true } : { path: trimmed },
    );
    if (result.ok) {
      rememberRecentPath(trimmed);
      onOpened(result.value);
      return;
    }
    if (result.error.code === 'FILE_TOO_LARGE') {
      setState({ kind: 'confirm-large', error: result.error, path: trimmed });
      return;
    }
    setState({ kind: 'error', error: result.error });
    inputRef.current?.focus();
  };

  // Once per dialog (App keys it by request): a path that came from outside opens without a click.
  const openInitial = useRef(initialPath);
  useEffect(() => {
    const target = openInitial.current;
    openInitial.current = undefined;
    if (target) void open(target);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- runs once, for the path it was opened with
  }, []);

  const browse = async (kind: 'file' | 'folder') => {
    setState({ kind: 'busy', what: 'browse' });
    const result = await api.invoke('sources.pickPath', { kind });
    if (!result.ok) {
      setState({ kind: 'error', error: result.error });
      return;
    }
    if (result.value.path === null) {
      setState({ kind: 'idle' });
      return;
    }
    setPath(result.value.path);
    await open(result.value.path);
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!busy) void open(path);
  };

  const error = state.kind === 'error' ? state.error : null;

  return (
    <Modal
      title="Open file or folder"
      onClose={onClose}
      initialFocus={inputRef}
      testId="open-dialog"
      className="open-dialog"
    >
      <form className="open-form" onSubmit={onSubmit} noValidate>
        <label htmlFor={inputId} className="field-label">
          Path to a .eml or Outlook .msg file, an mbox file, or a Maildir folder
        </label>
        <div className="open-form__row">
          <input
            ref={inputRef}
            id={inputId}
            className="text-input"
            type="text"
            value={path}
            spellCheck={false}
            autoComplete="off"
            autoCapitalize="off"
            placeholder="/path/to/mailbox"
            aria-describedby={error ? `${errorId} ${helpId}` : helpId}
            aria-invalid={error ? true : undefined}
            disabled={state.kind === 'confirm-large'}
            onChange={(event) => {
              setPath(event.target.value);
              if (state.kind === 'error') setState({ kind: 'idle' });
            }}
          />
          <button
            type="submit"
            className="button button--primary"
            disabled={busy || state.kind === 'confirm-large'}
          >
            {busy && state.what === 'open' ? <Spinner size={14} /> : null}
            {busy && state.what === 'open' ? 'Opening…' : 'Open'}
          </button>
        </div>
        <p id={helpId} className="field-help">
          A Maildir folder is one that holds <code>cur</code> and <code>new</code> folders. Mailscope only
          reads: nothing on disk is changed.
        </p>

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

        {state.kind === 'confirm-large' ? (
          <Notice
            tone="warning"
            live="alert"
            testId="open-error"
            title={state.error.message}
            hint={state.error.hint}
            actions={
              <>
                <button
                  type="button"
                  className="button button--primary"
                  autoFocus
                  onClick={() => void open(state.path, true)}
                >
                  Open anyway
                </button>
                <button
                  type="button"
                  className="button"
                  onClick={() => {
                    setState({ kind: 'idle' });
                    inputRef.current?.focus();
                  }}
                >
                  Cancel
                </button>
              </>
            }
          />
        ) : null}

        {recent.length > 0 && state.kind !== 'confirm-large' ? (
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
                      setPath(item);
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
      </form>
    </Modal>
  );
}
