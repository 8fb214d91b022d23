import { useCallback, useEffect, useState } from 'react';

/**
 * Pane widths, remembered across sessions in localStorage and kept within what the window allows.
 * Wide windows show three panes side by side. When the three minimums no longer fit (a small
 * window, or page zoom of 150–200 %, which shrinks the window in CSS pixels), the folder pane
 * leaves the row and opens over the list on demand, so the list and the reader stay readable.
 * The narrow layout remembers its own list width (by default a share of the window), so zooming in
 * and out again gives each layout back as the user left it.
 */

const KEY = 'mailscope.layout.v1';
export const SIDEBAR = { min: 180, max: 440, initial: 248 };
export const LIST = { min: 280, max: 760, initial: 400 };
const READER_MIN = 360;
const SPLITTER = 1;
/** In the narrow layout: the smallest list and reader that still read well, and the folder rail. */
export const NARROW = { listMin: 220, readerMin: 260, rail: 40, listShare: 0.42 };

interface Widths {
  sidebar: number;
  list: number;
  /** The list's width in the narrow layout; null until the user sets one. */
  narrowList: number | null;
}

const INITIAL: Widths = { sidebar: SIDEBAR.initial, list: LIST.initial, narrowList: null };

/** Stored widths, or the defaults for anything missing or not a finite number. */
export function parseWidths(stored: string | null): Widths {
  try {
    const parsed: unknown = JSON.parse(stored ?? 'null');
    if (typeof parsed === 'object' && parsed !== null) {
      const { sidebar, list, narrowList } = parsed as Record<string, unknown>;
      const finite = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
      return {
        sidebar: finite(sidebar) ? sidebar : INITIAL.sidebar,
        list: finite(list) ? list : INITIAL.list,
        narrowList: finite(narrowList) ? narrowList : INITIAL.narrowList,
      };
    }
  } catch {
    // Unreadable: start from the defaults.
  }
  return INITIAL;
}

export interface Fitted {
  /** The folder pane is not in the row: it opens over the list when asked. */
  narrow: boolean;
  sidebar: number;
  list: number;
  sidebarMax: number;
  listMin: number;
  listMax: number;
}

/** The wanted widths, fitted to a window `windowWidth` CSS pixels wide. */
export function fitWidths(wanted: Widths, windowWidth: number): Fitted {
  const clamp = (value: number, min: number, max: number) => Math.round(Math.max(min, Math.min(max, value)));
  const narrow = windowWidth < SIDEBAR.min + LIST.min + READER_MIN + 2 * SPLITTER;
  if (narrow) {
    // The folder pane floats, so it may take up to most of the window, never all of it.
    const sidebarMax = Math.max(SIDEBAR.min, Math.min(SIDEBAR.max, Math.round(windowWidth * 0.8)));
    const room = windowWidth - NARROW.rail - SPLITTER;
    const listMax = Math.max(NARROW.listMin, Math.min(LIST.max, room - NARROW.readerMin));
    return {
      narrow,
      sidebar: clamp(wanted.sidebar, SIDEBAR.min, sidebarMax),
      list: clamp(wanted.narrowList ?? room * NARROW.listShare, NARROW.listMin, listMax),
      sidebarMax,
      listMin: NARROW.listMin,
      listMax,
    };
  }
  const sidebarMax = Math.max(
    SIDEBAR.min,
    Math.min(SIDEBAR.max, windowWidth - LIST.min - READER_MIN - 2 * SPLITTER),
  );
  const sidebar = clamp(wanted.sidebar, SIDEBAR.min, sidebarMax);
  const listMax = Math.max(LIST.min, Math.min(LIST.max, windowWidth - sidebar - READER_MIN - 2 * SPLITTER));
  return {
    narrow,
    sidebar,
    list: clamp(wanted.list, LIST.min, listMax),
    sidebarMax,
    listMin: LIST.min,
    listMax,
  };
}

export interface Layout extends Fitted {
  setSidebar: (width: number) => void;
  /** The list's width in the layout in effect (wide or narrow). */
  setList: (width: number) => void;
  /** Back to the default widths. */
  reset: () => void;
}

function read(): Widths {
  try {
    return parseWidths(localStorage.getItem(KEY));
  } catch {
    return INITIAL;
  }
}

export function useLayout(): Layout {
  const [widths, setWidths] = useState<Widths>(read);
  const [windowWidth, setWindowWidth] = useState(() => window.innerWidth);

  useEffect(() => {
    const onResize = () => setWindowWidth(window.innerWidth);
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);

  useEffect(() => {
    try {
      localStorage.setItem(KEY, JSON.stringify(widths));
    } catch {
      // Not remembered this time; the layout still works.
    }
  }, [widths]);

  const setSidebar = useCallback((width: number) => setWidths((w) => ({ ...w, sidebar: width })), []);
  const fitted = fitWidths(widths, windowWidth);
  const { narrow } = fitted;
  const setList = useCallback(
    (width: number) => setWidths((w) => (narrow ? { ...w, narrowList: width } : { ...w, list: width })),
    [narrow],
  );
  const reset = useCallback(() => setWidths(INITIAL), []);
  return { ...fitted, setSidebar, setList, reset };
}

const SPLITTER_LABELS = { sidebar: 'Resize folder pane', list: 'Resize message list' } as const;

/** The props of the splitter after `pane`: its name, the pane it resizes, and that pane's width and range. */
export function paneSplitter(layout: Layout, pane: 'sidebar' | 'list') {
  const sidebar = pane === 'sidebar';
  return {
    label: SPLITTER_LABELS[pane],
    controls: `pane-${pane}`,
    value: layout[pane],
    min: sidebar ? SIDEBAR.min : layout.listMin,
    max: sidebar ? layout.sidebarMax : layout.listMax,
    onChange: sidebar ? layout.setSidebar : layout.setList,
  };
}
