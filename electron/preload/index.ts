import { contextBridge, ipcRenderer } from 'electron';
import { channelOf, isMethod } from '../../shared/channels';

/**
 * The renderer's only window onto the main process: `window.mailscope.invoke(method, payload)` for
 * the methods of the contract, nothing else (no ipcRenderer, no generic send). Main validates the
 * payload again; this only keeps arbitrary channels out of reach.
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
});
