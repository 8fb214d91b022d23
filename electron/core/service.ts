import { randomUUID } from 'node:crypto';
import { realpath } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Api } from '../../shared/ipc';
import type { SignedInAccount, SignInFlow, SignInMethod, SourceSummary } from '../../shared/model';
import type { FrameStore } from './frames';
import { AppError } from './common/app-error';
import type { Host } from './host';
import { withFsErrors } from './common/fs-errors';
import { LocalMailSource } from './local/local-source';
import { DEFAULT_LARGE_FILE_BYTES, openLocal } from './local/open-local';
import { openMaildir } from './local/open-maildir';
import { createSaveMethods } from './save/save-methods';
import { SaveOperations } from './save/save-operations';
import { checkListOptions, listCapabilitiesOf } from './list-capabilities';
import type { ListOptions, MailSource } from './common/source';
import { EventHub } from './events/event-hub';
import { sourceText } from './mime/source-text';
import type { DiagnosticReport } from '../../shared/diagnostics';
import { isEmptySearch } from '../../shared/search';
import {
  type Profile,
  type ProfileDraft,
  ProfileDraft as ProfileDraftSchema,
  resolveServer,
} from '../../shared/profile';
import { createAppDiagnostics } from './app-diagnostics';
import type { LogFile } from './log-file';
import {
  createProfileMethods,
  type ParsedSecret,
  type ProfileMethodsOptions,
} from './profiles/profile-methods';

export interface ServiceOptions {
  /** Native dialogs, opening links, version: what only the process running us can provide. */
  readonly host: Host;
  /** The bundled sample Maildir that sources.openSample opens. */
  readonly samplePath: string;
  /** Files above this size are refused until the user confirms (default 100 MiB). */
  readonly largeFileBytes?: number;
  /** Mailbox profiles, their secrets and connection tests. */
  readonly profiles: ProfileMethodsOptions;
  /** Runs the connection diagnostics for a profile (with a credential not yet stored, from the wizard). */
  readonly diagnose: Diagnose;
  /** Opens a profile's mailbox over IMAP or POP3 (read-only). */
  readonly openMailbox: (profile: Profile) => MailSource;
  /** Where sources' events wait for `events.next` (tests pass their own to publish into). */
  readonly events?: EventHub;
  /** Delegated profiles: the person's sign-in (browser or device code), and signing out. */
  readonly signIn: SignInService;
  /** Message documents for the frame origin; without one (or before its origin is known) frames.put refuses. */
  readonly frames?: FrameStore;
  /**
   * Whether a profile may name its own authority host (a `custom` cloud): off unless the person
   * running Mailscope turns it on (`--allow-custom-authority`; the test bed and the demo do), so an
   * imported profile cannot send secrets or a sign-in to a host of its author's choosing.
   */
  readonly allowCustomAuthority?: boolean;
  /** The log file "Copy diagnostics" reads from (absent: the report carries no log lines). */
  readonly log?: LogFile;
}

export interface SignInService {
  /** Profiles with the same id share one sign-in. */
  idOf(profile: Profile): string;
  start(profile: Profile, method: SignInMethod): Promise<SignInFlow>;
  wait(flowId: string): Promise<{ account: SignedInAccount; signInId: string }>;
  cancel(flowId: string): boolean;
  /** Ends the sign-in of the profile (and of every profile sharing it): account and tokens go. */
  signOut(profile: Profile): Promise<boolean>;
  /** Removes a sign-in no profile uses any more. */
  forget(signInId: string): Promise<boolean>;
}

export type Diagnose = (profile: Profile, credential: ParsedSecret | null) => Promise<DiagnosticReport>;

/** The Source view shows this much of a message; a longer one is cut, and the view says so. */
const RAW_VIEW_BYTES = 2 * 1024 * 1024;

/** How long `events.next` holds a call open when the renderer does not say. */
const DEFAULT_EVENT_WAIT_MS = 25_000;

/** Schemes links.open hands to the OS; anything else (file:, javascript:, custom handlers) is refused. */
const LINK_SCHEMES = new Set(['http:', 'https:', 'mailto:']);

/**
 * The mailto fields (RFC 6068) a mail client may take from a message's link. Others are dropped:
 * `attach=`/`attachment=` make some clients attach a local file to the draft, and headers such as
 * `from=`, `reply-to=` or `x-…` are the sender's, not the user's, to set.
 */
