import { type KeyboardEvent, useEffect, useState } from 'react';

/** Keyboard moves open the message after this pause, so holding ↓ does not parse every message. */
const KEYBOARD_OPEN_DELAY = 140;

interface RovingOptions<T extends { id: string }> {
  /** Rows in the list. */
  total: number;
  /** The item at an index, or null while its page is loading. */
  itemAt: (index: number) => T | null;
  initialIndex: number | null;
  selectedId: string | null;
  /** Rows a Page Up/Down moves by. */
  pageRows: () => number;
  scrollToIndex: (index: number) => void;
  onSelect: (item: T) => void;
  onOpen: (item: T) => void;
}

/**
 * The active row of a listbox with aria-activedescendant: arrows, j/k, Home/End and Page Up/Down
 * move it, Enter or Space opens it. The active row's item is selected once it is known (its page
 * may still be loading) and the user has paused; a click selects at once (`openDelay` 0).
 */
export function useRovingIndex<T extends { id: string }>({
  total,
  itemAt,
  initialIndex,
  selectedId,
  pageRows,
  scrollToIndex,
  onSelect,
  onOpen,
}: RovingOptions<T>) {
  const [activeIndex, setActiveIndex] = useState<number | null>(initialIndex);
  const [openDelay, setOpenDelay] = useState(0);
  const active = activeIndex === null ? null : itemAt(activeIndex);

  useEffect(() => {
    if (!active || active.id === selectedId) return;
    const timer = setTimeout(() => onSelect(active), openDelay);
    return () => clearTimeout(timer);
  }, [active, selectedId, onSelect, openDelay]);

  const moveTo = (index: number) => {
    if (total === 0) return;
    const next = Math.max(0, Math.min(total - 1, index));
    setOpenDelay(KEYBOARD_OPEN_DELAY);
    setActiveIndex(next);
    scrollToIndex(next);
  };

  /** A click on a row: active and selected now. */
  const activate = (index: number) => {
    setOpenDelay(0);
    setActiveIndex(index);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const current = activeIndex ?? -1;
    switch (event.key) {
      case 'ArrowDown':
      case 'j':
        moveTo(current + 1);
        break;
      case 'ArrowUp':
      case 'k':
        moveTo(activeIndex === null ? 0 : current - 1);
        break;
      case 'Home':
        moveTo(0);
        break;
      case 'End':
        moveTo(total - 1);
        break;
      case 'PageDown':
        moveTo(Math.max(0, current) + pageRows());
        break;
      case 'PageUp':
        moveTo(Math.max(0, current) - pageRows());
        break;
      case 'Enter':
      case ' ':
        if (active) onOpen(active);
        else if (activeIndex === null) moveTo(0);
        break;
      default:
        return;
    }
    event.preventDefault();
  };

  return { activeIndex, setActiveIndex, activate, onKeyDown };
}
