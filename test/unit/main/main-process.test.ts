import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { METHODS, channelOf } from '../../../shared/channels';
import * as fake from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

const { startApp, appUrlCheck } = await import('../../../electron/main/app');
const { electronHost } = await import('../../../electron/main/host');
const { APP_CSP } = await import('../../../shared/csp');

type Handler = (event: unknown, payload: unknown) => Promise<unknown>;

function frame(url: string, parent: unknown = null) {
  return { senderFrame: { url, parent } };
}

describe('Electron main process wiring', () => {
  let window: fake.FakeBrowserWindow;
  let userData = '';

  beforeAll(async () => {
    userData = mkdtempSync(join(tmpdir(), 'mailscope-main-'));
    fake.app.paths.set('userData', userData);
    fake.app.paths.set('downloads', '/home/me/Downloads');
    await startApp();
    expect(fake.FakeBrowserWindow.instances).toHaveLength(1);
    window = fake.FakeBrowserWindow.instances[0]!;
  });
  afterAll(() => {
    if (userData) rmSync(userData, { recursive: true, force: true });
  });

  it('creates the window sandboxed, context-isolated, without Node, with web security', () => {
    const prefs = window.options['webPreferences'] as Record<string, unknown>;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(String(prefs['preload'])).toMatch(/[/\\]preload[/\\]index\.cjs$/);
    expect(window.loadedUrl).toMatch(/^file:.*\/renderer\/index\.html$/);
  });

  it('registers exactly one handler for every contract method and nothing else', () => {
    const expected = METHODS.map(channelOf).sort();
    expect([...fake.ipcMain.handleCalls].sort()).toEqual(expected);
  });

  it('refuses IPC from any page but our own top frame, before parsing the payload', async () => {
    const handler = fake.ipcMain.handlers.get(channelOf('app.getInfo')) as Handler;
    const own = window.loadedUrl!;
    expect(await handler(frame('https://evil.example/'), {})).toMatchObject({
      ok: false,
      error: { code: 'INVALID_REQUEST' },
    });
    expect(await handler(frame(own, { url: own }), {})).toMatchObject({ ok: false });
    expect(await handler(frame(own), {})).toMatchObject({ ok: true, value: { host: 'electron' } });
  });

  it('validates payloads in main and answers with typed errors, not exceptions', async () => {
    const handler = fake.ipcMain.handlers.get(channelOf('messages.list')) as Handler;
    const answer = await handler(frame(window.loadedUrl!), { sourceId: 7 });
    expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    expect(JSON.stringify(answer)).not.toMatch(/at .*\.ts:\d+/);
  });

  it('denies navigation away from the app, new windows and webviews on every web contents', () => {
    const contents = new fake.FakeWebContents();
    fake.app.emit('web-contents-created', {}, contents);

    const away = { preventDefault: vi.fn() };
    contents.emit('will-navigate', away, 'https://evil.example/');
    expect(away.preventDefault).toHaveBeenCalled();

    const reload = { preventDefault: vi.fn() };
    contents.emit('will-navigate', reload, window.loadedUrl);
    expect(reload.preventDefault).not.toHaveBeenCalled();

    const redirect = { preventDefault: vi.fn() };
    contents.emit('will-redirect', redirect, 'http://127.0.0.1:9/');
    expect(redirect.preventDefault).toHaveBeenCalled();

    const webview = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', webview);
    expect(webview.preventDefault).toHaveBeenCalled();

    expect(contents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
  });

  it('denies every permission request and check but writing text to the clipboard', () => {
    const session = fake.session.defaultSession;
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      const callback = vi.fn();
      session.permissionRequestHandler?.({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
      expect(session.permissionCheckHandler?.({}, permission)).toBe(false);
    }
    const callback = vi.fn();
    session.permissionRequestHandler?.({}, 'clipboard-sanitized-write', callback);
    expect(callback).toHaveBeenCalledWith(true);
  });

  it('sends the app CSP on every response, the same policy index.html declares', () => {
    let headers: Record<string, string[]> = {};
    fake.session.defaultSession.headersHandler?.({ responseHeaders: { 'X-Other': ['1'] } }, (r) => {
      headers = r.responseHeaders ?? {};
    });
    expect(headers['Content-Security-Policy']).toEqual([APP_CSP]);
    expect(headers['X-Other']).toEqual(['1']);

    const html = readFileSync('renderer/index.html', 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBe(APP_CSP);
    for (const rule of ["default-src 'none'", "script-src 'self'", "base-uri 'none'", "form-action 'none'"]) {
      expect(APP_CSP).toContain(rule);
    }
    expect(APP_CSP).not.toMatch(/script-src[^;]*unsafe/);
    expect(APP_CSP).not.toMatch(/unsafe-eval/);
  });

  it('treats only our own page as the app', () => {
    const check = appUrlCheck('file:///opt/mailscope/out/renderer/index.html');
    expect(check('file:///opt/mailscope/out/renderer/index.html#x')).toBe(true);
    expect(check('file:///etc/passwd')).toBe(false);
    expect(check('about:srcdoc')).toBe(false);
    const dev = appUrlCheck('http://localhost:5173/');
    expect(dev('http://localhost:5173/index.html')).toBe(true);
    expect(dev('http://localhost:5174/')).toBe(false);
  });
});

describe('the Electron host', () => {
  it('saves through native dialogs: a save dialog that confirms overwrites, a folder picker for Save all', async () => {
    const host = electronHost('1.0.0');
    fake.dialog.calls.length = 0;
    fake.dialog.nextPath = '/home/me/Downloads/report.pdf';
    expect(await host.pickSaveTarget?.({ kind: 'file', suggestedName: 'report.pdf' })).toBe(
      '/home/me/Downloads/report.pdf',
    );
    fake.dialog.nextPath = '/home/me/Attachments';
    expect(await host.pickSaveTarget?.({ kind: 'folder' })).toBe('/home/me/Attachments');
    fake.dialog.nextPath = null;
    expect(await host.pickSaveTarget?.({ kind: 'file', suggestedName: 'x.txt' })).toBeNull();
    expect(fake.dialog.calls.map((call) => call.kind)).toEqual(['save', 'open', 'save']);
    expect(fake.dialog.calls[0]?.options).toMatchObject({
      defaultPath: join('/home/me/Downloads', 'report.pdf'),
      properties: expect.arrayContaining(['showOverwriteConfirmation']),
    });
    expect(fake.dialog.calls[1]?.options).toMatchObject({
      properties: expect.arrayContaining(['openDirectory', 'createDirectory']),
    });
    expect(host.defaultSaveFolder?.()).toBe('/home/me/Downloads');
  });

  it('answers files.pickSaveTarget over IPC from the native dialog', async () => {
    const window = fake.FakeBrowserWindow.instances[0]!;
    const handler = fake.ipcMain.handlers.get(channelOf('files.pickSaveTarget')) as Handler;
    fake.dialog.nextPath = '/home/me/Downloads/a.eml';
    expect(await handler(frame(window.loadedUrl!), { kind: 'file', suggestedName: 'a.eml' })).toEqual({
      ok: true,
      value: { path: '/home/me/Downloads/a.eml' },
    });
    fake.dialog.nextPath = null;
    expect(await handler(frame(window.loadedUrl!), { kind: 'folder' })).toEqual({
      ok: true,
      value: { path: null },
    });
    const info = fake.ipcMain.handlers.get(channelOf('files.defaultFolder')) as Handler;
    expect(await info(frame(window.loadedUrl!), {})).toMatchObject({
      ok: true,
      value: { folder: '/home/me/Downloads' },
    });
  });

  it('opens files with the system app and turns a refusal into an error the UI can show', async () => {
    const host = electronHost('1.0.0');
    await host.openFile?.('/tmp/mailscope-open-x/report.pdf');
    expect(fake.shell.openedPaths).toEqual(['/tmp/mailscope-open-x/report.pdf']);
    fake.shell.openPathFailure = 'No application is associated with this file type';
    await expect(host.openFile?.('/tmp/y.zzz')).rejects.toMatchObject({
      code: 'UNSUPPORTED',
      message: expect.stringContaining('No application is associated'),
    });
    fake.shell.openPathFailure = '';
  });
});

describe('preload', () => {
  it('exposes only invoke (for contract methods) and the path of a dropped file', async () => {
    await import('../../../electron/preload/index');
    const bridge = fake.contextBridge.exposed.get('mailscope') as {
      invoke: (method: unknown, payload: unknown) => Promise<unknown>;
      pathForFile: (file: unknown) => string | null;
    };
    expect([...fake.contextBridge.exposed.keys()]).toEqual(['mailscope']);
    expect(Object.keys(bridge)).toEqual(['invoke', 'pathForFile']);

    const dropped = new File(['x'], 'alert.eml');
    fake.webUtils.paths.set(dropped, '/home/ops/alert.eml');
    expect(bridge.pathForFile(dropped)).toBe('/home/ops/alert.eml');
    expect(bridge.pathForFile(new File(['y'], 'typed.eml'))).toBeNull();
    expect(bridge.pathForFile({ name: 'forged.eml', path: '/etc/shadow' })).toBeNull();
    expect(bridge.pathForFile('/etc/shadow')).toBeNull();

    await expect(bridge.invoke('sources.openSample', {})).resolves.toEqual({ ok: true, value: null });
    expect(fake.ipcRenderer.invocations).toEqual([{ channel: 'mailscope:sources.openSample', payload: {} }]);

    await expect(bridge.invoke('shell.exec', { cmd: 'rm -rf /' })).resolves.toMatchObject({ ok: false });
    expect(fake.ipcRenderer.invocations).toHaveLength(1);
  });
});
