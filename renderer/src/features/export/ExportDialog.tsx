import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import type { ErrorInfo } from '../../../../shared/errors';
import type { ExportFormat, ExportResult, ExportSelection, ExportTarget } from '../../../../shared/export';
import type { ApiClient } from '../../../../shared/ipc';
import { parseSearch } from '../../../../shared/search';
import { useApi } from '../../api-context';
import { plural } from '../../components/format';
import { Modal } from '../../components/Modal';
import { ErrorNotice, Notice, Spinner } from '../../components/Notice';
import { RadioGroup } from '../../components/RadioGroup';
import { TextField } from '../../components/TextField';
import { useField } from '../../components/use-field';
import type { EventSource } from '../../lib/event-source';
import { CancelTransferButton } from '../transfers/CancelTransferButton';
import { FORMAT_NAMES, progressLine, summaryLine } from './export-text';
import { ExportFailures } from './ExportFailures';
import { useExportProgress } from './use-export-progress';
import './export.css';

/** What the list shows when the user asks to export: the choices the dialog offers. */
export interface ExportScope {
  sourceId: string;
  folder: { id: string; name: string; total: number };
  /** The message open in the reader, if any. */
  selectedId: string | null;
  /** The search in effect, as typed, and how many it found. */
  search: { text: string; total: number } | null;
  /** A search in all folders that has ended with matches (stopped early: `cancelled`). */
  searchAll?: { text: string; total: number; cancelled: boolean } | null;
}

type What = 'selected' | 'folder' | 'search' | 'searchAll';

type Phase =
  | { kind: 'setup'; error?: ErrorInfo }
  | { kind: 'resume'; target: ExportTarget }
  | { kind: 'running'; target: ExportTarget; operationId: string }
  | { kind: 'stopped'; target: ExportTarget; error: ErrorInfo }
  | { kind: 'done'; result: ExportResult };

/** Search results come in pages of this many while the selection is gathered. */
const PAGE = 500;

/**
 * Export evidence: which messages, in which form, to which folder; then progress (counts, bytes,
 * time left) with Cancel, and at the end what was written and each message that could not be.
 * Into a folder holding an earlier export it offers Resume: intact files are kept. In the desktop
 * app the folder comes from the system dialog (the page never names a path); in the browser
 * harness it is typed.
 */
