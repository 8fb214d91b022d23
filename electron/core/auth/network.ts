import http from 'node:http';
import https from 'node:https';
import type { Duplex } from 'node:stream';
import tls from 'node:tls';
import {
  AuthError,
  type INetworkModule,
  type NetworkRequestOptions,
  type NetworkResponse,
} from '@azure/msal-node';

/**
 * MSAL's network client, ours because MSAL 7's default (global `fetch`) takes neither a proxy nor
 * a CA: 7.x dropped `system.proxyUrl` and `customAgentOptions` (see msal-node's
 * dist/network/HttpClient.mjs), leaving `system.networkClient` as the one hook for both.
 *
 * Trust: certificates are always verified. `ca` adds PEM roots (a corporate TLS-inspecting proxy,
 * the test bed's per-run CA) to Node's bundled roots; without it Node's default store is used,
 * which also honours NODE_EXTRA_CA_CERTS.
 *
 * Proxy: an `http://` or `https://` proxy reached with CONNECT (RFC 9110 §9.3.6); the TLS session
 * to the identity platform runs end to end through the tunnel, so the proxy never sees a secret.
 */

export interface TrustOptions {
  /** Extra trusted roots, PEM (one or more certificates). */
  ca?: string | readonly string[];
}

export interface NetworkOptions extends TrustOptions {
  /** Proxy URL for outbound HTTPS, already chosen (see `chooseProxy`). */
  proxy?: string;
  /** Per-request timeout; Entra answers in well under a second, so 30 s means "unreachable". */
  timeoutMs?: number;
}

/** The TLS `ca` option for the trust configuration, or undefined for Node's default store. */
export function caOption(trust: TrustOptions | undefined): string[] | undefined {
  if (!trust?.ca) return undefined;
  const extra = typeof trust.ca === 'string' ? [trust.ca] : [...trust.ca];
  if (extra.length === 0) return undefined;
  return [...tls.rootCertificates, ...extra];
}

/** What went wrong below HTTP, kept so diagnostics can say "DNS", "refused", "certificate". */
export interface TransportFailure {
  /** Node's error code: ENOTFOUND, ECONNREFUSED, ETIMEDOUT, UNABLE_TO_VERIFY_LEAF_SIGNATURE, … */
  code: string;
  message: string;
  url: string;
  /** Whether the failure happened while talking to the proxy (CONNECT refused, proxy down). */
  viaProxy: boolean;
}

/**
 * A transport failure as MSAL lets it through: MSAL rethrows AuthErrors from the network client
 * unchanged but turns anything else into a bare `network_error` without the cause.
 */
export class TransportError extends AuthError {
  constructor(readonly failure: TransportFailure) {
    super('network_error', `${failure.code}: ${failure.message}`);
    // AuthError's constructor pins the prototype to AuthError; restore ours so instanceof works.
    Object.setPrototypeOf(this, TransportError.prototype);
    this.name = 'TransportError';
  }
}

/** How a token source (app-only or delegated) reaches the identity platform. */
export interface IdentityNetworkOptions {
  /** Extra trusted roots for the identity platform (a TLS-inspecting proxy's CA, the test bed's). */
  trust?: TrustOptions;
  /** Where HTTPS_PROXY / NO_PROXY come from (default process.env). */
  env?: Readonly<Record<string, string | undefined>>;
  /** Builds the MSAL network client for a proxy choice (default: ours, with `trust`). */
  networkClient?: (proxy: string | undefined) => INetworkModule;
  /** Per-request timeout for the identity platform. */
  timeoutMs?: number;
}

/** The MSAL network client per proxy choice that `options` asks for. */
export function identityNetwork(
  options: IdentityNetworkOptions,
): (proxy: string | undefined) => INetworkModule {
  const { trust, timeoutMs } = options;
  return (
    options.networkClient ??
    ((proxy) => createNetworkClient({ ...trust, ...(proxy ? { proxy } : {}), timeoutMs }))
  );
}

export interface CountingNetworkModule extends INetworkModule {
  /** Requests sent (method and URL without query), newest last; for evidence and tests. */
  readonly requests: { method: 'GET' | 'POST'; url: string }[];
}

