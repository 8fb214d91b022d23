import { createHash } from 'node:crypto';
import { once } from 'node:events';
import type { WriteStream } from 'node:fs';
import { type FileHandle, open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough, type Writable } from 'node:stream';
import { ZipFile } from 'yazl';
import { AppError } from '../common/app-error';
import type { MarkFile } from '../save/mark-of-the-web';
import { openSaveTarget, writeError, type SaveTarget } from '../save/save-target';
import { fromLine, MboxrdEscape } from './mbox-escape-stream';
import {
  MANIFEST_FILE,
  manifestHeader,
  manifestLine,
  type ManifestRow,
  SUMS_FILE,
  sumsLine,
} from './manifest';

export type ExportFormat = 'eml' | 'mbox' | 'zip';

/** Where one message's bytes go while the job reads them: write each chunk, then end. */
export interface MessageSink {
  write(chunk: Buffer): Promise<void>;
  end(): Promise<void>;
  abort(): Promise<void>;
}

/**
 * The output of an export in one of its formats. `open` starts a message under a name from
 * file-names.ts; `record` adds its manifest row once the message is complete; `finish` closes the
 * output (it is then complete and verifiable) and says what was written.
 */
export interface ExportWriter {
  /** Whether several messages may be written at once (separate files), or only one after another. */
  readonly parallel: boolean;
  open(name: string): Promise<MessageSink>;
  record(row: ManifestRow): Promise<void>;
  finish(): Promise<string[]>;
  abort(): Promise<void>;
}

/** Manifest rows are appended in groups: one write per group, and at most this many lost to a crash. */
const FLUSH_ROWS = 100;

/**
 * A folder of .eml files with manifest.csv and SHA256SUMS beside them, appended as messages
 * complete (the journal a resumed export reads). Message files are written under the names
 * file-names.ts makes, replacing a file of that name left by an interrupted export; the manifest
 * and checksums start from `kept`, the rows a resumed export found intact.
 */
export async function folderWriter(
  folder: string,
  kept: readonly ManifestRow[],
  markFile: MarkFile,
): Promise<ExportWriter> {
  const manifest = join(folder, MANIFEST_FILE);
  const sums = join(folder, SUMS_FILE);
  // Rewritten whole, then renamed over: a crash here leaves the old journal, never half of one.
  await replaceFile(manifest, manifestHeader() + kept.map(manifestLine).join(''));
  await replaceFile(sums, kept.map((row) => sumsLine(row.sha256, row.file)).join(''));
  const journal = await openAppend(manifest);
  const checks = await openAppend(sums);
  let rows: ManifestRow[] = [];
  const flush = async () => {
    if (rows.length === 0) return;
    const batch = rows;
    rows = [];
    try {
      await checks.appendFile(batch.map((row) => sumsLine(row.sha256, row.file)).join(''));
      await journal.appendFile(batch.map(manifestLine).join(''));
    } catch (error) {
      throw writeError(error, manifest);
    }
  };
  const close = async () => {
    await flush().finally(async () => {
      await journal.close().catch(() => undefined);
      await checks.close().catch(() => undefined);
    });
  };
  return {
    parallel: true,
    async open(name) {
      const path = join(folder, name);
      let handle: FileHandle;
      try {
        handle = await open(path, 'w', 0o644);
      } catch (error) {
        throw writeError(error, path);
      }
      return {
        write: async (chunk) => {
          try {
            await handle.write(chunk);
          } catch (error) {
            throw writeError(error, path);
          }
        },
        end: async () => {
          await handle.close();
          await markFile(path);
        },
        abort: async () => {
          await handle.close().catch(() => undefined);
          await rm(path, { force: true });
        },
      };
    },
    async record(row) {
      rows.push(row);
      if (rows.length >= FLUSH_ROWS) await flush();
    },
    async finish() {
      await close();
      return [manifest, sums];
    },
    abort: close,
  };
}

/**
 * One mbox file (mboxrd quoting, so every message reads back byte for byte) with manifest.csv and
 * SHA256SUMS beside it; the manifest's hashes are of each message as stored, the checksum file's of
 * the mbox itself.
 */
