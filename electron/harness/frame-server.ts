import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { frameResponsePolicy } from '../../shared/frame';
import type { FrameStore } from '../core/frames';

/**
 * The harness's frame origin: a second loopback listener, on its own port, so message documents
 * have an origin other than the app page's (as `mailscope-frame:` gives them in Electron). It serves
 * only the FrameStore's documents, by unguessable id, each with the frame's CSP and sandbox as a
 * header and embeddable only by the harness page.
 */

export interface FrameServer {
  readonly origin: string;
  close(): Promise<void>;
}

const HOST = '127.0.0.1';

export async function startFrameServer(frames: FrameStore, appOrigin: string): Promise<FrameServer> {
  const server = createServer((req, res) => {
    const hostHeader = `${HOST}:${(server.address() as AddressInfo).port}`;
    const doc =
      req.headers.host === hostHeader && req.method === 'GET'
        ? frames.get(new URL(req.url ?? '/', `http://${hostHeader}`).pathname)
        : null;
    if (!doc) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Not found');
      return;
    }
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': frameResponsePolicy(doc.allowRemote, appOrigin),
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
    });
    res.end(doc.html);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, HOST, () => resolve());
  });
  return {
    origin: `http://${HOST}:${(server.address() as AddressInfo).port}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
