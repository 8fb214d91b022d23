import type { ErrorInfo } from '../../../shared/errors';
import { AppError, toErrorInfo } from '../common/app-error';
import type { FolderReader, FolderTarget } from './folder-reader';

/**
 * Runs one read per folder, `parallel` at a time, and reports each folder as it settles. A folder
 * that fails is reported with its error and the others go on; a cancel stops starting new ones,
 * and reads already running end with CANCELLED, which is not reported as a failure.
 */

export type FolderOutcome<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ErrorInfo };

export interface FanOutOptions<T> {
  readonly folders: readonly FolderTarget[];
  readonly parallel: number;
  readonly signal: AbortSignal;
  readonly read: (folder: FolderTarget) => Promise<T>;
  /** Called once per folder that finished or failed (not for one stopped by the cancel). */
  readonly onSettled: (folder: FolderTarget, outcome: FolderOutcome<T>) => void;
}

/** Resolves with how many folders settled once every started read has ended. */
export async function fanOut<T>(options: FanOutOptions<T>): Promise<number> {
  const { folders, signal } = options;
  let next = 0;
  let settled = 0;
  const worker = async () => {
    while (!signal.aborted && next < folders.length) {
      const folder = folders[next++];
      if (!folder) break;
      let outcome: FolderOutcome<T>;
      try {
        outcome = { ok: true, value: await options.read(folder) };
      } catch (error) {
        if (signal.aborted) break;
        outcome = { ok: false, error: describe(error) };
      }
      settled++;
      options.onSettled(folder, outcome);
    }
  };
  const workers = Math.max(1, Math.min(options.parallel, folders.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return settled;
}

/** The folders of one source a fan-out reads, and how. */
export interface FolderScan {
  /** Reads as many folders at once as it allows. */
  readonly reader: Pick<FolderReader, 'parallel'>;
  readonly folders: readonly FolderTarget[];
  readonly signal: AbortSignal;
  /** Stepped once per folder that settles (a search's progress events). */
  readonly progress?: { step(): void };
}

/** fanOut over a scan's folders, as many at once as its reader allows, stepping its progress. */
export function scanFolders<T>(
  scan: FolderScan,
  read: FanOutOptions<T>['read'],
  onSettled: FanOutOptions<T>['onSettled'],
): Promise<number> {
  const { reader, folders, signal, progress } = scan;
  return fanOut({
    folders,
    parallel: reader.parallel,
    signal,
    read,
    onSettled: (folder, outcome) => {
      progress?.step();
      onSettled(folder, outcome);
    },
  });
}

function describe(error: unknown): ErrorInfo {
  // A folder deleted since the list was read is worth saying in words of its own.
  if (error instanceof AppError && error.code === 'UNKNOWN_FOLDER') {
    return new AppError('UNKNOWN_FOLDER', 'This folder no longer exists on the server.').toInfo();
  }
  return toErrorInfo(error);
}
