import type { FolderCount } from '../../../shared/events';
import { AppError } from '../common/app-error';
import type { ConnectionPool } from './connection-pool';
import type { ReadOnlyImapFlow } from './read-only-guard';
import type { ServerGate } from './server-busy';

/**
 * Folder counts (messages, unread) for a mailbox of any size, fetched after its tree is shown.
 *
 * imapflow keeps one command in flight per connection (its queue sends the next command only after
 * the previous one's tagged reply), so "pipelined" STATUS on one connection is still one round trip
 * per folder, and Exchange Online offers no LIST-STATUS (RFC 5819). The counts are therefore spread
 * over the mailbox's connection budget (`ConnectionPool`): each lane takes a chunk of folders, one
 * STATUS after another, and hands the session back between chunks so a search or an export sharing
 * the budget gets its turn. The open folder goes first, alone, on the browsing session (already
 * connected, and it is what the user looks at), which then helps in small chunks until the first pool
 * session is ready; a folder the user opens meanwhile jumps the queue.
 * Results are published in batches, so 1,000 folders are a dozen events, not a thousand.
 */

export interface CountsBatch {
  counts: FolderCount[];
  /** Folders counted (or given up on) so far in this pass, and how many the pass has. */
  done: number;
  of: number;
}

export interface FolderCountsOptions {
  pool: Pick<ConnectionPool, 'run' | 'limit'>;
  /** The mailbox's throttle: a lane waits it out before each STATUS, not only between chunks. */
  gate?: ServerGate | undefined;
  /** Runs one operation on the browsing session (the open folder's count). */
  browse: <T>(operation: (client: ReadOnlyImapFlow) => Promise<T>) => Promise<T>;
  emit: (batch: CountsBatch) => void;
  /** Folders per pool operation (default 25). */
  chunk?: number;
  /** Longest a count waits for others to share its event (default 50 ms). */
  flushMs?: number;
  /** A relist this long after the last full pass counts every folder again (default 60 s). */
  fullAfterMs?: number;
  /** A lane more every this long while folders are left, up to the budget (default 400 ms; 0: all at once). */
  rampMs?: number;
}

/** Folders the browsing session counts at a time while the pool connects: a click waits for no more. */
const BRIDGE_CHUNK = 10;

/** STATUS answered nothing for this folder (imapflow returns false instead of throwing). */
class CountUnavailable extends Error {
  constructor(readonly folderId: string) {
    super('STATUS gave no answer');
  }
}

interface Pass {
  queue: string[];
  of: number;
  done: number;
  pending: FolderCount[];
  timer: NodeJS.Timeout | undefined;
  /** Lanes started and not failed. */
  lanes: number;
  /** Adds lanes while folders are left (see rampMs). */
  ramp: NodeJS.Timeout | undefined;
  /** The event saying done === of has gone out. */
  ended: boolean;
  /** A pool session has started counting: the browsing session stops helping (see bridge). */
  pooled: boolean;
  controller: AbortController;
  settled: Promise<void>;
}

async function statusOf(client: ReadOnlyImapFlow, folderId: string): Promise<FolderCount> {
  const status = await client.status(folderId, { messages: true, unseen: true });
  if (!status) throw new CountUnavailable(folderId);
  return { folderId, total: status.messages ?? 0, unread: status.unseen ?? 0 };
}

export class FolderCounts {
  private readonly known = new Map<string, FolderCount>();
  private pass: Pass | undefined;
  private readonly chunk: number;
  private readonly flushMs: number;
  private readonly fullAfterMs: number;
  private readonly rampMs: number;
  /** A count of the open folder alone, running beside the pass (see refresh). */
  private single: Promise<void> = Promise.resolve();
  /** The last full pass: which folders, and when it started. */
  private full: { key: string; at: number } | undefined;

