import type { SearchProgressEvent } from '../../../shared/events';

/**
 * The fan-outs running now, by the id the renderer chose, so `messages.cancelSearch({ searchId })`
 * can stop one. Starting an id that is still running stops the old run first.
 */
export class RunningSearches {
  private readonly running = new Map<string, AbortController>();

  start(searchId: string): AbortSignal {
    this.running.get(searchId)?.abort();
    const controller = new AbortController();
    this.running.set(searchId, controller);
    return controller.signal;
  }

  /** Forgets the run that `signal` belongs to (a newer run under the same id stays). */
  end(searchId: string, signal: AbortSignal): void {
    if (this.running.get(searchId)?.signal === signal) this.running.delete(searchId);
  }

  cancel(searchId: string): boolean {
    const controller = this.running.get(searchId);
    if (!controller) return false;
    this.running.delete(searchId);
    controller.abort();
    return true;
  }
}

/**
 * Publishes how many folders of a fan-out are done: at most every `intervalMs` while it runs (a
 * thousand folders must not mean a thousand events), and always once when it ends.
 */
export class FolderProgress {
  private done = 0;
  private sentAt = Number.NEGATIVE_INFINITY;
  private pending: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly searchId: string,
    private readonly total: number,
    private readonly publish: (event: SearchProgressEvent) => void,
    private readonly intervalMs: number,
  ) {
    this.send(true);
  }

  step(): void {
    this.done++;
    if (this.pending) return;
    const wait = this.sentAt + this.intervalMs - Date.now();
    if (wait <= 0) {
      this.send(true);
      return;
    }
    this.pending = setTimeout(() => {
      this.pending = null;
      this.send(true);
    }, wait);
    this.pending.unref?.();
  }

  end(): void {
    if (this.pending) clearTimeout(this.pending);
    this.pending = null;
    this.send(false);
  }

  private send(running: boolean): void {
    this.sentAt = Date.now();
    this.publish({
      type: 'search.progress',
      searchId: this.searchId,
      done: this.done,
      total: this.total,
      running,
    });
  }
}
