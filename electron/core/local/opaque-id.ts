import { createHash } from 'node:crypto';

/**
 * A short id derived from `key`: stable across opens of the same mailbox (so a renderer's
 * selection survives a refresh) and meaningless to the renderer, which can therefore never smuggle
 * a path through it. Ids are looked up in the index the source built, never turned back into paths.
 */
export function opaqueId(key: string): string {
  return createHash('sha256').update(key).digest('base64url').slice(0, 16);
}