  constructor(private readonly options: FolderCountsOptions) {
    this.chunk = options.chunk ?? 25;
    this.flushMs = options.flushMs ?? 50;
    this.fullAfterMs = options.fullAfterMs ?? 60_000;
    this.rampMs = options.rampMs ?? 400;
  }

  /** The last count fetched for a folder, if any. */
  get(folderId: string): FolderCount | undefined {
    return this.known.get(folderId);
  }

  /**
   * Starts counting `folderIds` (`first` before the others), replacing a pass still running. It
   * returns at once: counts arrive through `emit`.
   */
  start(folderIds: readonly string[], first: string | undefined): void {
    this.stop();
    const rest = folderIds.filter((id) => id !== first);
    const controller = new AbortController();
    const pass: Pass = {
      queue: rest,
      of: rest.length + (first !== undefined && folderIds.includes(first) ? 1 : 0),
      done: 0,
      pending: [],
      timer: undefined,
      lanes: 0,
      ramp: undefined,
      ended: false,
      pooled: false,
      controller,
      settled: Promise.resolve(),
    };
    this.pass = pass;
    const lanes = Math.max(0, Math.min(this.options.pool.limit, Math.ceil(rest.length / this.chunk)));
    const running: Promise<void>[] = [];
    const addLane = () => {
      pass.lanes++;
      running.push(this.lane(pass));
    };
    // Started once the tree has gone on its way: setting up the lanes' connections (TLS, a new
    // imapflow each) would otherwise run before the caller sees the tree.
    pass.settled = new Promise<void>((resolve) => setImmediate(resolve))
      .then(async () => {
        const opening = (
          first !== undefined && folderIds.includes(first) ? this.countFirst(pass, first) : Promise.resolve()
        ).then(() => this.bridge(pass));
        // One lane at once, one more every rampMs while folders are left: a fast server is done
        // before more connections would pay for themselves (on loopback a second TLS sign-in
        // costs more than the STATUS it saves), a distant one gets the whole budget.
        if (lanes > 0) addLane();
        if (this.rampMs === 0) while (pass.lanes < lanes) addLane();
        else {
          pass.ramp = setInterval(() => {
            if (pass.lanes < lanes && pass.queue.length > 0 && !controller.signal.aborted) addLane();
            else clearInterval(pass.ramp);
          }, this.rampMs);
        }
        for (let seen = 0; seen < running.length;) {
          const batch = running.slice(seen);
          seen = running.length;
          await Promise.all(batch);
        }
        await opening;
      })
      .catch(() => controller.abort())
      .finally(() => {
        clearInterval(pass.ramp);
        this.flush(pass);
      });
  }

  /**
   * Counts after a relist: every folder when the last full pass started more than `fullAfterMs`
   * ago (or the folders changed), else only `open`, on its own, beside a pass still running.
   */
  refresh(folderIds: readonly string[], open: string | undefined): void {
    const key = folderIds.join('\n');
    const fresh = this.full && this.full.key === key && Date.now() - this.full.at < this.fullAfterMs;
    if (!fresh) {
      this.full = { key, at: Date.now() };
      this.start(folderIds, open);
    } else if (open !== undefined && folderIds.includes(open)) {
      this.single = this.countOne(open);
    }
  }

  private async countOne(folderId: string): Promise<void> {
    try {
      const count = await this.options.browse((client) => statusOf(client, folderId));
      this.known.set(folderId, count);
      const progress = this.pass ?? { done: 1, of: 1 };
      this.options.emit({ counts: [count], done: progress.done, of: progress.of });
    } catch {
      // The count the tree came with stays; the next full pass tries again.
    }
  }

  /** Moves a folder to the front of the running pass (the user opened it). */
  prioritise(folderId: string): void {
    const queue = this.pass?.queue;
    const at = queue?.indexOf(folderId) ?? -1;
    if (!queue || at <= 0) return;
    queue.splice(at, 1);
    queue.unshift(folderId);
  }

  /** Resolves when the running pass has counted every folder (or given up), and any single count. */
  async settled(): Promise<void> {
    await Promise.all([this.pass?.settled, this.single]);
  }

