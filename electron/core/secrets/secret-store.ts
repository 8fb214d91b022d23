import { z } from 'zod';

/**
 * Where secrets live: the OS keychain in the app (KeytarSecretStore), memory in tests and the demo
 * (MemorySecretStore). Nothing else in Mailscope keeps a secret beyond the call that uses it, and
 * no implementation may fall back to a file.
 *
 * Entries are keyed by profile id and kind; the keychain sees service `Mailscope` and account
 * `<profileId>:<kind>`, which is what a user finds in Keychain Access, Credential Manager or Seahorse.
 */
export const SECRET_SERVICE = 'Mailscope';

export const SecretKind = z.enum([
  /** The client secret's Value (not its Secret ID). */
  'client-secret',
  /** The certificate's private key as unencrypted PKCS#8 PEM (the keychain is the protection). */
  'certificate-key',
  /** Reserved: an original PFX (base64) kept for re-export; certificate import stores only the key. */
  'certificate-pfx',
  /** Reserved: the passphrase of a kept PFX. */
  'certificate-passphrase',
  /**
   * MSAL's serialised token cache of a delegated sign-in, stored under the sign-in's id
   * (`signin-…`, shared by the profiles that use it), not under a profile id.
   */
  'token-cache',
  /**
   * Not a secret: the cloud, authority host, tenant and client ID the profile's client secret or
   * certificate key was entered for (profiles/secret-binding.ts). Kept beside it, removed with it.
   */
  'secret-binding',
]);
export type SecretKind = z.infer<typeof SecretKind>;
/** Every kind, in the order above (deleteAll walks them). */
export const SECRET_KINDS: readonly SecretKind[] = SecretKind.options;

export interface SecretStore {
  /** Which store this is, for diagnostics ("OS keychain", "memory (not saved)"). */
  readonly description: string;
  get(profileId: string, kind: SecretKind): Promise<string | null>;
  set(profileId: string, kind: SecretKind, value: string): Promise<void>;
  /** True if something was deleted. */
  delete(profileId: string, kind: SecretKind): Promise<boolean>;
  /** Removes every kind for the profile (on profile removal); the number deleted. */
  deleteAll(profileId: string): Promise<number>;
}

const ProfileId = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9._-]+$/);

/** `<profileId>:<kind>`, refusing ids that could collide with another entry (no ':' inside). */
export function accountOf(profileId: string, kind: SecretKind): string {
  return `${ProfileId.parse(profileId)}:${SecretKind.parse(kind)}`;
}

/**
 * Secrets in a Map, for tests and the demo. Never persisted: everything is gone when the process
 * exits, which is the point (the demo must not write secrets anywhere).
 */
export class MemorySecretStore implements SecretStore {
  readonly description = 'memory (not saved)';
  private readonly entries = new Map<string, string>();

  async get(profileId: string, kind: SecretKind): Promise<string | null> {
    return this.entries.get(accountOf(profileId, kind)) ?? null;
  }

  async set(profileId: string, kind: SecretKind, value: string): Promise<void> {
    this.entries.set(accountOf(profileId, kind), value);
  }

  async delete(profileId: string, kind: SecretKind): Promise<boolean> {
    return this.entries.delete(accountOf(profileId, kind));
  }

  async deleteAll(profileId: string): Promise<number> {
    let deleted = 0;
    for (const kind of SECRET_KINDS) if (await this.delete(profileId, kind)) deleted++;
    return deleted;
  }

  /** How many entries are held (tests check removal leaves none). */
  get size(): number {
    return this.entries.size;
  }
}
