import { randomBytes } from 'node:crypto';
import { FRAME_ID } from '../../shared/frame';

/**
 * The message documents the reader's frame loads from the frame origin (shared/frame.ts): the
 * renderer hands over a sanitised document, gets back an unguessable URL, and the host (Electron's
 * protocol handler, the harness's frame listener) serves it from here. Only the few most recent
 * are kept: a frame reloads its document (a theme change makes a new one), nothing else does.
 */

export interface FrameDocument {
  html: string;
  allowRemote: boolean;
}

const KEEP = 8;
const MAX_TOTAL_CHARS = 128 * 1024 * 1024;

export class FrameStore {
  private readonly docs = new Map<string, FrameDocument>();
  /** Where frame documents are served: set by the host once it knows (the harness's port). */
  origin: string;

  constructor(origin = '') {
    this.origin = origin;
  }

  put(doc: FrameDocument): string {
    const id = randomBytes(16).toString('base64url');
    this.docs.set(id, doc);
    let total = 0;
    for (const each of this.docs.values()) total += each.html.length;
    for (const [old, each] of this.docs) {
      if (this.docs.size <= KEEP && total <= MAX_TOTAL_CHARS) break;
      if (old === id) break;
      this.docs.delete(old);
      total -= each.html.length;
    }
    return id;
  }

  urlFor(id: string): string {
    return `${this.origin}/${id}`;
  }

  /** The document a frame URL path (`/<id>`) names, or null. */
  get(path: string): FrameDocument | null {
    const id = path.replace(/^\//, '');
    return FRAME_ID.test(id) ? (this.docs.get(id) ?? null) : null;
  }
}
