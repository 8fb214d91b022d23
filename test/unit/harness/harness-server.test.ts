import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createDispatch } from '../../../electron/core/dispatch';
import { FrameStore } from '../../../electron/core/frames';
import { APP_CSP } from '../../../shared/csp';
import type { Api } from '../../../shared/ipc';
import { type Harness, startHarness } from '../../../electron/harness/server';

/** The harness is the app's door on a machine without Electron: only its own page may use it. */

const info = {
  version: '1.2.3',
  host: 'harness',
  platform: 'linux',
  nativeDialogs: false,
  largeFileBytes: 1,
} as const;
const api = { 'app.getInfo': async () => info } as unknown as Api;

let harness: Harness;
let root: string;

beforeAll(async () => {
  // The renderer folder inside a temp folder of our own, next to a file it must never serve.
  root = mkdtempSync(join(tmpdir(), 'mailscope-harness-'));
  const rendererDir = join(root, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>ok</title>');
  writeFileSync(join(root, 'outside.txt'), 'secret');
  harness = await startHarness({ rendererDir, dispatch: createDispatch(api) });
});
afterAll(async () => {
  await harness?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

function get(path: string, host = `127.0.0.1:${harness.port}`) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>(
    (resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: harness.port, path, headers: { host } }, (res) => {
        let body = '';
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      });
      req.on('error', reject);
      req.end();
    },
  );
}

/** Opens a socket and resolves with the first answer, or rejects with the HTTP status refusing it. */
function call(options: { origin?: string; token?: string | null }) {
  const token = options.token === undefined ? harness.token : options.token;
  const url = `ws://127.0.0.1:${harness.port}/api${token === null ? '' : `?token=${encodeURIComponent(token)}`}`;
  const ws = new WebSocket(url, { headers: options.origin ? { origin: options.origin } : {} });
  return new Promise<unknown>((resolve, reject) => {
    ws.on('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.on('error', reject);
    ws.on('open', () => ws.send(JSON.stringify({ id: 1, method: 'app.getInfo', payload: {} })));
    ws.on('message', (data) => {
      resolve(JSON.parse(String(data)));
      ws.close();
    });
  });
}

describe('browser harness', () => {
  it('binds to loopback and prints a URL carrying the token in the fragment only', () => {
    expect(harness.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]{32}$/);
    expect(harness.origin).toBe(`http://127.0.0.1:${harness.port}`);
  });

  it('serves the renderer with the CSP, allowing its own WebSocket origin', async () => {
    const page = await get('/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>ok</title>');
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${harness.port}`);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
  });

  it('never serves a file outside the renderer folder', async () => {
    for (const path of ['/../outside.txt', '/%2e%2e/outside.txt', '/..%2foutside.txt', '/..%5coutside.txt']) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      expect(res.body).not.toContain('secret');
    }
  });

  it('answers only requests addressed to its own host name (no DNS rebinding)', async () => {
    expect((await get('/', 'evil.example:80')).status).toBe(421);
  });

  it('runs the Api for its own page with the token', async () => {
    await expect(call({ origin: harness.origin })).resolves.toEqual({
      id: 1,
      result: { ok: true, value: info },
    });
  });

  it('refuses a WebSocket from another Origin', async () => {
    await expect(call({ origin: 'http://evil.example' })).rejects.toThrow('HTTP 403');
    await expect(call({ origin: `http://localhost:${harness.port}` })).rejects.toThrow('HTTP 403');
    await expect(call({})).rejects.toThrow('HTTP 403');
  });

  it('refuses a WebSocket without the token or with a wrong one', async () => {
    await expect(call({ origin: harness.origin, token: null })).rejects.toThrow('HTTP 401');
    await expect(call({ origin: harness.origin, token: 'x'.repeat(32) })).rejects.toThrow('HTTP 401');
    await expect(call({ origin: harness.origin, token: `${harness.token}x` })).rejects.toThrow('HTTP 401');
  });

  it('validates requests exactly as Electron IPC does', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${harness.port}/api?token=${harness.token}`, {
      headers: { origin: harness.origin },
    });
    await new Promise((resolve) => ws.on('open', resolve));
    const answers: unknown[] = [];
    ws.on('message', (data) => answers.push(JSON.parse(String(data))));
    ws.send(JSON.stringify({ id: 2, method: 'fs.readFile', payload: { path: '/etc/passwd' } }));
    ws.send(JSON.stringify({ id: 3, method: 'app.getInfo', payload: { extra: true } }));
    await expect.poll(() => answers.length).toBe(2);
    expect(answers).toContainEqual({
      id: 2,
      result: expect.objectContaining({
        ok: false,
        error: expect.objectContaining({ code: 'INVALID_REQUEST' }),
      }),
    });
    expect(answers).toContainEqual({
      id: 3,
      result: expect.objectContaining({
        ok: false,
        error: expect.objectContaining({ code: 'INVALID_REQUEST' }),
      }),
    });
    ws.close();
  });
});

describe('browser harness: message frames on an origin of their own', () => {
  let framed: Harness;
  let frames: FrameStore;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mailscope-harness-'));
    writeFileSync(
      join(dir, 'index.html'),
      `<!doctype html><meta http-equiv="Content-Security-Policy" content="${APP_CSP}"><title>ok</title>`,
    );
    frames = new FrameStore();
    framed = await startHarness({ rendererDir: dir, dispatch: createDispatch(api), frames });
  });
  afterAll(async () => {
    await framed.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function fetchFrom(origin: string, path: string, host?: string) {
    const url = new URL(path, origin);
    return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>(
      (resolve, reject) => {
        const req = request(
          { host: url.hostname, port: url.port, path: url.pathname, headers: { host: host ?? url.host } },
          (res) => {
            let body = '';
            res.on('data', (chunk) => (body += chunk));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
          },
        );
        req.on('error', reject);
        req.end();
      },
    );
  }

  it('serves a put document on its own loopback port, with the frame policy and the sandbox', async () => {
    expect(framed.frameOrigin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(framed.frameOrigin).not.toBe(framed.origin);
    expect(frames.origin).toBe(framed.frameOrigin);
    const id = frames.put({ html: '<p>hi</p>', allowRemote: false });
    const doc = await fetchFrom(framed.frameOrigin!, `/${id}`);
    expect(doc.status).toBe(200);
    expect(doc.body).toBe('<p>hi</p>');
    const policy = String(doc.headers['content-security-policy']);
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain('sandbox allow-scripts');
    expect(policy).toContain(`frame-ancestors ${framed.origin}`);
    expect(doc.headers['x-content-type-options']).toBe('nosniff');

    expect((await fetchFrom(framed.frameOrigin!, '/AAAAAAAAAAAAAAAAAAAAAA')).status).toBe(404);
    expect((await fetchFrom(framed.frameOrigin!, '/index.html')).status).toBe(404);
    expect((await fetchFrom(framed.frameOrigin!, `/${id}`, 'evil.example')).status).toBe(404);
  });

  it("lets the app page frame only that origin, in its header and in index.html's meta alike", async () => {
    const page = await fetchFrom(framed.origin, '/');
    const header = String(page.headers['content-security-policy']);
    expect(header).toContain(`frame-src 'self' blob: mailscope-frame: ${framed.frameOrigin}`);
    expect(header).toContain("style-src 'self';");
    const meta = /content="([^"]+)"/.exec(page.body)?.[1] ?? '';
    expect(`${meta}; frame-ancestors 'none'`).toBe(header);
  });
});
