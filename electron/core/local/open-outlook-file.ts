import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { MessageView } from '../../../shared/model';
import type { EnvelopeFields } from '../mime/parse-envelope';
import { msgView, tnefView } from '../outlook/item-views';
import type { LocalMailbox } from './local-mailbox';
import { SEEN } from './local-mailbox';
import { opaqueId } from './opaque-id';
import { singleMessageFolder } from './open-eml';
import { readHeaderSection } from './read-bytes';

/**
 * An Outlook item (.msg) or a winmail.dat opened from disk, as a mailbox of one message like a .eml.
 * The file is read whole once here, so a malformed one is refused at open with its named error
 * (MSG_MALFORMED, TNEF_MALFORMED) rather than as an empty list.
 */
export async function openOutlookFile(
  file: string,
  size: number,
  format: 'msg' | 'tnef',
): Promise<LocalMailbox> {
  const meta = { id: opaqueId('message'), folderId: opaqueId('folder:message'), flags: SEEN };
  const toView = (raw: Buffer): MessageView => (format === 'msg' ? msgView(raw, meta) : tnefView(raw, meta));
  const opened = toView(await readFile(file));
  const fields: EnvelopeFields = {
    subject: opened.subject,
    from: opened.from,
    to: opened.to,
    cc: opened.cc,
    date: opened.date,
    messageId: opened.messageId,
    hasAttachments: opened.attachments.length > 0,
  };
  return {
    kind: 'eml',
    name: basename(file),
    location: file,
    notices: [],
    itemFormat: format,
    folders: [
      {
        folder: singleMessageFolder(meta.folderId),
        messages: [
          {
            id: meta.id,
            size,
            flags: SEEN,
            time: null,
            readHeader: () => readHeaderSection(file),
            readRaw: () => readFile(file),
            readFields: async () => fields,
            view: async (raw, at) => ({ ...toView(raw), id: at.id, folderId: at.folderId }),
            // The list's preview line is made from a MIME start: give it the body text as one.
            readStart: async () => Buffer.from(`\r\n${opened.text ?? ''}`.slice(0, 4096), 'utf8'),
          },
        ],
      },
    ],
  };
}
