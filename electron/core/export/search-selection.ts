import type { ErrorInfo } from '../../../shared/errors';
import type { SearchQuery } from '../../../shared/search';
import { AppError } from '../common/app-error';
import type { MailSource } from '../common/source';
import { scanFolders } from '../find/fan-out';
import { folderReaderOf } from '../find/folder-reader';
import type { ExportItem } from './message-reader';

/**
 * An export of "every result of a search in all folders": the same search messages.searchAll runs
 * (on the server through the mailbox's connection pool, or through a local or POP3 source), each
 * folder's matches in full, oldest first, folders in tree order. A folder that cannot be searched
 * stops the export: evidence that silently leaves a folder out would mislead.
 */
export async function searchItems(
  source: MailSource,
  query: SearchQuery,
  signal: AbortSignal,
): Promise<ExportItem[]> {
  const reader = folderReaderOf(source);
  const folders = await reader.folders(signal);
  const found = new Map<string, string[]>();
  const failures: { path: string; error: ErrorInfo }[] = [];
  await scanFolders(
    { reader, folders, signal },
    (folder) => reader.searchIds(folder, query, signal),
    (folder, outcome) => {
      if (outcome.ok) found.set(folder.id, outcome.value);
      else failures.push({ path: folder.path, error: outcome.error });
    },
  );
  if (signal.aborted) throw new AppError('CANCELLED');
  const [failure] = failures;
  if (failure) {
    const { path, error } = failure;
    throw new AppError(error.code, `The search could not run in ${path}: ${error.message}`, error.hint);
  }
  const items = folders.flatMap((folder) =>
    (found.get(folder.id) ?? []).map((messageId) => itemOf(folder.id, messageId)),
  );
  if (items.length === 0) {
    throw new AppError('INVALID_REQUEST', 'The search found no messages to export.');
  }
  return items;
}

/** An IMAP id (`UIDVALIDITY:UID`) names both for the manifest; other sources' ids stand alone. */
export function itemOf(folderId: string, messageId: string): ExportItem {
  const imap = /^(\d{1,20}):(\d{1,10})$/.exec(messageId);
  return { folderId, messageId, uid: imap?.[2] ?? messageId, uidValidity: imap?.[1] ?? '' };
}
