import { useSyncExternalStore } from 'react';
import type { ListSort, SortKey, SortOrder } from '../../../shared/model';

/**
 * How the user likes to see things: theme, density, the preview line, dark adaptation of message
 * bodies and the list order. Kept in localStorage (the same in Electron and the harness), read once
 * at start and checked field by field, so a value from an older or newer version, or one edited by
 * hand, falls back to its default instead of breaking the app.
 */

export type ThemeSetting = 'system' | 'light' | 'dark';
export type Density = 'comfortable' | 'compact';

export interface Settings {
  theme: ThemeSetting;
  density: Density;
  /** A line of body text under each message, where the mailbox can give it cheaply. */
  preview: boolean;
  /** Darken message bodies in the dark theme (they keep their own colours otherwise). */
  darkMessages: boolean;
  /** The list order, used wherever the mailbox offers it (newest first elsewhere). */
  sort: ListSort;
  /** Messages on a mail server larger than this (in MB) are downloaded only after the user agrees. */
  askAboveMegabytes: number;
  /** Senders (lower-case addresses) whose messages load remote images and styles without asking. */
  remoteSenders: readonly string[];
}

export const DEFAULT_SETTINGS: Settings = {
  theme: 'system',
  density: 'comfortable',
  preview: false,
  darkMessages: false,
  sort: { key: 'date', order: 'desc' },
  askAboveMegabytes: 50,
  remoteSenders: [],
};

/** More than this many allowed senders is not a list anyone reviews; the oldest go first. */
export const MAX_REMOTE_SENDERS = 500;

const ADDRESS = /^[^\s@]+@[^\s@]+$/;

/** Addresses only, lower-case, each once, at most MAX_REMOTE_SENDERS. */
export function cleanSenders(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  const addresses = value
    .filter((entry): entry is string => typeof entry === 'string' && ADDRESS.test(entry.trim()))
    .map((entry) => entry.trim().toLowerCase());
  return [...new Set(addresses)].slice(-MAX_REMOTE_SENDERS);
}

/** The range the large-message limit may take, in MB. */
export const ASK_ABOVE_MB = { min: 1, max: 100_000 };

function wholeNumberIn(value: unknown, range: { min: number; max: number }, fallback: number): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= range.min && value <= range.max
    ? value
    : fallback;
}

const KEY = 'mailscope.settings.v1';

const THEMES: readonly ThemeSetting[] = ['system', 'light', 'dark'];
const DENSITIES: readonly Density[] = ['comfortable', 'compact'];
const SORT_KEYS: readonly SortKey[] = ['date', 'from', 'subject', 'size'];
const SORT_ORDERS: readonly SortOrder[] = ['desc', 'asc'];

function oneOf<T extends string>(allowed: readonly T[], value: unknown, fallback: T): T {
  return allowed.find((candidate) => candidate === value) ?? fallback;
}

/** Settings from stored JSON: every field that is missing or not valid takes its default. */
export function parseSettings(stored: string | null): Settings {
  let raw: unknown = null;
  try {
    raw = stored === null ? null : JSON.parse(stored);
  } catch {
    // Not JSON: every default.
  }
  const value = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const sort =
    typeof value['sort'] === 'object' && value['sort'] !== null
      ? (value['sort'] as Record<string, unknown>)
      : {};
  return {
    theme: oneOf(THEMES, value['theme'], DEFAULT_SETTINGS.theme),
    density: oneOf(DENSITIES, value['density'], DEFAULT_SETTINGS.density),
    preview: typeof value['preview'] === 'boolean' ? value['preview'] : DEFAULT_SETTINGS.preview,
    darkMessages:
      typeof value['darkMessages'] === 'boolean' ? value['darkMessages'] : DEFAULT_SETTINGS.darkMessages,
    sort: {
      key: oneOf(SORT_KEYS, sort['key'], DEFAULT_SETTINGS.sort.key),
      order: oneOf(SORT_ORDERS, sort['order'], DEFAULT_SETTINGS.sort.order),
    },
    remoteSenders: cleanSenders(value['remoteSenders']),
    askAboveMegabytes: wholeNumberIn(
      value['askAboveMegabytes'],
      ASK_ABOVE_MB,
      DEFAULT_SETTINGS.askAboveMegabytes,
    ),
  };
}

function read(): Settings {
  try {
    return parseSettings(localStorage.getItem(KEY));
  } catch {
    // Storage unavailable (a locked-down profile): defaults for this session.
    return DEFAULT_SETTINGS;
  }
}

let current: Settings = read();
const listeners = new Set<() => void>();

export function getSettings(): Settings {
  return current;
}

export function updateSettings(change: Partial<Settings>): void {
  current = { ...current, ...change };
  try {
    localStorage.setItem(KEY, JSON.stringify(current));
  } catch {
    // Not remembered this time; the change still applies now.
  }
  for (const listener of listeners) listener();
}

export function subscribeSettings(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useSettings(): Settings {
  return useSyncExternalStore(subscribeSettings, getSettings);
}
