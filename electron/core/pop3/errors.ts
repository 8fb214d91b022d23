import { AppError } from '../common/app-error';
import type { ErrorCode } from '../../../shared/errors';

/**
 * What went wrong, for code that reacts (retry, re-authenticate, tell the user). The AppError code
 * is what crosses IPC; each kind maps to a shared code and carries its own message and hint.
 */
export type Pop3ErrorKind =
  /** TCP connect refused, unreachable, or no answer within the connect timeout. */
  | 'connect'
  /** TLS handshake or certificate verification failed. */
  | 'tls'
  /** No bytes from the server within the reply timeout while a reply was due. */
  | 'timeout'
  /** The connection closed or broke while a reply (or a message body) was due. */
  | 'closed'
  /** The server refused the SASL sign-in. */
  | 'auth'
  /** The server is throttling or temporarily unable (Exchange `Server Unavailable`, `[SYS/TEMP]`, `[IN-USE]`). */
  | 'unavailable'
  /** `-ERR` to a message command (RETR, TOP, LIST n, UIDL n). */
  | 'message'
  /** `-ERR` to any other command. */
  | 'command'
  /** The server offers no way to do what was asked (no STLS, no XOAUTH2). */
  | 'unsupported'
  /** The server broke the protocol (no greeting, a line too long, garbage instead of +OK/-ERR). */
  | 'protocol'
  /** The client was closed, or used after QUIT. */
  | 'client-closed';

const CODE: Record<Pop3ErrorKind, ErrorCode> = {
  connect: 'CONNECTION_FAILED',
  tls: 'TLS_UNTRUSTED',
  timeout: 'SERVER_TIMEOUT',
  closed: 'CONNECTION_LOST',
  auth: 'MAIL_AUTH_FAILED',
  unavailable: 'SERVER_BUSY',
  message: 'MESSAGE_UNREADABLE',
  command: 'PROTOCOL_ERROR',
  unsupported: 'UNSUPPORTED',
  protocol: 'PROTOCOL_ERROR',
  'client-closed': 'CONNECTION_LOST',
};

const HINT: Record<Pop3ErrorKind, string> = {
  connect:
    'Check the server name and port (outlook.office365.com, 995), and that a firewall lets POP3 through.',
  tls: 'The server’s certificate was not trusted or the TLS handshake failed: check the server name and the configured certificate authority.',
  timeout: 'The server stopped answering. Try again; if it keeps happening, check the network or the server.',
  closed: 'The connection was lost. Refresh to open a new session.',
  auth: 'Check that the app has POP.AccessAsApp with admin consent, FullAccess on this mailbox, and that POP is enabled for the mailbox. Run Test connection for details.',
  unavailable: 'The server is busy or limiting connections. Wait a minute and refresh.',
  message: 'The message may have been removed from the mailbox since it was listed: refresh.',
  command: 'Try again; if it keeps happening, run Test connection.',
  unsupported:
    'The server does not offer what this profile needs: check the profile’s server and sign-in settings.',
  protocol: 'The server answered in a way POP3 does not allow. Check that the port is a POP3 port.',
  'client-closed': 'The POP3 session was closed. Refresh to open a new one.',
};

/** Longest server text we keep in a message: servers are hostile until proven otherwise. */
const MAX_SERVER_TEXT = 300;

export interface Pop3ErrorDetails {
  /** The command verb and arguments, never a SASL blob (e.g. `RETR 5`, `AUTH XOAUTH2`). */
  command?: string;
  /** The server's reply line as received (printable ASCII only, shortened). */
  serverText?: string;
  /** RFC 2449/3206 response code, e.g. `AUTH`, `SYS/TEMP`, `IN-USE`. */
  responseCode?: string;
  /** The decoded JSON of a SASL error continuation (`{"status":"401",…}`). */
  saslError?: Record<string, unknown>;
  cause?: unknown;
}

export class Pop3Error extends AppError {
  readonly kind: Pop3ErrorKind;
  readonly command: string | undefined;
  readonly serverText: string | undefined;
  readonly responseCode: string | undefined;
  readonly saslError: Record<string, unknown> | undefined;

  constructor(kind: Pop3ErrorKind, message: string, details: Pop3ErrorDetails = {}) {
    super(CODE[kind], message, HINT[kind], { cause: details.cause });
    this.name = 'Pop3Error';
    this.kind = kind;
    this.command = details.command;
    this.serverText = details.serverText === undefined ? undefined : printable(details.serverText);
    this.responseCode = details.responseCode;
    this.saslError = details.saslError;
  }
}

/** Server text safe to show and log: printable ASCII, bounded length. */
export function printable(text: string): string {
  const clean = text.replace(/[^\x20-\x7e]/g, '?');
  return clean.length > MAX_SERVER_TEXT ? `${clean.slice(0, MAX_SERVER_TEXT)}…` : clean;
}

/** `-ERR [SYS/TEMP] text` -> `SYS/TEMP` (RFC 2449 §8, RFC 3206). */
export function responseCodeOf(line: string): string | undefined {
  return /^-ERR \[([^\]\s]+)\]/i.exec(line)?.[1]?.toUpperCase();
}

/** Exchange Online's throttling reply (`-ERR Server Unavailable. 21`) and RFC 3206's temporary codes. */
export function isTemporary(line: string): boolean {
  const code = responseCodeOf(line);
  return (
    code === 'SYS/TEMP' ||
    code === 'IN-USE' ||
    code === 'LOGIN-DELAY' ||
    /^-ERR Server Unavailable\./i.test(line)
  );
}

/** The Pop3Error for a `-ERR` reply to `command` (the verb decides the kind). */
export function errorForReply(command: string, line: string): Pop3Error {
  const verb = command.split(' ', 1)[0]?.toUpperCase() ?? '';
  const details = { command, serverText: line, responseCode: responseCodeOf(line) };
  const shown = printable(line);
  if (isTemporary(line))
    return new Pop3Error('unavailable', `The POP3 server is temporarily unavailable: ${shown}`, details);
  if (verb === 'AUTH') return new Pop3Error('auth', `The POP3 server refused the sign-in: ${shown}`, details);
  if (verb === 'RETR' || verb === 'TOP' || ((verb === 'LIST' || verb === 'UIDL') && command.includes(' ')))
    return new Pop3Error(
      'message',
      `The POP3 server could not return message ${command.split(' ')[1] ?? ''}: ${shown}`,
      details,
    );
  return new Pop3Error('command', `The POP3 server refused ${verb}: ${shown}`, details);
}
