import { useRef } from 'react';
import { refInto } from '../lib/tree-state';

/**
 * Roving focus for a composite widget (WAI-ARIA tabs, trees): the whole widget is one Tab stop,
 * its current item, and the owner's arrow keys move the keyboard from item to item. Each item
 * spreads `itemProps(key)`; `focus(key)` puts the keyboard on an item once the owner made it current.
 */
export function useRovingFocus<K, E extends HTMLElement>(current: K | undefined) {
  const items = useRef(new Map<K, E>());
  return {
    itemProps: (key: K) => ({ ref: refInto(items, key), tabIndex: key === current ? 0 : -1 }),
    focus: (key: K) => items.current.get(key)?.focus(),
  };
}
