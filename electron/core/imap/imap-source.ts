import { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FetchMessageObject, MailboxObject } from 'imapflow';
import type { SourceEvent } from '../../../shared/events';
import type { EnvelopePage, Folder, MessageView } from '../../../shared/model';
import type { Profile } from '../../../shared/profile';
import { AppError } from '../common/app-error';
import type { TrustOptions } from '../auth/network';
import type { TokenSource } from '../auth/token-provider';
import { parseMessage } from '../mime/parse-message';
import { type MailSource, type PooledReads, type RawStream, RemoteSource } from '../common/source';
import { ENVELOPE_QUERY, flagsOf, parseMessageId, toEnvelope } from './envelopes';
import { examine, searchUids } from './folder-ops';
import { ConnectionPool, DEFAULT_CONNECTION_BUDGET } from './connection-pool';
import { FolderCounts } from './folder-counts';
import { ServerGate } from './server-busy';
import { StatusRelay } from './status-relay';
import { buildFolderTree } from './folders';
import { pooledReads } from './imap-fan-out';
import type { ReadOnlyImapFlow } from './read-only-guard';
import { ImapSearchQuery } from './search';
import { ImapSession, type SessionOptions } from './session';

/**
 * An Exchange Online (or any IMAP) mailbox as a MailSource, strictly read-only.
 *
 * Paging: a folder's list is "the messages that existed when it was first listed", newest first.
 * On first listing the source records EXISTS and UIDVALIDITY (the snapshot). Offset 0 is the
 * highest sequence number of the snapshot, so a page is one `FETCH lo:hi` of a sequence range:
 * O(page) whatever the folder size, and no UID list is ever downloaded. New mail arrives above
 * the snapshot (higher sequence numbers), so it never moves the offsets the user is scrolling
 * through; `refresh()` moves the snapshot to include it. Expunges seen while the folder is open
 * shrink the snapshot in place; expunges made while it was not open are detected on re-open by
 * checking that the snapshot's newest UID still sits at its sequence number.
 * Message ids are `${uidvalidity}:${uid}`, so they stay valid across pages, refreshes and
 * reconnects, and die (UNKNOWN_MESSAGE) if the server renumbers the folder.
 */

export interface ImapSourceOptions {
  tokens: TokenSource;
  /** Extra trusted roots for the mail server; TLS verification is always on. */
  trust?: TrustOptions;
  /** Session tuning (backoff, keep-alive, status callback). */
  session?: Omit<SessionOptions, 'profile' | 'tokens' | 'trust'>;
  /**
   * The connection budget (sessions of `pool`); absent: the profile's `connections`, or the
   * default. Checked: 1 to MAX_CONNECTION_BUDGET.
   */
  connectionBudget?: number;
  /** Pooled sessions unused this long are logged out (default 30 s). */
  poolIdleMs?: number;
  /** Folder counts add a connection every this long, up to the budget (default 400 ms; 0: all at once). */
  countsRampMs?: number;
}

/**
 * What the IMAP source offers beyond MailSource. `kind` is 'imap', which shared/model.ts's
 * SourceKind does not list yet (see the contract note in the report), so this type restates
 * MailSource without `kind` instead of widening it with a cast.
 */
export interface ImapSource extends Omit<MailSource, 'kind'> {
  readonly kind: 'imap';
  /** The browsing connection (folders, lists, search); bodies use a second one. */
  readonly session: ImapSession;
  /**
   * The mailbox's connection budget: every fan-out (search in every folder, Message-ID lookup,
   * export, folder counts) runs its operations through `pool.run`, never on `session`.
   */
  readonly pool: ConnectionPool;
  /** Resolves when the folder counts that the last listFolders started are all in (or given up). */
  countsSettled(): Promise<void>;
  /** Server-side search in one folder, newest first, paged like listEnvelopes. */
  search(folderId: string, query: ImapSearchQuery, offset: number, limit: number): Promise<EnvelopePage>;
  /** Moves the folder's snapshot to now: new mail appears at the top, offsets restart. */
  refresh(folderId: string): Promise<void>;
  /** The message streamed in slices on the download connection (saves write as it arrives). */
  openRaw(folderId: string, messageId: string): Promise<RawStream>;
  /** The message parsed from bytes fetched through openRaw, with its flags fetched now. */
  parseRaw(folderId: string, messageId: string, raw: Buffer): Promise<MessageView>;
  /** Stops the folder's running search (the connection is dropped and comes back). */
  cancelSearch(folderId: string): boolean;
  /** Connection changes of the browsing session, and new mail in the folder it watches (IDLE). */
  subscribe(listener: (event: SourceEvent) => void): () => void;
}

