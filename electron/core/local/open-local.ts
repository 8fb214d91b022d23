import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { AppError } from '../common/app-error';
import type { MailSource } from '../common/source';
import { SNIFF_BYTES, sniffContent } from './content-sniff';
import { withFsErrors } from '../common/fs-errors';
import { LocalMailSource } from './local-source';
import { openEml } from './open-eml';
import { openOutlookFile } from './open-outlook-file';
import { isCompoundFile } from '../outlook/msg-file';
import { isTnef } from '../outlook/tnef';
import { openMaildir } from './open-maildir';
import { openMbox } from './open-mbox';
import { readRange } from './read-bytes';

export const DEFAULT_LARGE_FILE_BYTES = 100 * 1024 * 1024;

export interface OpenLocalOptions {
  /** Files above this many bytes are refused with FILE_TOO_LARGE unless `allowLarge`. */
  readonly largeFileBytes?: number;
  /** The user confirmed opening a large file. */
  readonly allowLarge?: boolean;
}

/**
 * Opens whatever is at `path`: a Maildir directory (or a directory of Maildirs), an mbox file or a
 * single message. Every way this can fail is a specific AppError that names the path and says what
 * was expected. A file's size is checked before any of it is read, so a huge file is refused at once.
 */
export async function openLocal(path: string, options: OpenLocalOptions = {}): Promise<MailSource> {
  const stats = await withFsErrors(path, () => stat(path));
  if (stats.isDirectory()) return new LocalMailSource(await openMaildir(path));

  const name = basename(path);
  if (!stats.isFile()) {
    throw new AppError(
      'NOT_A_MAILBOX',
      `“${name}” is neither a regular file nor a folder, so it cannot be a mailbox.`,
    );
  }
  if (stats.size === 0) throw new AppError('EMPTY_FILE', `“${name}” is empty (0 bytes).`);
  const limit = options.largeFileBytes ?? DEFAULT_LARGE_FILE_BYTES;
  if (stats.size > limit && !options.allowLarge) {
    throw new AppError(
      'FILE_TOO_LARGE',
      `“${name}” is ${megabytes(stats.size)} MB, more than the ${megabytes(limit)} MB Mailscope opens without asking.`,
    );
  }

  const head = await withFsErrors(path, () => readRange(path, 0, SNIFF_BYTES));
  // An Outlook item or a winmail.dat opens like a .eml; other compound files (.doc, .xls) stay refused.
  if (isTnef(head)) return new LocalMailSource(await openOutlookFile(path, stats.size, 'tnef'));
  if (isCompoundFile(head) && /\.msg$/i.test(name)) {
    return new LocalMailSource(await openOutlookFile(path, stats.size, 'msg'));
  }
  const sniffed = sniffContent(head, name);
  switch (sniffed.kind) {
    case 'binary':
      throw new AppError(
        'BINARY_FILE',
        sniffed.description
          ? `“${name}” is ${sniffed.description}, not an e-mail message.`
          : `“${name}” holds binary data, not an e-mail message.`,
      );
    case 'mbox':
      return new LocalMailSource(await openMbox(path));
    case 'message':
      return new LocalMailSource(openEml(path, stats.size));
    case 'text':
      throw new AppError(
        'NOT_A_MAILBOX',
        `“${name}” is a text file but not an e-mail message: a message starts with header lines (From:, Subject:…), an mbox file with a “From ” line.`,
      );
  }
}

/** Binary megabytes, as file managers show them, with at most one decimal. */
export function megabytes(bytes: number): string {
  return String(Number((bytes / (1024 * 1024)).toFixed(1)));
}
