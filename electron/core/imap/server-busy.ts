import type { ImapFlow, Logger } from 'imapflow';
import { AppError } from '../common/app-error';

/**
 * What a failed IMAP command or connection says about the server: gone (reconnect), busy (wait,
 * as long as it asks), or refusing the sign-in. Exchange Online's own texts, from client bug
 * reports and migration tools' FAQs (it documents none of them):
 * - `BAD Request is throttled. Suggested Backoff Time: 299910 milliseconds` (also as NO), often
 *   followed by `* BYE Connection closed. 14` and a closed socket;
 * - `NO Server Unavailable. 15` (IMAP) / `-ERR Server Unavailable. 21` (POP3): busy, no hint;
 * - `* BYE Connection is closed. 13` right after the greeting: too many connections to this mailbox;
 * - RFC 5530 response codes `[UNAVAILABLE]`, `[LIMIT]`, `[INUSE]` from other servers.
 */

export type BusyKind = 'throttled' | 'too-many-connections';

export interface Busy {
  kind: BusyKind;
  /** How long the server asked us to wait, when it said (Exchange's "Suggested Backoff Time"). */
  backoffMs?: number;
}

/** Node and imapflow codes that mean "the connection is gone or never came up": retry. */
const CONNECTION_CODES = new Set([
  'NoConnection',
  'EConnectionClosed',
  'ETIMEOUT',
  'ETIMEDOUT',
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'CONNECT_TIMEOUT',
  'GREETING_TIMEOUT',
  'UPGRADE_TIMEOUT',
  'ClosedAfterConnectTLS',
  'ClosedAfterConnectText',
]);

const SUGGESTED_BACKOFF =
  /Request is throttled\b.*?Backoff Time[:=\s]+(\d+)\s*(milliseconds|ms|seconds|s)?\b/i;
const TOO_MANY =
  /Connection is closed\. 13|too many (simultaneous |concurrent )?connections|connection limit/i;
const THROTTLED = /Request is throttled|server unavailable|throttl|try again later/i;

function field(error: unknown, name: string): unknown {
  return typeof error === 'object' && error !== null ? Reflect.get(error, name) : undefined;
}

function text(error: unknown, name: string): string {
  const value = field(error, name);
  return typeof value === 'string' ? value : '';
}

/** The wait a server line asks for, in ms: `Request is throttled. Suggested Backoff Time: N milliseconds`. */
export function suggestedBackoffMs(line: string): number | undefined {
  const match = SUGGESTED_BACKOFF.exec(line);
  if (!match?.[1]) return undefined;
  const value = Number(match[1]);
  if (!Number.isSafeInteger(value)) return undefined;
  return /^s/i.test(match[2] ?? '') ? value * 1000 : value;
}

/** A server line (tagged reply, BYE reason) as a busy signal, or null. */
export function busyLine(line: string): Busy | null {
  if (TOO_MANY.test(line)) return { kind: 'too-many-connections' };
  if (!THROTTLED.test(line)) return null;
  const backoffMs = suggestedBackoffMs(line);
  return backoffMs === undefined ? { kind: 'throttled' } : { kind: 'throttled', backoffMs };
}

/** An imapflow failure as a busy signal, or null when it is something else. */
export function busyReply(error: unknown): Busy | null {
  const code = text(error, 'serverResponseCode').toUpperCase();
  // imapflow recognises Exchange's throttling itself and keeps the hint (commands' ETHROTTLE).
  const reset = field(error, 'throttleReset');
  if (text(error, 'code') === 'ETHROTTLE') {
    return typeof reset === 'number' ? { kind: 'throttled', backoffMs: reset } : { kind: 'throttled' };
  }
  const line = [text(error, 'responseText'), text(error, 'reason')].join(' ');
  const fromText = busyLine(line);
  if (fromText) return fromText;
  if (code === 'LIMIT') return { kind: 'too-many-connections' };
  if (code === 'UNAVAILABLE' || code === 'INUSE') return { kind: 'throttled' };
  return null;
}

export function isThrottled(error: unknown): boolean {
  return busyReply(error) !== null;
}

export function isAuthFailure(error: unknown): boolean {
  return (
    field(error, 'authenticationFailed') === true ||
    text(error, 'serverResponseCode') === 'AUTHENTICATIONFAILED'
  );
}

/**
 * The connection can take no more commands: closed, or the server has said BYE. imapflow leaves
 * `usable` true for a moment after a BYE (it closes the socket on a later tick), and a command
 * started then fails as "No mailbox is selected": that is a drop to reconnect from, not an error.
 */
