import { adminScript } from '../../../shared/admin-script';
import type { ErrorInfo } from '../../../shared/errors';
import type { Api } from '../../../shared/ipc';
import type {
  ConnectionCheck,
  KeychainStatus,
  ProfileSummary,
  SecretInput,
  SignedInAccount,
} from '../../../shared/model';
import {
  adminConsentUrl,
  effectiveEndpoints,
  type Profile,
  type ProfileDraft,
} from '../../../shared/profile';
import { AppError } from '../common/app-error';
import {
  parseCertificate,
  storeCertificateKey,
  summarise,
  type ParsedCertificate,
} from '../secrets/certificate';
import type { SecretKind, SecretStore } from '../secrets/secret-store';
import { requireBoundSecret, writeBinding } from '../secrets/secret-binding';
import { ProfileStore, type StoreNotice } from './store';
import { duplicateProfile, removeProfile } from './with-secrets';

/**
 * The profile half of the Api: the store on disk (settings only) and the keychain (secrets only),
 * kept in step. A secret arrives here once, from the wizard, and goes straight to the keychain;
 * nothing returned from here carries one.
 */

export interface ProfileMethodsOptions {
  /** Where profiles.json lives (Electron's userData; a temp folder in tests). */
  profilesDir: string;
  secrets: SecretStore;
  /** Whether the keychain can be used; asked again until it answers yes. */
  probeKeychain: () => Promise<KeychainStatus>;
  /** Told when a profile's settings or secret change, so cached tokens are dropped. */
  onProfileChanged?: (profileId: string) => void;
  /** Checks a draft before it is saved (the cloud policy); throws to refuse it. */
  checkDraft?: (draft: ProfileDraft) => void;
  /** After a save, with the profile as it was before (null for a new one). */
  onSaved?: (saved: Profile, before: Profile | null) => Promise<void>;
  /** After a removal, with the profile as it was (null if there was none). */
  onRemoved?: (before: Profile | null) => Promise<void>;
  /** Who is signed in for a delegated profile (its tokens are the sign-in's, not the profile's). */
  delegatedSignIn?: {
    idOf(profile: Profile): string;
    account(profile: Profile): Promise<SignedInAccount | null>;
  };
}

type ProfileMethodNames =
  | 'profiles.list'
  | 'profiles.save'
  | 'profiles.duplicate'
  | 'profiles.remove'
  | 'profiles.export'
  | 'profiles.import'
  | 'profiles.inspectCertificate'
  | 'profiles.adminScript';

export interface ProfileMethods {
  methods: Pick<Api, ProfileMethodNames>;
  /** The stored profile, or PROFILE_NOT_FOUND. */
  profile(id: string): Promise<Profile>;
  /** Every stored profile. */
  all(): Promise<Profile[]>;
  /** KEYCHAIN_UNAVAILABLE unless secrets can be kept (before a sign-in, which stores tokens). */
  requireKeychain(): Promise<void>;
  /** Forgets the last connection test (after a sign-in or sign-out changed what a test would say). */
  forgetCheck(profileId: string): void;
  /** Records the outcome of a connection test for the sidebar. */
  recordCheck(profileId: string, check: ConnectionCheck): void;
  /** Validates a credential as the user entered it (used by the wizard's Test connection too). */
  parseSecret(secret: SecretInput): ParsedSecret;
  /** The draft as it will be saved with this credential: a certificate's public facts filled in. */
  withCertificateFacts(draft: ProfileDraft, parsed: ParsedSecret | null): ProfileDraft;
  /**
   * PROFILE_INVALID, naming the field, if `target` (a draft tested or saved under `profileId`)
   * would send that profile's stored secret to another cloud, authority host, tenant or client ID.
   */
  requireBoundSecret(profileId: string, target: ProfileDraft): Promise<void>;
}

export type ParsedSecret =
  { kind: 'client-secret'; value: string } | { kind: 'certificate'; certificate: ParsedCertificate };