export async function mboxWriter(folder: string, when: Date, markFile: MarkFile): Promise<ExportWriter> {
  const target = await openSaveTarget(join(folder, 'messages.mbox'), 'keep-both');
  const hash = createHash('sha256');
  const rows: ManifestRow[] = [];
  const put = async (data: Buffer | string) => {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
    hash.update(bytes);
    await writeTo(target.stream, bytes, target.path);
  };
  return {
    parallel: false,
    async open() {
      await put(fromLine(when));
      const escape = new MboxrdEscape();
      let last = 0x0a;
      const drained = (async () => {
        for await (const piece of escape) {
          const bytes = piece as Buffer;
          if (bytes.length > 0) last = bytes[bytes.length - 1] ?? last;
          await put(bytes);
        }
      })();
      return {
        write: (chunk) => writeTo(escape, chunk, target.path),
        end: async () => {
          escape.end();
          await drained;
          // A message ends with a line break, and a blank line separates it from the next From_.
          await put(last === 0x0a ? '\n' : '\n\n');
        },
        abort: async () => {
          escape.destroy();
          await drained.catch(() => undefined);
        },
      };
    },
    record: async (row) => {
      rows.push({ ...row, file: baseName(target.path) });
    },
    async finish() {
      await endStream(target.stream, target.path);
      await target.commit();
      await markFile(target.path);
      return writeSidecars(folder, rows, [[hash.digest('hex'), baseName(target.path)]]);
    },
    abort: () => target.abort(),
  };
}

/**
 * One .zip (yazl, deflate) holding the .eml files, manifest.csv and SHA256SUMS: unpacked, it is the
 * folder format and verifies the same way. Entries go in one at a time, each waited for, so memory
 * stays bounded whatever the number of messages.
 */
export async function zipWriter(folder: string, when: Date, markFile: MarkFile): Promise<ExportWriter> {
  const target = await openSaveTarget(join(folder, 'messages.zip'), 'keep-both');
  const zip = new ZipFile();
  const output = zip.outputStream.pipe(target.stream);
  const closed = once(output, 'close');
  closed.catch(() => undefined);
  const rows: ManifestRow[] = [];
  return {
    parallel: false,
    async open(name) {
      const entry = new PassThrough();
      const consumed = once(entry, 'end');
      consumed.catch(() => undefined);
      zip.addReadStream(entry, name, { mtime: when, mode: 0o100644 });
      return {
        write: (chunk) => writeTo(entry, chunk, target.path),
        end: async () => {
          entry.end();
          await consumed;
        },
        abort: async () => {
          entry.destroy(new AppError('CANCELLED'));
        },
      };
    },
    record: async (row) => {
      rows.push(row);
    },
    async finish() {
      zip.addBuffer(Buffer.from(manifestHeader() + rows.map(manifestLine).join('')), MANIFEST_FILE, {
        mtime: when,
      });
      zip.addBuffer(Buffer.from(rows.map((row) => sumsLine(row.sha256, row.file)).join('')), SUMS_FILE, {
        mtime: when,
      });
      zip.end();
      await closed;
      await target.commit();
      await markFile(target.path);
      return [target.path];
    },
    async abort() {
      zip.outputStream.unpipe();
      await target.abort();
    },
  };
}

/** The manifest and checksums beside an archive, written whole at the end. */
async function writeSidecars(
  folder: string,
  rows: readonly ManifestRow[],
  sums: readonly (readonly [string, string])[],
): Promise<string[]> {
  const written: string[] = [];
  for (const [name, text] of [
    [MANIFEST_FILE, manifestHeader() + rows.map(manifestLine).join('')],
    [SUMS_FILE, sums.map(([sha, file]) => sumsLine(sha, file)).join('')],
  ] as const) {
    const target: SaveTarget = await openSaveTarget(join(folder, name), 'keep-both');
    await writeTo(target.stream, Buffer.from(text), target.path);
    await endStream(target.stream, target.path);
    await target.commit();
    written.push(target.path);
  }
  return written;
}

async function writeTo(stream: Writable | WriteStream, chunk: Buffer, path: string): Promise<void> {
  if (stream.destroyed) throw new AppError('CANCELLED');
  if (!stream.write(chunk)) {
    try {
      await once(stream, 'drain');
    } catch (error) {
      throw error instanceof AppError ? error : writeError(error, path);
    }
  }
}

/** Ends a file stream and waits until every byte is written (a SaveTarget's commit does not flush). */
async function endStream(stream: WriteStream, path: string): Promise<void> {
  const finished = once(stream, 'finish');
  stream.end();
  try {
    await finished;
  } catch (error) {
    throw writeError(error, path);
  }
}

async function replaceFile(path: string, text: string): Promise<void> {
  const temporary = `${path}.part`;
  try {
    await rm(temporary, { force: true });
    const handle = await open(temporary, 'wx', 0o644);
    await handle.writeFile(text);
    await handle.close();
    await rename(temporary, path);
  } catch (error) {
    throw writeError(error, path);
  }
}

async function openAppend(path: string): Promise<FileHandle> {
  try {
    return await open(path, 'a');
  } catch (error) {
    throw writeError(error, path);
  }
}

/** An earlier export's manifest in `folder`, or null when there is none. */
export async function readManifest(folder: string): Promise<string | null> {
  try {
    return await readFile(join(folder, MANIFEST_FILE), 'utf8');
  } catch {
    return null;
  }
}

function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}
