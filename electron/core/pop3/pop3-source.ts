import type { Envelope, EnvelopePage, Flags, Folder, MessageView } from '../../../shared/model';
import { effectiveEndpoints, type Profile } from '../../../shared/profile';
import { AppError } from '../common/app-error';
import type { TrustOptions } from '../auth/network';
import type { TokenSource } from '../auth/token-provider';
import { type EnvelopeFields, parseEnvelopeHeaders } from '../mime/parse-envelope';
import { parseMessage } from '../mime/parse-message';
import { type MailSource, RemoteSource } from '../common/source';
import { bodySearchUnsupported } from '../common/search-support';
import { envelopeMatches, type SearchQuery } from '../../../shared/search';
import { Pop3Error } from './errors';
import { type Pop3ConnectOptions, Pop3Client } from './pop3-client';

/**
 * A POP3 maildrop as a MailSource: one folder, "Inbox", newest first (highest message number).
 *
 * A POP3 session sees the maildrop as it was when the session began, so the source works on a
 * snapshot: the UIDL of one session. Message ids are UIDL unique-ids, stable across sessions.
 * Envelopes come from `TOP n 0` headers, pipelined a page at a time, and are cached by unique-id,
 * so `refresh()` (a fresh session, a fresh UIDL) fetches only the headers of new messages. Search
 * runs in the client over the cached headers. A session lost mid-way (Exchange drops idle ones) is
 * replaced once, transparently, keeping the snapshot the user is looking at.
 *
 * `kind` is 'pop3', which shared/model.ts's SourceKind does not list yet: like the IMAP source,
 * this type restates MailSource without `kind` rather than widening it with a cast.
 */

export const INBOX_ID = 'inbox';

/** POP3 keeps no flags; nothing is marked unread because nothing is known. */
const NO_FLAGS: Flags = { seen: true, flagged: false, answered: false, draft: false };

export interface Pop3SourceOptions {
  tokens: TokenSource;
  /** Extra trusted roots for the mail server; TLS verification is always on. */
  trust?: TrustOptions;
  /** Client tuning; host, port and TLS mode come from the profile. */
  client?: Pick<
    Pop3ConnectOptions,
    'connectTimeoutMs' | 'replyTimeoutMs' | 'window' | 'pipelining' | 'servername' | 'localAddress' | 'onSend'
  >;
}

export interface Pop3Source extends Omit<MailSource, 'kind'> {
  readonly kind: 'pop3';
  /** A fresh session and UIDL: new mail appears at the top; cached headers are reused. */
  refresh(): Promise<void>;
  /** Newest first over the headers fetched so far (from, to, cc, subject, date), case-insensitive. */
}

interface Snapshot {
  /** Unique-ids, newest first, as of the snapshot's session. */
  uids: string[];
  sizes: Map<string, number>;
}

interface Session {
  client: Pop3Client;
  /** Unique-id -> message number in this session. */
  numbers: Map<string, number>;
  /** Message number -> size in octets, in this session. */
  sizes: Map<number, number>;
}

export function openPop3Source(profile: Profile, options: Pop3SourceOptions): Pop3Source {
  return new Pop3MailSource(profile, options);
}

export class Pop3MailSource extends RemoteSource implements Pop3Source {
  readonly kind = 'pop3' as const;
  private snapshot: Snapshot | undefined;
  private session: Promise<Session> | undefined;
  private readonly headers = new Map<string, EnvelopeFields>();

  constructor(
    private readonly profile: Profile,
    private readonly options: Pop3SourceOptions,
  ) {
    super(profile, ' (POP3)');
    if (effectiveEndpoints(profile).protocol !== 'pop3')
      throw new AppError('INVALID_REQUEST', 'This profile is not a POP3 profile.');
  }

  async listFolders(): Promise<Folder[]> {
    const snapshot = await this.current();
    return [
      {
        id: INBOX_ID,
        name: 'Inbox',
        path: 'Inbox',
        parentId: null,
        role: 'inbox',
        total: snapshot.uids.length,
        unread: 0,
        selectable: true,
      },
    ];
  }

  async listEnvelopes(folderId: string, offset: number, limit: number): Promise<EnvelopePage> {
    checkFolder(folderId);
    const snapshot = await this.current();
    const page = snapshot.uids.slice(offset, offset + Math.max(0, limit));
    const missing = page.filter((uid) => !this.headers.has(uid));
    if (missing.length) {
      await this.withSession(async ({ client, numbers }) => {
        // One pipelined burst: every TOP of the page goes out before the first answer is back.
        const tops = await Promise.all(
          missing.map((uid) => {
            const n = numbers.get(uid);
            return n === undefined ? undefined : client.top(n, 0);
          }),
        );
        await Promise.all(
          tops.map(async (top, i) => {
            if (top) this.headers.set(missing[i] as string, await parseEnvelopeHeaders(top));
          }),
        );
      });
    }
    return {
      items: page.flatMap((uid) => {
        const fields = this.headers.get(uid);
        return fields ? [this.envelope(uid, fields, snapshot)] : [];
      }),
      offset,
      total: snapshot.uids.length,
    };
  }

