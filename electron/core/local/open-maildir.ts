import { basename } from 'node:path';
import type { Folder } from '../../../shared/model';
import { AppError } from '../common/app-error';
import { mapConcurrent } from './concurrency';
import { withFsErrors } from '../common/fs-errors';
import type { LocalFolder, LocalMailbox, StoredMessage } from './local-mailbox';
import { discoverMaildirFolders } from './maildir-layout';
import { listMaildirMessages } from './maildir-files';

export interface OpenMaildirOptions {
  readonly kind?: 'maildir' | 'sample';
  /** Sidebar label; defaults to the directory's name. */
  readonly name?: string;
}

/** A Maildir directory (Maildir++ or fs layout) as a LocalMailbox; its folders are listed up front for the counts. */
export async function openMaildir(dir: string, options: OpenMaildirOptions = {}): Promise<LocalMailbox> {
  const specs = await withFsErrors(dir, () => discoverMaildirFolders(dir));
  if (!specs) {
    throw new AppError(
      'NOT_A_MAILBOX',
      `The folder ${dir} is not a Maildir: Mailscope expected it (or its subfolders) to hold cur/ and new/ folders.`,
    );
  }
  const folders = await mapConcurrent(specs, 4, async (spec): Promise<LocalFolder> => {
    const folderDir = spec.dir;
    const messages: StoredMessage[] = folderDir
      ? await withFsErrors(folderDir, () => listMaildirMessages(folderDir, spec.key))
      : [];
    const folder: Folder = {
      id: spec.id,
      name: spec.name,
      path: spec.path,
      parentId: spec.parentId,
      role: spec.role,
      total: messages.length,
      unread: messages.filter((message) => !message.flags.seen).length,
      selectable: spec.dir !== null,
    };
    return { folder, messages };
  });
  return {
    kind: options.kind ?? 'maildir',
    name: options.name ?? (basename(dir) || dir),
    location: dir,
    notices: [],
    folders,
  };
}