interface Snapshot {
  uidValidity: bigint;
  /** Messages of the snapshot still in the folder; they hold sequence numbers 1..exists. */
  exists: number;
  /** UID at sequence `exists` when last seen, to detect expunges made while not selected. */
  topUid: number | undefined;
}

interface CachedSearch {
  key: string;
  uidValidity: bigint;
  uids: number[];
}

/**
 * A streamed message is fetched in partial BODY.PEEK[]<offset.length> slices of this size: few
 * round trips (a 25 MB message takes 25), progress every slice, and a cancel stops within one.
 */
const STREAM_CHUNK_BYTES = 1024 * 1024;

export function openImapSource(profile: Profile, options: ImapSourceOptions): ImapSource {
  return new ImapMailSource(profile, options);
}

export class ImapMailSource extends RemoteSource implements ImapSource {
  readonly kind = 'imap' as const;
  readonly session: ImapSession;
  readonly pool: ConnectionPool;
  readonly pooled: PooledReads;
  private readonly sessionOptions: SessionOptions;
  private downloadSession: ImapSession | undefined;
  private readonly snapshots = new Map<string, Snapshot>();
  private lastSearch: CachedSearch | undefined;
  /** The search running now, by folder, so the user can stop it. */
  private readonly running = new Map<
    string,
    { key: string; controller: AbortController; inflight: number }
  >();
  private readonly listeners = new Set<(event: SourceEvent) => void>();
  /**
   * The folder the user is looking at (the last one listed). The browsing connection keeps it
   * selected, so imapflow IDLEs there and the server's EXISTS reports new mail in it.
   */
  private watched: string | undefined;
  private readonly counts: FolderCounts;
  private readonly status = new StatusRelay((event) => this.emit(event));

  constructor(profile: Profile, options: ImapSourceOptions) {
    super(profile);
    this.sessionOptions = {
      ...options.session,
      // One mailbox, one throttle: every session of this source waits when any is told to.
      gate: new ServerGate(),
      profile,
      tokens: options.tokens,
      ...(options.trust ? { trust: options.trust } : {}),
    };
    this.session = new ImapSession({
      ...this.sessionOptions,
      onStatus: (status) => {
        options.session?.onStatus?.(status);
        this.status.fromBrowsing(status);
      },
      onReconnected: (client) => this.resumeWatch(client),
    });
    this.pool = new ConnectionPool({
      limit: options.connectionBudget ?? profile.connections ?? DEFAULT_CONNECTION_BUDGET,
      // Pooled sessions come back on their next use, and are logged out when idle: no keep-alive.
      openSession: () =>
        new ImapSession({
          ...this.sessionOptions,
          reconnectInBackground: false,
          keepAliveMs: 0,
          onStatus: this.status.fromHelper,
        }),
      ...(options.poolIdleMs !== undefined ? { idleMs: options.poolIdleMs } : {}),
    });
    this.pooled = pooledReads(this.pool);
    this.counts = new FolderCounts({
      pool: this.pool,
      gate: this.sessionOptions.gate,
      ...(options.countsRampMs !== undefined ? { rampMs: options.countsRampMs } : {}),
      browse: (operation) => this.session.run(operation),
      emit: (batch) => this.emit({ type: 'folder.counts', ...batch }),
    });
    this.session.onConnection((client) => {
      client.on('exists', (event) => {
        // New mail lands above the snapshot; the UI decides when to move it (sources.refresh).
        if (event.count > event.prevCount) {
          this.emit({ type: 'folder.changed', folderId: event.path, total: event.count });
        }
      });
      client.on('expunge', (event) => {
        const snapshot = this.snapshots.get(event.path);
        // A message of the snapshot left: everything above it moves down one sequence number.
        if (snapshot && event.seq !== undefined && event.seq <= snapshot.exists) snapshot.exists--;
        // VANISHED (QRESYNC) carries UIDs, not positions: re-check the anchor on next use.
        else if (snapshot && event.vanished) snapshot.topUid = undefined;
      });
    });
  }

  /** The tree from one LIST, at once; counts follow as events (folder-counts.ts), known ones with it. */
  listFolders(): Promise<Folder[]> {
    return this.session.run(async (client) => {
      const entries = await client.list();
      const folders = buildFolderTree(entries, (entry) => this.counts.get(entry.path));
      const selectable = folders.filter((f) => f.selectable).map((f) => f.id);
      const open = this.watched ?? folders.find((f) => f.role === 'inbox')?.id;
      // A reload or new mail relists the tree: within a minute of a full pass only the open
      // folder is counted again (1,000 STATUS per new message would invite Exchange's throttle).
      this.counts.refresh(selectable, open);
      return folders;
    });
  }

  /** Resolves when the counts pass started by the last listFolders is over. */
  countsSettled(): Promise<void> {
    return this.counts.settled();
  }

