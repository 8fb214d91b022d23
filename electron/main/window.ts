import { BrowserWindow, type BrowserWindowConstructorOptions, type Rectangle } from 'electron';
import { DEFAULT_SIZE, initialBounds, loadWindowState, MIN_SIZE, rememberWindowState } from './window-state';

export interface WindowPaths {
  preload: string;
  /** The page to load: the dev server's URL, or the built index.html's file URL. */
  pageUrl: string;
  /** Where the window's size and position are remembered (the user-data folder). */
  stateDir: string;
}

export function mainWindowOptions(
  preload: string,
  bounds: Partial<Rectangle> = DEFAULT_SIZE,
): BrowserWindowConstructorOptions {
  return {
    ...bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title: 'Mailscope',
    show: false,
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
    },
  };
}

/** The main window, where it was last time (if that display is still there), maximised if it was. */
export async function createMainWindow(paths: WindowPaths): Promise<BrowserWindow> {
  const saved = await loadWindowState(paths.stateDir);
  const window = new BrowserWindow(mainWindowOptions(paths.preload, initialBounds(saved)));
  rememberWindowState(window, paths.stateDir);
  window.once('ready-to-show', () => {
    // Maximising a hidden window shows it on some platforms: do it as it is shown, not before.
    if (saved?.maximized) window.maximize();
    window.show();
  });
  await window.loadURL(paths.pageUrl);
  return window;
}
