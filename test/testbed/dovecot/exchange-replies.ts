/**
 * Exchange-replies mode: a scripted IMAP/POP3 server (implicit TLS, 127.0.0.1) that answers with
 * Exchange Online's own texts, which Dovecot never produces. Clients' error handling and the
 * diagnostics' hints are tested against these exact strings.
 *
 * Texts: `NO AUTHENTICATE failed.`, `BAD User is authenticated but not connected.` and POP3's
 * `-ERR Authentication failure: unknown user name or bad password.` are Exchange Online's verbatim
 * (Microsoft's IMAP/POP OAuth troubleshooting pages and client bug reports). The throttling texts
 * (`NO Server Unavailable. 15`, POP3 `-ERR Server Unavailable. 21`, and `* BYE Connection is
 * closed. 13` for too many connections) are as seen in client bug reports; confirm against a live
 * tenant before relying on the numbers.
 */
import type net from 'node:net';
import tls from 'node:tls';
import { ScriptedMailbox } from './exchange-mailbox';

export type ExchangeMode =
  /** The token is refused (wrong tenant, missing role, no mailbox permission). */
  | 'auth-failed'
  /** Auth succeeds but the mailbox cannot be reached (no FullAccess, mailbox moved/not licensed). */
  | 'not-connected'
  /** Server-side throttling at authentication. */
  | 'throttled'
  /** Connection refused right after the greeting: too many concurrent connections. */
  | 'too-many-connections'
  /**
   * Sign-in succeeds and `mailbox` (exchange-mailbox.ts) answers: folders, STATUS, EXAMINE, with
   * its throttle script and connection limit.
   */
  | 'mailbox';

/**
 * Malformed-reply mode (IMAP): sign-in succeeds, EXAMINE INBOX shows one message, and the FETCH of
 * its body breaks the protocol in the chosen way. Undefined: the body arrives intact.
 */
export type MalformedReply =
  /** The literal announces more bytes than arrive before the server hangs up. */
  | 'truncated-literal'
  /** The literal stops half way and the server goes silent with the connection open. */
  | 'stall-mid-literal'
  /** A response line without its CRLF, then silence. */
  | 'no-crlf'
  /** The literal's count is smaller than what follows: the rest is garbage to the parser. */
  | 'wrong-count';

/** The one message the malformed-reply mode serves. */
export const MALFORMED_MESSAGE = [
  'From: Scripted <scripted@contoso.example>',
  'Subject: Scripted message',
  'Content-Type: text/plain',
  '',
  'Body of the scripted message.',
  '',
].join('\r\n');

export const EXCHANGE_TEXT = {
  imapGreeting:
    '* OK The Microsoft Exchange IMAP4 service is ready. [TQBXADIAUABSADAANQBDAEEAMAAwADAAMQAuAGUAdQByAHAAcgBkADAANQAuAHAAcgBvAGQALgBvAHUAdABsAG8AbwBrAC4AYwBvAG0A]',
  imapCapability:
    '* CAPABILITY IMAP4 IMAP4rev1 AUTH=PLAIN AUTH=XOAUTH2 SASL-IR UIDPLUS ID UNSELECT CHILDREN IDLE NAMESPACE LITERAL+',
  authFailed: 'NO AUTHENTICATE failed.',
  notConnected: 'BAD User is authenticated but not connected.',
  imapThrottled: 'NO Server Unavailable. 15',
  tooManyConnections: '* BYE Connection is closed. 13',
  popGreeting: '+OK The Microsoft Exchange POP3 service is ready. [TQBXADIAUABSADAANQBDAEEAMAAwADAAMQA=]',
  popAuthFailed: '-ERR Authentication failure: unknown user name or bad password.',
  popThrottled: '-ERR Server Unavailable. 21',
} as const;

export interface ExchangeRepliesOptions {
  mode?: ExchangeMode;
}

export interface ExchangeRepliesStartOptions extends ExchangeRepliesOptions {
  tls: { certPem: string; keyPem: string };
}