  listEnvelopes(folderId: string, offset: number, limit: number): Promise<EnvelopePage> {
    this.counts.prioritise(folderId);
    return this.session.run(async (client) => {
      const { mailbox, reopened } = await examine(client, folderId);
      this.watched = folderId;
      const snapshot = await this.snapshotOf(client, folderId, mailbox, reopened);
      const total = snapshot.exists;
      if (offset >= total || limit <= 0) return { items: [], offset, total };
      const high = total - offset;
      const low = Math.max(1, high - limit + 1);
      const rows = await client.fetchAll(`${low}:${high}`, ENVELOPE_QUERY);
      rows.sort((a, b) => b.seq - a.seq);
      const top = rows[0];
      if (top && top.seq === total) snapshot.topUid = top.uid;
      return { items: rows.map((row) => toEnvelope(row, folderId, snapshot.uidValidity)), offset, total };
    });
  }

  async getMessage(folderId: string, messageId: string): Promise<MessageView> {
    const message = await this.fetchSource(folderId, messageId);
    if (!message.source) throw new AppError('UNKNOWN_MESSAGE');
    return parseMessage(message.source, { id: messageId, folderId, flags: flagsOf(message.flags) });
  }

  async parseRaw(folderId: string, messageId: string, raw: Buffer): Promise<MessageView> {
    const { uid } = parseMessageId(messageId);
    // The flags, as they are now (the bytes came by BODY.PEEK, which never changes them).
    const flags = await this.downloads().run(async (client) => {
      await examine(client, folderId);
      const row = await client.fetchOne(String(uid), { uid: true, flags: true }, { uid: true });
      if (!row) throw new AppError('UNKNOWN_MESSAGE');
      return row.flags;
    });
    return parseMessage(raw, { id: messageId, folderId, flags: flagsOf(flags) });
  }

  async getRaw(folderId: string, messageId: string): Promise<Buffer> {
    const message = await this.fetchSource(folderId, messageId);
    if (!message.source) throw new AppError('UNKNOWN_MESSAGE');
    return message.source;
  }

  search(folderId: string, query: ImapSearchQuery, offset: number, limit: number): Promise<EnvelopePage> {
    const parsed = ImapSearchQuery.safeParse(query);
    if (!parsed.success) {
      return Promise.reject(new AppError('INVALID_REQUEST', 'The search could not be understood.'));
    }
    const key = `${folderId}\n${JSON.stringify(parsed.data)}`;
    // Pages of one search share its fate; a different search in the folder makes the old moot.
    let search = this.running.get(folderId);
    if (search?.key !== key) {
      search?.controller.abort();
      search = { key, controller: new AbortController(), inflight: 0 };
      this.running.set(folderId, search);
    }
    const running = search;
    running.inflight++;
    const { controller } = running;
    const done = () => {
      if (--running.inflight === 0 && this.running.get(folderId) === running) this.running.delete(folderId);
    };
    return this.session
      .run(
        async (client) => {
          const { mailbox } = await examine(client, folderId);
          let cached = this.lastSearch;
          // A new search (offset 0) asks the server again; further pages page through the same
          // result, so the user's position holds while mail arrives.
          if (offset === 0 || !cached || cached.key !== key || cached.uidValidity !== mailbox.uidValidity) {
            const uids = await searchUids(client, parsed.data);
            cached = { key, uidValidity: mailbox.uidValidity, uids };
            this.lastSearch = cached;
          }
          const total = cached.uids.length;
          const page = cached.uids.slice(offset, offset + Math.max(0, limit));
          if (page.length === 0) return { items: [], offset, total };
          const rows = await client.fetchAll(page.join(','), ENVELOPE_QUERY, { uid: true });
          rows.sort((a, b) => b.uid - a.uid);
          return { items: rows.map((row) => toEnvelope(row, folderId, mailbox.uidValidity)), offset, total };
        },
        { signal: controller.signal },
      )
      .finally(done);
  }

  cancelSearch(folderId: string): boolean {
    const search = this.running.get(folderId);
    if (!search) return false;
    this.running.delete(folderId);
    search.controller.abort();
    return true;
  }

  async refresh(folderId: string): Promise<void> {
    this.snapshots.delete(folderId);
    this.lastSearch = undefined;
    // The server reports new mail in the selected folder only in answer to a command (untagged
    // EXISTS); NOOP asks for it, so the next page sees the folder as it is now.
    await this.session.run(async (client) => {
      if (client.mailbox && client.mailbox.path === folderId) await client.noop();
    });
  }

