import { type App, type Session, type WebContents } from 'electron';
import { APP_CSP } from '../../shared/csp';
import { FRAME_SCHEME } from '../../shared/frame';

/**
 * The Electron security checklist, applied once for the whole app: no navigation away from our
 * page, no new windows, no webviews, no permissions. A message's links never reach here as
 * navigations: its frame is sandboxed without popups or top navigation.
 */

export function hardenWebContents(contents: WebContents, isAppUrl: (url: string) => boolean) {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/**
 * The one permission the page gets: writing plain text to the clipboard (the Copy buttons for
 * PowerShell, Message-IDs, device codes). Reading the clipboard, media, notifications: never.
 */
const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

export function hardenSession(session: Session) {
  session.setPermissionRequestHandler((_contents, permission, callback) =>
    callback(ALLOWED_PERMISSIONS.has(permission)),
  );
  session.setPermissionCheckHandler((_contents, permission) => ALLOWED_PERMISSIONS.has(permission));
  session.webRequest.onHeadersReceived((details, callback) => {
    // A message frame brings its own, stricter policy (main/frames.ts): the app's must not replace it.
    const frame = details.url.startsWith(`${FRAME_SCHEME}:`);
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        ...(frame ? {} : { 'Content-Security-Policy': [APP_CSP] }),
        'X-Content-Type-Options': ['nosniff'],
      },
    });
  });
}

export function hardenApp(app: App, isAppUrl: (url: string) => boolean) {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, isAppUrl));
}
