import type {
  Envelope,
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
import { effectiveEndpoints, type Profile } from '../../../shared/profile';

/** A message's stored bytes as a stream, with its size when known (for progress). */
export interface RawStream {
  readonly stream: Readable;
  readonly size: number | null;
}

/** What a fan-out reads of one folder at a time, on the mailbox's connection budget. */
export interface PooledReads {
  /** Folders that may be read at once: the budget. */
  readonly parallel: number;
  /** Every folder, in tree order, without counts (a search needs none). */
  listFolders(signal?: AbortSignal): Promise<Folder[]>;
  /** How many of the folder's messages match, and the newest `limit` of them. */
  search(
    folderId: string,
    query: SearchQuery,
    limit: number,
    signal?: AbortSignal,
  ): Promise<{ total: number; items: Envelope[] }>;
  /** The folder's messages whose Message-ID is exactly `messageId` (without angle brackets). */
  findMessageId(folderId: string, messageId: string, signal?: AbortSignal): Promise<Envelope[]>;
  /** The ids of every message of the folder that matches, oldest first (an export's selection). */
  searchIds(folderId: string, query: SearchQuery, signal?: AbortSignal): Promise<string[]>;
}

/** How messages.list wants a page: checked against the source's ListCapabilities before it arrives. */
export interface ListOptions {
  /** Absent: newest first. */
  readonly sort?: ListSort;
  /** Fill each envelope's `preview`. */
  readonly preview?: boolean;
}

/**
 * What a server source (IMAP, POP3) says about itself: the profile's name, and which mailbox on
 * which server, with `note` after it (the protocol where the host alone does not say it).
 */
export abstract class RemoteSource {
  readonly name: string;
  readonly location: string;
  readonly notices: readonly ErrorInfo[] = [];

  protected constructor(profile: Profile, note = '') {
    const { host, port } = effectiveEndpoints(profile);
    this.name = profile.name;
    this.location = `${profile.mailbox} on ${host}:${port}${note}`;
  }
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

  /**
   * Reads for fan-outs (search in every folder, Message-ID lookup), where the source is a server
   * with a connection budget (IMAP: its ConnectionPool): they never use the browsing connection.
   * Absent: a fan-out reads through the methods above, one folder at a time.
   */
  readonly pooled?: PooledReads;

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
