import type { Api } from '../../shared/ipc';
import type { Profile } from '../../shared/profile';
import { createAppDiagnostics } from './app-diagnostics';
import { createAuthMethods, type SignInService } from './auth/auth-methods';
import { createDiagnosticsMethods, type Diagnose } from './diagnostics/diagnostics-methods';
import { EventHub } from './events/event-hub';
import { createFindMethods } from './find/find-methods';
import type { FrameStore } from './frames';
import type { Host } from './host';
import { createLinkMethods } from './links/link-methods';
import type { LogFile } from './log-file';
import { DEFAULT_LARGE_FILE_BYTES } from './local/open-local';
import { AttachedMessages } from './attached/attached-messages';
import { createMessageMethods } from './messages/message-methods';
import { analyzerFor } from './report/analyze-source';
import { cloudPolicy } from './profiles/cloud-policy';
import { createProfileMethods, type ProfileMethodsOptions } from './profiles/profile-methods';
import { createExportMethods } from './export/export-methods';
import { createSaveMethods } from './save/save-methods';
import { SaveHandles } from './save/save-handles';
import type { MailSource } from './common/source';
import { createSourceMethods } from './sources/source-methods';
import { profileOrigin, SourceRegistry } from './sources/source-registry';
import { createTransferMethods } from './transfers/transfer-methods';
import { Transfers } from './transfers/transfers';

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

/** How long `events.next` holds a call open when the renderer does not say. */
const DEFAULT_EVENT_WAIT_MS = 25_000;

/**
 * The Api: every method the renderer may call, assembled from the method modules of each
 * capability, which share the open sources and the transfers. Requests arrive already validated by
 * the dispatcher.
 */
export function createService(options: ServiceOptions): Api {
  const { host } = options;
  const largeFileBytes = options.largeFileBytes ?? DEFAULT_LARGE_FILE_BYTES;
  const events = options.events ?? new EventHub();
  const registry = new SourceRegistry(events);
  /** Saves and big-message downloads: their progress goes out as events; the renderer may cancel them. */
  const transfers = new Transfers({ publish: (event) => events.publish(event) });
  const checkCloud = cloudPolicy(options.allowCustomAuthority ?? false);
  /** Attached messages open from the outer message's bytes, kept here for the last few opened. */
  const nested = new AttachedMessages(registry.sourceOf);
  /** Destinations from the host's save dialog: a folder picked for a save or for an export. */
  const handles = new SaveHandles();

  const profiles = createProfileMethods({
    ...options.profiles,
    // An open mailbox was signed in with the old settings or secret: close it with them.
    onProfileChanged: (id) => {
      options.profiles.onProfileChanged?.(id);
      void registry.closeOrigin(profileOrigin(id));
    },
    checkDraft: checkCloud,
    // A profile moved to another sign-in, or removed, may leave its old sign-in unused.
    onSaved: (_saved, before) => auth.dropUnusedSignIn(before),
    onRemoved: (before) => auth.dropUnusedSignIn(before),
  });

  const auth = createAuthMethods({
    signIn: options.signIn,
    profiles,
    checkCloud,
    onSignedOut: (profileId) => registry.closeOrigin(profileOrigin(profileId)),
  });

  const sources = createSourceMethods(registry, {
    host,
    samplePath: options.samplePath,
    largeFileBytes,
    openMailbox: options.openMailbox,
    profile: async (profileId) => {
      const profile = await profiles.profile(profileId);
      checkCloud(profile);
      return profile;
    },
  });

  /** Searches in every folder and Message-ID lookups; a lookup opens profiles as the sidebar does. */
  const find = createFindMethods({
    sourceOf: registry.sourceOf,
    openProfile: (profileId) => sources['sources.openProfile']({ profileId }),
    profileName: async (profileId) => (await profiles.profile(profileId)).name,
    publish: (event) => events.publish(event),
  });

  return {
    ...profiles.methods,
    ...auth.methods,
    ...createDiagnosticsMethods(options.diagnose, profiles, checkCloud),
    ...sources,
    ...createMessageMethods(registry.sourceOf, transfers, options.frames, nested, find.searches),
    ...find.methods,
    // Attached messages, .msg and winmail.dat at any depth, from the bytes the reader already read.
    'messages.analyze': analyzerFor(registry.sourceOf, nested),
    ...createSaveMethods(host, registry.sourceOf, transfers, { nested, handles }),
    ...createExportMethods(host, registry.sourceOf, transfers, {
      handles,
      publish: (event) => events.publish(event),
    }),
    ...createAppDiagnostics({ host, ...(options.log ? { log: options.log } : {}) }),
    ...createTransferMethods(transfers),
    ...createLinkMethods(host),

    'app.getInfo': async () => ({
      version: host.version,
      host: host.kind,
      platform: process.platform,
      nativeDialogs: Boolean(host.pickPath),
      largeFileBytes,
    }),

    'events.next': ({ after, waitMs }) => events.next(after, waitMs ?? DEFAULT_EVENT_WAIT_MS),
  };
}
