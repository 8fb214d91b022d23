import { randomBytes } from 'node:crypto';
import { AppError } from './app-error';

export interface HandleRules {
  /** How long an id stays valid after it is issued. */
  readonly ttlMs: number;
  /** At most this many are kept, the oldest dropped first: a renderer asking in a loop cannot grow the map without bound. */
  readonly max: number;
  /** What SAVE_TARGET_REFUSED says when an id is unknown, expired, used up or not for this use. */
  readonly refusal: { readonly message: string; readonly hint: string };
}

/**
 * Values the host chose (a path its own dialog answered) handed to the renderer only as opaque ids:
 * the renderer can name an id but never the value. Each id is random, stands for the one value it
 * was issued for, and is forgotten after `rules.ttlMs`.
 */
export class IssuedHandles<T> {
  private readonly issued = new Map<string, { value: T; expires: number }>();

  constructor(
    private readonly rules: HandleRules,
    private readonly now: () => number = Date.now,
  ) {}

  issue(value: T): string {
    this.sweep();
    while (this.issued.size >= this.rules.max) {
      const oldest = this.issued.keys().next().value;
      if (oldest === undefined) break;
      this.issued.delete(oldest);
    }
    const id = randomBytes(24).toString('base64url');
    this.issued.set(id, { value, expires: this.now() + this.rules.ttlMs });
    return id;
  }

  /** The value behind `id`, which stays issued; refused when there is none or `accept` turns it down. */
  get(id: string, accept: (value: T) => boolean = () => true): T {
    this.sweep();
    const entry = this.issued.get(id);
    if (entry && accept(entry.value)) return entry.value;
    throw new AppError('SAVE_TARGET_REFUSED', this.rules.refusal.message, this.rules.refusal.hint);
  }

  /** As get, but `id` is used up by this call, accepted or not. */
  take(id: string, accept?: (value: T) => boolean): T {
    try {
      return this.get(id, accept);
    } finally {
      this.issued.delete(id);
    }
  }

  private sweep(): void {
    const now = this.now();
    for (const [id, entry] of this.issued) if (entry.expires <= now) this.issued.delete(id);
  }
}
