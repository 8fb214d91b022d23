/**
 * Minimal line-oriented IMAP/POP3 clients for the test bed's tests: they speak the exact bytes
 * the tests assert on (SASL forms, STARTTLS), which a full client library would hide.
 */
import net from 'node:net';
import tls from 'node:tls';

export class LineClient {
  private buffered = '';
  private lines: string[] = [];
  private waiters: (() => void)[] = [];
  private closed = false;
  readonly transcript: string[] = [];

  private constructor(private socket: net.Socket) {
    this.attach(socket);
  }

  private attach(socket: net.Socket): void {
    socket.on('data', (chunk: Buffer) => {
      this.buffered += chunk.toString('utf8');
      for (let nl = this.buffered.indexOf('\n'); nl >= 0; nl = this.buffered.indexOf('\n')) {
        const line = this.buffered.slice(0, nl).replace(/\r$/, '');
        this.buffered = this.buffered.slice(nl + 1);
        this.lines.push(line);
        this.transcript.push(`S: ${line}`);
      }
      this.wake();
    });
    socket.on('close', () => {
      this.closed = true;
      this.wake();
    });
    socket.on('error', () => {
      this.closed = true;
      this.wake();
    });
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  static async connect(host: string, port: number, opts: { tls: boolean; ca?: string }): Promise<LineClient> {
    const socket = await new Promise<net.Socket>((resolve, reject) => {
      const s = opts.tls
        ? tls.connect({ host, port, ca: opts.ca }, () => resolve(s))
        : net.connect({ host, port }, () => resolve(s));
      s.once('error', reject);
    });
    return new LineClient(socket);
  }

  /** Upgrade the connection after the server said yes to STARTTLS/STLS. */
  async startTls(ca: string): Promise<void> {
    this.socket.removeAllListeners('data');
    const secure = await new Promise<tls.TLSSocket>((resolve, reject) => {
      const s = tls.connect({ socket: this.socket, ca }, () => resolve(s));
      s.once('error', reject);
    });
    this.socket = secure;
    this.attach(secure);
  }

  send(line: string): void {
    this.transcript.push(`C: ${line}`);
    this.socket.write(`${line}\r\n`);
  }

  /** Next line from the server. */
  async line(timeoutMs = 10_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    while (!this.lines.length) {
      if (this.closed) throw new Error(`connection closed; transcript:\n${this.transcript.join('\n')}`);
      if (Date.now() > deadline) throw new Error(`timeout; transcript:\n${this.transcript.join('\n')}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
    return this.lines.shift() ?? '';
  }

  /** Lines up to and including the first one matching `last`. */
  async until(last: RegExp): Promise<string[]> {
    const out: string[] = [];
    for (;;) {
      const l = await this.line();
      out.push(l);
      if (last.test(l)) return out;
    }
  }

  close(): void {
    this.socket.destroy();
  }
}

export function xoauth2(user: string, token: string): string {
  return Buffer.from(`user=${user}\x01auth=Bearer ${token}\x01\x01`).toString('base64');
}

export function oauthbearer(user: string, token: string): string {
  return Buffer.from(`n,a=${user},\x01auth=Bearer ${token}\x01\x01`).toString('base64');
}

/** IMAP AUTHENTICATE XOAUTH2 with the initial response; returns the tagged reply. */
export interface Target {
  host: string;
  port: number;
  ca: string;
}

export async function imapLogin(
  target: Target,
  user: string,
  token: string,
): Promise<{ reply: string; client: LineClient }> {
  const client = await LineClient.connect(target.host, target.port, { tls: true, ca: target.ca });
  await client.line();
  client.send(`a1 AUTHENTICATE XOAUTH2 ${xoauth2(user, token)}`);
  for (;;) {
    const l = await client.line();
    // On failure Dovecot first sends the JSON error as a continuation; XOAUTH2 wants an empty reply.
    if (l.startsWith('+')) client.send('');
    else if (l.startsWith('a1 ')) return { reply: l, client };
  }
}

/** POP3 AUTH XOAUTH2, either with the initial response on the AUTH line or after `+`. */
export async function popLogin(
  target: Target,
  user: string,
  token: string,
  form: 'initial-response' | 'continuation',
): Promise<{ reply: string; client: LineClient }> {
  const client = await LineClient.connect(target.host, target.port, { tls: true, ca: target.ca });
  await client.line();
  if (form === 'initial-response') client.send(`AUTH XOAUTH2 ${xoauth2(user, token)}`);
  else {
    client.send('AUTH XOAUTH2');
    const cont = await client.line();
    if (!cont.startsWith('+')) return { reply: cont, client };
    client.send(xoauth2(user, token));
  }
  for (;;) {
    const l = await client.line();
    if (l.startsWith('+ ') || l === '+') client.send('');
    else return { reply: l, client };
  }
}
