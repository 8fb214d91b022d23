import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';

/**
 * The Electron binary's path, or the reason there is none. The `electron` package throws from its
 * main module when its postinstall could not download the binary (our build machines).
 */
export function electronBinary() {
  try {
    const path = createRequire(import.meta.url)('electron');
    if (typeof path === 'string' && existsSync(path)) return { path };
    return { reason: 'the electron package is installed without its binary' };
  } catch (error) {
    const first = String(error instanceof Error ? error.message : error).split('\n')[0];
    return { reason: `Electron's binary is not installed (${first})` };
  }
}

/** Electron on Linux needs a display server; elsewhere there always is one. */
export function displayAvailable() {
  return process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}
