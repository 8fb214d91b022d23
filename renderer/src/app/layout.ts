import { useEffect, useState } from 'react';

/**
 * Pane widths, remembered across sessions in localStorage and kept within what the window allows
 * (the reader always keeps READER_MIN). Stored as plain numbers under one versioned key.
 */

const KEY = 'mailscope.layout.v1';
export const SIDEBAR = { min: 180, max: 440, initial: 248 };
export const LIST = { min: 280, max: 760, initial: 400 };
const READER_MIN = 360;
const SPLITTERS = 2;

interface Widths {
  sidebar: number;
  list: number;
}

function read(): Widths {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(KEY) ?? 'null');
    if (typeof parsed === 'object' && parsed !== null) {
      const { sidebar, list } = parsed as Record<string, unknown>;
      if (
        typeof sidebar === 'number' &&
        typeof list === 'number' &&
        Number.isFinite(sidebar) &&
        Number.isFinite(list)
      ) {
        return { sidebar, list };
      }
    }
  } catch {
    // Unreadable: start from the defaults.
  }
  return { sidebar: SIDEBAR.initial, list: LIST.initial };
}

export interface Layout {
  sidebar: number;
  list: number;
  sidebarMax: number;
  listMax: number;
  setSidebar: (width: number) => void;
  setList: (width: number) => void;
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

  const clampTo = (value: number, min: number, max: number) => Math.max(min, Math.min(max, value));
  const sidebarMax = Math.max(
    SIDEBAR.min,
    Math.min(SIDEBAR.max, windowWidth - LIST.min - READER_MIN - SPLITTERS),
  );
  const sidebar = clampTo(widths.sidebar, SIDEBAR.min, sidebarMax);
  const listMax = Math.max(LIST.min, Math.min(LIST.max, windowWidth - sidebar - READER_MIN - SPLITTERS));
  const list = clampTo(widths.list, LIST.min, listMax);

  return {
    sidebar,
    list,
    sidebarMax,
    listMax,
    setSidebar: (width) => setWidths((w) => ({ ...w, sidebar: width })),
    setList: (width) => setWidths((w) => ({ ...w, list: width })),
  };
}
