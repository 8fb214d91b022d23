import type { MenuItemConstructorOptions } from 'electron';

/**
 * Every way the OS or the menu asks Mailscope to open mail from disk, turned into one `open.path`
 * event for the renderer (which opens it as if the path had been typed into the Open dialog, with
 * the same checks and confirmations): File → Open…, a double-clicked .eml/.mbox (argv on Windows
 * and Linux, `open-file` on macOS), a second launch with a file while the app is running.
 *
 * Electron is passed in rather than imported so the wiring is testable with plain fakes.
 */

/** The extensions electron-builder.yml associates with Mailscope. */
const MAIL_FILE = /\.(eml|msg|mbox|mbx)$/i;

export interface OpenRequestDeps {
  app: {
    on(event: 'open-file', listener: (event: { preventDefault(): void }, path: string) => void): unknown;
    on(event: 'second-instance', listener: (event: unknown, argv: string[]) => void): unknown;
  };
  /** The launch's own command line. */
  argv: readonly string[];
  pickPath(kind: 'file' | 'folder'): Promise<string | null>;
  /** Hands a path to the renderer (the engine's event hub). */
  publish(path: string): void;
  /** Brings the window forward (a second launch should not go unnoticed). */
  focus(): void;
  platform: NodeJS.Platform;
}

/** Mail files named on a command line; switches and the app's own path are not. */
export function mailFilesIn(argv: readonly string[]): string[] {
  return argv.slice(1).filter((arg) => !arg.startsWith('-') && MAIL_FILE.test(arg));
}

export function installOpenRequests(deps: OpenRequestDeps): void {
  // macOS: may fire before the app is ready (a file double-clicked to launch it); the event hub
  // keeps it until the renderer asks.
  deps.app.on('open-file', (event, path) => {
    event.preventDefault();
    deps.publish(path);
  });
  deps.app.on('second-instance', (_event, argv) => {
    for (const path of mailFilesIn(argv)) deps.publish(path);
    deps.focus();
  });
  for (const path of mailFilesIn(deps.argv)) deps.publish(path);
}

/** The application menu: File → Open…, the edit roles text fields need, zoom, window. */
export function menuTemplate(
  deps: Pick<OpenRequestDeps, 'pickPath' | 'publish' | 'platform'> & {
    /** Help → Open Log Folder: the folder of the redacted log file, in the file manager. */
    openLogFolder?: () => Promise<void>;
  },
): MenuItemConstructorOptions[] {
  const pick = (kind: 'file' | 'folder') => async () => {
    const path = await deps.pickPath(kind);
    if (path) deps.publish(path);
  };
  const mac = deps.platform === 'darwin';
  return [
    ...(mac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        { label: 'Open File…', accelerator: 'CmdOrCtrl+O', click: pick('file') },
        { label: 'Open Maildir Folder…', accelerator: 'CmdOrCtrl+Shift+O', click: pick('folder') },
        { type: 'separator' },
        mac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: '&View',
      submenu: [
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
    ...(deps.openLogFolder
      ? [
          {
            role: 'help' as const,
            submenu: [{ label: 'Open Log Folder', click: () => void deps.openLogFolder?.() }],
          },
        ]
      : []),
  ];
}
