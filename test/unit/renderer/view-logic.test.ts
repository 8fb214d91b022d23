import { describe, expect, it } from 'vitest';
import {
  fitWidths,
  LIST,
  NARROW,
  paneSplitter,
  parseWidths,
  SIDEBAR,
} from '../../../renderer/src/app/layout';
import { DEFAULT_SETTINGS, parseSettings } from '../../../renderer/src/lib/settings';
import { resolveTheme } from '../../../renderer/src/lib/theme';
import { rowHeightPx } from '../../../renderer/src/features/messages/row-layout';
import { describeSort, supportedSort } from '../../../renderer/src/features/messages/SortControl';
import { darkAdapted } from '../../../renderer/src/features/reader/dark-adapt';
import type { ListCapabilities } from '../../../shared/model';

/** The renderer's pure rules: stored settings, pane widths, row heights, orders, themes. */

describe('parseSettings', () => {
  it('gives the defaults for nothing, junk, or another type', () => {
    expect(parseSettings(null)).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings('{not json')).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings('[1,2]')).toEqual(DEFAULT_SETTINGS);
  });

  it('keeps each valid field and replaces each invalid one with its default', () => {
    const stored = JSON.stringify({
      theme: 'dark',
      density: 'tiny',
      preview: 'yes',
      darkMessages: true,
      sort: { key: 'subject', order: 'sideways' },
      askAboveMegabytes: 2.5,
      extra: 1,
    });
    expect(parseSettings(stored)).toEqual({
      theme: 'dark',
      density: 'comfortable',
      preview: false,
      darkMessages: true,
      sort: { key: 'subject', order: 'desc' },
      askAboveMegabytes: 50,
      remoteSenders: [],
    });
    expect(parseSettings(JSON.stringify({ askAboveMegabytes: 200 })).askAboveMegabytes).toBe(200);
    expect(
      parseSettings(
        JSON.stringify({
          remoteSenders: ['News@Example.com', 'news@example.com', 'not an address', 7, ' a@b.c '],
        }),
      ).remoteSenders,
    ).toEqual(['news@example.com', 'a@b.c']);
    expect(parseSettings(JSON.stringify({ askAboveMegabytes: 0 })).askAboveMegabytes).toBe(50);
    expect(parseSettings(JSON.stringify({ askAboveMegabytes: 1e9 })).askAboveMegabytes).toBe(50);
  });
});

describe('pane widths', () => {
  it('reads stored widths, field by field', () => {
    expect(parseWidths('{"sidebar":300,"list":500,"narrowList":250}')).toEqual({
      sidebar: 300,
      list: 500,
      narrowList: 250,
    });
    expect(parseWidths('{"sidebar":"wide","list":null}')).toEqual({
      sidebar: SIDEBAR.initial,
      list: LIST.initial,
      narrowList: null,
    });
    expect(parseWidths('oops')).toEqual({ sidebar: SIDEBAR.initial, list: LIST.initial, narrowList: null });
  });

  it('a wide window shows three panes and keeps the reader at least 360 px', () => {
    const fitted = fitWidths({ sidebar: 300, list: 700, narrowList: null }, 1400);
    expect(fitted).toMatchObject({ narrow: false, sidebar: 300, list: 700 });
    const tight = fitWidths({ sidebar: 440, list: 760, narrowList: null }, 1000);
    expect(tight.narrow).toBe(false);
    expect(tight.sidebar + tight.list + 2).toBeLessThanOrEqual(1000 - 360);
    expect(tight.list).toBeGreaterThanOrEqual(LIST.min);
  });

  it('when the three minimums no longer fit (200 % zoom of a 1400 px window), the folder pane becomes a drawer', () => {
    const fitted = fitWidths({ sidebar: 248, list: 400, narrowList: null }, 700);
    expect(fitted.narrow).toBe(true);
    // The list takes a share of what is left; the reader keeps the rest, well above its minimum.
    expect(fitted.list).toBe(Math.round((700 - NARROW.rail - 1) * NARROW.listShare));
    expect(700 - NARROW.rail - 1 - fitted.list).toBeGreaterThanOrEqual(NARROW.readerMin);
    expect(fitWidths({ sidebar: 248, list: 400, narrowList: 330 }, 700).list).toBe(330);
    expect(fitWidths({ sidebar: 248, list: 400, narrowList: 900 }, 700).list).toBe(
      700 - NARROW.rail - 1 - NARROW.readerMin,
    );
    expect(fitWidths({ sidebar: 248, list: 400, narrowList: 10 }, 700).list).toBe(NARROW.listMin);
  });

  it("gives each splitter its pane's width, range and setter", () => {
    const setSidebar = () => {};
    const setList = () => {};
    const layout = {
      ...fitWidths({ sidebar: 300, list: 400, narrowList: null }, 1400),
      setSidebar,
      setList,
      reset: () => {},
    };
    expect(paneSplitter(layout, 'sidebar')).toEqual({
      label: 'Resize folder pane',
      controls: 'pane-sidebar',
      value: 300,
      min: SIDEBAR.min,
      max: layout.sidebarMax,
      onChange: setSidebar,
    });
    expect(paneSplitter(layout, 'list')).toEqual({
      label: 'Resize message list',
      controls: 'pane-list',
      value: 400,
      min: LIST.min,
      max: layout.listMax,
      onChange: setList,
    });
  });
});

