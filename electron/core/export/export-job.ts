import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
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
  /** Names are claimed in reading order, so a rerun of the same selection names files alike. */
  const nameOf = (item: ExportItem, facts: MessageFacts) =>
    job.names.claim(emlName({ index: position.get(item) ?? 0, date: facts.date, subject: facts.subject }));
  const recorded = async (
    item: ExportItem,
    facts: MessageFacts,
    file: string,
    size: number,
    sha256: string,
  ) => {
    await job.writer.record(rowOf(job.mailbox, item, facts, file, size, sha256));
    exported++;
    bytes += size;
    report();
  };

  /**
   * Whole messages (most of them: a batch FETCH brings them in one piece) may be written while the
   * next ones arrive, up to WRITE_WINDOW at once where the output allows it (a folder of files).
   */
  const writing = new Set<Promise<void>>();
  let writeFailure: unknown = null;
  const drain = async () => {
    await Promise.all(writing);
    if (writeFailure !== null) throw writeFailure;
  };

  const exportWhole = async (item: ExportItem, message: Buffer) => {
    const header = new HeaderCollector();
    header.push(message);
    const facts = header.facts();
    const file = nameOf(item, facts);
    const sha256 = createHash('sha256').update(message).digest('hex');
    const task = (async () => {
      const sink = await job.writer.open(file);
      try {
        await sink.write(message);
        await sink.end();
      } catch (error) {
        await sink.abort();
        throw error;
      }
      await recorded(item, facts, file, message.length, sha256);
    })();
    if (!job.writer.parallel) return task;
    const settled: Promise<void> = task.then(
      () => undefined,
      (error: unknown) => {
        writeFailure ??= error;
      },
    );
    writing.add(settled);
    void settled.finally(() => writing.delete(settled));
    if (writing.size >= WRITE_WINDOW) await Promise.race(writing);
    if (writeFailure !== null) throw writeFailure;
  };

  const exportStream = async (item: ExportItem, stream: Readable) => {
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
      state.facts = header.facts();
      state.file = nameOf(item, state.facts);
      const sink = await job.writer.open(state.file);
      state.sink = sink;
      for (const chunk of early.splice(0)) await sink.write(chunk);
      return sink;
    };
    try {
      for await (const data of stream) {
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
      stream.destroy();
      await state.sink?.abort();
      // A stream that broke mid-message is the connection's fault, not the message's: stop.
      throw error instanceof AppError
        ? error
        : new AppError('CONNECTION_LOST', undefined, undefined, { cause: error });
    }
    await recorded(item, state.facts ?? header.facts(), state.file, state.size, hash.digest('hex'));
  };

  const exportOne = async (item: ExportItem, outcome: ReadOutcome) => {
    if (job.signal.aborted) throw new AppError('CANCELLED');
    if (writeFailure !== null) throw writeFailure;
    if ('error' in outcome) {
      failures.push({
        folderId: item.folderId,
        messageId: item.messageId,
        error: toErrorInfo(outcome.error),
      });
      report();
    } else if ('bytes' in outcome) {
      await exportWhole(item, outcome.bytes);
    } else {
      await exportStream(item, outcome.stream);
    }
  };

  report(true);
  try {
    await job.reader.read(todo, exportOne, job.signal);
    await drain();
  } catch (error) {
    // What was written completely stays recorded, for a resume.
    await Promise.all(writing);
    await job.writer.abort();
    job.onProgress(counts(), false);
    throw error;
  }
  const files = await job.writer.finish();
  const final = { ...counts(), etaMs: 0 };
  job.onProgress(final, false);
  return { ...final, failures, files };
}

/**
 * Whole messages written at once by one export (each at most 4 MB: see imap-reader.ts). One: on the
 * shared test machine, 8 at once made export-10k slower (ratio 1.44 to 1.62 against 1.15 in one at a
 * time, with the same CPU time), as a busy disk serves parallel creates worse than a sequence.
 */
const WRITE_WINDOW = 1;

function rowOf(
  mailbox: string,
  item: ExportItem,
  facts: MessageFacts,
  file: string,
  size: number,
  sha256: string,
): ManifestRow {
  return {
    mailbox,
    folder: item.folderId,
    uid: item.uid,
    uidvalidity: item.uidValidity,
    message_id: facts.messageId,
    date: facts.date,
    from: facts.from,
    to: facts.to,
    subject: facts.subject,
    size: String(size),
    sha256,
    file,
  };
}

function keyOf(item: ExportItem): Pick<ManifestRow, 'folder' | 'uid' | 'uidvalidity'> {
  return { folder: item.folderId, uid: item.uid, uidvalidity: item.uidValidity };
}
