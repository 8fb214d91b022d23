import { type FormEvent, type ReactNode, useEffect, useId, useRef, useState } from 'react';
import type { ErrorInfo, Result } from '../../../../shared/errors';
import type { Response } from '../../../../shared/ipc';
import { api } from '../../api';
import { formatBytes } from '../../components/format';
import { TransferProgressBar } from '../transfers/TransferProgressBar';
import { useTransferProgress } from '../transfers/use-transfer-progress';
import { Modal } from '../../components/Modal';
import { ErrorNotice, Notice, Spinner } from '../../components/Notice';

/**
 * Saving anything from the reader to disk. In the desktop app the OS's own dialog picks the place
 * (it asks before replacing a file) and the page gets only a one-time handle for it, never the path:
 * main refuses a path from this page. The browser harness has no native dialogs, so an in-app one
 * asks for a path, filled in with the Downloads folder and the file's safe name, and asks before
 * replacing an existing file (or keeps both). Either way the engine writes the file.
 */

export type IfExists = 'fail' | 'replace' | 'keep-both';
/** A saved file; a report also has its JSON beside it. */
type SavedFile = Response<'messages.saveEml'> & { json?: Response<'messages.saveEml'> };
type SavedAll = Response<'messages.saveAll'>;

export type SaveRequest =
  | {
      kind: 'file';
      /** What is being saved, for the dialog title: "attachment", "part 1.2", "message". */
      what: string;
      suggestedName: string;
      run: (
        to: { handle: string } | { path: string },
        ifExists: IfExists,
        operationId: string,
      ) => Promise<Result<SavedFile>>;
    }
  | {
      kind: 'folder';
      what: string;
      run: (to: { handle: string } | { folder: string }, operationId: string) => Promise<Result<SavedAll>>;
    };

/** A handle from the desktop's save dialog, or a path typed in the harness's own dialog. */
type Destination = { handle: string } | { typed: string };

interface Outcome {
  tone: 'info' | 'error';
  title: string;
  hint?: string;
}

let nativeDialogs: Promise<boolean> | null = null;
function hasNativeDialogs(): Promise<boolean> {
  nativeDialogs ??= api.invoke('app.getInfo', {}).then((result) => result.ok && result.value.nativeDialogs);
  return nativeDialogs;
}

/**
 * Runs a save under a fresh operation id, told to `onStart` so its progress can be followed (and
 * Cancel offered) until it ends.
 */
async function tracked<T>(
  request: SaveRequest,
  to: Destination,
  ifExists: IfExists,
  onStart: (operationId: string | null) => void,
): Promise<Result<T>> {
  const operationId = crypto.randomUUID();
  onStart(operationId);
  try {
    const result =
      request.kind === 'file'
        ? await request.run('handle' in to ? to : { path: to.typed }, ifExists, operationId)
        : await request.run('handle' in to ? to : { folder: to.typed }, operationId);
    return result as Result<T>;
  } finally {
    onStart(null);
  }
}

/** The progress of the save running under `operationId`, if it has run for a while. */
function SaveProgress({ operationId }: { operationId: string | null }) {
  const progress = useTransferProgress(operationId);
  return progress ? (
    <TransferProgressBar progress={progress} doing="Saving…" what="Save" testId="save-progress" />
  ) : null;
}

function describeSaved(result: SavedFile | SavedAll): Outcome {
  if ('files' in result) {
    const renamed = result.files.filter((file) => file.renamed).length;
    return {
      tone: 'info',
      title: `Saved ${result.files.length === 1 ? '1 file' : `${result.files.length} files`} to ${result.folder}`,
      ...(renamed
        ? { hint: `${renamed} had a name already in use and got a number, so nothing was overwritten.` }
        : {}),
    };
  }
  if (result.json) {
    return { tone: 'info', title: `Saved ${result.name} and ${result.json.name}`, hint: result.path };
  }
  return { tone: 'info', title: `Saved ${result.name} (${formatBytes(result.bytes)})`, hint: result.path };
}

export function useSave(): { save: (request: SaveRequest) => void; ui: ReactNode } {
  const [asking, setAsking] = useState<SaveRequest | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [running, setRunning] = useState<string | null>(null);

  const finish = (result: Result<SavedFile | SavedAll>) =>
    setOutcome(
      result.ok
        ? describeSaved(result.value)
        : {
            tone: 'error',
            title: result.error.message,
            ...(result.error.hint ? { hint: result.error.hint } : {}),
          },
    );

  const save = (request: SaveRequest) => {
    setOutcome(null);
    void hasNativeDialogs().then(async (native) => {
      if (!native) {
        setAsking(request);
        return;
      }
      const picked = await api.invoke(
        'files.pickSaveTarget',
        request.kind === 'file' ? { kind: 'file', suggestedName: request.suggestedName } : { kind: 'folder' },
      );
      if (!picked.ok) return finish(picked);
      const handle = picked.value.handle;
      if (handle === null) return;
      finish(await tracked<SavedFile | SavedAll>(request, { handle }, 'replace', setRunning));
    });
  };

  const ui = (
    <>
      {!asking ? <SaveProgress operationId={running} /> : null}
      {outcome ? (
        <Notice
          tone={outcome.tone}
          compact
          title={outcome.title}
          hint={outcome.hint}
          onDismiss={() => setOutcome(null)}
          dismissLabel="Dismiss"
          className="save-outcome"
          testId="save-outcome"
        />
      ) : null}
      {asking ? (
        <SaveDialog
          request={asking}
          onClose={() => setAsking(null)}
          onSaved={(result) => {
            setAsking(null);
            finish({ ok: true, value: result });
          }}
        />
      ) : null}
    </>
  );
  return { save, ui };
}

