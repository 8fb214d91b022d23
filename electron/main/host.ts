import { BrowserWindow, dialog, shell } from 'electron';
import type { Host } from '../core/host';

export function electronHost(version: string): Host {
  return {
    kind: 'electron',
    version,
    async pickPath(kind) {
      const options = {
        title: kind === 'file' ? 'Open a message or mbox file' : 'Open a Maildir folder',
        properties: [kind === 'file' ? ('openFile' as const) : ('openDirectory' as const)],
        filters:
          kind === 'file'
            ? [
                { name: 'Mail files', extensions: ['eml', 'mbox', 'mbx'] },
                { name: 'All files', extensions: ['*'] },
              ]
            : [],
      };
      const parent = BrowserWindow.getFocusedWindow();
      const result = parent
        ? await dialog.showOpenDialog(parent, options)
        : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    async openExternal(url) {
      await shell.openExternal(url);
    },
  };
}
