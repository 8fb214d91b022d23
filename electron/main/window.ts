import { BrowserWindow, type BrowserWindowConstructorOptions } from 'electron';

export interface WindowPaths {
  preload: string;
  /** The page to load: the dev server's URL, or the built index.html's file URL. */
  pageUrl: string;
}

export function mainWindowOptions(preload: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 720,
    minHeight: 480,
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

export async function createMainWindow(paths: WindowPaths): Promise<BrowserWindow> {
  const window = new BrowserWindow(mainWindowOptions(paths.preload));
  window.once('ready-to-show', () => window.show());
  await window.loadURL(paths.pageUrl);
  return window;
}
