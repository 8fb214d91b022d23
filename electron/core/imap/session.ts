import { createSecureContext, type SecureContext } from 'node:tls';
import { ImapFlow, type ImapFlowOptions } from 'imapflow';
import { effectiveEndpoints, type Profile } from '../../../shared/profile';
import { AppError } from '../common/app-error';
import { caOption, type TrustOptions } from '../auth/network';
import type { TokenSource } from '../auth/token-provider';
import { guardWire, readOnlyClient, type ReadOnlyImapFlow } from './read-only-guard';
import {
  busyReply,
  isAuthFailure,
  isConnectionLoss,
  isSessionOver,
  isThrottled,
  type HeardBusy,
  type ServerGate,
  serverBusyError,
  throttleListener,
  toImapAppError,
} from './server-busy';

export { toImapAppError } from './server-busy';

/**
 * One authenticated IMAP connection for a profile, kept alive and brought back when it drops.
 *
 * Every operation goes through `run()`, which serialises operations (a folder open and its FETCH
 * must not interleave with another folder's open on the same connection) and retries them after a
 * reconnect. Retrying is safe because everything Mailscope sends is a read (see read-only-guard).
 *
 * Authentication is XOAUTH2 with the profile's app token (imapflow takes OAUTHBEARER when the server
 * offers it, XOAUTH2 otherwise, which is all Exchange offers). A login refused for the token gets
 * one fresh token (`forceRefresh`) and one more try: that is how an expired or revoked token is
 * replaced without the user seeing an error.
 */

/**
 * `reconnecting`: the connection dropped (or a retry is waiting); `offline`: retries ran out, the
 * next operation tries again.
 */
export type SessionState =
  'idle' | 'connecting' | 'ready' | 'reconnecting' | 'throttled' | 'offline' | 'closed';

export interface SessionStatus {
  state: SessionState;
  /** Retry number while reconnecting or throttled (1 = first retry). */
  attempt?: number;
  /** Milliseconds until the next try. */
  retryInMs?: number;
}

export interface BackoffOptions {
  /** First retry delay before jitter (default 250 ms). */
  baseMs: number;
  /** Cap on one delay (default 15 s). */
  maxMs: number;
  /** Retries of one operation before its error is shown (default 6). */
  attempts: number;
}

export interface SessionOptions {
  profile: Profile;
  tokens: TokenSource;
  /** Extra trusted roots (the test bed's CA, a TLS-inspecting proxy's); verification stays on. */
  trust?: TrustOptions;
  backoff?: Partial<BackoffOptions>;
  /** Throttling replies back off from this base instead (default 2 s: Exchange asks for seconds). */
  throttleBaseMs?: number;
  /** Shared by every session of one mailbox: a wait one is told of holds them all (server-busy). */
  gate?: ServerGate;
  /** NOOP after this long without a command while no mailbox is open (default 4 min; 0 = off). */
  keepAliveMs?: number;
  /** Connection state for the status bar ("reconnecting…"). */
  onStatus?: (status: SessionStatus) => void;
  /**
   * When the server drops the connection, reconnect at once in the background and keep trying
   * (every `backoff.maxMs` once the retries of one round are spent) until it is back or the session
   * closes (default true). The download connection turns it off: it reconnects on its next use.
   */
  reconnectInBackground?: boolean;
  /** Runs on the new connection after a background reconnect (the source re-opens its folder). */
  onReconnected?: (client: ReadOnlyImapFlow) => Promise<void>;
  /** Extra ImapFlow options (tests: timeouts). Never auth or TLS. */
  clientOptions?: Pick<
    ImapFlowOptions,
    'connectionTimeout' | 'greetingTimeout' | 'socketTimeout' | 'autoIdleDelay'
  >;
  /** Jitter source, for tests. */
  random?: () => number;
}

export interface RunOptions {
  /** Aborting stops the operation (ending the connection if a command is running): CANCELLED. */
  signal?: AbortSignal;
}

export interface SessionCounters {
  /** Successful logins. */
  connects: number;
  /** Logins retried with a forced fresh token after the server refused the previous one. */
  reauthentications: number;
  /** Logins after the first: each replaced a dropped connection. */
  reconnects: number;
  /** Operations delayed because the server said it was busy. */
  throttled: number;
}

const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 250, maxMs: 15_000, attempts: 6 };

