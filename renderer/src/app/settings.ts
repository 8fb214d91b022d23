import { useSyncExternalStore } from 'react';
import { z } from 'zod';

/**
 * The user's preferences that are not layout: kept in this machine's localStorage (they are about
 * this screen and this network, not about a mailbox), read through the schema so a value from an
 * older version or a hand edit falls back to its default instead of breaking the app.
 */

const KEY = 'mailscope.settings';

export const DEFAULT_ASK_ABOVE_MB = 50;

const Settings = z.object({
  /** Messages on a mail server larger than this (in MB) are downloaded only after the user agrees. */
  askAboveMegabytes: z.number().int().min(1).max(100_000).catch(DEFAULT_ASK_ABOVE_MB),
});
export type Settings = z.infer<typeof Settings>;

function read(): Settings {
  let stored: unknown = {};
  try {
    stored = JSON.parse(localStorage.getItem(KEY) ?? '{}');
  } catch {
    // A damaged entry: defaults, rewritten on the next change.
  }
  const parsed = Settings.safeParse(typeof stored === 'object' && stored !== null ? stored : {});
  return parsed.success ? parsed.data : { askAboveMegabytes: DEFAULT_ASK_ABOVE_MB };
}

let current: Settings = read();
const watchers = new Set<() => void>();

export function updateSettings(change: Partial<Settings>): void {
  current = Settings.parse({ ...current, ...change });
  try {
    localStorage.setItem(KEY, JSON.stringify(current));
  } catch {
    // Storage full or disabled: the change holds for this session.
  }
  for (const watcher of watchers) watcher();
}

export function useSettings(): Settings {
  return useSyncExternalStore(
    (watcher) => {
      watchers.add(watcher);
      return () => watchers.delete(watcher);
    },
    () => current,
  );
}
