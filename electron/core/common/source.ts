import type {
  EnvelopePage,
  Folder,
  ListCapabilities,
  ListSort,
  MessageView,
  SourceKind,
} from '../../../shared/model';
import type { Readable } from 'node:stream';
import type { ErrorInfo } from '../../../shared/errors';
import type { SearchQuery } from '../../../shared/search';
import type { SourceEvent } from '../../../shared/events';

/** A message's stored bytes as a stream, with its size when known (for progress). */
export interface RawStream {
  readonly stream: Readable;
  readonly size: number | null;
}

/** How messages.list wants a page: checked against the source's ListCapabilities before it arrives. */
export interface ListOptions {
  /** Absent: newest first. */
  readonly sort?: ListSort;
  /** Fill each envelope's `preview`. */
  readonly preview?: boolean;
}

/**
 * A mailbox the user has open: local files today, IMAP and POP3 later. The service keeps one per
 * open source and routes requests to it; everything it returns is already IPC-shaped.
 */
export interface MailSource {
  readonly kind: SourceKind;
  /** Sidebar label. */
  readonly name: string;
  /** Where it lives (a path for local sources, host and mailbox for remote ones). */
  readonly location: string;
  /** Things worth telling the user that did not stop the open. */
  readonly notices: readonly ErrorInfo[];
  /**
   * A single Outlook item (.msg) or winmail.dat opened from disk: its message is not MIME, so its
   * parts are read through electron/core/attached, not the MIME splitter. Absent: MIME messages.
   */
  readonly itemFormat?: 'msg' | 'tnef';

  /**
   * What its lists can do beyond newest first. Absent: only that (the service fills in why, per
   * kind: see list-capabilities.ts), and `options` never carries a sort or a preview.
   */
  readonly list?: ListCapabilities;

  listFolders(): Promise<Folder[]>;
  /** Newest first unless `options.sort` says otherwise. Throws AppError UNKNOWN_FOLDER for a folder id it does not have. */
  listEnvelopes(
    folderId: string,
    offset: number,
    limit: number,
    options?: ListOptions,
  ): Promise<EnvelopePage>;
  /** Parsed for display. Throws AppError UNKNOWN_MESSAGE / MESSAGE_UNREADABLE. */
  getMessage(folderId: string, messageId: string): Promise<MessageView>;
  /** The message exactly as stored, byte for byte. */
  getRaw(folderId: string, messageId: string): Promise<Buffer>;
  /**
   * The same bytes as a stream, where the source can read them without holding the whole message
   * (a file on disk); saving uses it so a big message is never in memory twice. Absent: getRaw.
   */
  openRaw?(folderId: string, messageId: string): Promise<RawStream>;
  /**
   * The message parsed for display from bytes already fetched through openRaw (a download whose
   * progress the user watched). Absent where opening is local and quick.
   */
  parseRaw?(folderId: string, messageId: string, raw: Buffer): Promise<MessageView>;
  /**
   * Looks again for new mail in a folder (remote sources show a snapshot: a POP3 maildrop as it was
   * when the session opened, an IMAP folder as it was first listed). Absent where there is nothing
   * to refresh.
   */
  refresh?(folderId: string): Promise<void>;
  /** The folder's messages that match, in the order listEnvelopes gives, paged like it. */
  search(
    folderId: string,
    query: SearchQuery,
    offset: number,
    limit: number,
    options?: ListOptions,
  ): Promise<EnvelopePage>;
  /**
   * Stops a search still running in the folder (its promise rejects with CANCELLED); false if none
   * was. Absent where searches are quick enough never to need it.
   */
  cancelSearch?(folderId: string): boolean;
  /**
   * Connection changes and new mail, for sources that have them (remote ones). Returns the
   * unsubscribe function.
   */
  subscribe?(listener: (event: SourceEvent) => void): () => void;
  close(): Promise<void>;
}
