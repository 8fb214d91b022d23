import { Readable } from 'node:stream';
import type { ErrorInfo } from '../../../shared/errors';
import type { Envelope, EnvelopePage, Folder, MessageView, SourceKind } from '../../../shared/model';
import { AppError } from '../app-error';
import { EMPTY_ENVELOPE_FIELDS, type EnvelopeFields, parseEnvelopeHeaders } from '../mime/parse-envelope';
import { parseMessage } from '../mime/parse-message';
import type { MailSource, RawStream } from '../source';
import { bodySearchUnsupported } from '../search-support';
import { envelopeMatches, type SearchQuery } from '../../../shared/search';
import { mapConcurrent } from './concurrency';
import { errnoCode } from './fs-errors';
import type { LocalFolder, LocalMailbox, StoredMessage } from './local-mailbox';

/** Enough parallel reads to keep a disk busy, few enough to stay far from the fd limit. */
const READ_CONCURRENCY = 16;

interface IndexedFolder extends LocalFolder {
  readonly byId: ReadonlyMap<string, StoredMessage>;
}

interface Sortable {
  envelope: Envelope;
  time: number | null;
  position: number;
}

/**
 * A mailbox on disk as a MailSource. Listing a folder the first time reads every message's header
 * section (bounded concurrency), because "newest first" needs every Date; the sorted envelopes are
 * then cached, so paging and reopening the folder cost nothing.
 */
export class LocalMailSource implements MailSource {
  readonly kind: SourceKind;
  readonly name: string;
  readonly location: string;
  readonly notices: readonly ErrorInfo[];
  private readonly folders: ReadonlyMap<string, IndexedFolder>;
  private readonly envelopes = new Map<string, Promise<Envelope[]>>();

  constructor(mailbox: LocalMailbox) {
    this.kind = mailbox.kind;
    this.name = mailbox.name;
    this.location = mailbox.location;
    this.notices = mailbox.notices;
    this.folders = new Map(
      mailbox.folders.map((entry) => [
        entry.folder.id,
        { ...entry, byId: new Map(entry.messages.map((message) => [message.id, message])) },
      ]),
    );
  }

  async listFolders(): Promise<Folder[]> {
    return [...this.folders.values()].map((entry) => ({ ...entry.folder }));
  }

  async listEnvelopes(folderId: string, offset: number, limit: number): Promise<EnvelopePage> {
    const all = await this.envelopesOf(this.folder(folderId));
    return { items: all.slice(offset, offset + limit), offset, total: all.length };
  }

  async search(folderId: string, query: SearchQuery, offset: number, limit: number): Promise<EnvelopePage> {
    if (query.body) throw bodySearchUnsupported('A local mailbox');
    const hits = (await this.envelopesOf(this.folder(folderId))).filter((e) => envelopeMatches(e, query));
    return { items: hits.slice(offset, offset + limit), offset, total: hits.length };
  }

  async getMessage(folderId: string, messageId: string): Promise<MessageView> {
    const message = this.message(folderId, messageId);
    const raw = await readRawOrExplain(message);
    return parseMessage(raw, { id: message.id, folderId, flags: message.flags });
  }

  async getRaw(folderId: string, messageId: string): Promise<Buffer> {
    return readRawOrExplain(this.message(folderId, messageId));
  }

  async openRaw(folderId: string, messageId: string): Promise<RawStream> {
    const message = this.message(folderId, messageId);
    if (!message.openRaw) {
      const raw = await readRawOrExplain(message);
      return { stream: Readable.from([raw]), size: raw.length };
    }
    const open = message.openRaw;
    return explainReadErrors(() => open());
  }

  async close(): Promise<void> {
    this.envelopes.clear();
  }

  private folder(folderId: string): IndexedFolder {
    const folder = this.folders.get(folderId);
    if (!folder) throw new AppError('UNKNOWN_FOLDER');
    return folder;
  }

  private message(folderId: string, messageId: string): StoredMessage {
    const message = this.folder(folderId).byId.get(messageId);
    if (!message) throw new AppError('UNKNOWN_MESSAGE');
    return message;
  }

  private envelopesOf(folder: IndexedFolder): Promise<Envelope[]> {
    let pending = this.envelopes.get(folder.folder.id);
    if (!pending) {
      // Cache the promise, not the result, so two first requests for a folder share one scan.
      pending = buildEnvelopes(folder);
      this.envelopes.set(folder.folder.id, pending);
      pending.catch(() => this.envelopes.delete(folder.folder.id));
    }
    return pending;
  }
}

async function buildEnvelopes(folder: IndexedFolder): Promise<Envelope[]> {
  const folderId = folder.folder.id;
  const rows = await mapConcurrent(
    folder.messages,
    READ_CONCURRENCY,
    async (message, position): Promise<Sortable> => {
      let fields: EnvelopeFields = EMPTY_ENVELOPE_FIELDS;
      let size = message.size;
      let fallbackTime = message.time;
      try {
        const header = await message.readHeader();
        fields = await parseEnvelopeHeaders(header.bytes);
        size ??= header.size;
        fallbackTime ??= header.mtimeMs;
      } catch {
        // A file that vanished or cannot be read still gets a row: the folder count stays true, and
        // opening it explains the problem (getMessage raises MESSAGE_UNREADABLE).
      }
      const time = fields.date === null ? fallbackTime : Date.parse(fields.date);
      const envelope: Envelope = {
        id: message.id,
        folderId,
        ...fields,
        size: size ?? 0,
        flags: message.flags,
      };
      return { envelope, time, position };
    },
  );
  return rows.sort(newestFirst).map((row) => row.envelope);
}

/** By time, newest first, undated last; then later-stored first, so equal dates keep a stable order. */
function newestFirst(a: Sortable, b: Sortable): number {
  if (a.time !== b.time) {
    if (a.time === null) return 1;
    if (b.time === null) return -1;
    return b.time - a.time;
  }
  return b.position - a.position;
}

function readRawOrExplain(message: StoredMessage): Promise<Buffer> {
  return explainReadErrors(() => message.readRaw());
}

async function explainReadErrors<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = errnoCode(error);
    if (code === 'EACCES' || code === 'EPERM') {
      throw new AppError('PERMISSION_DENIED', 'Mailscope may not read this message file.', undefined, {
        cause: error,
      });
    }
    if (code === 'ENOENT') {
      throw new AppError(
        'MESSAGE_UNREADABLE',
        'The message file is no longer where it was when the folder was opened.',
        undefined,
        {
          cause: error,
        },
      );
    }
    throw error;
  }
}
