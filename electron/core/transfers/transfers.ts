import { type Readable, Transform } from 'node:stream';
import { AppError } from '../app-error';

export interface TransferProgress {
  /** Bytes read so far. */
  readonly bytes: number;
  /** The message's size, when the source knows it. */
  readonly total: number | null;
  readonly running: boolean;
}

interface Running {
  bytes: number;
  total: number | null;
  readonly controller: AbortController;
}

/** Finished saves are remembered this long, so a last progress poll still finds them. */
const KEEP_FINISHED = 64;

/**
 * The transfers in progress (saves to disk and big-message downloads), by the operation id the
 * renderer chose: how far each has read, and a way to stop it. A cancelled transfer fails with
 * CANCELLED and, like any failed save, leaves no file.
 */
export class Transfers {
  private readonly running = new Map<string, Running>();
  private readonly finished: string[] = [];

  /**
   * Counts the bytes that flow through `raw` under `id` and stops them when the save is cancelled.
   * Without an id (a caller that does not track progress), `raw` is returned as it is.
   */
  track(id: string | undefined, raw: Readable, total: number | null): { stream: Readable; done: () => void } {
    if (!id) return { stream: raw, done: () => undefined };
    const state: Running = { bytes: 0, total, controller: new AbortController() };
    this.running.set(id, state);
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        state.bytes += chunk.length;
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
        this.finished.push(id);
        if (this.finished.length > KEEP_FINISHED) this.running.delete(this.finished.shift() ?? '');
      },
    };
  }

  progress(id: string): TransferProgress {
    const state = this.running.get(id);
    if (!state) return { bytes: 0, total: null, running: false };
    return { bytes: state.bytes, total: state.total, running: !this.finished.includes(id) };
  }

  /** True when a running transfer was told to stop. */
  cancel(id: string): boolean {
    const state = this.running.get(id);
    if (!state || this.finished.includes(id) || state.controller.signal.aborted) return false;
    state.controller.abort();
    return true;
  }
}
