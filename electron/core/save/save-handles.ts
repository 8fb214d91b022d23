import { randomBytes } from 'node:crypto';
import { AppError } from '../common/app-error';

/** What a handle stands for: a file the save dialog chose, or a folder for "Save all". */
export type SaveHandleKind = 'file' | 'folder';

interface Issued {
  readonly path: string;
  readonly kind: SaveHandleKind;
  readonly expires: number;
}

/** Long enough for a person to move from the dialog to the save; short enough to be useless later. */
export const SAVE_HANDLE_TTL_MS = 10 * 60 * 1000;
/** A renderer that asks for dialogs in a loop cannot grow this map without bound. */
const MAX_OUTSTANDING = 64;

/**
 * Destinations chosen by the host's own save dialog, handed to the renderer only as opaque ids.
 * The renderer can name a handle but never a path: each id is random, bound to the one path and
 * kind the dialog answered, usable once, and forgotten after SAVE_HANDLE_TTL_MS.
 */
export class SaveHandles {
  private readonly issued = new Map<string, Issued>();

  constructor(private readonly now: () => number = Date.now) {}

  issue(path: string, kind: SaveHandleKind): string {
    this.sweep();
    while (this.issued.size >= MAX_OUTSTANDING) {
      const oldest = this.issued.keys().next().value;
      if (oldest === undefined) break;
      this.issued.delete(oldest);
    }
    const handle = randomBytes(24).toString('base64url');
    this.issued.set(handle, { path, kind, expires: this.now() + SAVE_HANDLE_TTL_MS });
    return handle;
  }

  /** The path behind `handle`, which is used up by this call; SAVE_TARGET_REFUSED if there is none. */
  take(handle: string, kind: SaveHandleKind): string {
    this.sweep();
    const entry = this.issued.get(handle);
    this.issued.delete(handle);
    if (!entry || entry.kind !== kind) {
      throw new AppError(
        'SAVE_TARGET_REFUSED',
        'That save location is no longer valid.',
        'Choose Save again and pick the place in the dialog.',
      );
    }
    return entry.path;
  }

  private sweep(): void {
    const now = this.now();
    for (const [handle, entry] of this.issued) if (entry.expires <= now) this.issued.delete(handle);
  }
}