export class ExchangeReplies {
  mode: ExchangeMode;
  /** Set: the malformed-reply mode (sign-in succeeds whatever `mode` says). */
  malformed: MalformedReply | 'intact' | undefined;
  /** The mailbox mode's folders, throttle script, connection limit and record of commands. */
  readonly mailbox = new ScriptedMailbox();
  /** Every line received, per protocol, for assertions on what the client sent. */
  readonly received: { protocol: 'imap' | 'pop3'; line: string }[] = [];
  private servers: net.Server[] = [];
  private sockets = new Set<net.Socket>();
  imapPort = 0;
  pop3Port = 0;

  private constructor(opts: ExchangeRepliesStartOptions) {
    this.mode = opts.mode ?? 'auth-failed';
  }

  static async start(opts: ExchangeRepliesStartOptions): Promise<ExchangeReplies> {
    const x = new ExchangeReplies(opts);
    x.imapPort = await x.listen(opts.tls, (s) => x.imapSession(s));
    x.pop3Port = await x.listen(opts.tls, (s) => x.popSession(s));
    return x;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await Promise.all(this.servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
    this.servers = [];
  }

  private async listen(
    cert: { certPem: string; keyPem: string },
    session: (s: tls.TLSSocket) => void,
  ): Promise<number> {
    const server = tls.createServer({ cert: cert.certPem, key: cert.keyPem }, (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      socket.on('error', () => socket.destroy());
      session(socket);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    this.servers.push(server);
    const address = server.address();
    return typeof address === 'object' && address ? address.port : 0;
  }

  private lines(socket: net.Socket, onLine: (line: string) => void): void {
    let buffered = '';
    socket.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('latin1');
      for (let nl = buffered.indexOf('\n'); nl >= 0; nl = buffered.indexOf('\n')) {
        const line = buffered.slice(0, nl).replace(/\r$/, '');
        buffered = buffered.slice(nl + 1);
        onLine(line);
      }
    });
  }

  private imapSession(socket: net.Socket): void {
    const send = (line: string) => socket.write(`${line}\r\n`);
    send(EXCHANGE_TEXT.imapGreeting);
    const connection = this.mode === 'mailbox' ? this.mailbox.connect() : 0;
    if (this.mode === 'too-many-connections' || connection === null) {
      send(EXCHANGE_TEXT.tooManyConnections);
      socket.end();
      return;
    }
    if (this.mode === 'mailbox') socket.once('close', () => this.mailbox.disconnect());
    let authenticated = false;
    let pendingAuthTag: string | undefined;
    const finishAuth = (tag: string) => {
      if (this.malformed || this.mode === 'not-connected' || this.mode === 'mailbox') {
        authenticated = true;
        send(`${tag} OK AUTHENTICATE completed.`);
      } else if (this.mode === 'throttled') send(`${tag} ${EXCHANGE_TEXT.imapThrottled}`);
      else send(`${tag} ${EXCHANGE_TEXT.authFailed}`);
    };
    this.lines(socket, (line) => {
      this.received.push({ protocol: 'imap', line });
      if (pendingAuthTag !== undefined) {
        const tag = pendingAuthTag;
        pendingAuthTag = undefined;
        return finishAuth(tag);
      }
      const [tag = '*', command = '', ...args] = line.split(' ');
      if (authenticated && this.malformed && this.malformedImap(socket, tag, command, args)) return;
      if (
        authenticated &&
        this.mode === 'mailbox' &&
        this.mailbox.answer(connection, tag, command.toUpperCase(), line, send, () => socket.end())
      )
        return;
      switch (command.toUpperCase()) {
        case 'CAPABILITY':
          send(EXCHANGE_TEXT.imapCapability);
          return send(`${tag} OK CAPABILITY completed.`);
        case 'ID':
          send('* ID NIL');
          return send(`${tag} OK ID completed.`);
        case 'NOOP':
          return send(
            authenticated && this.mode === 'not-connected'
              ? `${tag} ${EXCHANGE_TEXT.notConnected}`
              : `${tag} OK NOOP completed.`,
          );
        case 'LOGOUT':
          send('* BYE Microsoft Exchange Server IMAP4 server signing off.');
          send(`${tag} OK LOGOUT completed.`);
          return socket.end();
        case 'AUTHENTICATE':
          if (args.length >= 2) return finishAuth(tag);
          // No initial response: ask for it, as Exchange does, with an empty continuation.
          pendingAuthTag = tag;
          return send('+ ');
        case 'LOGIN':
          return send(`${tag} ${EXCHANGE_TEXT.authFailed.replace('AUTHENTICATE', 'LOGIN')}`);
        default:
          if (authenticated && this.mode === 'not-connected')
            return send(`${tag} ${EXCHANGE_TEXT.notConnected}`);
          return send(`${tag} BAD Command Error. 10`);
      }
    });
  }

  /** The malformed-reply mode's mailbox commands; false for commands the common code answers. */
  private malformedImap(socket: net.Socket, tag: string, command: string, args: string[]): boolean {
    const send = (line: string) => socket.write(`${line}\r\n`);
    const verb = command.toUpperCase();
    if (verb === 'EXAMINE' || verb === 'SELECT') {
      send('* FLAGS (\\Seen \\Flagged)');
      send('* 1 EXISTS');
      send('* 0 RECENT');
      send('* OK [UIDVALIDITY 1] UIDs valid');
      send('* OK [UIDNEXT 2] Predicted next UID');
      send(`${tag} OK [READ-ONLY] EXAMINE completed.`);
      return true;
    }
    if (verb === 'UID' && args[0]?.toUpperCase() === 'FETCH') {
      const body = Buffer.from(MALFORMED_MESSAGE, 'latin1');
      const head = `* 1 FETCH (UID 1 FLAGS (\\Seen) BODY[] {${body.length}}\r\n`;
      switch (this.malformed) {
        case 'truncated-literal':
          socket.end(head + MALFORMED_MESSAGE.slice(0, 30));
          return true;
        case 'stall-mid-literal':
          socket.write(head + MALFORMED_MESSAGE.slice(0, 30));
          return true;
        case 'no-crlf':
          socket.write('* 1 FETCH (UID 1 FLAGS (\\Seen)');
          return true;
        case 'wrong-count':
          socket.write(`* 1 FETCH (UID 1 FLAGS (\\Seen) BODY[] {7}\r\n${MALFORMED_MESSAGE})\r\n`);
          send(`${tag} OK FETCH completed.`);
          return true;
        default:
          socket.write(`${head}${MALFORMED_MESSAGE})\r\n`);
          send(`${tag} OK FETCH completed.`);
          return true;
      }
    }
    if (verb === 'LIST') {
      send('* LIST (\\HasNoChildren) "/" INBOX');
      send(`${tag} OK LIST completed.`);
      return true;
    }
    if (verb === 'NOOP' || verb === 'CHECK') {
      send(`${tag} OK ${verb} completed.`);
      return true;
    }
    return false;
  }

  private popSession(socket: net.Socket): void {
    const send = (line: string) => socket.write(`${line}\r\n`);
    send(EXCHANGE_TEXT.popGreeting);
    if (this.mode === 'too-many-connections') {
      send('-ERR Connection is closed. 13');
      socket.end();
      return;
    }
    let awaitingBlob = false;
    const finishAuth = () =>
      send(this.mode === 'throttled' ? EXCHANGE_TEXT.popThrottled : EXCHANGE_TEXT.popAuthFailed);
    this.lines(socket, (line) => {
      this.received.push({ protocol: 'pop3', line });
      if (awaitingBlob) {
        awaitingBlob = false;
        return finishAuth();
      }
      const [command = '', ...args] = line.split(' ');
      switch (command.toUpperCase()) {
        case 'CAPA':
          return send('+OK\r\nTOP\r\nUIDL\r\nSASL PLAIN XOAUTH2\r\nUSER\r\n.');
        case 'AUTH':
          if (args.length >= 2) return finishAuth();
          awaitingBlob = true;
          return send('+ ');
        case 'QUIT':
          send('+OK Microsoft Exchange Server POP3 server signing off.');
          return socket.end();
        default:
          return send('-ERR Protocol error. 14');
      }
    });
  }
}