  async search(folderId: string, query: SearchQuery, offset: number, limit: number): Promise<EnvelopePage> {
    checkFolder(folderId);
    if (query.body) throw bodySearchUnsupported('A POP3 mailbox');
    // Every header must be cached before the whole maildrop can be searched: one pipelined pass of
    // TOP n 0 for those not yet listed (a refresh later fetches only the new ones).
    const total = (await this.current()).uids.length;
    if (total > 0) await this.listEnvelopes(folderId, 0, total);
    const snapshot = await this.current();
    const hits: Envelope[] = [];
    for (const uid of snapshot.uids) {
      const fields = this.headers.get(uid);
      if (!fields) continue;
      const envelope = this.envelope(uid, fields, snapshot);
      if (envelopeMatches(envelope, query)) hits.push(envelope);
    }
    return { items: hits.slice(offset, offset + Math.max(0, limit)), offset, total: hits.length };
  }

  async getMessage(folderId: string, messageId: string): Promise<MessageView> {
    const raw = await this.getRaw(folderId, messageId);
    return parseMessage(raw, { id: messageId, folderId, flags: NO_FLAGS });
  }

  async getRaw(folderId: string, messageId: string): Promise<Buffer> {
    checkFolder(folderId);
    const snapshot = await this.current();
    const expected = snapshot.sizes.get(messageId);
    if (expected === undefined) throw unknownMessage();
    return this.withSession(async ({ client, numbers }) => {
      const n = numbers.get(messageId);
      if (n === undefined) throw unknownMessage();
      // Copied into one buffer of the listed size as chunks arrive: the message is never held
      // twice (chunks plus a concatenation). LIST sizes are exact on Exchange and Dovecot; a
      // server that under-reports gets the slow path.
      let out = Buffer.allocUnsafe(expected);
      let length = 0;
      for await (const chunk of await client.retr(n)) {
        if (length + chunk.length > out.length) out = Buffer.concat([out.subarray(0, length), chunk]);
        else chunk.copy(out, length);
        length += chunk.length;
      }
      return out.subarray(0, length);
    });
  }

  async refresh(): Promise<void> {
    await this.dropSession();
    this.snapshot = undefined;
    await this.current();
  }

  async close(): Promise<void> {
    await this.dropSession();
  }

  // ---- sessions ----

  private envelope(uid: string, fields: EnvelopeFields, snapshot: Snapshot): Envelope {
    return { id: uid, folderId: INBOX_ID, ...fields, size: snapshot.sizes.get(uid) ?? 0, flags: NO_FLAGS };
  }

  private async current(): Promise<Snapshot> {
    if (this.snapshot) return this.snapshot;
    const { numbers, sizes } = await this.sessionNow();
    const uids = [...numbers.entries()].sort((a, b) => b[1] - a[1]).map(([uid]) => uid);
    this.snapshot ??= {
      uids,
      sizes: new Map(uids.map((uid) => [uid, sizes.get(numbers.get(uid) ?? 0) ?? 0])),
    };
    return this.snapshot;
  }

  private sessionNow(): Promise<Session> {
    this.session ??= this.connect();
    const session = this.session;
    // A failed connect is not cached: the next call tries again.
    session.catch(() => {
      if (this.session === session) this.session = undefined;
    });
    return session;
  }

  private async connect(forceRefresh = false): Promise<Session> {
    const endpoints = effectiveEndpoints(this.profile);
    const ca = this.options.trust?.ca;
    const client = await Pop3Client.connect({
      ...this.options.client,
      host: endpoints.host,
      port: endpoints.port,
      tls: endpoints.tlsMode,
      ...(ca ? { ca: typeof ca === 'string' ? ca : [...ca] } : {}),
    });
    try {
      const { accessToken } = await this.options.tokens.getToken(this.profile, { forceRefresh });
      await client.authenticate({ user: this.profile.mailbox, accessToken });
      // Pipelined: both lists in one round trip.
      const [uids, sizes] = await Promise.all([client.uidl(), client.list()]);
      return {
        client,
        numbers: new Map(uids.map((u) => [u.uid, u.n])),
        sizes: new Map(sizes.map((s) => [s.n, s.size])),
      };
    } catch (error) {
      client.close();
      // A cached token the server no longer accepts (revoked, roles changed): one fresh try.
      if (!forceRefresh && error instanceof Pop3Error && error.kind === 'auth') return this.connect(true);
      throw error;
    }
  }

  /** Runs `work` on the live session; a session that broke is replaced once and `work` retried. */
  private async withSession<T>(work: (session: Session) => Promise<T>): Promise<T> {
    try {
      return await work(await this.sessionNow());
    } catch (error) {
      if (!(error instanceof Pop3Error && (error.kind === 'closed' || error.kind === 'timeout'))) throw error;
      await this.dropSession();
      return work(await this.sessionNow());
    }
  }

  private async dropSession(): Promise<void> {
    const session = this.session;
    this.session = undefined;
    if (!session) return;
    try {
      await (await session).client.quit();
    } catch {
      // Already gone: nothing to end.
    }
  }
}

function checkFolder(folderId: string): void {
  if (folderId !== INBOX_ID) throw new AppError('UNKNOWN_FOLDER');
}

function unknownMessage(): AppError {
  return new AppError('UNKNOWN_MESSAGE');
}