export function isSessionOver(raw: Pick<ImapFlow, 'usable' | 'byeReason'>): boolean {
  return !raw.usable || raw.byeReason !== undefined;
}

export function isConnectionLoss(error: unknown): boolean {
  return (
    CONNECTION_CODES.has(text(error, 'code')) ||
    /connection (closed|not available)/i.test(text(error, 'message'))
  );
}

/** What imapflow's log says about a busy server: a wait it started, or a busy reply it swallowed. */
export interface HeardBusy {
  /** imapflow is waiting this long now (part of the hint, capped); absent: it is not waiting. */
  waitMs?: number;
  /** What the server asked for, when it said. */
  hintMs?: number;
}

/**
 * imapflow waits out Exchange's "Suggested Backoff Time" inside its reader before it fails the
 * command (and FETCH retries by itself), and STATUS answers a refusal with `false`, not an error;
 * both are said only in its log. This logger hears those entries and nothing else, so a wait can
 * be shown as it starts and a swallowed refusal still counts as one; every other entry is dropped
 * (they may carry server text, never wanted in our logs).
 */
export function throttleListener(onBusy: (heard: HeardBusy) => void): Logger {
  const ignore = (): void => undefined;
  const positive = (value: unknown) =>
    typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.round(value) : undefined;
  const logger: Logger = {
    trace: ignore,
    debug: ignore,
    info: ignore,
    error: ignore,
    fatal: ignore,
    warn(entry: unknown) {
      const msg = text(entry, 'msg');
      if (msg === 'Throttling detected') {
        const waitMs = positive(field(entry, 'delayResponse'));
        const hintMs = positive(field(entry, 'throttleDelay')) ?? waitMs;
        if (waitMs !== undefined) onBusy({ waitMs, ...(hintMs !== undefined ? { hintMs } : {}) });
      } else if (msg === 'Retrying throttled request with exponential backoff') {
        const waitMs = positive(field(entry, 'delayMs'));
        if (waitMs !== undefined) onBusy({ waitMs, hintMs: waitMs });
      } else {
        const busy = busyReply(field(entry, 'err'));
        if (busy) onBusy(busy.backoffMs !== undefined ? { hintMs: busy.backoffMs } : {});
      }
    },
  };
  // imapflow asks before it builds an entry (a response serialised for the debug log, on every
  // line): only warnings are wanted, so nothing else is ever built. Without this, a LIST of 1,000
  // folders took twice as long (measured).
  return Object.assign(logger, { isLevelEnabled: (level: string) => level === 'warn' });
}

export function serverBusyError(cause: unknown): AppError {
  return new AppError(
    'SERVER_BUSY',
    'The mail server is busy and asked Mailscope to slow down.',
    'Wait a minute and try again. Exchange Online throttles many simultaneous connections.',
    { cause },
  );
}

/** An imapflow failure as something safe to show: the server's reply, never the token. */
export function toImapAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (isThrottled(error)) return serverBusyError(error);
  if (isConnectionLoss(error)) {
    return new AppError(
      'CONNECTION_FAILED',
      'Mailscope could not reach the mail server.',
      'Check the network connection; Mailscope retried with backoff and gave up.',
      { cause: error },
    );
  }
  const reply = text(error, 'responseText');
  return new AppError(
    'PROTOCOL_ERROR',
    reply ? `The mail server answered: ${reply.slice(0, 200)}` : 'The IMAP command failed.',
    undefined,
    { cause: error },
  );
}

/**
 * A mailbox-wide "not before": Exchange throttles a mailbox, not a connection, so when one
 * session of a mailbox is told to wait, its other sessions (the budget's pool, downloads) wait
 * too instead of sending their next command into the same penalty.
 */
export class ServerGate {
  private until = 0;

  /** No command before `ms` from now (a later "not before" already set stays). */
  hold(ms: number): void {
    this.until = Math.max(this.until, Date.now() + ms);
  }

  /** Milliseconds left of the current hold (0: go). */
  get remainingMs(): number {
    return Math.max(0, this.until - Date.now());
  }

  /** Resolves when the hold is over, or at once when `signal` aborts. */
  async wait(signal?: AbortSignal): Promise<void> {
    for (let left = this.remainingMs; left > 0 && !signal?.aborted; left = this.remainingMs) {
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', done);
          resolve();
        };
        const timer = setTimeout(done, left);
        signal?.addEventListener('abort', done, { once: true });
      });
    }
  }
}
