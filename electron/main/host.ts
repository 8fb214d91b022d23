import { join } from 'node:path';
import { app, BrowserWindow, dialog, type OpenDialogOptions, type SaveDialogOptions, shell } from 'electron';
import { AppError } from '../core/common/app-error';
import type { Host } from '../core/host';

/** `logFolder`: where the log file lives (app.getPath('logs')), for Help → Open Log Folder. */
export function electronHost(version: string, logFolder?: string): Host {
  const parentOf = () => BrowserWindow.getFocusedWindow();
  const showOpen = (options: OpenDialogOptions) => {
    const parent = parentOf();
    return parent ? dialog.showOpenDialog(parent, options) : dialog.showOpenDialog(options);
  };
  const downloads = () => app.getPath('downloads');
  return {
    kind: 'electron',
    version,
    async pickPath(kind) {
      const result = await showOpen({
        title: kind === 'file' ? 'Open a message or mbox file' : 'Open a Maildir folder',
        properties: [kind === 'file' ? 'openFile' : 'openDirectory'],
        filters:
          kind === 'file'
            ? [
                { name: 'Mail files', extensions: ['eml', 'msg', 'mbox', 'mbx'] },
                { name: 'All files', extensions: ['*'] },
              ]
            : [],
      });
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    async pickSaveTarget(request) {
      if (request.kind === 'folder') {
        const result = await showOpen({
          title: 'Save attachments to folder',
          buttonLabel: 'Save here',
          defaultPath: downloads(),
          properties: ['openDirectory', 'createDirectory'],
        });
        return result.canceled ? null : (result.filePaths[0] ?? null);
      }
      // The native dialog asks before replacing a file; the engine then saves with ifExists "replace".
      const options: SaveDialogOptions = {
        title: 'Save',
        defaultPath: join(downloads(), request.suggestedName),
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      };
      const parent = parentOf();
      const result = parent
        ? await dialog.showSaveDialog(parent, options)
        : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
    defaultSaveFolder: downloads,
    async openFile(path) {
      // shell.openPath answers with an error text instead of throwing.
      const failure = await shell.openPath(path);
      if (failure) {
        throw new AppError(
          'UNSUPPORTED',
          `The system could not open the file: ${failure}`,
          'Save it instead and open it from your file manager.',
        );
      }
    },
    async openExternal(url) {
      await shell.openExternal(url);
    },
    ...(logFolder
      ? {
          async openLogFolder() {
            // Answers with an error text instead of throwing; nothing a menu item could show.
            await shell.openPath(logFolder);
          },
        }
      : {}),
  };
}