describe('row heights', () => {
  it('are rem-based: they grow with the font size, and compact rows are shorter', () => {
    expect(rowHeightPx('comfortable', false, 16)).toBe(54);
    expect(rowHeightPx('comfortable', false, 20)).toBeGreaterThan(54);
    expect(rowHeightPx('comfortable', true, 16)).toBeGreaterThan(rowHeightPx('comfortable', false, 16));
    expect(rowHeightPx('compact', false, 16)).toBeLessThan(rowHeightPx('comfortable', false, 16));
  });
});

describe('list order', () => {
  const local: ListCapabilities = {
    sortKeys: ['date', 'from', 'subject', 'size'],
    reversible: true,
    preview: true,
    note: null,
  };
  const imap: ListCapabilities = { sortKeys: ['date'], reversible: false, preview: false, note: 'why' };

  it('uses the chosen order only where the mailbox offers it', () => {
    expect(supportedSort({ key: 'subject', order: 'desc' }, local)).toEqual({
      key: 'subject',
      order: 'desc',
    });
    expect(supportedSort({ key: 'subject', order: 'asc' }, imap)).toBeUndefined();
    expect(supportedSort({ key: 'date', order: 'asc' }, imap)).toBeUndefined();
    // Newest first is no order at all: the source's own.
    expect(supportedSort({ key: 'date', order: 'desc' }, local)).toBeUndefined();
  });

  it('describes the order for the list label', () => {
    expect(describeSort({ key: 'size', order: 'desc' })).toBe('sorted by size, largest first');
    expect(describeSort({ key: 'from', order: 'asc' })).toBe('sorted by sender, a to z');
  });
});

describe('themes', () => {
  it('follow the system unless one is chosen', () => {
    expect(resolveTheme('system', true)).toBe('dark');
    expect(resolveTheme('system', false)).toBe('light');
    expect(resolveTheme('light', true)).toBe('light');
    expect(resolveTheme('dark', false)).toBe('dark');
  });

  it('dark adaptation adds one stylesheet at the start of the frame head and changes nothing else', () => {
    const doc =
      '<!doctype html><html><head><meta charset="utf-8"><style>p{color:red}</style></head><body><p>x</p></body></html>';
    const adapted = darkAdapted(doc);
    expect(adapted.replace(/<style>html\{filter:[^<]*<\/style>/, '')).toBe(doc);
    expect(adapted.indexOf('filter:invert')).toBeLessThan(adapted.indexOf('p{color:red}'));
    expect(darkAdapted('<p>no head</p>')).toBe('<p>no head</p>');
  });
});