  stop(): void {
    const pass = this.pass;
    if (!pass) return;
    this.pass = undefined;
    pass.controller.abort();
    clearInterval(pass.ramp);
    if (pass.timer) clearTimeout(pass.timer);
  }

  private async countFirst(pass: Pass, folderId: string): Promise<void> {
    if (pass.controller.signal.aborted) return;
    try {
      const count = await this.options.browse((client) => statusOf(client, folderId));
      this.record(pass, count);
    } catch {
      pass.done++;
    }
    // Alone in its own event: what the user is looking at does not wait for the others.
    this.flush(pass);
  }

  /**
   * While the first pool session is still connecting (TLS, sign-in: on a fast server that costs
   * more than hundreds of STATUS), the browsing session, already connected and idle, counts small
   * chunks; it stops as soon as a pool session starts, so a click waits at most one small chunk.
   */
  private async bridge(pass: Pass): Promise<void> {
    while (!pass.pooled && pass.queue.length > 0 && !pass.controller.signal.aborted) {
      const chunk = pass.queue.splice(0, BRIDGE_CHUNK);
      try {
        await this.options.browse((client) => this.countChunk(pass, client, chunk));
      } catch (error) {
        const cause = error instanceof AppError ? error.cause : error;
        if (!(cause instanceof CountUnavailable)) {
          // The pool lanes take it from here.
          pass.queue.unshift(...chunk);
          return;
        }
        pass.done++;
        chunk.shift();
        pass.queue.unshift(...chunk);
      }
    }
  }

  /** Counts `chunk` in order on one session, taking each folder off it once counted. */
  private async countChunk(pass: Pass, client: ReadOnlyImapFlow, chunk: string[]): Promise<void> {
    // A retry after a throttle wait goes on from the first folder not yet counted.
    while (chunk.length > 0) {
      const gate = this.options.gate;
      if (gate && gate.remainingMs > 0) await gate.wait(pass.controller.signal);
      const folderId = chunk[0] as string;
      this.record(pass, await statusOf(client, folderId));
      chunk.shift();
    }
  }

  private async lane(pass: Pass): Promise<void> {
    while (pass.queue.length > 0 && !pass.controller.signal.aborted) {
      const chunk = pass.queue.splice(0, this.chunk);
      try {
        await this.options.pool.run(
          async (client) => {
            pass.pooled = true;
            await this.countChunk(pass, client, chunk);
          },
          { signal: pass.controller.signal },
        );
      } catch (error) {
        const cause = error instanceof AppError ? error.cause : error;
        if (!(cause instanceof CountUnavailable)) {
          // This lane's connection gave up (refused for too many connections, say): the others
          // take its folders; only when none is left does the pass stop.
          pass.queue.unshift(...chunk);
          if (--pass.lanes > 0 && !pass.controller.signal.aborted) return;
          throw error;
        }
        // That folder has no count (gone since LIST, say); the rest of its chunk goes on.
        pass.done++;
        chunk.shift();
        pass.queue.unshift(...chunk);
      }
    }
  }

  private record(pass: Pass, count: FolderCount): void {
    if (this.pass !== pass) return;
    this.known.set(count.folderId, count);
    pass.done++;
    pass.pending.push(count);
    if (pass.pending.length >= 100) this.flush(pass);
    else pass.timer ??= setTimeout(() => this.flush(pass), this.flushMs);
  }

  private flush(pass: Pass): void {
    if (pass.timer) clearTimeout(pass.timer);
    pass.timer = undefined;
    if (this.pass !== pass) return;
    const counts = pass.pending.splice(0);
    // The last event of a pass goes out even when empty: it says the pass is over.
    if (counts.length === 0 && (pass.done < pass.of || pass.ended)) return;
    pass.ended = pass.done >= pass.of;
    this.options.emit({ counts, done: pass.done, of: pass.of });
  }
}
