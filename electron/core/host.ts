/**
 * What the service needs from whoever runs it (the Electron main process, or the harness) and
 * cannot do itself without depending on Electron: native dialogs and handing a link or a file to
 * the OS.
 */
export interface Host {
  readonly kind: 'electron' | 'harness';
  readonly version: string;
  /** Absent where the host has no native dialogs (the harness): the UI then asks for a typed path. */
  pickPath?(kind: 'file' | 'folder'): Promise<string | null>;
  /**
   * A native save dialog for one file (which asks before overwriting), or a folder picker for
   * "Save all". Null when the user cancels. Absent where the host has no native dialogs.
   */
  pickSaveTarget?(
    request: { kind: 'file'; suggestedName: string } | { kind: 'folder' },
  ): Promise<string | null>;
  /**
   * Whether a save may go to a path the page typed. Only the harness, whose page is the user's own
   * browser tab; in the desktop app the renderer is untrusted, so a destination comes only from
   * pickSaveTarget's dialog, as a one-time handle, and a typed path is refused.
   */
  readonly typedSavePaths?: boolean;
  /** Where saves go by default (the OS's Downloads folder); the engine falls back to ~/Downloads. */
  defaultSaveFolder?(): string;
  /**
   * Opens a saved file with the system's default app. Absent where that is not possible (the
   * harness serves a browser that may not even run on this machine).
   */
  openFile?(path: string): Promise<void>;
  /** Opens the folder of the log file in the file manager (Help → Open Log Folder). Desktop app only. */
  openLogFolder?(): Promise<void>;
  /** Opens an http(s) or mailto URL with the system's default handler. The URL is already vetted. */
  openExternal(url: string): Promise<void>;
}
