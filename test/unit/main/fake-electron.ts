import { EventEmitter } from 'node:events';

/**
 * A stand-in for the `electron` module, enough for the main-process wiring to run in plain Node:
 * it records what the wiring asked for so tests can assert every security setting.
 */

type Listener = (...args: unknown[]) => unknown;

export class FakeWebContents extends EventEmitter {
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler;
  }
}

interface Rectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  static getAllWindows() {
    return FakeBrowserWindow.instances;
  }
  static getFocusedWindow() {
    return FakeBrowserWindow.instances[0] ?? null;
  }
  readonly webContents = new FakeWebContents();
  loadedUrl: string | null = null;
  /** Where the window is when not maximised; tests move it and emit 'move' / 'resize'. */
  normalBounds: Rectangle;
  maximized = false;
  minimized = false;
  fullScreen = false;
  destroyed = false;
  shown = false;
  constructor(readonly options: Record<string, unknown>) {
    super();
    const number = (key: string, fallback: number) =>
      typeof options[key] === 'number' ? (options[key] as number) : fallback;
    this.normalBounds = {
      x: number('x', 0),
      y: number('y', 0),
      width: number('width', 800),
      height: number('height', 600),
    };
    FakeBrowserWindow.instances.push(this);
  }
  async loadURL(url: string) {
    this.loadedUrl = url;
  }
  show() {
    this.shown = true;
  }
  getNormalBounds() {
    return { ...this.normalBounds };
  }
  isMaximized() {
    return this.maximized;
  }
  maximize() {
    this.maximized = true;
    this.emit('maximize');
  }
  isMinimized() {
    return this.minimized;
  }
  isFullScreen() {
    return this.fullScreen;
  }
  isDestroyed() {
    return this.destroyed;
  }
  close() {
    this.emit('close', { preventDefault() {} });
    this.destroyed = true;
    this.emit('closed');
  }
}

/** Displays as Electron's screen module reports them; tests replace the list. */
export const screen = {
  displays: [{ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1040 } }] as {
    id: number;
    workArea: Rectangle;
  }[],
  getAllDisplays() {
    return this.displays;
  },
  getPrimaryDisplay() {
    const first = this.displays[0];
    if (!first) throw new Error('fake electron: no displays');
    return first;
  },
};

export const ipcMain = {
  handlers: new Map<string, Listener>(),
  handleCalls: [] as string[],
  handle(channel: string, listener: Listener) {
    this.handleCalls.push(channel);
    this.handlers.set(channel, listener);
  },
};

interface HeadersDetails {
  url?: string;
  responseHeaders?: Record<string, string[]>;
}

/** Records scheme privileges (with whether the app was ready then) and protocol handlers. */
export const protocol = {
  privileged: [] as { schemes: unknown[]; beforeReady: boolean }[],
  handlers: new Map<string, (request: Request) => Response | Promise<Response>>(),
  registerSchemesAsPrivileged(schemes: unknown[]) {
    this.privileged.push({ schemes, beforeReady: !app.readyCalled });
  },
  handle(scheme: string, handler: (request: Request) => Response | Promise<Response>) {
    this.handlers.set(scheme, handler);
  },
};

export const session = {
  defaultSession: {
    permissionRequestHandler: null as
      null | ((wc: unknown, permission: string, cb: (ok: boolean) => void) => void),
    permissionCheckHandler: null as null | ((...args: unknown[]) => boolean),
    headersHandler: null as null | ((details: HeadersDetails, cb: (r: HeadersDetails) => void) => void),
    setPermissionRequestHandler(
      handler: (wc: unknown, permission: string, cb: (ok: boolean) => void) => void,
    ) {
      this.permissionRequestHandler = handler;
    },
    setPermissionCheckHandler(handler: (...args: unknown[]) => boolean) {
      this.permissionCheckHandler = handler;
    },
    webRequest: {
      onHeadersReceived(handler: (details: HeadersDetails, cb: (r: HeadersDetails) => void) => void) {
        session.defaultSession.headersHandler = handler;
      },
    },
  },
};

class FakeApp extends EventEmitter {
  isPackaged = false;
  quitCalled = false;
  requestSingleInstanceLock() {
    return true;
  }
  readyCalled = false;
  whenReady() {
    this.readyCalled = true;
    return Promise.resolve();
  }
  isReady() {
    return true;
  }
  getAppPath() {
    return process.cwd();
  }
  getVersion() {
    return '0.0.0-test';
  }
  readonly paths = new Map<string, string>();
  getPath(name: string) {
    const path = this.paths.get(name);
    if (!path) throw new Error(`fake electron: no path set for ${name}`);
    return path;
  }
  quit() {
    this.quitCalled = true;
  }
}
export const app = new FakeApp();

/** Records the application menu; items keep their click handlers so tests can press them. */
export const Menu = {
  template: null as unknown[] | null,
  buildFromTemplate(template: unknown[]) {
    return { template };
  },
  setApplicationMenu(menu: { template: unknown[] } | null) {
    Menu.template = menu?.template ?? null;
  },
};

/** Records every dialog asked for; answers with `nextPath` (null: the user cancelled). */
export const dialog = {
  calls: [] as { kind: 'open' | 'save'; options: Record<string, unknown> }[],
  nextPath: null as string | null,
  async showOpenDialog(...args: unknown[]) {
    this.calls.push({ kind: 'open', options: args.at(-1) as Record<string, unknown> });
    return this.nextPath === null
      ? { canceled: true, filePaths: [] as string[] }
      : { canceled: false, filePaths: [this.nextPath] };
  },
  async showSaveDialog(...args: unknown[]) {
    this.calls.push({ kind: 'save', options: args.at(-1) as Record<string, unknown> });
    return this.nextPath === null
      ? { canceled: true, filePath: '' }
      : { canceled: false, filePath: this.nextPath };
  },
};
export const shell = {
  opened: [] as string[],
  openedPaths: [] as string[],
  /** What shell.openPath answers: '' for success, else the OS's error text. */
  openPathFailure: '',
  async openExternal(url: string) {
    this.opened.push(url);
  },
  async openPath(path: string) {
    this.openedPaths.push(path);
    return this.openPathFailure;
  },
};
export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld(key: string, value: unknown) {
    this.exposed.set(key, value);
  },
};
/** Knows the path of every File it is told about, as Electron's does for dropped files. */
export const webUtils = {
  paths: new WeakMap<object, string>(),
  getPathForFile(file: object) {
    return webUtils.paths.get(file) ?? '';
  },
};

export const ipcRenderer = {
  invocations: [] as { channel: string; payload: unknown }[],
  async invoke(channel: string, payload: unknown) {
    this.invocations.push({ channel, payload });
    return { ok: true, value: null };
  },
};

export const BrowserWindow = FakeBrowserWindow;
export default {
  app,
  BrowserWindow,
  ipcMain,
  session,
  dialog,
  shell,
  contextBridge,
  ipcRenderer,
  screen,
  protocol,
};