/**
 * One TLS context per trust configuration. Extra roots are added to Node's ~140 bundled ones, and
 * parsing that list for every connection costs milliseconds on each (re)connect; a shared context
 * parses it once. Verification is unchanged: tls.connect still checks chain and host name.
 */
const contexts = new Map<string, SecureContext>();

function secureContextFor(trust: TrustOptions | undefined): SecureContext {
  const ca = caOption(trust);
  const key = ca ? ca.join('\n') : '';
  let context = contexts.get(key);
  if (!context) {
    context = createSecureContext({ ...(ca ? { ca } : {}), minVersion: 'TLSv1.2' });
    contexts.set(key, context);
  }
  return context;
}

/** The longest Mailscope waits on one "Suggested Backoff Time" (Exchange has asked for 5 min). */
const MAX_SERVER_WAIT_MS = 15 * 60_000;

const sleep = (ms: number, options: { unref?: boolean; signal?: AbortSignal | undefined } = {}) =>
  new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    // A background retry must not keep a stopping process alive.
    if (options.unref) timer.unref();
    // A cancelled operation stops waiting at once (the loop then reports CANCELLED).
    options.signal?.addEventListener('abort', done, { once: true });
  });

export class ImapSession {
  readonly profile: Profile;
  readonly counters: SessionCounters = { connects: 0, reauthentications: 0, reconnects: 0, throttled: 0 };
  private readonly options: SessionOptions;
  private readonly backoff: BackoffOptions;
  private raw: ImapFlow | undefined;
  private client: ReadOnlyImapFlow | undefined;
  private connecting: Promise<ReadOnlyImapFlow> | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;
  private reconnecting = false;
  private lastCommandAt = 0;
  private readonly keepAlive: NodeJS.Timeout | undefined;
  /** The attempt of the running operation (0 = first try), for the status it reports. */
  private attemptNo = 0;
  /** A throttle wait imapflow started during the running attempt (it logs it; see server-busy). */
  private serverWait: { startedAt: number; hintMs?: number } | undefined;
  /** Listeners the owner adds to every connection (the source tracks EXPUNGE this way). */
  private readonly attachers: ((client: ImapFlow) => void)[] = [];

  constructor(options: SessionOptions) {
    this.options = options;
    this.profile = options.profile;
    this.backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
    const keepAliveMs = options.keepAliveMs ?? 240_000;
    if (keepAliveMs > 0) {
      // Servers drop idle sessions (Exchange after ~30 min, RFC 9051 allows 30); with a mailbox
      // open imapflow IDLEs by itself, so this covers the time before the first folder is open.
      this.keepAlive = setInterval(() => this.ping(keepAliveMs), Math.max(1000, keepAliveMs / 2));
      this.keepAlive.unref();
    }
  }

  /** Runs `fn` on every connection this session makes, now and after reconnects. */
  onConnection(fn: (client: ImapFlow) => void): void {
    this.attachers.push(fn);
    if (this.raw) fn(this.raw);
  }

