import net from 'node:net';
import tls from 'node:tls';
import { AppError } from '../common/app-error';
import { Pop3Error } from './errors';
import { errorName } from './line-reader';

/** How to reach a POP3 server and how the session behaves; every field's default is stated here. */
export interface Pop3ConnectOptions {
  /** Server name or address. */
  host: string;
  /** Usually 995 (`implicit`) or 110 (`starttls`). */
  port: number;
  /**
   * `implicit`: TLS from the first byte (port 995). `starttls`: plain, then STLS (port 110).
   * `none`: no TLS, accepted only for a loopback address (scripted test servers): a bearer token
   * must never cross a network in clear.
   */
  tls: 'implicit' | 'starttls' | 'none';
  /**
   * Trusted CA certificate(s), PEM. When given they replace the system store (Node's semantics);
   * verification is always on, whatever is configured. Default: the system store.
   */
  ca?: string | string[];
  /** Name the server certificate must carry; default `host`. */
  servername?: string;
  /** TCP connect plus TLS handshake (default 15 s). */
  connectTimeoutMs?: number;
  /** How long any reply may keep the client waiting for its next bytes (default 30 s). */
  replyTimeoutMs?: number;
  /** `auto` (default): pipeline when CAPA lists PIPELINING. `off`: always one command at a time. */
  pipelining?: 'auto' | 'off';
  /**
   * Most commands on the wire at once when pipelining (default 64: a page of 50 headers goes out in
   * one write and comes back in one round trip; ~1 KB of commands, well inside any server's input buffer).
   */
  window?: number;
  /**
   * Largest collected multi-line reply (CAPA, LIST, UIDL, TOP; default 64 MB); RETR streams and has
   * no limit.
   */
  maxReplyBytes?: number;
  /** Local address to connect from (tests use 127.0.0.x to stay clear of per-IP penalties). Default: any. */
  localAddress?: string;
  /** Every line written, SASL blobs redacted: for diagnostics and the read-only guard tests. Default: none. */
  onSend?: (line: string) => void;
}

export const DEFAULTS = {
  connectTimeoutMs: 15_000,
  replyTimeoutMs: 30_000,
  window: 64,
  maxReplyBytes: 64 << 20,
};

/** The options with every default filled in. */
export type ResolvedPop3Options = Required<Pick<Pop3ConnectOptions, keyof typeof DEFAULTS>> &
  Pop3ConnectOptions;

export function resolveOptions(options: Pop3ConnectOptions): ResolvedPop3Options {
  const full = { ...DEFAULTS, ...options };
  if (full.tls === 'none' && !isLoopback(full.host))
    throw new AppError('INVALID_REQUEST', `POP3 without TLS is allowed only on loopback, not ${full.host}.`);
  return full;
}

function isLoopback(host: string): boolean {
  // Addresses only: a name (even "localhost") is resolved elsewhere and could point off the machine.
  return /^127\.\d+\.\d+\.\d+$/.test(host) || host === '::1';
}

function tlsOptions(options: Pop3ConnectOptions): tls.ConnectionOptions {
  const name = options.servername ?? options.host;
  return {
    host: name,
    // RFC 6066 forbids an IP address as SNI; the certificate is still checked against it.
    servername: net.isIP(name) ? undefined : name,
    ca: options.ca,
    rejectUnauthorized: true,
    minVersion: 'TLSv1.2',
  };
}

function connectError(error: Error, tcpUp: boolean, options: Pop3ConnectOptions): Pop3Error {
  const where = `${options.host}:${options.port}`;
  if (tcpUp)
    return new Pop3Error('tls', `TLS with the POP3 server ${where} failed (${errorName(error)}).`, {
      cause: error,
    });
  return new Pop3Error('connect', `Could not connect to the POP3 server ${where} (${errorName(error)}).`, {
    cause: error,
  });
}

/**
 * Waits for `socket` to reach `ready` within `timeoutMs`; on an error or the timeout the socket is
 * destroyed and the promise fails with a Pop3Error that says which step it was.
 */
function settled<T extends net.Socket>(
  socket: T,
  ready: 'connect' | 'secureConnect',
  timeoutMs: number,
  timeout: () => Pop3Error,
  failed: (error: Error) => Pop3Error,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.destroy();
      reject(timeout());
    }, timeoutMs);
    socket.once('error', (error) => {
      clearTimeout(timer);
      socket.destroy();
      reject(failed(error));
    });
    socket.once(ready, () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      resolve(socket);
    });
  });
}

/** TCP, then for `implicit` TLS over it, all within the connect timeout. */
export async function openSocket(options: ResolvedPop3Options): Promise<net.Socket> {
  const started = Date.now();
  const plain = await settled(
    net.connect({ host: options.host, port: options.port, localAddress: options.localAddress }),
    'connect',
    options.connectTimeoutMs,
    () =>
      new Pop3Error(
        'timeout',
        `The POP3 server ${options.host}:${options.port} did not answer within ${options.connectTimeoutMs / 1000} s.`,
      ),
    (error) => connectError(error, false, options),
  );
  if (options.tls !== 'implicit') return plain;
  return upgrade(plain, {
    ...options,
    connectTimeoutMs: Math.max(1, options.connectTimeoutMs - (Date.now() - started)),
  });
}

/** STLS: TLS over the existing socket, within the connect timeout. */
export function upgrade(plain: net.Socket, options: ResolvedPop3Options): Promise<tls.TLSSocket> {
  return settled(
    tls.connect({ ...tlsOptions(options), socket: plain }),
    'secureConnect',
    options.connectTimeoutMs,
    () =>
      new Pop3Error(
        'timeout',
        `The TLS handshake with ${options.host}:${options.port} took longer than ${options.connectTimeoutMs / 1000} s.`,
      ),
    (error) => connectError(error, true, options),
  );
}
