/**
 * What the service needs from whoever runs it (the Electron main process, or the harness) and
 * cannot do itself without depending on Electron: native dialogs and handing a link to the OS.
 */
export interface Host {
  readonly kind: 'electron' | 'harness';
  readonly version: string;
  /** Absent where the host has no native dialogs (the harness): the UI then asks for a typed path. */
  pickPath?(kind: 'file' | 'folder'): Promise<string | null>;
  /** Opens an http(s) or mailto URL with the system's default handler. The URL is already vetted. */
  openExternal(url: string): Promise<void>;
}
