import { basename } from 'node:path';
import { errorInfo } from '../../../shared/errors';
import { AppError } from '../common/app-error';
import { withFsErrors } from '../common/fs-errors';
import { type LocalMailbox, SEEN, type StoredMessage } from './local-mailbox';
import { unescapeMboxrd } from './mbox-escape';
import { scanMbox } from './mbox-index';
import { opaqueId } from './opaque-id';
import { readHeaderSectionFrom, readRange } from './read-bytes';
import { WindowedFile } from './windowed-file';

/**
 * An mbox file as a one-folder LocalMailbox. Messages are read back by byte range and un-escaped
 * (mboxrd), so getRaw gives each message as it was before it was written into the mbox. mbox keeps
 * no reliable read state, so every message counts as seen.
 */
export async function openMbox(file: string): Promise<LocalMailbox> {
  const name = basename(file);
  const index = await withFsErrors(file, () => scanMbox(file));
  const count = index.messages.length;
  if (count === 0) {
    if (index.truncatedAt !== null) {
      throw new AppError(
        'MBOX_TRUNCATED',
        `The mbox file “${name}” breaks off in its first message: it holds no complete message.`,
      );
    }
    throw new AppError('NOT_A_MAILBOX', `“${name}” starts like an mbox file but holds no message.`);
  }
  const notices =
    index.truncatedAt === null
      ? []
      : [
          errorInfo(
            'MBOX_TRUNCATED',
            `The mbox file “${name}” breaks off in message ${index.truncatedAt}: ${count} complete ${count === 1 ? 'message was' : 'messages were'} read, and the incomplete one is not shown.`,
          ),
        ];
  // Listing reads every header in file order: through one open file, not one open per message.
  const headers = new WindowedFile(file);
  const messages = index.messages.map(({ start, end }): StoredMessage => ({
    id: opaqueId(`mbox:${start}`),
    size: end - start,
    flags: SEEN,
    time: null,
    readHeader: async () => {
      const header = await readHeaderSectionFrom(headers, start, end);
      return { ...header, bytes: unescapeMboxrd(header.bytes) };
    },
    readRaw: async () => unescapeMboxrd(await readRange(file, start, end)),
    readStart: async (bytes) => unescapeMboxrd(await readRange(file, start, Math.min(end, start + bytes))),
  }));
  const folderName = name.replace(/\.(mbox|mbx)$/i, '') || name;
  return {
    kind: 'mbox',
    name,
    location: file,
    notices,
    folders: [
      {
        folder: {
          id: opaqueId('folder:mbox'),
          name: folderName,
          path: folderName,
          parentId: null,
          role: null,
          total: messages.length,
          unread: 0,
          selectable: true,
        },
        messages,
      },
    ],
  };
}
