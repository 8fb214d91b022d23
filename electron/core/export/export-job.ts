import { createHash } from 'node:crypto';
import type { ErrorInfo } from '../../../shared/errors';
import { AppError, toErrorInfo } from '../common/app-error';
import { emlName, type UniqueNames } from './file-names';
import type { ManifestRow } from './manifest';
import { HeaderCollector, type MessageFacts } from './message-facts';
import type { ExportItem, MessageReader, ReadOutcome } from './message-reader';
import { rowKey } from './resume';
import type { ExportWriter, MessageSink } from './writers';

/** How far an export has come: what export.progress events carry. */
export interface ExportCounts {
  /** Messages in the selection. */
  readonly total: number;
  readonly exported: number;
  /** Already in the folder from an earlier run, hash checked. */
  readonly skipped: number;
  readonly failed: number;
  /** Bytes of messages written in this run. */
  readonly bytes: number;
  /** Estimated time to the end from this run's pace; null until there is a pace. */
  readonly etaMs: number | null;
}

export interface ExportFailure {
  readonly folderId: string;
  readonly messageId: string;
  readonly error: ErrorInfo;
}

export interface ExportJob {
  readonly reader: MessageReader;
  readonly writer: ExportWriter;
  /** The selection, in export order; position + 1 is the number in each file name. */
  readonly items: readonly ExportItem[];
  /** The manifest's "mailbox" column. */
  readonly mailbox: string;
  /** Messages an earlier run exported intact, by rowKey: not fetched again. */
  readonly done: ReadonlyMap<string, ManifestRow>;
  readonly names: UniqueNames;
  readonly signal: AbortSignal;
  /** Progress, throttled; `running` is false once, on the last report. */
  readonly onProgress: (counts: ExportCounts, running: boolean) => void;
  /** Least time between two progress reports (default 200 ms). */
  readonly intervalMs?: number;
  readonly now?: () => number;
}

export interface ExportOutcome extends ExportCounts {
  readonly failures: readonly ExportFailure[];
  /** The evidence files written (manifest, checksums, the archive). */
  readonly files: readonly string[];
}

/**
 * Runs one export: every message of the selection not already done is read once, streamed to its
 * sink while hashed and its header read for the manifest, and recorded once complete. A message
 * that cannot be read is listed and the rest go on; anything else (the connection, the disk, a
 * cancel) stops the export with what was done kept for a resume.
 */
export async function runExport(job: ExportJob): Promise<ExportOutcome> {
  const now = job.now ?? Date.now;
  const started = now();
  const failures: ExportFailure[] = [];
  const position = new Map(job.items.map((item, index) => [item, index + 1]));
  const todo = job.items.filter((item) => !job.done.has(rowKey(keyOf(item))));
  let exported = 0;
  let bytes = 0;
  let sentAt = Number.NEGATIVE_INFINITY;
  const counts = (): ExportCounts => {
    const handled = exported + failures.length;
    const left = todo.length - handled;
    const elapsed = now() - started;
    return {
      total: job.items.length,
      exported,
      skipped: job.items.length - todo.length,
      failed: failures.length,
      bytes,
      etaMs: handled > 0 && elapsed > 0 ? Math.round((elapsed / handled) * left) : null,
    };
  };
  const report = (force = false) => {
    if (!force && now() - sentAt < (job.intervalMs ?? 200)) return;
    sentAt = now();
    job.onProgress(counts(), true);
  };

  const exportOne = async (item: ExportItem, outcome: ReadOutcome) => {
    if (job.signal.aborted) throw new AppError('CANCELLED');
    if ('error' in outcome) {
      failures.push({
        folderId: item.folderId,
        messageId: item.messageId,
        error: toErrorInfo(outcome.error),
      });
      report();
      return;
    }
    const hash = createHash('sha256');
    const header = new HeaderCollector();
    const early: Buffer[] = [];
    // Held in an object: TypeScript cannot follow assignments made inside the helper below.
    const state: { sink: MessageSink | null; facts: MessageFacts | null; file: string; size: number } = {
      sink: null,
      facts: null,
      file: '',
      size: 0,
    };
    const openSink = async (): Promise<MessageSink> => {
      const facts = header.facts();
      state.facts = facts;
      state.file = job.names.claim(
        emlName({ index: position.get(item) ?? 0, date: facts.date, subject: facts.subject }),
      );
      const sink = await job.writer.open(state.file);
      state.sink = sink;
      for (const chunk of early.splice(0)) await sink.write(chunk);
      return sink;
    };
    try {
      for await (const data of outcome.stream) {
        if (job.signal.aborted) throw new AppError('CANCELLED');
        const chunk = data as Buffer;
        hash.update(chunk);
        state.size += chunk.length;
        if (state.sink) {
          await state.sink.write(chunk);
          continue;
        }
        // The name comes from the header: hold the first bytes until it is read (256 KiB at most).
        header.push(chunk);
        early.push(chunk);
        if (header.done) await openSink();
      }
      await (state.sink ?? (await openSink())).end();
    } catch (error) {
      outcome.stream.destroy();
      await state.sink?.abort();
      // A stream that broke mid-message is the connection's fault, not the message's: stop.
      throw error instanceof AppError
        ? error
        : new AppError('CONNECTION_LOST', undefined, undefined, { cause: error });
    }
    const { facts: read, file, size } = state;
    await job.writer.record({
      mailbox: job.mailbox,
      folder: item.folderId,
      uid: item.uid,
      uidvalidity: item.uidValidity,
      message_id: read?.messageId ?? '',
      date: read?.date ?? '',
      from: read?.from ?? '',
      to: read?.to ?? '',
      subject: read?.subject ?? '',
      size: String(size),
      sha256: hash.digest('hex'),
      file,
    });
    exported++;
    bytes += size;
    report();
  };

  report(true);
  try {
    await job.reader.read(todo, exportOne, job.signal);
  } catch (error) {
    await job.writer.abort();
    job.onProgress(counts(), false);
    throw error;
  }
  const files = await job.writer.finish();
  const final = { ...counts(), etaMs: 0 };
  job.onProgress(final, false);
  return { ...final, failures, files };
}

function keyOf(item: ExportItem): Pick<ManifestRow, 'folder' | 'uid' | 'uidvalidity'> {
  return { folder: item.folderId, uid: item.uid, uidvalidity: item.uidValidity };
}