const MAILTO_FIELDS: ReadonlySet<string> = new Set(['to', 'cc', 'bcc', 'subject', 'body']);

/** A mailto: URL with only the fields above, kept byte for byte (no re-encoding), and no fragment. */
export function safeMailto(url: URL): string {
  const kept = url.search
    .slice(1)
    .split('&')
    .filter((field) => {
      const name = field.split('=', 1)[0] ?? '';
      let decoded = name;
      try {
        decoded = decodeURIComponent(name);
      } catch {
        return false;
      }
      return MAILTO_FIELDS.has(decoded.trim().toLowerCase());
    });
  return `mailto:${url.pathname}${kept.length ? `?${kept.join('&')}` : ''}`;
}

/**
 * The Api: every method the renderer may call, implemented over the open sources. Sources are
 * known by random ids, never by their paths, so nothing the renderer sends is used as a path
 * except the one it asks to open. Requests arrive already validated by the dispatcher.
 */
export function createService(options: ServiceOptions): Api {
  const { host, samplePath } = options;
  const largeFileBytes = options.largeFileBytes ?? DEFAULT_LARGE_FILE_BYTES;
  const sources = new Map<string, MailSource>();
  const events = options.events ?? new EventHub();
  /** Saves and big-message downloads the renderer follows (transfers.progress) and may cancel. */
  const transfers = new SaveOperations();
  const unsubscribe = new Map<string, () => void>();
  /** What each open (or opening) source was opened from, so a second open returns the first. */
  const byOrigin = new Map<string, Promise<string>>();
  const originOf = new Map<string, string>();

  const open = async (origin: string, create: () => Promise<MailSource>): Promise<SourceSummary> => {
    let pending = byOrigin.get(origin);
    if (!pending) {
      pending = create().then((source) => {
        const id = randomUUID();
        sources.set(id, source);
        originOf.set(id, origin);
        const stop = source.subscribe?.((event) => events.publish({ ...event, sourceId: id }));
        if (stop) unsubscribe.set(id, stop);
        return id;
      });
      byOrigin.set(origin, pending);
      // A failed open must not block a later attempt (after the user allows a large file, say).
      pending.catch(() => byOrigin.delete(origin));
    }
    const id = await pending;
    return summarise(id, sourceOf(id));
  };

  /** Forgets an open source everywhere it is known, and ends its session; false if it was not open. */
  const closeSource = async (id: string): Promise<boolean> => {
    const source = sources.get(id);
    if (!source) return false;
    sources.delete(id);
    unsubscribe.get(id)?.();
    unsubscribe.delete(id);
    byOrigin.delete(originOf.get(id) ?? '');
    originOf.delete(id);
    await source.close();
    return true;
  };

  const closeOrigin = async (origin: string) => {
    const id = await byOrigin.get(origin)?.catch(() => null);
    if (id) await closeSource(id);
  };

  const profiles = createProfileMethods({
    ...options.profiles,
    // An open mailbox was signed in with the old settings or secret: close it with them.
    onProfileChanged: (id) => {
      options.profiles.onProfileChanged?.(id);
      void closeOrigin(`profile:${id}`);
    },
  });

  /** The stored delegated profiles that use this sign-in. */
  const sharing = async (signInId: string): Promise<Profile[]> =>
    (await profiles.all()).filter(
      (each) => each.credential === 'delegated' && options.signIn.idOf(each) === signInId,
    );

  /** A sign-in that no profile uses any more (its last profile was removed or moved) is removed. */
  const dropUnusedSignIn = async (before: Profile | null) => {
    if (before?.credential !== 'delegated') return;
    const signInId = options.signIn.idOf(before);
    if ((await sharing(signInId)).length === 0) await options.signIn.forget(signInId);
  };

  const requireDelegated = (profile: Profile) => {
    if (profile.credential !== 'delegated') {
      throw new AppError(
        'UNSUPPORTED',
        `${profile.name} signs in with an app credential, not as a person.`,
        'Only mailboxes set up for delegated access (sign in as a person) have a sign-in.',
      );
    }
  };

  const sourceOf = (id: string): MailSource => {
    const source = sources.get(id);
    if (!source) throw new AppError('UNKNOWN_SOURCE');
    return source;
  };

  const requireCloudAllowed = (profile: Pick<Profile, 'cloud'>) => {
    if (profile.cloud.kind !== 'custom' || options.allowCustomAuthority) return;
    throw new AppError(
      'PROFILE_INVALID',
      `Cloud: this profile signs in at ${profile.cloud.authorityHost}, a custom authority host, and custom hosts are turned off.`,
      'Choose Global, US Government or China. Custom hosts are for test setups: start Mailscope with --allow-custom-authority to use one.',
    );
  };

  return {
    ...profiles.methods,
    ...createSaveMethods(host, sourceOf, transfers),
    ...createAppDiagnostics({ host, ...(options.log ? { log: options.log } : {}) }),

    'profiles.save': async (request) => {
      requireCloudAllowed(request.draft);
      const before = request.id ? await profiles.profile(request.id).catch(() => null) : null;
      const saved = await profiles.methods['profiles.save'](request);
      await dropUnusedSignIn(before);
      return saved;
    },

    'profiles.remove': async (request) => {
      const before = await profiles.profile(request.id).catch(() => null);
      const removed = await profiles.methods['profiles.remove'](request);
      await dropUnusedSignIn(before);
      return removed;
    },

    'auth.start': async ({ profileId, method }) => {
      const profile = await profiles.profile(profileId);
      requireDelegated(profile);
      requireCloudAllowed(profile);
      // The sign-in's tokens go to the keychain: no keychain, no sign-in (never a file instead).
      await profiles.requireKeychain();
      return options.signIn.start(profile, method);
    },

    'auth.wait': async ({ flowId }) => {
      const { account, signInId } = await options.signIn.wait(flowId);
      for (const each of await sharing(signInId)) profiles.forgetCheck(each.id);
      return { account };
    },

    'auth.cancel': async ({ flowId }) => ({ cancelled: options.signIn.cancel(flowId) }),

    'auth.signOut': async ({ profileId }) => {
      const profile = await profiles.profile(profileId);
      requireDelegated(profile);
      const signedOut = await options.signIn.signOut(profile);
      // Open mailboxes of this sign-in stop using the person's account too.
      for (const each of await sharing(options.signIn.idOf(profile))) {
        profiles.forgetCheck(each.id);
        await closeOrigin(`profile:${each.id}`);
      }
      return { signedOut };
    },

    'diagnostics.run': async (request) => {
      // A draft is tested exactly as it would be saved: with the certificate facts its credential gives.
      const credential = 'draft' in request && request.secret ? profiles.parseSecret(request.secret) : null;
      const profile =
        'draft' in request
          ? draftProfile(profiles.withCertificateFacts(request.draft, credential), request.profileId)
          : await profiles.profile(request.profileId);
      requireCloudAllowed(profile);
      // A draft tested under a saved profile's id, without a secret of its own, would use the
      // stored one: only where that secret was entered for.
      if ('draft' in request && request.profileId && !credential) {
        await profiles.requireBoundSecret(request.profileId, profile);
      }
      const report = await options.diagnose(profile, credential);
      if (!('draft' in request) || request.profileId) {
        const failed = report.steps.find((step) => step.status === 'failed');
        profiles.recordCheck(profile.id, {
          status: report.ok ? 'ok' : 'failed',
          at: report.startedAt,
          summary: failed
            ? `${failed.title}: ${failed.cause ?? 'failed'}`
            : 'Connected and opened INBOX read-only.',
        });
      }
      return report;
    },

    'app.getInfo': async () => ({
      version: host.version,
      host: host.kind,
      platform: process.platform,
      nativeDialogs: Boolean(host.pickPath),
      largeFileBytes,
    }),

    'sources.openSample': async () => {
      const dir = await withFsErrors(samplePath, () => realpath(samplePath));
      return open(
        `sample:${dir}`,
        async () => new LocalMailSource(await openMaildir(dir, { kind: 'sample', name: 'Sample mailbox' })),
      );
    },

    'sources.openPath': async ({ path, allowLarge }) => {
      const target = await withFsErrors(path, () => realpath(resolve(path)));
      return open(`path:${target}`, () =>
        openLocal(target, { largeFileBytes, allowLarge: allowLarge ?? false }),
      );
    },

    'sources.openProfile': async ({ profileId }) => {
      const profile = await profiles.profile(profileId);
      requireCloudAllowed(profile);
      try {
        return await open(`profile:${profileId}`, async () => options.openMailbox(profile));
      } catch (error) {
        // Signing in or listing folders failed: keep no half-open session behind the error.
        await closeOrigin(`profile:${profileId}`);
        throw error;
      }
    },

    'sources.pickPath': async ({ kind }) => {
      if (!host.pickPath)
        throw new AppError('UNSUPPORTED', 'This window cannot show a file dialog: type the path instead.');
      return { path: await host.pickPath(kind) };
    },

    'sources.close': async ({ sourceId }) => ({ closed: await closeSource(sourceId) }),

    'sources.refresh': async ({ sourceId, folderId }) => {
      const source = sourceOf(sourceId);
      await source.refresh?.(folderId);
      return summarise(sourceId, source);
    },

    'messages.list': async ({ sourceId, folderId, offset, limit, query, sort, preview }) => {
      const source = sourceOf(sourceId);
      const options: ListOptions = { ...(sort ? { sort } : {}), ...(preview ? { preview } : {}) };
      checkListOptions(listCapabilitiesOf(source), options);
      return query && !isEmptySearch(query)
        ? source.search(folderId, query, offset, limit, options)
        : source.listEnvelopes(folderId, offset, limit, options);
    },

    'messages.cancelSearch': async ({ sourceId, folderId }) => ({
      cancelled: sourceOf(sourceId).cancelSearch?.(folderId) ?? false,
    }),

    'messages.get': async ({ sourceId, folderId, messageId, operationId }) => {
      const source = sourceOf(sourceId);
      if (!operationId || !source.openRaw || !source.parseRaw) return source.getMessage(folderId, messageId);
      // A big message from a server: fetched as a counted, cancellable stream, then parsed.
      const raw = await source.openRaw(folderId, messageId);
      const tracked = transfers.track(operationId, raw.stream, raw.size);
      try {
        const chunks: Buffer[] = [];
        for await (const chunk of tracked.stream as AsyncIterable<Buffer>) chunks.push(chunk);
        return await source.parseRaw(folderId, messageId, Buffer.concat(chunks));
      } finally {
        tracked.done();
      }
    },

    'messages.raw': async ({ sourceId, folderId, messageId }) => {
      const raw = await sourceOf(sourceId).getRaw(folderId, messageId);
      const shown = raw.subarray(0, RAW_VIEW_BYTES);
      return {
        text: sourceText(shown),
        size: raw.length,
        truncated: raw.length > shown.length,
      };
    },

    'events.next': ({ after, waitMs }) => events.next(after, waitMs ?? DEFAULT_EVENT_WAIT_MS),

    'frames.put': async ({ html, allowRemote }) => {
      const frames = options.frames;
      if (!frames?.origin) {
        throw new AppError('UNSUPPORTED', 'This host cannot show message bodies in a frame of their own.');
      }
      return { url: frames.urlFor(frames.put({ html, allowRemote })) };
    },

    'links.open': async ({ url }) => {
      let parsed: URL;
      try {
        parsed = new URL(url);
      } catch {
        throw new AppError(
          'LINK_REFUSED',
          'That link is not a valid web address, so Mailscope will not open it.',
        );
      }
      if (!LINK_SCHEMES.has(parsed.protocol)) {
        throw new AppError(
          'LINK_REFUSED',
          `Mailscope opens only http, https and mailto links, not “${parsed.protocol.slice(0, 40)}” links.`,
        );
      }
      await host.openExternal(parsed.protocol === 'mailto:' ? safeMailto(parsed) : parsed.href);
      return { opened: true };
    },
  };
}

async function summarise(id: string, source: MailSource): Promise<SourceSummary> {
  return {
    id,
    kind: source.kind,
    name: source.name,
    location: source.location,
    folders: await source.listFolders(),
    notices: [...source.notices],
    list: listCapabilitiesOf(source),
  };
}

/** An unsaved profile from the wizard, complete enough to test: the draft's own id if it has one. */
function draftProfile(draft: ProfileDraft, id: string | undefined): Profile {
  const parsed = ProfileDraftSchema.parse(draft);
  const now = new Date().toISOString();
  return { ...parsed, id: id ?? randomUUID(), server: resolveServer(parsed), createdAt: now, updatedAt: now };
}