const CREDENTIAL_SECRET: Record<Profile['credential'], SecretKind | null> = {
  'client-secret': 'client-secret',
  certificate: 'certificate-key',
  delegated: null,
};

export function createProfileMethods(options: ProfileMethodsOptions): ProfileMethods {
  const { secrets } = options;
  let opened: Promise<ProfileStore> | null = null;
  const store = () => (opened ??= ProfileStore.open(options.profilesDir));
  const checks = new Map<string, ConnectionCheck>();
  let keychain: KeychainStatus | null = null;

  const keychainStatus = async (): Promise<KeychainStatus> => {
    if (keychain?.available) return keychain;
    keychain = await options.probeKeychain();
    return keychain;
  };

  const requireKeychain = async () => {
    const status = await keychainStatus();
    if (!status.available) throw new AppError('KEYCHAIN_UNAVAILABLE', status.message, status.hint);
  };

  const signInOf = async (profile: Profile): Promise<ProfileSummary['signIn']> => {
    const delegated = options.delegatedSignIn;
    if (profile.credential !== 'delegated' || !delegated) return null;
    const available = (await keychainStatus()).available;
    return {
      signInId: delegated.idOf(profile),
      account: available ? await delegated.account(profile) : null,
    };
  };

  const summary = async (profile: Profile): Promise<ProfileSummary> => {
    const kind = CREDENTIAL_SECRET[profile.credential];
    let secretStored = kind === null;
    if (kind !== null && (await keychainStatus()).available) {
      secretStored = (await secrets.get(profile.id, kind)) !== null;
    }
    return {
      ...profile,
      secretStored,
      lastCheck: checks.get(profile.id) ?? null,
      signIn: await signInOf(profile),
    };
  };

  const profile = async (id: string): Promise<Profile> => {
    const found = (await store()).get(id);
    if (!found) throw new AppError('PROFILE_NOT_FOUND');
    return found;
  };

  const parseSecret = (secret: SecretInput): ParsedSecret => {
    if (secret.kind === 'client-secret') return { kind: 'client-secret', value: secret.value.trim() };
    const certificate = parseCertificate(
      secret.kind === 'certificate-pem'
        ? {
            format: 'pem',
            pem: secret.pem,
            ...(secret.keyPem ? { keyPem: secret.keyPem } : {}),
            ...(secret.passphrase ? { passphrase: secret.passphrase } : {}),
          }
        : { format: 'pfx', data: Buffer.from(secret.pfxBase64, 'base64'), passphrase: secret.passphrase },
    );
    return { kind: 'certificate', certificate };
  };

  /**
   * Puts a parsed credential in the keychain, bound to the profile's cloud, authority, tenant and
   * client ID, and drops the other kind, so only one is ever live.
   */
  const storeSecret = async (saved: Profile, parsed: ParsedSecret) => {
    const profileId = saved.id;
    if (parsed.kind === 'client-secret') {
      await secrets.set(profileId, 'client-secret', parsed.value);
      await secrets.delete(profileId, 'certificate-key');
    } else {
      await storeCertificateKey(secrets, profileId, parsed.certificate);
      await secrets.delete(profileId, 'client-secret');
    }
    // Last: if anything above failed, the old binding refuses the new settings rather than
    // letting the old secret follow them.
    await writeBinding(secrets, profileId, saved);
  };

  const bound = async (profileId: string, target: ProfileDraft) => {
    // Without a keychain nothing is stored, so there is nothing to bind.
    if (!(await keychainStatus()).available) return;
    const saved = (await store()).list().find((each) => each.id === profileId) ?? null;
    await requireBoundSecret(secrets, profileId, target, saved);
  };

  const withCertificateFacts = (draft: ProfileDraft, parsed: ParsedSecret | null): ProfileDraft => {
    if (parsed?.kind !== 'certificate') return draft;
    const facts = summarise(parsed.certificate);
    return {
      ...draft,
      certificate: {
        thumbprintSha1: facts.thumbprintSha1,
        thumbprintSha256: facts.thumbprintSha256,
        subject: facts.subject,
        notAfter: facts.notAfter,
        chainPem: facts.chainPem,
      },
    };
  };

  const methods: ProfileMethods['methods'] = {
    'profiles.list': async () => {
      const opened = await store();
      return {
        profiles: await Promise.all(opened.list().map(summary)),
        notices: opened.notices.map(noticeInfo),
        keychain: await keychainStatus(),
      };
    },

    'profiles.save': async ({ id, draft, secret }) => {
      options.checkDraft?.(draft);
      const parsed = secret ? parseSecret(secret) : null;
      if (parsed && draft.credential === 'delegated') {
        throw new AppError(
          'PROFILE_INVALID',
          'A delegated profile signs in as a person: it takes no secret.',
        );
      }
      if (parsed) await requireKeychain();
      const opened = await store();
      const before = id ? opened.get(id) : null;
      if (id && !before) throw new AppError('PROFILE_NOT_FOUND');
      if (id && !parsed) await bound(id, draft);
      const saved = await opened.save(withCertificateFacts(draft, parsed), id);
      if (parsed) {
        try {
          await storeSecret(saved, parsed);
        } catch (error) {
          // A new profile without its secret would look saved but never work: take it back.
          if (!id) await opened.remove(saved.id);
          throw error;
        }
      }
      checks.delete(saved.id);
      options.onProfileChanged?.(saved.id);
      const saidSaved = await summary(saved);
      await options.onSaved?.(saved, before);
      return saidSaved;
    },

    'profiles.duplicate': async ({ id }) => {
      await profile(id);
      return summary(await duplicateProfile(await store(), secrets, id));
    },

    'profiles.remove': async ({ id }) => {
      const opened = await store();
      const before = opened.list().find((each) => each.id === id) ?? null;
      const removed = await removeProfile(opened, secrets, id);
      checks.delete(id);
      options.onProfileChanged?.(id);
      await options.onRemoved?.(before);
      return { removed };
    },

    'profiles.export': async ({ ids }) => {
      const opened = await store();
      const json = opened.exportJson(ids);
      return { json, count: ids ? ids.filter((each) => opened.get(each)).length : opened.list().length };
    },

    'profiles.import': async ({ json }) => {
      const report = await (await store()).importJson(json);
      return {
        imported: await Promise.all(report.imported.map(summary)),
        problems: report.errors,
        ignoredSecretFields: report.ignoredSecretFields.length,
      };
    },

    'profiles.inspectCertificate': async ({ secret }) => {
      const parsed = parseSecret(secret);
      if (parsed.kind !== 'certificate') {
        throw new AppError('CERTIFICATE_INVALID', 'That is a client secret, not a certificate.');
      }
      const { chainPem: _chain, ...facts } = summarise(parsed.certificate);
      return facts;
    },

    'profiles.adminScript': async ({ id, servicePrincipalObjectId, person }) => {
      const found = await profile(id);
      return {
        powershell: adminScript({
          name: found.name,
          mailbox: found.mailbox,
          protocol: found.protocol,
          clientId: found.clientId,
          tenant: found.tenant,
          access: found.credential === 'delegated' ? 'delegated' : 'app-only',
          consentUrl: adminConsentUrl(effectiveEndpoints(found).authorityHost, found.tenant, found.clientId),
          ...(servicePrincipalObjectId ? { servicePrincipalObjectId } : {}),
          ...(person ? { person } : {}),
        }),
      };
    },
  };

  return {
    methods,
    profile,
    all: async () => (await store()).list(),
    requireKeychain,
    forgetCheck: (profileId) => checks.delete(profileId),
    parseSecret,
    withCertificateFacts,
    requireBoundSecret: bound,
    recordCheck: (profileId, check) => checks.set(profileId, check),
  };
}

function noticeInfo(notice: StoreNotice): ErrorInfo {
  return {
    ...notice.info,
    code: notice.kind === 'set-aside' ? 'PROFILES_FILE_SET_ASIDE' : 'PROFILES_MIGRATED',
  };
}