export function ExportDialog({
  scope,
  nativeDialogs,
  onClose,
  events,
}: {
  scope: ExportScope;
  nativeDialogs: boolean;
  onClose: () => void;
  events?: EventSource;
}) {
  const api = useApi();
  const what = useField<What>(scope.searchAll ? 'searchAll' : scope.search ? 'search' : 'folder');
  const format = useField<ExportFormat>('eml');
  const path = useField('');
  const setPath = path.onChange;
  const [phase, setPhase] = useState<Phase>({ kind: 'setup' });
  const [busy, setBusy] = useState(false);
  const progress = useExportProgress(phase.kind === 'running' ? phase.operationId : null, events);
  const pathRef = useRef<HTMLInputElement>(null);
  const groupName = useId();
  const formatName = useId();
  const pathId = useId();

  useEffect(() => {
    if (nativeDialogs) return;
    let live = true;
    void api.invoke('files.defaultFolder', {}).then((answer) => {
      if (live && answer.ok) setPath((current) => current || answer.value.folder);
    });
    return () => {
      live = false;
    };
  }, [api, nativeDialogs, setPath]);

  const run = async (target: ExportTarget) => {
    const selection = await selectionOf(api, scope, what.value);
    if ('error' in selection) {
      setPhase({ kind: 'stopped', target, error: selection.error });
      return;
    }
    const operationId = crypto.randomUUID();
    setPhase({ kind: 'running', target, operationId });
    const result = await api.invoke('export.run', {
      target: target.target,
      format: format.value,
      selection,
      operationId,
    });
    setPhase(
      result.ok ? { kind: 'done', result: result.value } : { kind: 'stopped', target, error: result.error },
    );
  };

  const start = async (event?: FormEvent) => {
    event?.preventDefault();
    setBusy(true);
    try {
      let prepared;
      if (nativeDialogs) {
        const picked = await api.invoke('files.pickSaveTarget', { kind: 'folder' });
        if (!picked.ok) return setPhase({ kind: 'setup', error: picked.error });
        if (picked.value.handle === null) return;
        prepared = await api.invoke('export.prepare', { handle: picked.value.handle });
      } else {
        prepared = await api.invoke('export.prepare', { folder: path.value.trim() });
      }
      if (!prepared.ok) {
        setPhase({ kind: 'setup', error: prepared.error });
        pathRef.current?.focus();
        return;
      }
      if (prepared.value.existing > 0 && format.value === 'eml')
        setPhase({ kind: 'resume', target: prepared.value });
      else await run(prepared.value);
    } finally {
      setBusy(false);
    }
  };

  const whatOptions = [
    ...(scope.searchAll
      ? [
          {
            value: 'searchAll' as const,
            title: `Search results in all folders (${plural(scope.searchAll.total, 'message', 'messages')})`,
            description: scope.searchAll.cancelled
              ? `“${scope.searchAll.text}”: the search was stopped, so the export searches every folder in full`
              : `Every match of “${scope.searchAll.text}” in every folder, not only those listed`,
          },
        ]
      : []),
    ...(scope.search
      ? [
          {
            value: 'search' as const,
            title: `Search results (${plural(scope.search.total, 'message', 'messages')})`,
            description: `“${scope.search.text}” in ${scope.folder.name}`,
          },
        ]
      : []),
    {
      value: 'folder' as const,
      title: `This folder (${plural(scope.folder.total, 'message', 'messages')})`,
      description: scope.folder.name,
    },
    ...(scope.selectedId ? [{ value: 'selected' as const, title: 'The open message' }] : []),
  ];

  return (
    <Modal title="Export messages" onClose={onClose} testId="export-dialog" className="export-dialog">
      {phase.kind === 'setup' ? (
        <form className="export-form" onSubmit={(event) => void start(event)} noValidate>
          <RadioGroup
            groupName={groupName}
            name="export-what"
            legend="Messages"
            options={whatOptions}
            {...what}
            className="export-form__group"
          />
          <RadioGroup
            groupName={formatName}
            name="export-format"
            legend="Format"
            options={(['eml', 'mbox', 'zip'] as const).map((value) => ({
              value,
              title: FORMAT_NAMES[value],
            }))}
            {...format}
            className="export-form__group"
          />
          {nativeDialogs ? null : (
            <TextField
              id={pathId}
              name="export-path"
              label="Into the folder (full path)"
              {...path}
              inputRef={pathRef}
            />
          )}
          <p className="field-help">
            Every message is saved exactly as the server holds it, with manifest.csv and SHA256SUMS beside it.
            Nothing in the mailbox changes.
          </p>
          {phase.error ? <ErrorNotice error={phase.error} compact testId="export-error" /> : null}
          <div className="export-form__actions">
            <button type="button" className="button" onClick={onClose}>
              Close
            </button>
            <button type="submit" className="button button--primary" disabled={busy}>
              {busy ? <Spinner size={14} /> : null}
              {nativeDialogs ? 'Choose folder and export…' : 'Export'}
            </button>
          </div>
        </form>
      ) : null}
      {phase.kind === 'resume' ? (
        <Notice
          tone="info"
          testId="export-resume"
          title={`${phase.target.folder} already holds an export of ${plural(phase.target.existing, 'message', 'messages')}.`}
          hint="Resume keeps every file whose checksum still matches and fetches only the rest."
          actions={
            <>
              <button type="button" className="button" onClick={() => setPhase({ kind: 'setup' })}>
                Choose another folder
              </button>
              <button
                type="button"
                className="button button--primary"
                autoFocus
                onClick={() => void run(phase.target)}
              >
                Resume
              </button>
            </>
          }
        />
      ) : null}
      {phase.kind === 'running' ? (
        <div className="export-progress" role="status" data-testid="export-progress">
          <p className="export-progress__text">{progress ? progressLine(progress) : 'Starting…'}</p>
          <progress
            className="export-progress__bar"
            max={progress?.total || 1}
            value={progress ? progress.exported + progress.skipped + progress.failed : undefined}
            aria-label="Export progress"
          />
          <div className="export-form__actions">
            <CancelTransferButton operationId={phase.operationId} />
          </div>
        </div>
      ) : null}
      {phase.kind === 'stopped' ? (
        <ErrorNotice
          error={
            phase.error.code === 'CANCELLED'
              ? {
                  code: 'CANCELLED',
                  message: 'Export cancelled.',
                  hint: 'The messages exported so far are kept: Resume exports only the rest.',
                }
              : phase.error
          }
          testId="export-stopped"
          retryLabel="Resume"
          onRetry={() => void run(phase.target)}
        />
      ) : null}
      {phase.kind === 'done' ? (
        <div className="export-done" data-testid="export-done">
          <Notice
            tone={phase.result.failed > 0 ? 'warning' : 'info'}
            title={summaryLine(phase.result)}
            hint="Anyone can check the files with: sha256sum -c SHA256SUMS"
          />
          <p className="export-done__folder" data-testid="export-folder">
            {phase.result.folder}
          </p>
          <ExportFailures failures={phase.result.failures} />
          <div className="export-form__actions">
            <button type="button" className="button button--primary" autoFocus onClick={onClose}>
              Close
            </button>
          </div>
        </div>
      ) : null}
    </Modal>
  );
}

/** The selection as the engine takes it: a search becomes the list of its results. */
async function selectionOf(
  api: ApiClient,
  scope: ExportScope,
  what: What,
): Promise<ExportSelection | { error: ErrorInfo }> {
  const { sourceId, folder } = scope;
  if (what === 'folder') return { kind: 'folder', sourceId, folderId: folder.id };
  // The engine runs the search again in every folder and exports every match it finds.
  if (what === 'searchAll' && scope.searchAll) {
    return { kind: 'search', sourceId, query: parseSearch(scope.searchAll.text) };
  }
  if (what === 'selected' && scope.selectedId) {
    return { kind: 'messages', sourceId, messages: [{ folderId: folder.id, messageId: scope.selectedId }] };
  }
  const query = parseSearch(scope.search?.text ?? '');
  const messages: { folderId: string; messageId: string }[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await api.invoke('messages.list', {
      sourceId,
      folderId: folder.id,
      offset,
      limit: PAGE,
      query,
    });
    if (!page.ok) return { error: page.error };
    messages.push(...page.value.items.map((envelope) => ({ folderId: folder.id, messageId: envelope.id })));
    if (page.value.items.length === 0 || offset + PAGE >= page.value.total) break;
  }
  if (messages.length === 0) {
    return { error: { code: 'INVALID_REQUEST', message: 'The search found no messages to export.' } };
  }
  return { kind: 'messages', sourceId, messages };
}
