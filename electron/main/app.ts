import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, BrowserWindow, ipcMain, session } from 'electron';
import { createDispatch } from '../core/dispatch';
import { createEngine } from '../core/engine';
import { electronHost } from './host';
import { registerIpc } from './ipc';
import { hardenApp, hardenSession } from './security';
import { createMainWindow } from './window';

/** The main process: wiring only. Everything it serves comes from electron/core. */

function pageUrl(): string {
  // electron-vite sets this only under `electron-vite dev`.
  const devServer = process.env['ELECTRON_RENDERER_URL'];
  if (devServer && !app.isPackaged) return devServer;
  return pathToFileURL(fileURLToPath(new URL('../renderer/index.html', import.meta.url))).href;
}

export function appUrlCheck(page: string): (url: string) => boolean {
  const expected = new URL(page);
  return (url) => {
    try {
      const candidate = new URL(url);
      if (expected.protocol === 'file:')
        return candidate.protocol === 'file:' && candidate.pathname === expected.pathname;
      return candidate.origin === expected.origin;
    } catch {
      return false;
    }
  };
}

export async function startApp() {
  const page = pageUrl();
  const isAppUrl = appUrlCheck(page);
  hardenApp(app, isAppUrl);

  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }

  await app.whenReady();
  hardenSession(session.defaultSession);

  const samplePath = app.isPackaged
    ? join(process.resourcesPath, 'sample-mailbox')
    : join(app.getAppPath(), 'resources', 'sample-mailbox');
  // Secrets only ever go to the OS keychain here; without one, the UI says so and stores none.
  const { api } = createEngine({
    host: electronHost(app.getVersion()),
    samplePath,
    profilesDir: app.getPath('userData'),
    secrets: 'keychain',
  });
  registerIpc(
    ipcMain,
    createDispatch(api, {
      onInternalError: (method, error) => console.error(`mailscope: internal error in ${method}:`, error),
    }),
    isAppUrl,
  );

  const preload = fileURLToPath(new URL('../preload/index.cjs', import.meta.url));
  const open = () => createMainWindow({ preload, pageUrl: page, stateDir: app.getPath('userData') });
  await open();

  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) void open();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
