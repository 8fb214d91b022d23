import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { APP_CSP, APP_CSP_DIRECTIVES } from '../../shared/csp';
import type { Dispatch } from '../core/dispatch';
import type { FrameStore } from '../core/frames';
import { startFrameServer } from './frame-server';
import { serveFile } from './static-files';

/**
 * The browser harness: the app without Electron. It serves the built renderer on 127.0.0.1 and
 * binds the same Api over a WebSocket, through the same dispatch (so the same validation) that
 * Electron's IPC uses. A page may talk to it only with the harness's own Origin and the per-run
 * token from the printed URL, so another site open in the same browser cannot drive the engine.
 */

export interface HarnessOptions {
  /** The built renderer (electron-vite's out/renderer). */
  rendererDir: string;
  dispatch: Dispatch;
  /** 0 or absent: a free port. */
  port?: number;
  /** Message documents, served from a second listener: the frame origin (frame-server.ts). */
  frames?: FrameStore;
}

export interface Harness {
  /** Open this: it carries the token in the fragment, which browsers never send to the server. */
  readonly url: string;
  readonly origin: string;
  readonly port: number;
  readonly token: string;
  /** Where message frames are served (frame-server.ts), when the harness has a FrameStore. */
  readonly frameOrigin: string | null;
  close(): Promise<void>;
}

const HOST = '127.0.0.1';
// A message document (frames.put) travels this way, data: URLs of its inline images included.
const MAX_FRAME_BYTES = 128 * 1024 * 1024;

/** The app page's policy here: its own WebSocket and, for message frames, the frame origin. */
export function contentSecurityPolicy(origin: string, frameOrigin: string | null = null): string {
  const ws = origin.replace(/^http/, 'ws');
  return APP_CSP_DIRECTIVES.map((rule) => {
    if (rule.startsWith('connect-src')) return `${rule} ${ws}`;
    if (rule.startsWith('frame-src') && frameOrigin) return `${rule} ${frameOrigin}`;
    return rule;
  }).join('; ');
}

function sameSecret(given: string | null, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function refuse(socket: Duplex, status: number, reason: string) {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

export async function startHarness(options: HarnessOptions): Promise<Harness> {
  const token = randomBytes(24).toString('base64url');
  const server = createServer();
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, HOST, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const origin = `http://${HOST}:${port}`;
  const hostHeader = `${HOST}:${port}`;
  const frameServer = options.frames ? await startFrameServer(options.frames, origin) : null;
  if (options.frames && frameServer) options.frames.origin = frameServer.origin;
  const policy = contentSecurityPolicy(origin, frameServer?.origin ?? null);
  const headers = {
    'content-security-policy': `${policy}; frame-ancestors 'none'`,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
  };

  server.on('request', (req, res) => {
    // A page on another origin could point a DNS name at 127.0.0.1; only our own Host is served.
    if (req.headers.host !== hostHeader || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(req.headers.host !== hostHeader ? 421 : 405, { 'content-type': 'text/plain' });
      res.end();
      return;
    }
    const path = new URL(req.url ?? '/', origin).pathname;
    if (path === '/' || path === '/index.html') {
      void servePage(options.rendererDir, policy, res, headers);
      return;
    }
    void serveFile(options.rendererDir, path, res, headers);
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', origin);
    if (url.pathname !== '/api' || req.headers.host !== hostHeader) return refuse(socket, 404, 'Not Found');
    if (req.headers.origin !== origin) return refuse(socket, 403, 'Forbidden');
    if (!sameSecret(url.searchParams.get('token'), token)) return refuse(socket, 401, 'Unauthorized');
    sockets.handleUpgrade(req, socket, head, (ws) => serve(ws, options.dispatch));
  });

  return {
    url: `${origin}/#token=${token}`,
    origin,
    port,
    token,
    frameOrigin: frameServer?.origin ?? null,
    async close() {
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await frameServer?.close();
    },
  };
}

/**
 * index.html declares the app's policy in a <meta> too, and a browser enforces both: here the
 * meta must name the same WebSocket and frame origins as the header, or it would block them.
 */
async function servePage(
  rendererDir: string,
  policy: string,
  res: ServerResponse,
  headers: Record<string, string>,
) {
  const html = await readFile(join(rendererDir, 'index.html'), 'utf8').catch(() => null);
  if (html === null) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', ...headers });
    res.end('Not found');
    return;
  }
  const body = html.replace(`content="${APP_CSP}"`, `content="${policy}"`);
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(body);
}

function serve(ws: WebSocket, dispatch: Dispatch) {
  ws.on('message', (data: RawData, isBinary: boolean) => {
    if (isBinary) return ws.close(1003, 'text frames only');
    let frame: unknown;
    try {
      frame = JSON.parse(String(data));
    } catch {
      return ws.close(1007, 'invalid JSON');
    }
    const { id, method, payload } = (typeof frame === 'object' && frame !== null ? frame : {}) as {
      id?: unknown;
      method?: unknown;
      payload?: unknown;
    };
    if (typeof id !== 'number') return ws.close(1008, 'request without id');
    void dispatch(method, payload).then((result) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id, result }));
    });
  });
}