type DialogState =
  | { kind: 'idle' }
  | { kind: 'busy' }
  | { kind: 'error'; error: ErrorInfo }
  | { kind: 'exists'; error: ErrorInfo; path: string };

/** The typed-path save dialog of the browser harness. */
function SaveDialog({
  request,
  onClose,
  onSaved,
}: {
  request: SaveRequest;
  onClose: () => void;
  onSaved: (result: SavedFile | SavedAll) => void;
}) {
  const [path, setPath] = useState<string | null>(null);
  const [state, setState] = useState<DialogState>({ kind: 'idle' });
  const [running, setRunning] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const inputId = useId();
  const helpId = useId();

  useEffect(() => {
    let live = true;
    void api.invoke('files.defaultFolder', {}).then((answer) => {
      if (!live) return;
      const folder = answer.ok ? answer.value.folder : '';
      const separator = answer.ok ? answer.value.separator : '/';
      const joined =
        request.kind === 'file'
          ? `${folder}${folder.endsWith(separator) ? '' : separator}${request.suggestedName}`
          : folder;
      setPath((current) => current ?? joined);
      // Select the name, not the folder, so typing a new name keeps the folder.
      setTimeout(() => {
        const input = inputRef.current;
        if (!input) return;
        input.focus();
        if (request.kind === 'file') {
          input.setSelectionRange(joined.length - request.suggestedName.length, joined.length);
        }
      }, 0);
    });
    return () => {
      live = false;
    };
  }, [request]);

  const run = async (ifExists: IfExists) => {
    const target = (path ?? '').trim();
    if (!target) {
      setState({
        kind: 'error',
        error: {
          code: 'SAVE_PATH_INVALID',
          message: 'Enter where to save.',
          hint: 'For example /home/you/Downloads',
        },
      });
      inputRef.current?.focus();
      return;
    }
    setState({ kind: 'busy' });
    const result = await tracked<SavedFile | SavedAll>(request, { typed: target }, ifExists, setRunning);
    if (result.ok) {
      onSaved(result.value);
      return;
    }
    if (result.error.code === 'FILE_EXISTS' && request.kind === 'file') {
      setState({ kind: 'exists', error: result.error, path: target });
      return;
    }
    setState({ kind: 'error', error: result.error });
    inputRef.current?.focus();
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (state.kind !== 'busy' && state.kind !== 'exists') void run('fail');
  };

  const title = request.kind === 'file' ? `Save ${request.what}` : `Save ${request.what} to a folder`;
  return (
    <Modal
      title={title}
      onClose={onClose}
      initialFocus={inputRef}
      testId="save-dialog"
      className="save-dialog"
    >
      <form className="save-form" onSubmit={onSubmit} noValidate>
        <label htmlFor={inputId} className="field-label">
          {request.kind === 'file' ? 'Save as (full path)' : 'Folder (full path)'}
        </label>
        <div className="save-form__row">
          <input
            ref={inputRef}
            id={inputId}
            className="text-input"
            type="text"
            value={path ?? ''}
            spellCheck={false}
            autoComplete="off"
            aria-describedby={helpId}
            aria-invalid={state.kind === 'error' ? true : undefined}
            disabled={state.kind === 'exists'}
            onChange={(event) => {
              setPath(event.target.value);
              if (state.kind === 'error') setState({ kind: 'idle' });
            }}
          />
          <button
            type="submit"
            className="button button--primary"
            disabled={state.kind === 'busy' || state.kind === 'exists' || path === null}
          >
            {state.kind === 'busy' ? <Spinner size={14} /> : null}
            {state.kind === 'busy' ? 'Saving…' : 'Save'}
          </button>
        </div>
        <p id={helpId} className="field-help">
          {request.kind === 'file'
            ? 'This window has no system file dialog, so type or edit the path. An existing file is never replaced without asking.'
            : 'Each attachment is saved under its own safe name; a name already in use gets a number.'}
        </p>
        <SaveProgress operationId={running} />
        {state.kind === 'error' ? <ErrorNotice error={state.error} testId="save-error" /> : null}
        {state.kind === 'exists' ? (
          <Notice
            tone="warning"
            live="alert"
            testId="save-exists"
            title={state.error.message}
            hint="Replace it, or keep both: the new file then gets a number."
            actions={
              <>
                <button type="button" className="button" onClick={() => void run('replace')}>
                  Replace
                </button>
                {/* The safe choice is the default: Enter keeps both files. */}
                <button
                  type="button"
                  className="button button--primary"
                  autoFocus
                  onClick={() => void run('keep-both')}
                >
                  Keep both
                </button>
                <button
                  type="button"
                  className="button"
                  onClick={() => {
                    setState({ kind: 'idle' });
                    setTimeout(() => inputRef.current?.focus(), 0);
                  }}
                >
                  Change name
                </button>
              </>
            }
          />
        ) : null}
      </form>
    </Modal>
  );
}
