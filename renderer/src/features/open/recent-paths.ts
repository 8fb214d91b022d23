/**
 * The last few paths opened, so a helpdesk agent can reopen yesterday's export in one click. Kept in
 * this machine's localStorage only; never sent anywhere.
 */

const KEY = 'mailscope.recentPaths.v1';
const MAX = 6;

export function readRecentPaths(): string[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(parsed)
      ? parsed.filter((p): p is string => typeof p === 'string').slice(0, MAX)
      : [];
  } catch {
    return [];
  }
}

function write(paths: string[]): string[] {
  try {
    localStorage.setItem(KEY, JSON.stringify(paths));
  } catch {
    // Storage full or disabled: recent paths are a convenience, not worth an error.
  }
  return paths;
}

export function rememberRecentPath(path: string): string[] {
  return write([path, ...readRecentPaths().filter((p) => p !== path)].slice(0, MAX));
}

export function forgetRecentPath(path: string): string[] {
  return write(readRecentPaths().filter((p) => p !== path));
}
