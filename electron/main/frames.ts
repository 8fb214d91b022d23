import { type Protocol } from 'electron';
import { FRAME_SCHEME, frameResponsePolicy } from '../../shared/frame';
import type { FrameStore } from '../core/frames';

/**
 * Message bodies on an origin of their own: `mailscope-frame://message/<id>` serves the sanitised
 * documents the reader put in the FrameStore, each with the frame's CSP (and its sandbox) as a
 * header. A standard, secure scheme so it has a real origin, distinct from the app page's file: URL;
 * no other privilege (no fetch API, no service workers, no CORS).
 */

/** Before app 'ready': Electron accepts scheme privileges only then. */
export function registerFrameScheme(protocol: Protocol) {
  protocol.registerSchemesAsPrivileged([
    { scheme: FRAME_SCHEME, privileges: { standard: true, secure: true } },
  ]);
}

export function handleFrameScheme(protocol: Protocol, frames: FrameStore) {
  protocol.handle(FRAME_SCHEME, (request) => {
    const url = new URL(request.url);
    const doc = request.method === 'GET' && url.host === 'message' ? frames.get(url.pathname) : null;
    if (!doc) return new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain' } });
    return new Response(doc.html, {
      headers: {
        'content-type': 'text/html; charset=utf-8',
        // No frame-ancestors: the app page is a file: URL, which it cannot name; no other page can
        // reach this scheme (it exists only inside Mailscope's own session).
        'content-security-policy': frameResponsePolicy(doc.allowRemote, null),
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'cache-control': 'no-store',
      },
    });
  });
}
