/**
 * An MSAL `system.networkClient` that trusts the test bed's CA (and the system roots) with full
 * certificate verification. MSAL 7's default client is global `fetch`, which reads extra CAs only
 * from NODE_EXTRA_CA_CERTS at process start — too late for a test that generates its CA at run
 * time. Child processes (the demo app, the harness) can use NODE_EXTRA_CA_CERTS=<caPath> instead.
 */
import https from 'node:https';
import { rootCertificates } from 'node:tls';
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';

export interface CountingNetworkClient extends INetworkModule {
  /** URLs MSAL asked for, in order: lets tests see exactly what MSAL calls. */
  readonly calls: { method: 'GET' | 'POST'; url: string }[];
}

export function createNetworkClient(caPem: string): CountingNetworkClient {
  const agent = new https.Agent({ ca: [...rootCertificates, caPem], keepAlive: false });
  const calls: CountingNetworkClient['calls'] = [];

  function send<T>(
    method: 'GET' | 'POST',
    url: string,
    options?: NetworkRequestOptions,
    timeout?: number,
  ): Promise<NetworkResponse<T>> {
    calls.push({ method, url });
    return new Promise((resolve, reject) => {
      const headers: Record<string, string> = { ...(options?.headers ?? {}) };
      const body = method === 'POST' ? (options?.body ?? '') : undefined;
      if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
      const req = https.request(url, { method, headers, agent, timeout }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const responseHeaders: Record<string, string> = {};
          for (const [k, v] of Object.entries(res.headers)) {
            if (typeof v === 'string') responseHeaders[k] = v;
            else if (Array.isArray(v)) responseHeaders[k] = v.join(', ');
          }
          try {
            // MSAL's own client hands back whatever JSON the server sent; it validates the shape itself.
            resolve({ headers: responseHeaders, body: JSON.parse(text) as T, status: res.statusCode ?? 0 });
          } catch {
            reject(new Error(`Failed to parse response from ${url}: ${text.slice(0, 200)}`));
          }
        });
        res.on('error', reject);
      });
      req.on('timeout', () => req.destroy(new Error('Request timeout')));
      req.on('error', reject);
      req.end(body);
    });
  }

  return {
    calls,
    sendGetRequestAsync: (url, options, timeout) => send('GET', url, options, timeout),
    sendPostRequestAsync: (url, options) => send('POST', url, options),
  };
}
