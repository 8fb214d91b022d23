import { createReadStream } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Api } from '../../../shared/ipc';
import type { ExportSelection } from '../../../shared/export';
import type { ExportProgressEvent } from '../../../shared/events';
import { AppError } from '../common/app-error';
import type { MailSource } from '../common/source';
import type { Host } from '../host';
import type { ImapSource } from '../imap/imap-source';
import { type MarkFile, markOfTheWeb } from '../save/mark-of-the-web';
import { type SaveHandles } from '../save/save-handles';
import { fullPath, requireFolder } from '../save/save-target';
import type { Transfers } from '../transfers/transfers';
import { runExport } from './export-job';
import { exportTargets } from './export-targets';
import { UniqueNames } from './file-names';
import { parseManifest } from './manifest';
import { imapReader } from './imap-reader';
import { type ExportItem, type MessageReader, sourceReader } from './message-reader';
import { planResume } from './resume';
import { itemOf, searchItems } from './search-selection';
import { folderWriter, mboxWriter, readManifest, zipWriter } from './writers';

type ExportApi = Pick<Api, 'export.prepare' | 'export.run'>;

export interface ExportMethodsOptions {
  /** The save dialog's handles (files.pickSaveTarget): shared with the save methods. */
  readonly handles: SaveHandles;
  readonly publish: (event: ExportProgressEvent) => void;
  readonly markFile?: MarkFile;
  /** A reader for a source (tests count fetches through their own). */
  readonly readerFor?: (source: MailSource) => MessageReader;
}

/**
 * Exporting evidence: a selection of messages to a folder the user chose, as .eml files, one mbox
 * or one zip, with manifest.csv and SHA256SUMS. Destinations come the way saves' do (a handle from
 * the host's dialog, or a typed path where the host allows it); sources are only read.
 */
export function createExportMethods(
  host: Host,
  sourceOf: (id: string) => MailSource,
  transfers: Transfers,
  options: ExportMethodsOptions,
): ExportApi {
  const targets = exportTargets();
  const markFile = options.markFile ?? markOfTheWeb();
  const readerFor = options.readerFor ?? defaultReader;

  return {
    'export.prepare': async ({ handle, folder: typed }) => {
      let path: string;
      if (handle !== undefined) path = options.handles.take(handle, 'folder');
      else if (typed !== undefined && host.typedSavePaths) path = typed;
      else throw new AppError('SAVE_TARGET_REFUSED');
      const folder = await exportFolder(path);
      const earlier = await readManifest(folder);
      return {
        target: targets.issue(folder),
        folder,
        existing: earlier === null ? 0 : parseManifest(earlier).length,
      };
    },

    'export.run': async ({ target, format, selection, operationId }) => {
      const folder = await exportFolder(targets.get(target));
      const source = sourceOf(selection.sourceId);
      const control = transfers.begin(operationId);
      const reader = readerFor(source);
      try {
        const items = await itemsOf(source, reader, selection, control.signal);
        const when = new Date();
        let writer;
        let plan = { done: new Map(), dropped: [] } as Awaited<ReturnType<typeof planResume>>;
        if (format === 'eml') {
          const earlier = await readManifest(folder);
          plan = await planResume(earlier === null ? [] : parseManifest(earlier), (file) =>
            hashFile(join(folder, file)),
          );
          writer = await folderWriter(folder, [...plan.done.values()], markFile);
        } else {
          writer = await (format === 'mbox' ? mboxWriter : zipWriter)(folder, when, markFile);
        }
        const outcome = await runExport({
          reader,
          writer,
          items,
          mailbox: source.location,
          done: plan.done,
          names: new UniqueNames([...plan.done.values()].map((row) => row.file)),
          signal: control.signal,
          onProgress: (counts, running) =>
            options.publish({ type: 'export.progress', operationId, ...counts, running }),
        });
        return {
          folder,
          format,
          files: [...outcome.files],
          total: outcome.total,
          exported: outcome.exported,
          skipped: outcome.skipped,
          failed: outcome.failed,
          bytes: outcome.bytes,
          failures: [...outcome.failures],
        };
      } finally {
        control.done();
        await reader.close().catch(() => undefined);
      }
    },
  };
}

function isImapSource(source: MailSource): source is MailSource & ImapSource {
  return source.kind === 'imap' && 'pool' in source;
}

/** IMAP reads in pipelined batches on an extra connection; other sources one message at a time. */
function defaultReader(source: MailSource): MessageReader {
  return isImapSource(source) ? imapReader(source) : sourceReader(source);
}

async function itemsOf(
  source: MailSource,
  reader: MessageReader,
  selection: ExportSelection,
  signal: AbortSignal,
): Promise<ExportItem[]> {
  if (selection.kind === 'folder') return reader.listFolder(selection.folderId, signal);
  if (selection.kind === 'search') return searchItems(source, selection.query, signal);
  const seen = new Set<string>();
  const items: ExportItem[] = [];
  for (const { folderId, messageId } of selection.messages) {
    // The same message picked twice (a search result listed twice) is exported once.
    const key = `${folderId}\n${messageId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    items.push(itemOf(folderId, messageId));
  }
  return items;
}

async function exportFolder(path: string): Promise<string> {
  const folder = fullPath(path, 'Enter the full path of a folder, for example /home/you/Documents/case-42.');
  await requireFolder(folder);
  return folder;
}

/** A file's SHA-256, streamed; null when it is not there. */
async function hashFile(path: string): Promise<string | null> {
  const hash = createHash('sha256');
  try {
    await pipeline(createReadStream(path), hash);
  } catch {
    return null;
  }
  return hash.digest('hex');
}
