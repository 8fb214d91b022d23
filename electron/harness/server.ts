import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { APP_CSP_DIRECTIVES } from '../../shared/csp';
import type { Dispatch } from '../core/dispatch';
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
}

export interface Harness {
  /** Open this: it carries the token in the fragment, which browsers never send to the server. */
  readonly url: string;
  readonly origin: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

const HOST = '127.0.0.1';
const MAX_FRAME_BYTES = 1024 * 1024;

export function contentSecurityPolicy(origin: string): string {
  const ws = origin.replace(/^http/, 'ws');
  return [
    ...APP_CSP_DIRECTIVES.map((rule) => (rule.startsWith('connect-src') ? `${rule} ${ws}` : rule)),
    "frame-ancestors 'none'",
  ].join('; ');
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
  const headers = {
    'content-security-policy': contentSecurityPolicy(origin),
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
    async close() {
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
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
