import type { Flags, Folder, MessageView } from '../../../shared/model';
import type { MailSource, RawStream } from '../common/source';
import type { EnvelopeFields } from '../mime/parse-envelope';
import type { MessageMeta } from '../mime/parse-message';

/**
 * What each on-disk format (Maildir, mbox, .eml) builds when it is opened: folders and, per folder,
 * the messages with a way to read each one back. LocalMailSource turns it into a MailSource, so the
 * formats differ only in how they find and read messages.
 */
export interface LocalMailbox extends Pick<
  MailSource,
  'kind' | 'name' | 'location' | 'notices' | 'itemFormat'
> {
  /** In display order (see Folder). */
  readonly folders: readonly LocalFolder[];
}

export interface LocalFolder {
  readonly folder: Folder;
  /** In storage order (directory listing, position in the mbox): the last tie-break when sorting. */
  readonly messages: readonly StoredMessage[];
}

export interface StoredMessage {
  /** Opaque and unique within its folder. */
  readonly id: string;
  /** Known without reading the message (a Maildir `,S=` name, an mbox byte range), else null. */
  readonly size: number | null;
  readonly flags: Flags;
  /** Epoch ms to sort by when the Date header is missing: a Maildir delivery time, else null. */
  readonly time: number | null;
  /** The header section, ending with its blank line, capped in size. */
  readHeader(): Promise<HeaderSection>;
  /** The whole message as stored. */
  readRaw(): Promise<Buffer>;
  /** Envelope fields where the message is not MIME (an Outlook item); absent: from readHeader. */
  readFields?(): Promise<EnvelopeFields>;
  /** The view where the message is not MIME; absent: parseMessage. */
  view?(raw: Buffer, meta: MessageMeta): Promise<MessageView>;
  /** The whole message as a stream, where it is a file of its own (Maildir, .eml); else absent. */
  openRaw?(): Promise<RawStream>;
  /** The first `bytes` of the message as stored (all of it when it is shorter): for its preview line. */
  readStart(bytes: number): Promise<Buffer>;
}

export interface HeaderSection {
  readonly bytes: Buffer;
  /** The message size, when reading the header revealed it (a stat on the open file). */
  readonly size: number | null;
  readonly mtimeMs: number | null;
}

export const SEEN: Flags = { seen: true, flagged: false, answered: false, draft: false };
