import { Readable } from 'node:stream';
import type { ErrorInfo } from '../../../shared/errors';
import type {
  Envelope,
  EnvelopePage,
  Folder,
  ListCapabilities,
  ListSort,
  MessageView,
  SourceKind,
} from '../../../shared/model';
import { AppError } from '../common/app-error';
import { EMPTY_ENVELOPE_FIELDS, type EnvelopeFields, parseEnvelopeHeaders } from '../mime/parse-envelope';
import { parseMessage } from '../mime/parse-message';
import type { ListOptions, MailSource, RawStream } from '../common/source';
import { bodySearchUnsupported } from '../common/search-support';
import { envelopeMatches, type SearchQuery } from '../../../shared/search';
import { mapConcurrent } from './concurrency';
import { type Dated, newestFirst, sortEnvelopes } from './envelope-order';
import { errnoCode } from '../common/fs-errors';
import { PREVIEW_BYTES, previewOf } from './message-preview';
import type { LocalFolder, LocalMailbox, StoredMessage } from './local-mailbox';

/** Enough parallel reads to keep a disk busy, few enough to stay far from the fd limit. */
const READ_CONCURRENCY = 16;

/** Previews kept per source; a page needs 100, and scrolling back should not read them again. */
const MAX_PREVIEWS = 20_000;

/** Every envelope is in memory, so any order is one sort away, and a preview is one small read. */
const LOCAL_CAPABILITIES: ListCapabilities = {
  sortKeys: ['date', 'from', 'subject', 'size'],
  reversible: true,
  preview: true,
  note: null,
};

interface IndexedFolder extends LocalFolder {
  readonly byId: ReadonlyMap<string, StoredMessage>;
}

/**
 * A mailbox on disk as a MailSource. Listing a folder the first time reads every message's header
 * section (bounded concurrency), because "newest first" needs every Date; the sorted envelopes are
 * then cached, so paging and reopening the folder cost nothing. Other orders are sorted from that
 * list on first use and cached too; previews are read per page, only for the rows asked for.
 */
export class LocalMailSource implements MailSource {
  readonly kind: SourceKind;
  readonly name: string;
  readonly location: string;
  readonly notices: readonly ErrorInfo[];
  readonly itemFormat?: 'msg' | 'tnef';
  readonly list = LOCAL_CAPABILITIES;
  private readonly folders: ReadonlyMap<string, IndexedFolder>;
  private readonly envelopes = new Map<string, Promise<Envelope[]>>();
  /** Other orders than newest first, by `${folderId}\0${key}\0${order}`. */
  private readonly sorted = new Map<string, Envelope[]>();
  /** By folder and message id; insertion order is age, for eviction. */
  private readonly previews = new Map<string, Promise<string>>();

  constructor(mailbox: LocalMailbox) {
    this.kind = mailbox.kind;
    this.name = mailbox.name;
    this.location = mailbox.location;
    this.notices = mailbox.notices;
    if (mailbox.itemFormat) this.itemFormat = mailbox.itemFormat;
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

  async listEnvelopes(
    folderId: string,
    offset: number,
    limit: number,
    options: ListOptions = {},
  ): Promise<EnvelopePage> {
    const folder = this.folder(folderId);
    const all = await this.ordered(folder, options.sort);
    const items = all.slice(offset, offset + limit);
    return {
      items: options.preview ? await this.withPreviews(folder, items) : items,
      offset,
      total: all.length,
    };
  }

  async search(
    folderId: string,
    query: SearchQuery,
    offset: number,
    limit: number,
    options: ListOptions = {},
  ): Promise<EnvelopePage> {
    if (query.body) throw bodySearchUnsupported('A local mailbox');
    const folder = this.folder(folderId);
    const hits = (await this.ordered(folder, options.sort)).filter((e) => envelopeMatches(e, query));
    const items = hits.slice(offset, offset + limit);
    return {
      items: options.preview ? await this.withPreviews(folder, items) : items,
      offset,
      total: hits.length,
    };
  }

  async getMessage(folderId: string, messageId: string): Promise<MessageView> {
    const message = this.message(folderId, messageId);
    const raw = await readRawOrExplain(message);
    const meta = { id: message.id, folderId, flags: message.flags };
    return message.view ? message.view(raw, meta) : parseMessage(raw, meta);
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
    this.sorted.clear();
    this.previews.clear();
  }

  private async ordered(folder: IndexedFolder, sort: ListSort | undefined): Promise<Envelope[]> {
    const newest = await this.envelopesOf(folder);
    if (!sort || (sort.key === 'date' && sort.order === 'desc')) return newest;
    const key = `${folder.folder.id}\u0000${sort.key}\u0000${sort.order}`;
    let list = this.sorted.get(key);
    if (!list) {
      list = sortEnvelopes(newest, sort);
      this.sorted.set(key, list);
    }
    return list;
  }

  private async withPreviews(folder: IndexedFolder, items: Envelope[]): Promise<Envelope[]> {
    const previews = await mapConcurrent(items, READ_CONCURRENCY, (envelope) => {
      const key = `${folder.folder.id}\u0000${envelope.id}`;
      let pending = this.previews.get(key);
      if (!pending) {
        const message = folder.byId.get(envelope.id);
        // A file that cannot be read now has no preview; opening it says why.
        pending = message ? message.readStart(PREVIEW_BYTES).then(previewOf, () => '') : Promise.resolve('');
        this.previews.set(key, pending);
        if (this.previews.size > MAX_PREVIEWS) {
          const oldest = this.previews.keys().next().value;
          if (oldest !== undefined) this.previews.delete(oldest);
        }
      }
      return pending;
    });
    return items.map((envelope, index) => ({ ...envelope, preview: previews[index] ?? '' }));
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
    async (message, position): Promise<Dated> => {
      let fields: EnvelopeFields = EMPTY_ENVELOPE_FIELDS;
      let size = message.size;
      let fallbackTime = message.time;
      try {
        const header = await message.readHeader();
        fields = message.readFields ? await message.readFields() : await parseEnvelopeHeaders(header.bytes);
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
