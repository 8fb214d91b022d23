/**
 * Small state helpers the app's trees and tab lists share (folders, MIME parts, the inspection
 * tabs): where each row's element is, for roving focus, and which rows are collapsed.
 */

/** A ref callback that keeps the map in `refs` pointing at the element of `key` while it is mounted. */
export function refInto<K, E extends HTMLElement>(
  refs: { readonly current: Map<K, E> },
  key: K,
): (element: E | null) => void {
  return (element) => {
    if (element) refs.current.set(key, element);
    else refs.current.delete(key);
  };
}

/** A new set (for React state): `set` with `key`, or without it. */
export function withMember<K>(set: ReadonlySet<K>, key: K, member: boolean): Set<K> {
  const next = new Set(set);
  if (member) next.add(key);
  else next.delete(key);
  return next;
}
