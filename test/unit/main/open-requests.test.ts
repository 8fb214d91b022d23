import { EventEmitter } from 'node:events';
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { installOpenRequests, mailFilesIn, menuTemplate } from '../../../electron/main/open-requests';

function setup(argv: string[] = ['/opt/Mailscope/mailscope']) {
  const app = new EventEmitter();
  const published: string[] = [];
  let focused = 0;
  const picks: ('file' | 'folder')[] = [];
  let answer: string | null = '/home/ops/export.mbox';
  const deps = {
    app,
    argv,
    platform: 'linux' as NodeJS.Platform,
    pickPath: async (kind: 'file' | 'folder') => {
      picks.push(kind);
      return answer;
    },
    publish: (path: string) => published.push(path),
    focus: () => focused++,
  };
  installOpenRequests(deps);
  return {
    app,
    published,
    picks,
    focused: () => focused,
    deps,
    cancelDialogs: () => {
      answer = null;
    },
  };
}

function item(
  template: MenuItemConstructorOptions[],
  menu: string,
  label: string,
): MenuItemConstructorOptions {
  const submenu = template.find((entry) => entry.label === menu)?.submenu;
  const found = Array.isArray(submenu) ? submenu.find((entry) => entry.label === label) : undefined;
  if (!found) throw new Error(`no ${menu} → ${label}`);
  return found;
}

describe('open requests from the OS and the menu', () => {
  it('opens the mail files a launch names (Windows/Linux file association), not switches or the app', () => {
    const { published } = setup([
      'C:\\Mailscope\\Mailscope.exe',
      '--inspect',
      'D:\\Cases\\phish.EML',
      'notes.txt',
    ]);
    expect(published).toEqual(['D:\\Cases\\phish.EML']);
    expect(mailFilesIn(['mailscope', '/a/b.mbox', '/c/d.mbx', '/e/f.eml', '-x.eml'])).toEqual([
      '/a/b.mbox',
      '/c/d.mbx',
      '/e/f.eml',
    ]);
  });

  it('opens a file macOS hands over (open-file), and says it was handled', () => {
    const { app, published } = setup();
    let prevented = false;
    app.emit('open-file', { preventDefault: () => (prevented = true) }, '/Users/ops/Desktop/alert.eml');
    expect(published).toEqual(['/Users/ops/Desktop/alert.eml']);
    expect(prevented).toBe(true);
  });

  it('a second launch with a file opens it in the running app and brings the window forward', () => {
    const { app, published, focused } = setup();
    app.emit('second-instance', {}, ['/opt/Mailscope/mailscope', '/tmp/forwarded.eml']);
    expect(published).toEqual(['/tmp/forwarded.eml']);
    expect(focused()).toBe(1);
  });

  it('File → Open File… and Open Maildir Folder… ask the native dialog and open what was chosen', async () => {
    const { deps, published, picks, cancelDialogs } = setup();
    const template = menuTemplate(deps);
    const openFile = item(template, '&File', 'Open File…');
    expect(openFile.accelerator).toBe('CmdOrCtrl+O');
    await (openFile.click as () => Promise<void>)();
    expect(picks).toEqual(['file']);
    expect(published).toEqual(['/home/ops/export.mbox']);
    cancelDialogs();
    await (item(template, '&File', 'Open Maildir Folder…').click as () => Promise<void>)();
    expect(picks).toEqual(['file', 'folder']);
    expect(published).toEqual(['/home/ops/export.mbox']);
  });

  it('File → Find by Message-ID… asks the page to show its dialog; the page owns the shortcut', () => {
    const commands: string[] = [];
    const template = menuTemplate({ ...setup().deps, command: (command) => commands.push(command) });
    const find = item(template, '&File', 'Find by Message-ID…');
    expect(find).toMatchObject({ accelerator: 'CmdOrCtrl+Shift+M', registerAccelerator: false });
    (find.click as () => void)();
    expect(commands).toEqual(['find-message-id']);
  });

  it('keeps the edit roles text fields need, and zoom for 125–200 % reading', () => {
    const template = menuTemplate(setup().deps);
    expect(template.some((entry) => entry.role === 'editMenu')).toBe(true);
    const view = template.find((entry) => entry.label === '&View')?.submenu;
    expect(Array.isArray(view) ? view.map((entry) => entry.role).filter(Boolean) : []).toEqual(
      expect.arrayContaining(['zoomIn', 'zoomOut', 'resetZoom']),
    );
    expect(menuTemplate({ ...setup().deps, platform: 'darwin' })[0]?.role).toBe('appMenu');
  });
});
