import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as fake from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

const { createMainWindow } = await import('../../../electron/main/window');
const { loadWindowState, placeWindow, WINDOW_STATE_FILE } =
  await import('../../../electron/main/window-state');

const PRIMARY = { x: 0, y: 0, width: 1920, height: 1040 };
const RIGHT = { x: 1920, y: 0, width: 2560, height: 1400 };

function state(bounds: { x: number; y: number; width: number; height: number }, maximized = false) {
  return { version: 1 as const, bounds, maximized };
}

describe('placeWindow', () => {
  it('keeps a saved window where it was on a display that is still there', () => {
    const saved = state({ x: 2100, y: 80, width: 1400, height: 900 });
    expect(placeWindow(saved, [PRIMARY, RIGHT], PRIMARY)).toEqual(saved.bounds);
  });

  it('centres it on the primary display when its display is gone', () => {
    const saved = state({ x: 2100, y: 80, width: 1400, height: 900 });
    expect(placeWindow(saved, [PRIMARY], PRIMARY)).toEqual({ x: 260, y: 70, width: 1400, height: 900 });
  });

  it('trims a window larger than its display and pulls one hanging over an edge back in', () => {
    expect(placeWindow(state({ x: 100, y: 50, width: 2500, height: 1600 }), [PRIMARY], PRIMARY)).toEqual(
      PRIMARY,
    );
    expect(placeWindow(state({ x: 1500, y: 600, width: 800, height: 600 }), [PRIMARY], PRIMARY)).toEqual({
      x: 1120,
      y: 440,
      width: 800,
      height: 600,
    });
  });

  it('does not keep a position whose title bar is off every display (only its bottom edge showing)', () => {
    const saved = state({ x: 200, y: -700, width: 800, height: 720 });
    expect(placeWindow(saved, [PRIMARY], PRIMARY)).toEqual({ x: 560, y: 160, width: 800, height: 720 });
  });

  it('opens at the default size, centred, the first time, and never larger than a small display', () => {
    expect(placeWindow(null, [PRIMARY], PRIMARY)).toEqual({ x: 320, y: 110, width: 1280, height: 820 });
    const small = { x: 0, y: 0, width: 1024, height: 600 };
    expect(placeWindow(null, [small], small)).toEqual({ x: 0, y: 0, width: 1024, height: 600 });
  });
});

/** Temp folders of this file's tests, removed after each, whether it passed or not. */
const made: string[] = [];
function windowDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mailscope-window-'));
  made.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('loadWindowState', () => {
  it('reads a valid file and ignores a missing, damaged or foreign one', async () => {
    const dir = windowDir();
    expect(await loadWindowState(dir)).toBeNull();
    const file = join(dir, WINDOW_STATE_FILE);
    writeFileSync(file, '{"version":1,"bounds":{"x":1');
    expect(await loadWindowState(dir)).toBeNull();
    writeFileSync(
      file,
      JSON.stringify({ version: 2, bounds: { x: 0, y: 0, width: 10, height: 10 }, maximized: false }),
    );
    expect(await loadWindowState(dir)).toBeNull();
    writeFileSync(
      file,
      JSON.stringify({ version: 1, bounds: { x: 0, y: 0, width: -5, height: 10 }, maximized: false }),
    );
    expect(await loadWindowState(dir)).toBeNull();
    const good = state({ x: 10, y: 20, width: 900, height: 700 }, true);
    writeFileSync(file, JSON.stringify(good));
    expect(await loadWindowState(dir)).toEqual(good);
  });
});

