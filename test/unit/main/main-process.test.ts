import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
    fake.app.paths.set('logs', join(userData, 'logs'));
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
    fake.session.defaultSession.headersHandler?.(
      { url: window.loadedUrl!, responseHeaders: { 'X-Other': ['1'] } },
      (r) => {
        headers = r.responseHeaders ?? {};
      },
    );
    expect(headers['Content-Security-Policy']).toEqual([APP_CSP]);
    expect(headers['X-Other']).toEqual(['1']);
    // A message frame keeps its own policy: the app's would replace it.
    const framePolicy = ["default-src 'none'"];
    fake.session.defaultSession.headersHandler?.(
      { url: 'mailscope-frame://message/x', responseHeaders: { 'content-security-policy': framePolicy } },
      (r) => {
        headers = r.responseHeaders ?? {};
      },
    );
    expect(headers['Content-Security-Policy']).toBeUndefined();
    expect(headers['content-security-policy']).toBe(framePolicy);

    const html = readFileSync('renderer/index.html', 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBe(APP_CSP);
    for (const rule of ["default-src 'none'", "script-src 'self'", "base-uri 'none'", "form-action 'none'"]) {
      expect(APP_CSP).toContain(rule);
    }
    expect(APP_CSP).not.toMatch(/script-src[^;]*unsafe/);
    expect(APP_CSP).not.toMatch(/unsafe-eval/);
    // DESIGN.md §4's policy, plus the frame scheme: message bodies have an origin of their own.
    expect(APP_CSP).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; " +
        "connect-src 'self'; frame-src 'self' blob: mailscope-frame:; base-uri 'none'; form-action 'none'",
    );
  });

  it('serves message frames from their own privileged scheme, each with the frame policy as a header', async () => {
    expect(fake.protocol.privileged).toEqual([
      {
        schemes: [{ scheme: 'mailscope-frame', privileges: { standard: true, secure: true } }],
        beforeReady: true,
      },
    ]);
    const handler = fake.protocol.handlers.get('mailscope-frame');
    expect(handler).toBeDefined();
    const put = fake.ipcMain.handlers.get(channelOf('frames.put')) as Handler;
    const doc = '<!doctype html><html><head></head><body><p>hello</p></body></html>';
    const answer = (await put(frame(window.loadedUrl!), { html: doc, allowRemote: false })) as {
      ok: true;
      value: { url: string };
    };
    expect(answer.value.url).toMatch(/^mailscope-frame:\/\/message\/[\w-]{22}$/);

    const response = await handler!(new Request(answer.value.url));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(doc);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain('img-src data:;');
    expect(policy).toMatch(/script-src 'sha256-[\w+/=]+';/);
    expect(policy).toContain('sandbox allow-scripts');
    expect(policy).not.toMatch(/allow-same-origin|unsafe-inline'[^;]*script|http:/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');

    const remote = (await put(frame(window.loadedUrl!), { html: doc, allowRemote: true })) as {
      value: { url: string };
    };
    const allowed = await handler!(new Request(remote.value.url));
    expect(allowed.headers.get('content-security-policy')).toContain('img-src data: http: https:');

    for (const url of [
      'mailscope-frame://message/AAAAAAAAAAAAAAAAAAAAAA',
      'mailscope-frame://message/../etc/passwd',
      answer.value.url.replace('//message/', '//other/'),
    ]) {
      expect((await handler!(new Request(url))).status, url).toBe(404);
    }
  });

  it('treats only our own page as the app', () => {
    const check = appUrlCheck('file:///opt/mailscope/out/renderer/index.html');
    expect(check('file:///opt/mailscope/out/renderer/index.html#x')).toBe(true);
    expect(check('file:///etc/passwd')).toBe(false);
    // The same path on another host is a network share, not our page.
    expect(check('file://evil.example/opt/mailscope/out/renderer/index.html')).toBe(false);
    expect(check('file://localhost/opt/mailscope/out/renderer/index.html')).toBe(true);
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
    const picked = await handler(frame(window.loadedUrl!), { kind: 'file', suggestedName: 'a.eml' });
    // The page gets an opaque handle for the place, never the path itself.
    expect(picked).toEqual({ ok: true, value: { handle: expect.stringMatching(/^[A-Za-z0-9_-]{32}$/) } });
    expect(JSON.stringify(picked)).not.toContain('Downloads');
    fake.dialog.nextPath = null;
    expect(await handler(frame(window.loadedUrl!), { kind: 'folder' })).toEqual({
      ok: true,
      value: { handle: null },
    });
    const info = fake.ipcMain.handlers.get(channelOf('files.defaultFolder')) as Handler;
    expect(await info(frame(window.loadedUrl!), {})).toMatchObject({
      ok: true,
      value: { folder: '/home/me/Downloads' },
    });
  });

  it('refuses a save to a path the page names, and saves once to the place its own dialog chose', async () => {
    const window = fake.FakeBrowserWindow.instances[0]!;
    const call = (method: Parameters<typeof channelOf>[0], payload: unknown) =>
      (fake.ipcMain.handlers.get(channelOf(method)) as Handler)(frame(window.loadedUrl!), payload);
    const out = mkdtempSync(join(tmpdir(), 'mailscope-main-save-'));
    try {
      const eml = join(out, 'in.eml');
      writeFileSync(eml, 'From: a@example.com\r\nSubject: hi\r\n\r\nbody\r\n');
      const opened = (await call('sources.openPath', { path: eml })) as {
        value: { id: string; folders: { id: string }[] };
      };
      const folderId = opened.value.folders[0]?.id ?? '';
      const page = (await call('messages.list', {
        sourceId: opened.value.id,
        folderId,
        offset: 0,
        limit: 1,
      })) as { value: { items: { id: string }[] } };
      const ref = { sourceId: opened.value.id, folderId, messageId: page.value.items[0]?.id ?? '' };

      // What a compromised renderer would try: bytes into a startup folder or a shell profile.
      const profile = join(out, '.bashrc');
      for (const [method, payload] of [
        ['messages.saveEml', { ...ref, path: profile, ifExists: 'replace' }],
        ['messages.savePart', { ...ref, partPath: '1', path: profile, ifExists: 'replace' }],
        ['messages.saveAll', { ...ref, folder: out }],
        ['messages.saveReport', { ...ref, path: profile, ifExists: 'replace', maskRecipients: false }],
      ] as const) {
        expect(await call(method, payload)).toMatchObject({
          ok: false,
          error: { code: 'SAVE_TARGET_REFUSED' },
        });
      }
      expect(existsSync(profile)).toBe(false);

      fake.dialog.nextPath = join(out, 'chosen.eml');
      const picked = (await call('files.pickSaveTarget', { kind: 'file', suggestedName: 'in.eml' })) as {
        value: { handle: string };
      };
      const save = { ...ref, handle: picked.value.handle, ifExists: 'replace' };
      expect(await call('messages.saveEml', save)).toMatchObject({
        ok: true,
        value: { path: join(out, 'chosen.eml') },
      });
      expect(await call('messages.saveEml', save)).toMatchObject({
        ok: false,
        error: { code: 'SAVE_TARGET_REFUSED' },
      });
      // Both a path and a handle is no way to smuggle a path past the check.
      expect(await call('messages.saveEml', { ...save, path: profile })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_REQUEST' },
      });
    } finally {
      fake.dialog.nextPath = null;
      rmSync(out, { recursive: true, force: true });
    }
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

describe('the log a user can send', () => {
  it('puts Help → Open Log Folder in the menu, opening the logs folder with the shell', async () => {
    const help = (fake.Menu.template ?? []).find(
      (item): item is { role: string; submenu: { label: string; click: () => void }[] } =>
        typeof item === 'object' && item !== null && (item as { role?: string }).role === 'help',
    );
    const open = help?.submenu.find((item) => item.label === 'Open Log Folder');
    expect(open).toBeDefined();
    fake.shell.openedPaths.length = 0;
    open?.click();
    await vi.waitFor(() => expect(fake.shell.openedPaths).toEqual([fake.app.getPath('logs')]));
  });

  it('answers app.diagnostics over IPC with the version and the redacted log', async () => {
    const window = fake.FakeBrowserWindow.instances[0]!;
    const own = { senderFrame: { url: window.loadedUrl, parent: null } };
    const handler = fake.ipcMain.handlers.get(channelOf('app.diagnostics')) as Handler;
    const answer = (await handler(own, {})) as { ok: true; value: { text: string } };
    expect(answer.ok).toBe(true);
    expect(answer.value.text).toContain('Mailscope 0.0.0-test (electron)');
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
