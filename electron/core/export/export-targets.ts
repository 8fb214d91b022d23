import { randomBytes } from 'node:crypto';
import { AppError } from '../common/app-error';

/** Long enough to export, cancel and resume from one dialog; forgotten after. */
export const EXPORT_TARGET_TTL_MS = 60 * 60 * 1000;
const MAX_TARGETS = 16;

/**
 * Export destinations the user chose, by opaque id. Unlike a save handle an id may be used again
 * (a resume after a cancel or a dropped connection runs into the same folder), but only for the
 * path it was issued for and only for an hour.
 */
export class ExportTargets {
  private readonly issued = new Map<string, { path: string; expires: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  issue(path: string): string {
    this.sweep();
    while (this.issued.size >= MAX_TARGETS) {
      const oldest = this.issued.keys().next().value;
      if (oldest === undefined) break;
      this.issued.delete(oldest);
    }
    const id = randomBytes(24).toString('base64url');
    this.issued.set(id, { path, expires: this.now() + EXPORT_TARGET_TTL_MS });
    return id;
  }

  path(id: string): string {
    this.sweep();
    const entry = this.issued.get(id);
    if (!entry) {
      throw new AppError(
        'SAVE_TARGET_REFUSED',
        'That export destination is no longer valid.',
        'Choose the folder again.',
      );
    }
    return entry.path;
  }

  private sweep(): void {
    const now = this.now();
    for (const [id, entry] of this.issued) if (entry.expires <= now) this.issued.delete(id);
  }
}
