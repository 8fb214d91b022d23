import { type ReactNode, useEffect, useState } from 'react';
import { errorInfo, type Result } from '../../../../shared/errors';
import type { ApiClient, Response } from '../../../../shared/ipc';
import { useApi } from '../../api-context';
import { formatBytes } from '../../components/format';
import { TransferProgressBar } from '../transfers/TransferProgressBar';
import { useTransferProgress } from '../transfers/use-transfer-progress';
import { ErrorNotice, Notice } from '../../components/Notice';
import { PathDialog } from '../../components/PathDialog';
import { usePathForm } from '../../components/use-path-form';
import type { MessageRef } from './use-message';

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

/** What a part of the reader needs to save from a message: which message, and the reader's save flow. */
export interface MessageSaveProps {
  message: MessageRef;
  save: (request: SaveRequest) => void;
}

/** A handle from the desktop's save dialog, or a path typed in the harness's own dialog. */
type Destination = { handle: string } | { typed: string };

interface Outcome {
  tone: 'info' | 'error';
  title: string;
  hint?: string;
}

const nativeDialogs = new WeakMap<ApiClient, Promise<boolean>>();
function hasNativeDialogs(api: ApiClient): Promise<boolean> {
  let answer = nativeDialogs.get(api);
  if (!answer) {
    answer = api.invoke('app.getInfo', {}).then((result) => result.ok && result.value.nativeDialogs);
    nativeDialogs.set(api, answer);
  }
  return answer;
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
  const api = useApi();
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
    void hasNativeDialogs(api).then(async (native) => {
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
  const api = useApi();
  const [running, setRunning] = useState<string | null>(null);
  const form = usePathForm<SavedFile | SavedAll>({
    initial: null,
    empty: errorInfo('SAVE_PATH_INVALID', 'Enter where to save.', 'For example /home/you/Downloads'),
    ...(request.kind === 'file' ? { ask: 'FILE_EXISTS' as const } : {}),
    onDone: onSaved,
  });
  const { state, inputRef, setPath } = form;

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
  }, [api, request, inputRef, setPath]);

  const run = (ifExists: IfExists) =>
    form.submit(form.path ?? '', (typed) => tracked(request, { typed }, ifExists, setRunning));

  const onSubmit = () => {
    if (state.kind !== 'busy' && state.kind !== 'ask') void run('fail');
  };

  const title = request.kind === 'file' ? `Save ${request.what}` : `Save ${request.what} to a folder`;
  return (
    <PathDialog
      title={title}
      testId="save-dialog"
      classes={{ dialog: 'save-dialog', form: 'save-form', row: 'save-form__row' }}
      onClose={onClose}
      onSubmit={onSubmit}
      form={form}
      label={request.kind === 'file' ? 'Save as (full path)' : 'Folder (full path)'}
      submit={{
        label: 'Save',
        busyLabel: 'Saving…',
        busy: state.kind === 'busy',
        disabled: state.kind === 'busy' || state.kind === 'ask' || form.path === null,
      }}
      ask={{
        testId: 'save-exists',
        hint: 'Replace it, or keep both: the new file then gets a number.',
        actions: () => (
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
            <button type="button" className="button" onClick={form.reset}>
              Change name
            </button>
          </>
        ),
      }}
      help={
        request.kind === 'file'
          ? 'This window has no system file dialog, so type or edit the path. An existing file is never replaced without asking.'
          : 'Each attachment is saved under its own safe name; a name already in use gets a number.'
      }
    >
      <SaveProgress operationId={running} />
      {state.kind === 'error' ? <ErrorNotice error={state.error} testId="save-error" /> : null}
    </PathDialog>
  );
}
