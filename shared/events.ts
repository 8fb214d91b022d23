import { z } from 'zod';
import { ErrorInfo } from './errors';
import { FolderHits, SearchId } from './find';

/**
 * What the trusted side has to tell the renderer without being asked: a mailbox connection going
 * down and coming back, new mail in a folder. The renderer collects them with `events.next`, a long
 * poll on the same invoke-only contract as everything else, so the preload gains no second door
 * (no ipcRenderer.on exposed to the page) and the harness needs no second protocol.
 */

/** A remote source's connection, as the status bar shows it. */
export const ConnectionState = z.enum(['connecting', 'ready', 'reconnecting', 'throttled', 'offline']);
export type ConnectionState = z.infer<typeof ConnectionState>;

const sourceId = z.string().min(1).max(512);

/** One folder's counts, as the server's STATUS gave them. */
export const FolderCount = z.object({
  folderId: z.string().min(1).max(4096),
  total: z.number().int().nonnegative(),
  unread: z.number().int().nonnegative(),
});
export type FolderCount = z.infer<typeof FolderCount>;

export const AppEvent = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('source.status'),
    sourceId,
    state: ConnectionState,
    /** Retry number while reconnecting or throttled (1 = first retry). */
    attempt: z.number().int().positive().optional(),
    /** Milliseconds until the next try. */
    retryInMs: z.number().int().nonnegative().optional(),
  }),
  z.object({
    type: z.literal('folder.changed'),
    sourceId,
    folderId: z.string().min(1).max(4096),
    /** Messages in the folder now, as the server reported them. */
    total: z.number().int().nonnegative(),
  }),
  /**
   * Folder counts of a big mailbox, arriving after its tree (the open folder's first, alone):
   * `done` of `of` folders are counted so far; the pass is over when they are equal.
   */
  z.object({
    type: z.literal('folder.counts'),
    sourceId,
    counts: z.array(FolderCount).max(1000),
    done: z.number().int().nonnegative(),
    of: z.number().int().nonnegative(),
  }),
  /**
   * The OS or the app menu asks to open a file or folder (File → Open, a double-clicked .eml, a
   * file dropped on the Dock icon): the renderer opens it as if typed into the Open dialog.
   */
  z.object({
    type: z.literal('open.path'),
    path: z.string().min(1).max(4096),
  }),
  /**
   * Something escaped every handler in the process hosting the engine and was caught at the last
   * line of defence (logged there, redacted); the app goes on. Sent once per process: no details,
   * which could carry message content or secrets.
   */
  /**
   * How far a save or a big-message download has read (bytes of total), under the operation id the
   * renderer chose for it: at most every 200 ms while it runs, and once more, `running: false`,
   * when it has ended (done, failed or cancelled).
   */
  z.object({
    type: z.literal('transfer.progress'),
    operationId: z.string().min(1).max(64),
    bytes: z.number().int().nonnegative(),
    total: z.number().int().nonnegative().nullable(),
    running: z.boolean(),
  }),
  /**
   * A search in every folder or a Message-ID lookup (shared/find.ts) found something in a folder,
   * or could not search it (`error`): one event per such folder, as each finishes.
   */
  FolderHits.extend({
    type: z.literal('search.folder'),
    searchId: SearchId,
    error: ErrorInfo.optional(),
  }),
  /**
   * How many folders of a fan-out are done, of how many: at most every 200 ms while it runs, and
   * once more, `running: false`, when it has ended (done, failed or cancelled).
   */
  z.object({
    type: z.literal('search.progress'),
    searchId: SearchId,
    done: z.number().int().nonnegative(),
    total: z.number().int().nonnegative(),
    running: z.boolean(),
  }),
  /** The desktop app's menu asks for something the page does (Find by Message-ID…). */
  z.object({
    type: z.literal('app.command'),
    command: z.enum(['find-message-id']),
  }),
  z.object({
    type: z.literal('engine.fault'),
    kind: z.enum(['exception', 'rejection']),
  }),
]);
export type AppEvent = z.infer<typeof AppEvent>;

export type TransferProgressEvent = Extract<AppEvent, { type: 'transfer.progress' }>;
export type SearchFolderEvent = Extract<AppEvent, { type: 'search.folder' }>;
export type SearchProgressEvent = Extract<AppEvent, { type: 'search.progress' }>;

/** An event as a source emits it; the service adds which source it came from. */
export type SourceEvent =
  | Omit<Extract<AppEvent, { type: 'source.status' }>, 'sourceId'>
  | Omit<Extract<AppEvent, { type: 'folder.changed' }>, 'sourceId'>
  | Omit<Extract<AppEvent, { type: 'folder.counts' }>, 'sourceId'>;

export const EventBatch = z.object({
  /** Pass this as `after` in the next call. */
  cursor: z.number().int().nonnegative(),
  events: z.array(AppEvent),
  /**
   * Events were dropped between the caller's cursor and these (it fell too far behind, or the
   * engine restarted): state built from events should be fetched again.
   */
  missed: z.boolean(),
});
export type EventBatch = z.infer<typeof EventBatch>;

/** The longest a caller may ask `events.next` to wait for something to happen. */
export const MAX_EVENT_WAIT_MS = 30_000;
