import WebSocket from 'ws';
import type { Harness } from '../../electron/harness/server';

/**
 * Calls the harness the way the page does (same WebSocket, same token, same Origin), for test set-up
 * that is not what the test is about: a saved profile, say, when the wizard is tested elsewhere.
 */
export async function harnessCall(harness: Harness, method: string, payload: unknown): Promise<unknown> {
  const url = `ws://127.0.0.1:${harness.port}/api?token=${encodeURIComponent(harness.token)}`;
  const socket = new WebSocket(url, { headers: { origin: harness.origin } });
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    const answer = new Promise<unknown>((resolve, reject) => {
      socket.once('message', (data: WebSocket.RawData) => {
        const frame = JSON.parse(String(data)) as {
          result?: { ok: boolean; value?: unknown; error?: unknown };
        };
        if (frame.result?.ok) resolve(frame.result.value);
        else reject(new Error(`${method} failed: ${JSON.stringify(frame.result?.error)}`));
      });
      socket.once('close', () => reject(new Error(`${method}: the harness closed the socket`)));
    });
    socket.send(JSON.stringify({ id: 1, method, payload }));
    return await answer;
  } finally {
    socket.close();
  }
}
