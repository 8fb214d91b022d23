import { errorInfo, type Result } from '../../shared/errors';
import type { ApiClient, Method, Request, Response } from '../../shared/ipc';

/**
 * The renderer's one door to the engine. In Electron the preload exposes `window.mailscope`; in the
 * browser harness the same contract travels over a WebSocket to the same core. Either way every
 * answer is a Result: this module never throws at its callers.
 */

interface Bridge {
  invoke(method: string, payload: unknown): Promise<unknown>;
  /** The desktop app's preload: where a dropped file lives on disk. */
  pathForFile?(file: File): string | null;
}

declare global {
  interface Window {
    mailscope?: Bridge;
  }
}

function isResult(value: unknown): value is Result<unknown> {
  return typeof value === 'object' && value !== null && 'ok' in value;
}

function transportFailure(message: string): Result<never> {
  return {
    ok: false,
    error: errorInfo('INTERNAL', message, 'Restart Mailscope; if it keeps happening, report it.'),
  };
}

function bridgeClient(bridge: Bridge): ApiClient {
  return {
    async invoke<M extends Method>(method: M, request: Request<M>) {
      try {
        const answer = await bridge.invoke(method, request);
        return isResult(answer) ? (answer as Result<Response<M>>) : transportFailure('Malformed answer.');
      } catch {
        return transportFailure('The connection to the Mailscope engine failed.');
      }
    },
  };
}

type Pending = (result: Result<unknown>) => void;

/** The harness: one WebSocket, requests matched to answers by id, reconnected on demand. */
function socketClient(url: string): ApiClient {
  let socket: WebSocket | null = null;
  let ready: Promise<WebSocket> | null = null;
  let nextId = 1;
  const pending = new Map<number, Pending>();

  const failAll = (message: string) => {
    for (const resolve of pending.values()) resolve(transportFailure(message));
    pending.clear();
  };

  const connect = (): Promise<WebSocket> => {
    if (ready && socket && socket.readyState <= WebSocket.OPEN) return ready;
    ready = new Promise((resolve, reject) => {
      const ws = new WebSocket(url);
      socket = ws;
      ws.addEventListener('open', () => resolve(ws));
      ws.addEventListener('error', () => reject(new Error('connect failed')));
      ws.addEventListener('close', () => failAll('The connection to the Mailscope harness closed.'));
      ws.addEventListener('message', (event) => {
        if (typeof event.data !== 'string') return;
        let data: unknown;
        try {
          data = JSON.parse(event.data);
        } catch {
          return;
        }
        if (typeof data !== 'object' || data === null) return;
        const { id, result } = data as { id?: unknown; result?: unknown };
        if (typeof id !== 'number' || !isResult(result)) return;
        pending.get(id)?.(result);
        pending.delete(id);
      });
    });
    return ready;
  };

  return {
    async invoke<M extends Method>(method: M, request: Request<M>) {
      let ws: WebSocket;
      try {
        ws = await connect();
      } catch {
        ready = null;
        return transportFailure('Cannot reach the Mailscope harness. Is it still running?');
      }
      const id = nextId++;
      return new Promise<Result<Response<M>>>((resolve) => {
        pending.set(id, resolve as Pending);
        ws.send(JSON.stringify({ id, method, payload: request }));
      });
    },
  };
}

function harnessSocketUrl(): string | null {
  const token = new URLSearchParams(window.location.hash.slice(1)).get('token');
  if (!token) return null;
  const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${window.location.host}/api?token=${encodeURIComponent(token)}`;
}

/**
 * The real client. Only the app's entry (`main.tsx`) calls this and hands it down through
 * `ApiProvider`; everything else asks `useApi()`, so a test can hand a component a fake instead.
 */
export function createApiClient(): ApiClient {
  if (window.mailscope) return bridgeClient(window.mailscope);
  const url = harnessSocketUrl();
  if (url) return socketClient(url);
  return {
    invoke: async () =>
      transportFailure(
        'This page was opened without its access token: use the full URL the harness printed.',
      ),
  };
}

/**
 * Where a file the user dropped on the window lives, or null where the host cannot say (the browser
 * harness: a web page never learns the paths of dropped files).
 */
export function pathOfDroppedFile(file: File): string | null {
  return window.mailscope?.pathForFile?.(file) ?? null;
}
