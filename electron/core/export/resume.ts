import type { ManifestRow } from './manifest';
import { isExportName } from './file-names';

/** Identifies one message of one folder across exports: folder, UIDVALIDITY and UID (or the source's id). */
export function rowKey(row: Pick<ManifestRow, 'folder' | 'uid' | 'uidvalidity'>): string {
  return `${row.folder}\n${row.uidvalidity}\n${row.uid}`;
}

export interface ResumePlan {
  /** Rows whose file is there with the bytes the manifest promises: skipped, by key. */
  readonly done: ReadonlyMap<string, ManifestRow>;
  /** Rows dropped: the file is missing, changed, or not a name an export makes. */
  readonly dropped: readonly ManifestRow[];
}

/**
 * Which rows of an earlier manifest still stand. A row counts only when its file exists and hashes
 * to the row's SHA-256 (so a file cut short, edited or replaced is fetched again), once per
 * message and once per file. Everything else is exported anew.
 */
export async function planResume(
  rows: readonly ManifestRow[],
  hashOf: (file: string) => Promise<string | null>,
): Promise<ResumePlan> {
  const done = new Map<string, ManifestRow>();
  const files = new Set<string>();
  const dropped: ManifestRow[] = [];
  for (const row of rows) {
    const key = rowKey(row);
    const usable =
      isExportName(row.file) &&
      /^[0-9a-f]{64}$/.test(row.sha256) &&
      !done.has(key) &&
      !files.has(row.file.toLowerCase()) &&
      (await hashOf(row.file)) === row.sha256;
    if (!usable) {
      dropped.push(row);
      continue;
    }
    done.set(key, row);
    files.add(row.file.toLowerCase());
  }
  return { done, dropped };
}