export function createNetworkClient(options: NetworkOptions = {}): CountingNetworkModule {
  const ca = caOption(options);
  const timeoutMs = options.timeoutMs ?? 30_000;
  const proxy = options.proxy ? new URL(options.proxy) : undefined;
  const requests: CountingNetworkModule['requests'] = [];

  async function send<T>(
    method: 'GET' | 'POST',
    url: string,
    request: NetworkRequestOptions | undefined,
  ): Promise<NetworkResponse<T>> {
    const target = new URL(url);
    requests.push({ method, url: `${target.origin}${target.pathname}` });
    const headers: Record<string, string> = { ...(request?.headers ?? {}) };
    const body = method === 'POST' ? (request?.body ?? '') : undefined;
    if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
    let socket: Duplex | undefined;
    if (proxy) {
      try {
        socket = await tunnel(proxy, target, ca, timeoutMs);
      } catch (error) {
        throw new TransportError({ ...describeFailure(error), url: target.origin, viaProxy: true });
      }
    }
    return new Promise<NetworkResponse<T>>((resolve, reject) => {
      const fail = (error: unknown) =>
        reject(new TransportError({ ...describeFailure(error), url: target.origin, viaProxy: false }));
      const tunnelled = socket;
      const req = https.request(
        url,
        {
          method,
          headers,
          ca,
          timeout: timeoutMs,
          ...(tunnelled
            ? {
                agent: false,
                createConnection: () =>
                  tls.connect({ socket: tunnelled, servername: serverName(target.hostname), ca }),
              }
            : { agent: new https.Agent({ ca, keepAlive: false }) }),
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', fail);
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            const responseHeaders: Record<string, string> = {};
            for (const [key, value] of Object.entries(res.headers)) {
              if (typeof value === 'string') responseHeaders[key] = value;
              else if (Array.isArray(value)) responseHeaders[key] = value.join(', ');
            }
            let parsed: unknown;
            try {
              parsed = JSON.parse(text);
            } catch {
              // A captive portal or a proxy's HTML error page: say what came back, not "bad JSON".
              return fail(
                Object.assign(
                  new Error(`HTTP ${res.statusCode ?? 0} with a non-JSON body (${firstLine(text)})`),
                  {
                    code: 'NON_JSON_RESPONSE',
                  },
                ),
              );
            }
            // MSAL validates the body's shape itself; it is typed T only for its benefit.
            resolve({ headers: responseHeaders, body: parsed as T, status: res.statusCode ?? 0 });
          });
        },
      );
      req.on('timeout', () =>
        req.destroy(Object.assign(new Error('request timed out'), { code: 'ETIMEDOUT' })),
      );
      req.on('error', fail);
      req.end(body);
    });
  }

  return {
    requests,
    sendGetRequestAsync: (url, request) => send('GET', url, request),
    sendPostRequestAsync: (url, request) => send('POST', url, request),
  };
}

/** Opens a CONNECT tunnel to `target` through `proxy`; resolves with the raw tunnel socket. */
function tunnel(proxy: URL, target: URL, ca: string[] | undefined, timeoutMs: number): Promise<Duplex> {
  const authority = `${target.hostname}:${target.port || '443'}`;
  const port = Number(proxy.port || (proxy.protocol === 'https:' ? 443 : 80));
  const options: http.RequestOptions = {
    host: proxy.hostname,
    port,
    method: 'CONNECT',
    path: authority,
    headers: { host: authority },
    timeout: timeoutMs,
    agent: false,
  };
  return new Promise((resolve, reject) => {
    const req =
      proxy.protocol === 'https:'
        ? https.request({ ...options, ca, servername: serverName(proxy.hostname) })
        : http.request(options);
    req.once('connect', (res, socket) => {
      if (res.statusCode === 200) return resolve(socket);
      socket.destroy();
      reject(
        Object.assign(new Error(`the proxy refused CONNECT ${authority} with HTTP ${res.statusCode ?? 0}`), {
          code: 'EPROXYREFUSED',
        }),
      );
    });
    req.once('timeout', () =>
      req.destroy(Object.assign(new Error('the proxy did not answer'), { code: 'ETIMEDOUT' })),
    );
    req.once('error', reject);
    req.end();
  });
}

/** SNI must not be an IP address (RFC 6066 §3). */
function serverName(host: string): string | undefined {
  return /^[\d.]+$|:/.test(host) ? undefined : host;
}

function describeFailure(error: unknown): { code: string; message: string } {
  if (error instanceof Error) {
    const code = 'code' in error && typeof error.code === 'string' ? error.code : 'ERROR';
    return { code, message: error.message };
  }
  return { code: 'ERROR', message: String(error) };
}

function firstLine(text: string): string {
  const line = (text.split('\n')[0] ?? '').trim();
  return line.length > 80 ? `${line.slice(0, 80)}…` : line || 'empty';
}

/**
 * The proxy for a request to `targetHost`: the profile's own proxy always; otherwise HTTPS_PROXY /
 * https_proxy (as curl reads them) unless NO_PROXY / no_proxy lists the host, a parent domain of
 * it, or `*`.
 */
export function chooseProxy(
  profileProxy: string | undefined,
  targetHost: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): string | undefined {
  if (profileProxy) return profileProxy;
  const fromEnv = env['HTTPS_PROXY'] || env['https_proxy'];
  if (!fromEnv) return undefined;
  const host = targetHost.replace(/:\d+$/, '').toLowerCase();
  const noProxy = (env['NO_PROXY'] ?? env['no_proxy'] ?? '')
    .split(',')
    .map((entry) => entry.trim().toLowerCase().replace(/:\d+$/, ''))
    .filter(Boolean);
  for (const entry of noProxy) {
    if (entry === '*') return undefined;
    const domain = entry.replace(/^\*?\./, '');
    if (host === domain || host.endsWith(`.${domain}`)) return undefined;
  }
  // curl accepts a bare host:port; URL() does not.
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(fromEnv) ? fromEnv : `http://${fromEnv}`;
}

/** The proxy URL without any credentials, for evidence. */
export function describeProxy(proxy: string): string {
  try {
    const url = new URL(proxy);
    return `${url.protocol}//${url.host}`;
  } catch {
    return '(unparseable proxy URL)';
  }
}
