import { IssuedHandles } from '../common/issued-handles';

/** What a handle stands for: a file the save dialog chose, or a folder for "Save all". */
export type SaveHandleKind = 'file' | 'folder';

interface Issued {
  readonly path: string;
  readonly kind: SaveHandleKind;
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
  private readonly issued: IssuedHandles<Issued>;

  constructor(now?: () => number) {
    this.issued = new IssuedHandles(
      {
        ttlMs: SAVE_HANDLE_TTL_MS,
        max: MAX_OUTSTANDING,
        refusal: {
          message: 'That save location is no longer valid.',
          hint: 'Choose Save again and pick the place in the dialog.',
        },
      },
      now,
    );
  }

  issue(path: string, kind: SaveHandleKind): string {
    return this.issued.issue({ path, kind });
  }

  /** The path behind `handle`, which is used up by this call; SAVE_TARGET_REFUSED if there is none. */
  take(handle: string, kind: SaveHandleKind): string {
    return this.issued.take(handle, (entry) => entry.kind === kind).path;
  }
}
