import type { EventEmitter } from 'node:events';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, BrowserWindow, ipcMain, Menu, protocol, session } from 'electron';
import { ELECTRON_FRAME_ORIGIN } from '../../shared/frame';
import { installCrashGuard } from '../core/crash-guard';
import { createDispatch } from '../core/dispatch';
import { createEngine } from '../core/engine';
import { internalErrorLogger } from '../core/log';
import { createLogFile, teeToLogFile } from '../core/log-file';
import { handleFrameScheme, registerFrameScheme } from './frames';
import { electronHost } from './host';
import { registerIpc } from './ipc';
import { installOpenRequests, menuTemplate } from './open-requests';
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
      // A file: URL's host names the machine (file://server/share/… is a UNC path on Windows), so
      // the same path on another host is another page.
      if (expected.protocol === 'file:')
        return (
          candidate.protocol === 'file:' &&
          candidate.host === expected.host &&
          candidate.pathname === expected.pathname
        );
      return candidate.origin === expected.origin;
    } catch {
      return false;
    }
  };
}

export interface StartOptions {
  /**
   * Where uncaught exceptions and unhandled rejections are caught (default: this process). Tests
   * pass their own emitter, so a fault they inject never reaches the test runner's handlers.
   */
  faults?: EventEmitter;
}

export async function startApp(options: StartOptions = {}) {
  const page = pageUrl();
  const isAppUrl = appUrlCheck(page);
  hardenApp(app, isAppUrl);
  registerFrameScheme(protocol);

  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }

  const samplePath = app.isPackaged
    ? join(process.resourcesPath, 'sample-mailbox')
    : join(app.getAppPath(), 'resources', 'sample-mailbox');
  // The log a user can send (Help → Copy Diagnostics / Open Log Folder): redacted, rotating.
  const log = createLogFile({ folder: app.getPath('logs') });
  const logged = teeToLogFile(log, (line) => console.error(line));
  const host = electronHost(app.getVersion(), log.folder);
  // Secrets only ever go to the OS keychain here; without one, the UI says so and stores none.
  const { api, events, frames } = createEngine({
    host,
    samplePath,
    profilesDir: app.getPath('userData'),
    secrets: 'keychain',
    frameOrigin: ELECTRON_FRAME_ORIGIN,
    // Custom authority hosts are for test beds (npm run demo): never on unless asked for.
    allowCustomAuthority: process.argv.includes('--allow-custom-authority'),
    log,
  });
  // The last line of defence: logged (redacted) and announced once, instead of the app dying.
  installCrashGuard(options.faults ?? process, { events, log: logged });
  registerIpc(
    ipcMain,
    createDispatch(api, {
      onInternalError: internalErrorLogger('mailscope', logged),
    }),
    isAppUrl,
  );

  // Before ready: macOS reports a double-clicked file that launched the app with 'open-file' early.
  const openRequests = {
    pickPath: (kind: 'file' | 'folder') => host.pickPath?.(kind) ?? Promise.resolve(null),
    publish: (path: string) => events.publish({ type: 'open.path', path }),
    platform: process.platform,
    openLogFolder: () => host.openLogFolder?.() ?? Promise.resolve(),
    command: (command: 'find-message-id') => events.publish({ type: 'app.command', command }),
  };
  installOpenRequests({
    ...openRequests,
    app,
    argv: process.argv,
    focus: () => {
      const window = BrowserWindow.getAllWindows()[0];
      if (window?.isMinimized()) window.restore();
      window?.focus();
    },
  });
  await app.whenReady();
  hardenSession(session.defaultSession);
  handleFrameScheme(protocol, frames);
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(openRequests)));

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