describe('the main window remembers its size, position and maximised state', () => {
  let dir: string;
  const paths = () => ({ preload: '/p/index.cjs', pageUrl: 'file:///app/index.html', stateDir: dir });
  const saved = () => JSON.parse(readFileSync(join(dir, WINDOW_STATE_FILE), 'utf8')) as unknown;

  beforeEach(() => {
    dir = windowDir();
    fake.screen.displays = [
      { id: 1, workArea: PRIMARY },
      { id: 2, workArea: RIGHT },
    ];
    fake.FakeBrowserWindow.instances.length = 0;
    fake.app.removeAllListeners('will-quit');
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('opens where it was saved, maximised as it is shown', async () => {
    writeFileSync(
      join(dir, WINDOW_STATE_FILE),
      JSON.stringify(state({ x: 2000, y: 100, width: 1500, height: 950 }, true)),
    );
    const window = (await createMainWindow(paths())) as unknown as fake.FakeBrowserWindow;
    expect(window.options).toMatchObject({
      x: 2000,
      y: 100,
      width: 1500,
      height: 950,
      minWidth: 720,
      minHeight: 480,
    });
    expect(window.maximized).toBe(false);
    window.emit('ready-to-show');
    expect(window.maximized).toBe(true);
    expect(window.shown).toBe(true);
  });

  it('comes back on the primary display when the saved display was unplugged', async () => {
    writeFileSync(
      join(dir, WINDOW_STATE_FILE),
      JSON.stringify(state({ x: 2000, y: 100, width: 1500, height: 950 })),
    );
    fake.screen.displays = [{ id: 1, workArea: PRIMARY }];
    const window = (await createMainWindow(paths())) as unknown as fake.FakeBrowserWindow;
    expect(window.options).toMatchObject({ x: 210, y: 45, width: 1500, height: 950 });
  });

  it('saves moves and resizes once they settle, atomically, and maximise at once', async () => {
    vi.useFakeTimers();
    const window = (await createMainWindow(paths())) as unknown as fake.FakeBrowserWindow;
    window.normalBounds = { x: 40, y: 30, width: 1000, height: 700 };
    window.emit('move');
    window.normalBounds = { x: 40, y: 30, width: 1100, height: 760 };
    window.emit('resize');
    expect(readdirSync(dir)).toEqual([]);
    await vi.advanceTimersByTimeAsync(600);
    vi.useRealTimers();
    await vi.waitFor(() => expect(saved()).toEqual(state({ x: 40, y: 30, width: 1100, height: 760 })));
    window.maximize();
    await vi.waitFor(() => expect(saved()).toEqual(state({ x: 40, y: 30, width: 1100, height: 760 }, true)));
    expect(readdirSync(dir)).toEqual([WINDOW_STATE_FILE]);
  });

  it('keeps the last normal state through minimise and full screen', async () => {
    const window = (await createMainWindow(paths())) as unknown as fake.FakeBrowserWindow;
    window.normalBounds = { x: 5, y: 6, width: 900, height: 600 };
    window.maximize();
    await vi.waitFor(() => expect(saved()).toMatchObject({ maximized: true }));
    // Let the maximise write finish, so any write still pending below is a new one.
    await vi.waitFor(() => {
      const settled = { preventDefault: vi.fn() };
      fake.app.emit('will-quit', settled);
      expect(settled.preventDefault).not.toHaveBeenCalled();
    });
    window.minimized = true;
    window.emit('unmaximize');
    window.close();
    const event = { preventDefault: vi.fn() };
    fake.app.emit('will-quit', event);
    expect(event.preventDefault).not.toHaveBeenCalled();
    expect(saved()).toEqual(state({ x: 5, y: 6, width: 900, height: 600 }, true));
  });

  it('writes on close, and the app waits for that write before it quits', async () => {
    const window = (await createMainWindow(paths())) as unknown as fake.FakeBrowserWindow;
    const quit = vi.spyOn(fake.app, 'quit');
    window.normalBounds = { x: 300, y: 200, width: 1024, height: 768 };
    window.close();
    const event = { preventDefault: vi.fn() };
    fake.app.emit('will-quit', event);
    expect(event.preventDefault).toHaveBeenCalled();
    await vi.waitFor(() => expect(quit).toHaveBeenCalled());
    expect(saved()).toEqual(state({ x: 300, y: 200, width: 1024, height: 768 }));
    // Nothing left to write: the next will-quit goes through.
    const again = { preventDefault: vi.fn() };
    fake.app.emit('will-quit', again);
    expect(again.preventDefault).not.toHaveBeenCalled();
    quit.mockRestore();
  });
});
