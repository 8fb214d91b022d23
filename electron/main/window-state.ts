import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { app, type BrowserWindow, type Rectangle, screen } from 'electron';
import { z } from 'zod';
import { logError } from '../core/log';
import { writeFileAtomic } from '../core/profiles/atomic-file';

/**
 * The main window's size, position and maximised state, remembered in the user-data folder
 * (`window-state.json`, written atomically) and given back at the next start, but only where it
 * still fits: a window saved on a monitor that has since been unplugged, or at a resolution that
 * has shrunk, comes back on a display that exists instead of off-screen.
 */

export const WINDOW_STATE_FILE = 'window-state.json';

/** Saves while the user drags or resizes wait this long for them to stop. */
const SAVE_DELAY_MS = 500;
/** At least this much of the title bar must be on a display for a saved position to be kept. */
const VISIBLE_MIN = { width: 120, height: 32 };

export const DEFAULT_SIZE = { width: 1280, height: 820 };
export const MIN_SIZE = { width: 720, height: 480 };

const Size = z.number().int().min(1).max(100_000);
const Coordinate = z.number().int().min(-100_000).max(100_000);

const WindowStateSchema = z.object({
  version: z.literal(1),
  /** The window's bounds when not maximised: where it returns to on un-maximise. */
  bounds: z.object({ x: Coordinate, y: Coordinate, width: Size, height: Size }),
  maximized: z.boolean(),
});
export type WindowState = z.infer<typeof WindowStateSchema>;

/** The remembered state, or null when there is none or it cannot be read (first start, a damaged file). */
export async function loadWindowState(dir: string): Promise<WindowState | null> {
  try {
    const parsed = WindowStateSchema.safeParse(
      JSON.parse(await readFile(join(dir, WINDOW_STATE_FILE), 'utf8')),
    );
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export async function saveWindowState(dir: string, state: WindowState): Promise<void> {
  await writeFileAtomic(join(dir, WINDOW_STATE_FILE), `${JSON.stringify(state, null, 2)}\n`);
}

function overlap(a: Rectangle, b: Rectangle): { width: number; height: number } {
  return {
    width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)),
    height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)),
  };
}

/**
 * Where the window opens. A saved position is kept when enough of its title bar lies on one of
 * `workAreas` to grab it; its size is trimmed to fit that display. Otherwise the saved size (or the
 * default) is centred on the primary display.
 */
export function placeWindow(
  saved: WindowState | null,
  workAreas: readonly Rectangle[],
  primary: Rectangle,
): Rectangle {
  const fit = (size: { width: number; height: number }, area: Rectangle) => ({
    width: Math.max(Math.min(MIN_SIZE.width, area.width), Math.min(size.width, area.width)),
    height: Math.max(Math.min(MIN_SIZE.height, area.height), Math.min(size.height, area.height)),
  });
  if (saved) {
    const { bounds } = saved;
    const titleBar = { x: bounds.x, y: bounds.y, width: bounds.width, height: VISIBLE_MIN.height };
    const home = workAreas.find((area) => {
      const seen = overlap(titleBar, area);
      return seen.width >= Math.min(VISIBLE_MIN.width, bounds.width) && seen.height >= VISIBLE_MIN.height;
    });
    if (home) {
      const size = fit(bounds, home);
      // Pulled inside the display it is on, so a window that grew past its edge is whole again.
      const x = Math.min(Math.max(bounds.x, home.x), home.x + home.width - size.width);
      const y = Math.min(Math.max(bounds.y, home.y), home.y + home.height - size.height);
      return { x, y, ...size };
    }
  }
  const size = fit(saved?.bounds ?? DEFAULT_SIZE, primary);
  return {
    x: Math.round(primary.x + (primary.width - size.width) / 2),
    y: Math.round(primary.y + (primary.height - size.height) / 2),
    ...size,
  };
}

/** Bounds for a new main window from the saved state and the displays connected now. */
export function initialBounds(saved: WindowState | null): Rectangle {
  return placeWindow(
    saved,
    screen.getAllDisplays().map((display) => display.workArea),
    screen.getPrimaryDisplay().workArea,
  );
}

/**
 * Saves the window's state as it changes (debounced) and once more as it closes. The app waits for
 * that last write before it quits (will-quit), so quitting right after a move does not lose it;
 * the close itself is never held up, which on macOS would cancel a Cmd+Q.
 */
export function rememberWindowState(window: BrowserWindow, dir: string): void {
  let timer: NodeJS.Timeout | undefined;
  let lastSaved = '';
  let writing: Promise<void> | null = null;

  const save = (): void => {
    clearTimeout(timer);
    timer = undefined;
    // Minimised or full screen are passing states: keep what was saved before them.
    if (window.isDestroyed() || window.isMinimized() || window.isFullScreen()) return;
    const state: WindowState = {
      version: 1,
      bounds: window.getNormalBounds(),
      maximized: window.isMaximized(),
    };
    const text = JSON.stringify(state);
    if (text === lastSaved) return;
    lastSaved = text;
    const write: Promise<void> = (writing ?? Promise.resolve())
      .then(() => saveWindowState(dir, state))
      .catch((error: unknown) => logError('mailscope: could not remember the window size:', error))
      .finally(() => {
        if (writing === write) writing = null;
      });
    writing = write;
  };
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(save, SAVE_DELAY_MS);
  };

  window.on('resize', later);
  window.on('move', later);
  window.on('maximize', save);
  window.on('unmaximize', save);
  window.on('close', save);

  const onWillQuit = (event: Electron.Event) => {
    if (!writing) return;
    event.preventDefault();
    void writing.finally(() => app.quit());
  };
  app.on('will-quit', onWillQuit);
  window.on('closed', () => {
    clearTimeout(timer);
    // Another window may be made later (macOS activate); this one's listener must not pile up.
    if (!writing) app.off('will-quit', onWillQuit);
    else void writing.finally(() => app.off('will-quit', onWillQuit));
  });
}