  /**
   * Runs one read operation with a connected client; operations run one at a time. On a dropped
   * connection or a throttling reply the operation is retried after a backoff with jitter, on a
   * fresh connection if needed, up to `backoff.attempts` times.
   */
  run<T>(operation: (client: ReadOnlyImapFlow) => Promise<T>, options: RunOptions = {}): Promise<T> {
    const result = this.queue.then(() => this.attempt(operation, options.signal));
    // The queue only orders operations; one failing must not fail the next.
    this.queue = result.catch(() => undefined);
    return result;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.keepAlive) clearInterval(this.keepAlive);
    await this.queue;
    const raw = this.raw;
    this.drop();
    this.status({ state: 'closed' });
    if (raw?.usable) {
      await raw.logout().catch(() => undefined);
    } else {
      raw?.close();
    }
  }

  private async attempt<T>(
    operation: (client: ReadOnlyImapFlow) => Promise<T>,
    signal: AbortSignal | undefined,
  ): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      if (this.closed) throw new AppError('UNKNOWN_SOURCE');
      if (signal?.aborted) throw new AppError('CANCELLED');
      this.attemptNo = attempt;
      this.serverWait = undefined;
      // Another session of this mailbox was told to wait: so is this one.
      await this.options.gate?.wait(signal);
      if (signal?.aborted) throw new AppError('CANCELLED');
      let raw: ImapFlow | undefined;
      let failure: unknown;
      // IMAP has no way to stop a command (a SEARCH of 100,000 bodies, say) but to end the
      // connection; it comes straight back in the background.
      const abort = () => raw?.close();
      try {
        const client = await this.connected();
        raw = this.raw;
        this.lastCommandAt = Date.now();
        signal?.addEventListener('abort', abort, { once: true });
        const result = await operation(client);
        // Back from a wait or a reconnect: the status bar stops counting down.
        if (attempt > 0 || this.serverWait) this.status({ state: 'ready' });
        return result;
      } catch (error) {
        if (signal?.aborted) throw new AppError('CANCELLED', undefined, undefined, { cause: error });
        if (error instanceof AppError) throw error;
        failure = error;
      } finally {
        signal?.removeEventListener('abort', abort);
      }
      // A command can fail as "closed" or with a server reply while the socket dies under it.
      // Exchange often ends a throttled connection right after saying how long to wait: what
      // imapflow heard (serverWait) still makes that a throttle, not a drop to reconnect from.
      const lost = isConnectionLoss(failure) || (raw !== undefined && isSessionOver(raw));
      const busy = busyReply(failure) ?? (this.serverWait ? { kind: 'throttled' as const } : null);
      if ((!lost && !busy) || attempt >= this.backoff.attempts)
        throw busy ? serverBusyError(failure) : toImapAppError(failure);
      if (busy) this.counters.throttled++;
      if (lost && this.raw === raw) this.drop();
      const delay = busy ? this.busyDelay(attempt, busy.backoffMs) : this.delay(attempt, this.backoff.baseMs);
      if (busy) this.options.gate?.hold(delay);
      this.status({ state: busy ? 'throttled' : 'reconnecting', attempt: attempt + 1, retryInMs: delay });
      await sleep(delay, { signal });
    }
  }

  /**
   * How long to wait on a busy server: what it asked for (Exchange's "Suggested Backoff Time",
   * less what imapflow already waited of it), or, when it did not say, exponential backoff from
   * `throttleBaseMs` with jitter. Never less than asked: retrying early only extends the penalty.
   */
  private busyDelay(attempt: number, backoffMs: number | undefined): number {
    const asked = backoffMs ?? this.serverWait?.hintMs;
    if (asked !== undefined) {
      const elapsed = this.serverWait ? Date.now() - this.serverWait.startedAt : 0;
      return Math.min(MAX_SERVER_WAIT_MS, Math.max(0, asked - elapsed));
    }
    return this.delay(attempt, this.options.throttleBaseMs ?? 2000);
  }

  /**
   * imapflow's log says the server is busy: a wait it has started (shown as it begins, and held
   * for the whole mailbox) or a refusal STATUS swallowed; either makes this attempt's failure a
   * throttle.
   */
  private heardBusy({ waitMs, hintMs }: HeardBusy): void {
    this.serverWait = { startedAt: Date.now(), ...(hintMs !== undefined ? { hintMs } : {}) };
    if (waitMs === undefined) return;
    this.options.gate?.hold(waitMs);
    this.status({ state: 'throttled', attempt: this.attemptNo + 1, retryInMs: waitMs });
  }

  /** Exponential backoff with "equal jitter": half fixed, half random, so clients spread out. */
  private delay(attempt: number, baseMs: number): number {
    const ceiling = Math.min(this.backoff.maxMs, baseMs * 2 ** attempt);
    const random = this.options.random ?? Math.random;
    return Math.round(ceiling / 2 + (ceiling / 2) * random());
  }

  private connected(): Promise<ReadOnlyImapFlow> {
    if (this.client && this.raw && !isSessionOver(this.raw)) return Promise.resolve(this.client);
    this.connecting ??= this.login().finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  private async login(): Promise<ReadOnlyImapFlow> {
    this.drop();
    if (this.counters.connects > 0) {
      this.counters.reconnects++;
      this.status({ state: 'reconnecting' });
    } else {
      this.status({ state: 'connecting' });
    }
    const first = await this.options.tokens.getToken(this.profile);
    let raw: ImapFlow;
    try {
      raw = await this.open(first.accessToken);
    } catch (error) {
      // Exchange answers AUTHENTICATE with `NO Server Unavailable. 15` when it throttles: that is
      // not the token's fault, so it goes back to run() for a backoff rather than a new token.
      if (!isAuthFailure(error) || isThrottled(error)) throw error;
      // The token may have expired or been revoked since it was cached: one fresh one, one retry.
      this.counters.reauthentications++;
      const fresh = await this.options.tokens.getToken(this.profile, { forceRefresh: true });
      try {
        raw = await this.open(fresh.accessToken);
      } catch (retry) {
        if (isAuthFailure(retry) && !isThrottled(retry)) throw authRefused(this.profile, retry);
        throw retry;
      }
    }
    this.counters.connects++;
    this.raw = raw;
    this.client = readOnlyClient(raw);
    raw.on('close', () => {
      if (this.raw !== raw) return;
      this.drop();
      // Dropped under us (server restart, network, Exchange ending the session): reconnect now, in
      // the background, so the status bar shows it and the next click finds a live session.
      if (!this.closed) this.reconnectInBackground();
    });
    for (const attach of this.attachers) attach(raw);
    this.status({ state: 'ready' });
    return this.client;
  }

  private reconnectInBackground(): void {
    if (this.options.reconnectInBackground === false) {
      this.status({ state: 'idle' });
      return;
    }
    if (this.reconnecting) return;
    this.reconnecting = true;
    this.status({ state: 'reconnecting' });
    void (async () => {
      for (let round = 0; !this.closed; round++) {
        try {
          await this.run(async (client) => {
            await this.options.onReconnected?.(client);
          });
          break;
        } catch {
          if (this.closed) break;
          // One round of quick retries is spent: the server is down for longer than a restart.
          // Keep trying at the slowest pace; "offline" tells the user it is not just a blip.
          const delay = this.delay(round + this.backoff.attempts, this.backoff.maxMs);
          this.status({ state: 'offline', retryInMs: delay });
          await sleep(delay, { unref: true });
        }
      }
      this.reconnecting = false;
    })();
  }

  private async open(accessToken: string): Promise<ImapFlow> {
    const endpoints = effectiveEndpoints(this.profile);
    const raw = new ImapFlow({
      host: endpoints.host,
      port: endpoints.port,
      secure: endpoints.tlsMode === 'implicit',
      // STARTTLS is mandatory in that mode: never continue in cleartext if the server lacks it.
      ...(endpoints.tlsMode === 'starttls' ? { doSTARTTLS: true } : {}),
      tls: { secureContext: secureContextFor(this.options.trust), rejectUnauthorized: true },
      auth: { user: this.profile.mailbox, accessToken },
      // Silent, except that it hears imapflow start waiting out a throttle reply.
      logger: throttleListener((heard) => this.heardBusy(heard)),
      // Mailscope chooses its own backoff; imapflow's defaults would hang a dead socket for minutes.
      connectionTimeout: 30_000,
      greetingTimeout: 16_000,
      socketTimeout: 5 * 60_000,
      // No ENABLE CONDSTORE: Mailscope never asks for changes since a mod-sequence, and a server
      // that offers it pays for it on every EXAMINE of a read-only session (Dovecot sets up
      // mod-sequences for the whole folder and cannot keep them: 29 ms vs 4 ms on 100,000
      // messages, measured) and adds MODSEQ to every FETCH. Exchange Online offers no ENABLE.
      disableAutoEnable: true,
      // IDLE soon after the last command, so new mail in the open folder shows within seconds
      // (imapflow's default waits 15 s); a burst of paging stays under it and pays no DONE.
      autoIdleDelay: 3_000,
      ...this.options.clientOptions,
    });
    // Before connect(): the login sequence itself must already go through the guard.
    guardWire(raw);
    // imapflow emits 'error' once per connection; without a listener Node would throw it.
    raw.on('error', () => undefined);
    try {
      await raw.connect();
    } catch (error) {
      raw.close();
      throw error;
    }
    return raw;
  }

  private drop(): void {
    this.raw = undefined;
    this.client = undefined;
  }

  private ping(idleMs: number): void {
    const raw = this.raw;
    if (!raw?.usable || raw.mailbox || Date.now() - this.lastCommandAt < idleMs) return;
    this.lastCommandAt = Date.now();
    void this.run((client) => client.noop()).catch(() => undefined);
  }

  private status(status: SessionStatus): void {
    this.options.onStatus?.(status);
  }
}

function authRefused(profile: Profile, cause: unknown): AppError {
  return new AppError(
    'MAIL_AUTH_FAILED',
    `The mail server refused the sign-in to ${profile.mailbox} with a fresh token.`,
    'Run Test connection: the app may lack IMAP.AccessAsApp, or FullAccess on this mailbox.',
    { cause },
  );
}
