import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Folder } from '../../../shared/model';
import { type LocalMailbox, SEEN } from './local-mailbox';
import { opaqueId } from './opaque-id';
import { openFileStream, readHeaderSection, readRange } from './read-bytes';

/** A single message file as a LocalMailbox with one folder, "Message", holding it. */
export function openEml(file: string, size: number): LocalMailbox {
  return {
    kind: 'eml',
    name: basename(file),
    location: file,
    notices: [],
    folders: [
      {
        folder: singleMessageFolder(opaqueId('folder:message')),
        messages: [
          {
            id: opaqueId('message'),
            size,
            flags: SEEN,
            time: null,
            readHeader: () => readHeaderSection(file),
            readRaw: () => readFile(file),
            openRaw: () => openFileStream(file),
            readStart: (bytes) => readRange(file, 0, bytes),
          },
        ],
      },
    ],
  };
}

/** The one folder of a single-message file (.eml, .msg, winmail.dat). */
export function singleMessageFolder(id: string): Folder {
  return {
    id,
    name: 'Message',
    path: 'Message',
    parentId: null,
    role: null,
    total: 1,
    unread: 0,
    selectable: true,
  };
}
