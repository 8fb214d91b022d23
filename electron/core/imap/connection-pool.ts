import { DEFAULT_CONNECTIONS, MAX_CONNECTIONS } from '../../../shared/profile';
import { AppError } from '../common/app-error';
import type { ReadOnlyImapFlow } from './read-only-guard';
import type { ImapSession, RunOptions } from './session';

/**
 * The connection budget of one mailbox: the extra IMAP sessions that fan-outs (search in every
 * folder, Message-ID lookup, export, folder counts) may hold at once. Exchange Online limits how
 * many connections one mailbox may have (undocumented; reported as 16–20, shared with every other
 * client of that mailbox), so Mailscope takes few, and the user can change how many per profile.
 *
 * The browsing session (folder list, message list, IDLE) and the download session (message
 * bodies) are not part of the pool: however busy a fan-out is, clicking a folder or a message
 * never waits behind it. A mailbox therefore holds at most `limit + 2` connections.
 *
 * Sessions are opened on demand, never more than `limit` at once, handed to one operation at a
 * time (an IMAP connection runs one command at a time, and each operation EXAMINEs its own
 * folder), kept for the next operation, and logged out after `idleMs` unused. Each is an
 * `ImapSession`: read-only guard, XOAUTH2 with the profile's cached token (the same TokenSource as
 * the browsing session, so a fan-out asks for no new token), retry with backoff on drops and
 * throttling replies.
 */

/** Sessions a fan-out may use per mailbox when the profile does not say (`Profile.connections`). */
export const DEFAULT_CONNECTION_BUDGET = DEFAULT_CONNECTIONS;
/** The most a profile may ask for: below the 16 Exchange is reported to allow, with room for others. */
export const MAX_CONNECTION_BUDGET = MAX_CONNECTIONS;

export interface ConnectionPoolOptions {
  /** Sessions the pool may hold open at once (1 to MAX_CONNECTION_BUDGET). */
  limit: number;
  /** Makes one more session (read-only, not reconnecting in the background); the pool closes it. */
  openSession: () => ImapSession;
  /** A session unused this long is logged out, since the server counts idle ones too (default 30 s). */
  idleMs?: number;
}

export interface PoolStats {
  /** Sessions open now (busy or idle). */
  open: number;
  /** Sessions running an operation now. */
  busy: number;
  /** Operations waiting for a session. */
  waiting: number;
  /** The most sessions ever open at once: never above the limit. */
  peak: number;
  /** Sessions made so far (a closed idle one is made again on demand). */
  created: number;
}

interface Waiter {
  resolve: (session: ImapSession) => void;
  reject: (error: AppError) => void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
}

/** Checks a budget from a profile or a caller; the message names the setting and its range. */
export function checkConnectionBudget(limit: number): number {
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_CONNECTION_BUDGET) {
    throw new AppError(
      'INVALID_REQUEST',
      `Connections for searches and exports: ${String(limit)} is not a whole number from 1 to ${MAX_CONNECTION_BUDGET}.`,
      `Edit the profile (Advanced) and enter 1 to ${MAX_CONNECTION_BUDGET}; ${DEFAULT_CONNECTION_BUDGET} is the default.`,
    );
  }
  return limit;
}

export class ConnectionPool {
  readonly limit: number;
  private readonly openSession: () => ImapSession;
  private readonly idleMs: number;
  private readonly idle: ImapSession[] = [];
  private readonly idleTimers = new Map<ImapSession, NodeJS.Timeout>();
  private readonly waiters: Waiter[] = [];
  private busy = 0;
  private peak = 0;
  private created = 0;
  private closed = false;
  private readonly closing = new Set<Promise<void>>();

  constructor(options: ConnectionPoolOptions) {
    this.limit = checkConnectionBudget(options.limit);
    this.openSession = options.openSession;
    this.idleMs = options.idleMs ?? 30_000;
  }

  /**
   * Runs one operation on a session of the pool, waiting (first come, first served) while all
   * `limit` are busy. The operation must EXAMINE the folder it reads: the session may have another
   * one selected. Aborting the signal while waiting rejects with CANCELLED at once; while running,
   * it ends that session's connection (IMAP cannot stop a command otherwise), which the session
   * makes again on its next use.
   */
  async run<T>(operation: (client: ReadOnlyImapFlow) => Promise<T>, options: RunOptions = {}): Promise<T> {
    const session = await this.acquire(options.signal);
    try {
      return await session.run(operation, options);
    } finally {
      this.release(session);
    }
  }

  get stats(): PoolStats {
    return {
      open: this.busy + this.idle.length,
      busy: this.busy,
      waiting: this.waiters.length,
      peak: this.peak,
      created: this.created,
    };
  }

  /** Logs every session out; operations still waiting reject with CANCELLED. */
  async close(): Promise<void> {
    this.closed = true;
    for (const waiter of this.waiters.splice(0)) {
      waiter.signal?.removeEventListener('abort', waiter.onAbort);
      waiter.reject(new AppError('CANCELLED'));
    }
    for (const session of this.idle.splice(0)) this.retire(session);
    await Promise.all([...this.closing]);
  }

  private acquire(signal: AbortSignal | undefined): Promise<ImapSession> {
    if (this.closed) return Promise.reject(new AppError('UNKNOWN_SOURCE'));
    if (signal?.aborted) return Promise.reject(new AppError('CANCELLED'));
    const ready = this.idle.pop();
    if (ready) {
      this.clearIdleTimer(ready);
      this.busy++;
      return Promise.resolve(ready);
    }
    if (this.busy < this.limit) return Promise.resolve(this.make());
    return new Promise<ImapSession>((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        reject,
        signal,
        onAbort: () => {
          const at = this.waiters.indexOf(waiter);
          if (at >= 0) this.waiters.splice(at, 1);
          reject(new AppError('CANCELLED'));
        },
      };
      signal?.addEventListener('abort', waiter.onAbort, { once: true });
      this.waiters.push(waiter);
    });
  }

  private make(): ImapSession {
    const session = this.openSession();
    this.created++;
    this.busy++;
    this.peak = Math.max(this.peak, this.busy + this.idle.length);
    return session;
  }

  private release(session: ImapSession): void {
    if (this.closed) {
      this.busy--;
      this.retire(session);
      return;
    }
    const next = this.waiters.shift();
    if (next) {
      // Handed straight over: busy stays the same.
      next.signal?.removeEventListener('abort', next.onAbort);
      next.resolve(session);
      return;
    }
    this.busy--;
    this.idle.push(session);
    const timer = setTimeout(() => {
      const at = this.idle.indexOf(session);
      if (at < 0) return;
      this.idle.splice(at, 1);
      this.idleTimers.delete(session);
      this.retire(session);
    }, this.idleMs);
    // An idle session must never keep a stopping process alive.
    timer.unref();
    this.idleTimers.set(session, timer);
  }

  private clearIdleTimer(session: ImapSession): void {
    const timer = this.idleTimers.get(session);
    if (timer) clearTimeout(timer);
    this.idleTimers.delete(session);
  }

  private retire(session: ImapSession): void {
    this.clearIdleTimer(session);
    const closing = session.close().catch(() => undefined);
    this.closing.add(closing);
    void closing.finally(() => this.closing.delete(closing));
  }
}
