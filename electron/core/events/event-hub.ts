import type { AppEvent, EventBatch } from '../../../shared/events';

/**
 * The engine's outbox for `events.next`: every event gets the next sequence number and waits in a
 * bounded buffer until callers have had the chance to read it. Readers are independent (a second
 * window, a reloaded page): each passes the cursor of the last batch it saw, so nothing is consumed
 * and a slow reader only learns that it missed some (`missed`), it never holds the others back.
 */

export interface EventHubOptions {
  /** Events kept for readers that fall behind (default 1,000). */
  capacity?: number;
}

interface Stored {
  seq: number;
  event: AppEvent;
}

export class EventHub {
  private readonly capacity: number;
  private readonly buffer: Stored[] = [];
  private seq = 0;
  private readonly waiters = new Set<() => void>();

  constructor(options: EventHubOptions = {}) {
    this.capacity = options.capacity ?? 1000;
  }

  get cursor(): number {
    return this.seq;
  }

  publish(event: AppEvent): void {
    this.seq++;
    this.buffer.push({ seq: this.seq, event });
    if (this.buffer.length > this.capacity) this.buffer.splice(0, this.buffer.length - this.capacity);
    const waiting = [...this.waiters];
    this.waiters.clear();
    for (const wake of waiting) wake();
  }

  /** Events after `after`, waiting up to `waitMs` for the first one if there are none yet. */
  async next(after: number, waitMs: number): Promise<EventBatch> {
    if (after === this.seq && waitMs > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          this.waiters.delete(wake);
          resolve();
        }, waitMs);
        // A pending poll must never keep a stopping process (the harness, a test) alive.
        timer.unref?.();
        const wake = () => {
          clearTimeout(timer);
          resolve();
        };
        this.waiters.add(wake);
      });
    }
    return this.read(after);
  }

  private read(after: number): EventBatch {
    // A cursor from the future belongs to an earlier engine (the harness restarted under the page).
    const restarted = after > this.seq;
    const from = restarted ? 0 : after;
    const oldest = this.buffer[0]?.seq ?? this.seq + 1;
    const missed = restarted || (from + 1 < oldest && from < this.seq);
    return {
      cursor: this.seq,
      events: this.buffer.filter((stored) => stored.seq > from).map((stored) => stored.event),
      missed,
    };
  }
}
