import { type IpcMain, type IpcMainInvokeEvent } from 'electron';
import { errorInfo } from '../../shared/errors';
import { channelOf, METHODS } from '../../shared/channels';
import type { Dispatch } from '../core/dispatch';

/**
 * Binds every contract method to one ipcMain handler. A call counts only when it comes from our
 * own page's top frame; anything else (a frame that navigated elsewhere, a subframe) is refused
 * before its payload is even parsed.
 */
export function registerIpc(ipcMain: IpcMain, dispatch: Dispatch, isAppUrl: (url: string) => boolean) {
  for (const method of METHODS) {
    ipcMain.handle(channelOf(method), (event: IpcMainInvokeEvent, payload: unknown) => {
      if (!isTrustedSender(event, isAppUrl)) {
        return { ok: false, error: errorInfo('INVALID_REQUEST', 'Refused a request from an unknown page.') };
      }
      return dispatch(method, payload);
    });
  }
}

function isTrustedSender(event: IpcMainInvokeEvent, isAppUrl: (url: string) => boolean): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame.parent === null && isAppUrl(frame.url);
}
