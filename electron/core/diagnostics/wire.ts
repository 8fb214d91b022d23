import net from 'node:net';
import tls from 'node:tls';

/**
 * A line-oriented IMAP/POP3 connection for diagnostics. Deliberately tiny: the point is to see the
 * server's exact replies (which a full client library turns into generic errors), so it sends one
 * command at a time and hands back each line as received.
 */

export class WireError extends Error {
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'WireError';
  }
}

/** Longest line we keep; Exchange's longest (CAPABILITY) is ~150 bytes, a SASL challenge ~200. */
const MAX_LINE = 16_384;

export class LineConnection {
  private socket: net.Socket;
  private buffered = '';
  private readonly lines: string[] = [];
  private waiter: (() => void) | undefined;
  private ended: WireError | undefined;
  private readonly onData = (chunk: Buffer) => {
    this.buffered += chunk.toString('utf8');
    for (let nl = this.buffered.indexOf('\n'); nl >= 0; nl = this.buffered.indexOf('\n')) {
      this.lines.push(this.buffered.slice(0, nl).replace(/\r$/, '').slice(0, MAX_LINE));
      this.buffered = this.buffered.slice(nl + 1);
    }
    if (this.buffered.length > MAX_LINE) this.buffered = this.buffered.slice(0, MAX_LINE);
    this.wake();
  };
  private readonly onClose = () => {
    this.ended ??= new WireError('ECLOSED', 'the server closed the connection');
    this.wake();
  };
  private readonly onError = (error: Error) => {
    this.ended = new WireError(errorCode(error), error.message, { cause: error });
    this.wake();
  };

  private constructor(
    socket: net.Socket,
    private readonly timeoutMs: number,
  ) {
    this.socket = socket;
    this.attach(socket);
  }

  /** Plain TCP connection; rejects with the socket error's code (ECONNREFUSED, ETIMEDOUT, …). */
  static connect(
    host: string,
    port: number,
    timeoutMs: number,
  ): Promise<{ connection: LineConnection; address: string }> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host, port });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new WireError('ETIMEDOUT', `no answer from ${host}:${port} within ${timeoutMs} ms`));
      }, timeoutMs);
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.removeAllListeners('error');
        resolve({
          connection: new LineConnection(socket, timeoutMs),
          address: `${socket.remoteAddress ?? host}:${socket.remotePort ?? port}`,
        });
      });
      socket.once('error', (error) => {
        clearTimeout(timer);
        reject(new WireError(errorCode(error), error.message, { cause: error }));
      });
    });
  }

  /**
   * Starts TLS on the connection (immediately for implicit TLS, after STARTTLS/STLS otherwise)
   * with full verification. On failure the peer certificate, if the handshake got that far, is
   * attached so the user can see whose certificate it was.
   */
  startTls(options: { servername: string | undefined; ca: string[] | undefined }): Promise<tls.TLSSocket> {
    const raw = this.socket;
    this.detach(raw);
    return new Promise((resolve, reject) => {
      const secure = tls.connect({
        socket: raw,
        servername: options.servername,
        ...(options.ca ? { ca: options.ca } : {}),
        rejectUnauthorized: true,
      });
      const timer = setTimeout(() => {
        secure.destroy();
        reject(new WireError('ETIMEDOUT', `no TLS handshake within ${this.timeoutMs} ms`));
      }, this.timeoutMs);
      secure.once('secureConnect', () => {
        clearTimeout(timer);
        secure.removeAllListeners('error');
        this.socket = secure;
        this.attach(secure);
        resolve(secure);
      });
      secure.once('error', (error) => {
        clearTimeout(timer);
        let peer: tls.PeerCertificate | undefined;
        try {
          const cert = secure.getPeerCertificate();
          if (cert && Object.keys(cert).length > 0) peer = cert;
        } catch {
          // no certificate seen
        }
        secure.destroy();
        reject(Object.assign(new WireError(errorCode(error), error.message, { cause: error }), { peer }));
      });
    });
  }

  send(line: string): void {
    this.socket.write(`${line}\r\n`);
  }

  /** The next line; rejects when the server closes, errs, or says nothing for the timeout. */
  async line(): Promise<string> {
    const deadline = Date.now() + this.timeoutMs;
    while (this.lines.length === 0) {
      if (this.ended) throw this.ended;
      const left = deadline - Date.now();
      if (left <= 0) throw new WireError('ETIMEDOUT', `the server sent nothing for ${this.timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiter = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    return this.lines.shift() ?? '';
  }

  close(): void {
    this.socket.destroy();
  }

  private attach(socket: net.Socket): void {
    socket.on('data', this.onData);
    socket.on('close', this.onClose);
    socket.on('error', this.onError);
  }

  private detach(socket: net.Socket): void {
    socket.off('data', this.onData);
    socket.off('close', this.onClose);
    socket.off('error', this.onError);
  }

  private wake(): void {
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.();
  }
}

function errorCode(error: Error): string {
  return 'code' in error && typeof error.code === 'string' ? error.code : 'ERROR';
}

/** Lines up to the tagged reply for `tag`; a `* BYE` followed by a close ends it too. */
export async function taggedReply(
  connection: LineConnection,
  tag: string,
): Promise<{ untagged: string[]; last: string }> {
  const untagged: string[] = [];
  for (;;) {
    let line: string;
    try {
      line = await connection.line();
    } catch (error) {
      const bye = untagged.find((l) => /^\* BYE/i.test(l));
      if (bye) return { untagged, last: bye };
      throw error;
    }
    if (line.toUpperCase().startsWith(`${tag.toUpperCase()} `)) return { untagged, last: line };
    untagged.push(line);
  }
}

/** A server line as evidence: long lines cut at 200 characters. */
export function clip(line: string): string {
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}

/** The code of a network failure (ECONNREFUSED, a TLS verify code, …), or the error's class. */
export function codeOf(error: unknown): string {
  if (error instanceof WireError) return error.code;
  if (error instanceof Error && 'code' in error && typeof error.code === 'string') return error.code;
  return error instanceof Error ? error.name : 'ERROR';
}
