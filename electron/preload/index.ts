import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { channelOf, isMethod } from '../../shared/channels';

/**
 * The renderer's only window onto the main process: `window.mailscope.invoke(method, payload)` for
 * the methods of the contract, nothing else (no ipcRenderer, no generic send). Main validates the
 * payload again; this only keeps arbitrary channels out of reach.
 *
 * `pathForFile` gives the path of a file the user dragged onto the window (a page cannot learn it
 * otherwise since Electron 32); it answers only for File objects, which the page can only hold for
 * files the user chose.
 */
contextBridge.exposeInMainWorld('mailscope', {
  invoke(method: unknown, payload: unknown): Promise<unknown> {
    if (!isMethod(method)) {
      return Promise.resolve({
        ok: false,
        error: { code: 'INVALID_REQUEST', message: 'Unknown method.', hint: 'This is a bug in Mailscope.' },
      });
    }
    return ipcRenderer.invoke(channelOf(method), payload);
  },
  pathForFile(file: unknown): string | null {
    if (typeof File === 'undefined' || !(file instanceof File)) return null;
    try {
      return webUtils.getPathForFile(file) || null;
    } catch {
      return null;
    }
  },
});
