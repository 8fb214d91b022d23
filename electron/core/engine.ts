import type { KeychainStatus } from '../../shared/model';
import type { Api } from '../../shared/ipc';
import { type TrustOptions } from './auth/network';
import type { DelegatedTokens } from './auth/delegated/delegated-tokens';
import { withDelegatedRefusals } from './auth/delegated/mailbox-refusal';
import { SignInFlows } from './auth/delegated/sign-in-flows';
import { signInIdentity } from './auth/delegated/sign-in-identity';
import type { TokenProvider } from './auth/token-provider';
import { createTokenSources } from './auth/token-sources';
import { createDiagnose } from './diagnostics/diagnose';
import { openImapSource } from './imap/imap-source';
import { openPop3Source } from './pop3/pop3-source';
import type { Host } from './host';
import { KeytarSecretStore } from './secrets/keytar-store';
import { MemorySecretStore, type SecretStore } from './secrets/secret-store';
import { EventHub } from './events/event-hub';
import { FrameStore } from './frames';
import type { LogFile } from './log-file';
import { createService } from './service';

/**
 * The whole engine for a host, composed in one place so Electron and the harness cannot differ:
 * the service over local sources and profiles, secrets in the OS keychain, app-only tokens in
 * memory, a person's delegated sign-in in the keychain (MSAL's cache) and the system browser.
 */

export interface EngineOptions {
  host: Host;
  samplePath: string;
  /** Where profiles.json lives: Electron's userData, or the harness's own folder. */
  profilesDir: string;
  largeFileBytes?: number;
  /** Extra trusted CA certificates (PEM), for a TLS-inspecting proxy or the test bed. */
  trust?: TrustOptions;
  /**
   * `keychain`: the OS keychain or nothing (the desktop app: secrets are never kept elsewhere).
   * `keychain-or-memory`: fall back to memory for this process only (the harness and the demo),
   * and say so; secrets then vanish when it stops.
   */
  secrets: 'keychain' | 'keychain-or-memory' | SecretStore;
  /** The OS keychain; tests pass one over a stand-in for keytar. */
  keychain?: KeytarSecretStore;
  /** Where the host serves message frames (Electron's custom scheme); the harness sets it once listening. */
  frameOrigin?: string;
  /** Profiles may name their own authority host (ServiceOptions.allowCustomAuthority); default off. */
  allowCustomAuthority?: boolean;
  /** The redacting log file of this process ("Copy diagnostics" reads its last lines). */
  log?: LogFile;
}

export interface Engine {
  api: Api;
  /** App-only tokens (client secret, certificate). */
  tokens: TokenProvider;
  /** What the renderer learns through `events.next`; the host publishes its own (open requests). */
  events: EventHub;
  /** Delegated tokens: the person's sign-in. */
  delegated: DelegatedTokens;
  /** Message documents the host serves on the frame origin. */
  frames: FrameStore;
}

const MEMORY_NOTICE = {
  message: 'No OS keychain is reachable: secrets are kept in memory for this session only.',
  hint: 'They are forgotten when Mailscope stops; nothing is written to disk.',
};

export function createEngine(options: EngineOptions): Engine {
  const keytar = options.keychain ?? new KeytarSecretStore();
  let chosen: SecretStore = typeof options.secrets === 'object' ? options.secrets : keytar;
  const probeKeychain = async (): Promise<KeychainStatus> => {
    if (typeof options.secrets === 'object') return { available: true };
    if (chosen !== keytar) return { available: true, ...MEMORY_NOTICE };
    const probe = await keytar.probe();
    if (probe.ok) return { available: true };
    if (options.secrets === 'keychain-or-memory') {
      chosen = new MemorySecretStore();
      return { available: true, ...MEMORY_NOTICE };
    }
    return { available: false, message: probe.error.message, hint: probe.error.hint };
  };
  // Profiles and tokens reach the store through this indirection, so a late fallback applies everywhere.
  const secrets: SecretStore = {
    get description() {
      return chosen.description;
    },
    get: (id, kind) => chosen.get(id, kind),
    set: (id, kind, value) => chosen.set(id, kind, value),
    delete: (id, kind) => chosen.delete(id, kind),
    deleteAll: (id) => chosen.deleteAll(id),
  };
  const trust = options.trust ? { trust: options.trust } : {};
  const { appOnly: tokens, delegated, byCredential } = createTokenSources({ secrets, ...trust });
  const events = new EventHub();
  const flows = new SignInFlows({
    tokens: delegated,
    // The system browser, through the host: never a window of ours for a sign-in.
    openBrowser: (url) => options.host.openExternal(url),
  });
  const signInId = (profile: Parameters<typeof signInIdentity>[0]) => signInIdentity(profile).id;
  const frames = new FrameStore(options.frameOrigin ?? '');
  const api = createService({
    events,
    frames,
    allowCustomAuthority: options.allowCustomAuthority ?? false,
    host: options.host,
    ...(options.log ? { log: options.log } : {}),
    samplePath: options.samplePath,
    ...(options.largeFileBytes ? { largeFileBytes: options.largeFileBytes } : {}),
    profiles: {
      profilesDir: options.profilesDir,
      secrets,
      probeKeychain,
      onProfileChanged: (id) => tokens.invalidate(id),
      delegatedSignIn: { idOf: signInId, account: (profile) => delegated.account(profile) },
    },
    diagnose: createDiagnose({ tokens: byCredential, ...trust }),
    openMailbox: (profile) => {
      const source =
        profile.protocol === 'imap'
          ? openImapSource(profile, { tokens: byCredential, ...trust })
          : openPop3Source(profile, { tokens: byCredential, ...trust });
      if (profile.credential !== 'delegated') return source;
      return withDelegatedRefusals(
        source,
        profile,
        async () => (await delegated.account(profile))?.username ?? null,
      );
    },
    signIn: {
      idOf: signInId,
      start: (profile, method) => flows.start(profile, method),
      wait: (flowId) => flows.wait(flowId),
      cancel: (flowId) => flows.cancel(flowId),
      signOut: (profile) => {
        flows.cancelFor(signInId(profile), 'by signing out');
        return delegated.signOut(profile);
      },
      forget: (id) => {
        flows.cancelFor(id, 'because its last mailbox was removed');
        return delegated.forget(id);
      },
    },
  });
  return { api, tokens, events, delegated, frames };
}
