import { useSyncExternalStore } from 'react';
import { getSettings, subscribeSettings, type ThemeSetting } from './settings';

/**
 * Light, dark or the system's choice. The colours themselves are CSS (theme.css: every token is a
 * light-dark() pair), so following the system needs no script at all: `color-scheme: light dark`
 * on the root picks the pair's side and follows the OS live. Choosing light or dark pins
 * `color-scheme` through the root's data-theme attribute. Script only needs the theme in effect for
 * what CSS cannot do (darkening a message body's own document).
 */

export type ResolvedTheme = 'light' | 'dark';

const DARK_QUERY = '(prefers-color-scheme: dark)';

export function resolveTheme(setting: ThemeSetting, systemDark: boolean): ResolvedTheme {
  if (setting === 'system') return systemDark ? 'dark' : 'light';
  return setting;
}

function systemQuery(): MediaQueryList {
  return window.matchMedia(DARK_QUERY);
}

function subscribeSystem(listener: () => void): () => void {
  const query = systemQuery();
  query.addEventListener('change', listener);
  return () => query.removeEventListener('change', listener);
}

/** Puts the chosen theme on the document now and whenever the setting changes. */
export function startTheme(root: HTMLElement = document.documentElement): void {
  const apply = () => {
    const { theme } = getSettings();
    if (theme === 'system') delete root.dataset['theme'];
    else root.dataset['theme'] = theme;
  };
  apply();
  subscribeSettings(apply);
}

/** The theme in effect, following the system live when the setting says so. */
export function useResolvedTheme(): ResolvedTheme {
  const setting = useSyncExternalStore(subscribeSettings, () => getSettings().theme);
  const systemDark = useSyncExternalStore(subscribeSystem, () => systemQuery().matches);
  return resolveTheme(setting, systemDark);
}