  subscribe(listener: (event: SourceEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.counts.stop();
    this.listeners.clear();
    this.snapshots.clear();
    await Promise.all([this.session.close(), this.downloadSession?.close(), this.pool.close()]);
  }

  /**
   * Message bodies go over a second connection, opened on first use, so a 50 MB message never
   * holds up the list, folder counts or search (one IMAP connection runs one command at a time).
   */
  private downloads(): ImapSession {
    this.downloadSession ??= new ImapSession({
      ...this.sessionOptions,
      reconnectInBackground: false,
      onStatus: this.status.fromHelper,
    });
    return this.downloadSession;
  }

  private emit(event: SourceEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  /**
   * After a reconnect: select the watched folder again, so IDLE resumes there, and report mail that
   * arrived while the connection was down.
   */
  private async resumeWatch(client: ReadOnlyImapFlow): Promise<void> {
    const folderId = this.watched;
    if (!folderId) return;
    const { mailbox, reopened } = await examine(client, folderId);
    const snapshot = this.snapshots.get(folderId);
    if (!snapshot) return;
    const current = await this.snapshotOf(client, folderId, mailbox, reopened);
    if (mailbox.exists > current.exists)
      this.emit({ type: 'folder.changed', folderId, total: mailbox.exists });
  }

  private async snapshotOf(
    client: ReadOnlyImapFlow,
    folderId: string,
    mailbox: MailboxObject,
    reopened: boolean,
  ): Promise<Snapshot> {
    const known = this.snapshots.get(folderId);
    if (!known || known.uidValidity !== mailbox.uidValidity) {
      const fresh: Snapshot = { uidValidity: mailbox.uidValidity, exists: mailbox.exists, topUid: undefined };
      this.snapshots.set(folderId, fresh);
      return fresh;
    }
    if (!reopened && known.topUid !== undefined) return known;
    // The folder was not selected for a while (another folder, a reconnect): expunges in that time
    // went unseen. The snapshot holds iff its newest UID is still at its sequence number.
    if (known.topUid === undefined) {
      if (mailbox.exists < known.exists) known.exists = mailbox.exists;
      return known;
    }
    if (known.exists <= mailbox.exists && known.exists > 0) {
      const at = await client.fetchOne(String(known.exists), { uid: true });
      if (at && at.uid === known.topUid) return known;
    }
    // Rare: count what is left of the snapshot (every UID up to its newest), O(folder) once.
    const left = await client.search({ uid: `1:${known.topUid}` }, { uid: true });
    known.exists = Array.isArray(left) ? left.length : 0;
    known.topUid = undefined;
    return known;
  }

  /**
   * The message as a stream, fetched slice by slice on the download connection, which it holds
   * until the stream ends or its reader stops: a save writes to disk as the bytes arrive, with
   * progress, and never holds the message in memory.
   */
  openRaw(folderId: string, messageId: string): Promise<RawStream> {
    const { uidValidity, uid } = parseMessageId(messageId);
    return new Promise<RawStream>((resolve, reject) => {
      let started = false;
      const out = new PassThrough();
      this.downloads()
        .run(async (client) => {
          // A retry after a drop must not start a second stream into the same reader.
          if (started) return;
          const { mailbox } = await examine(client, folderId);
          if (mailbox.uidValidity !== uidValidity) throw new AppError('UNKNOWN_MESSAGE');
          // Whole-message download is `source: { start, maxLength }`: BODY.PEEK[]<…> (the guard checks).
          const download = await client.download(String(uid), undefined, {
            uid: true,
            chunkSize: STREAM_CHUNK_BYTES,
          });
          if (!download.content) throw new AppError('UNKNOWN_MESSAGE');
          started = true;
          resolve({ stream: out, size: download.meta.expectedSize ?? null });
          try {
            await pipeline(download.content, out);
          } catch (error) {
            // The reader stopped (a cancelled save) or the connection went: end this stream only.
            out.destroy(error instanceof AppError ? error : toStreamError(error));
          }
        })
        .catch((error: unknown) => {
          if (!started) reject(error);
          else out.destroy(error instanceof Error ? error : new AppError('CONNECTION_LOST'));
        });
    });
  }

  private async fetchSource(folderId: string, messageId: string): Promise<FetchMessageObject> {
    const { uidValidity, uid } = parseMessageId(messageId);
    return this.downloads().run(async (client) => {
      const { mailbox } = await examine(client, folderId);
      if (mailbox.uidValidity !== uidValidity) throw new AppError('UNKNOWN_MESSAGE');
      // source: true is BODY.PEEK[] in imapflow (commands/fetch.js setBodyPeek): \Seen stays unset.
      const message = await client.fetchOne(
        String(uid),
        { uid: true, flags: true, source: true },
        { uid: true },
      );
      if (!message || !message.source) throw new AppError('UNKNOWN_MESSAGE');
      return message;
    });
  }
}

function toStreamError(error: unknown): Error {
  if (error instanceof Error && error.name === 'AbortError') return error;
  return new AppError('CONNECTION_LOST', undefined, undefined, { cause: error });
}
