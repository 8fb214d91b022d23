import { type Readable, Transform } from 'node:stream';
import type { TransferProgressEvent } from '../../../shared/events';
import { AppError } from '../common/app-error';

export interface TransfersOptions {
  /** Where progress goes (the event hub); without it, transfers are only counted and cancellable. */
  publish?: (event: TransferProgressEvent) => void;
  /** The least time between two progress events of one transfer, the last one aside (default 200 ms). */
  intervalMs?: number;
}

interface Running {
  bytes: number;
  readonly total: number | null;
  readonly controller: AbortController;
  ended: boolean;
  /** When the last progress event went out, and the one waiting to go out after it. */
  sentAt: number;
  pending: ReturnType<typeof setTimeout> | null;
}

/**
 * The transfers in progress (saves to disk and big-message downloads), by the operation id the
 * renderer chose: each publishes how far it has read, throttled, and can be stopped. A cancelled
 * transfer fails with CANCELLED and, like any failed save, leaves no file.
 */
export class Transfers {
  private readonly running = new Map<string, Running>();
  /** Transfers of many streams (exports), which report their own progress: only their stop is here. */
  private readonly jobs = new Map<string, AbortController>();
  private readonly publish: (event: TransferProgressEvent) => void;
  private readonly intervalMs: number;

  constructor(options: TransfersOptions = {}) {
    this.publish = options.publish ?? (() => undefined);
    this.intervalMs = options.intervalMs ?? 200;
  }

  /**
   * Counts the bytes that flow through `raw` under `id` and stops them when the transfer is
   * cancelled. Without an id (a caller that does not track progress), `raw` is returned as it is.
   * `done()` ends it: its final progress goes out, and it can no longer be cancelled.
   */
  track(id: string | undefined, raw: Readable, total: number | null): { stream: Readable; done: () => void } {
    if (!id) return { stream: raw, done: () => undefined };
    const state: Running = {
      bytes: 0,
      total,
      controller: new AbortController(),
      ended: false,
      sentAt: Number.NEGATIVE_INFINITY,
      pending: null,
    };
    this.running.set(id, state);
    const counter = new Transform({
      transform: (chunk: Buffer, _encoding, callback) => {
        state.bytes += chunk.length;
        this.report(id, state);
        callback(null, chunk);
      },
    });
    raw.on('error', (error) => counter.destroy(error));
    // Whoever reads the counter may stop early (a failed write): the source must close too.
    counter.on('close', () => raw.destroy());
    raw.pipe(counter);
    state.controller.signal.addEventListener('abort', () => {
      raw.destroy();
      counter.destroy(new AppError('CANCELLED'));
    });
    return {
      stream: counter,
      done: () => {
        if (this.running.get(id) !== state) return;
        this.running.delete(id);
        state.ended = true;
        if (state.pending) clearTimeout(state.pending);
        this.send(id, state);
      },
    };
  }

  /** Makes a job of many streams cancellable under `id` (transfers.cancel); done() forgets it. */
  begin(id: string): { signal: AbortSignal; done: () => void } {
    const controller = new AbortController();
    this.jobs.set(id, controller);
    return {
      signal: controller.signal,
      done: () => {
        if (this.jobs.get(id) === controller) this.jobs.delete(id);
      },
    };
  }

  /** True when a running transfer was told to stop. */
  cancel(id: string): boolean {
    const job = this.jobs.get(id);
    if (job && !job.signal.aborted) {
      job.abort();
      return true;
    }
    const state = this.running.get(id);
    if (!state || state.controller.signal.aborted) return false;
    state.controller.abort();
    return true;
  }

  /** Publishes now if the last event is old enough, else once it is (one waiting event at most). */
  private report(id: string, state: Running): void {
    if (state.pending) return;
    const wait = state.sentAt + this.intervalMs - Date.now();
    if (wait <= 0) {
      this.send(id, state);
      return;
    }
    state.pending = setTimeout(() => {
      state.pending = null;
      if (!state.ended) this.send(id, state);
    }, wait);
    // A progress event must never keep a stopping process alive.
    state.pending.unref?.();
  }

  private send(id: string, state: Running): void {
    state.sentAt = Date.now();
    this.publish({
      type: 'transfer.progress',
      operationId: id,
      bytes: state.bytes,
      total: state.total,
      running: !state.ended,
    });
  }
}
