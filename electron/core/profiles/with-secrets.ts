import { SECRET_KINDS, type SecretStore } from '../secrets/secret-store';
import type { Profile } from '../../../shared/profile';
import type { ProfileStore } from './store';

/**
 * Profile operations that also touch the profile's secrets, so the UI cannot remove a mailbox and
 * leave its client secret in the keychain, or duplicate one without its credential.
 */

/**
 * Secrets first: if the keychain fails, the profile stays and the user can retry, rather than a
 * secret being orphaned under an id nothing refers to any more.
 */
export async function removeProfile(store: ProfileStore, secrets: SecretStore, id: string): Promise<boolean> {
  await secrets.deleteAll(id);
  return store.remove(id);
}

/** A copy of the profile and of every secret it has, under the copy's new id. */
export async function duplicateProfile(
  store: ProfileStore,
  secrets: SecretStore,
  id: string,
): Promise<Profile> {
  store.get(id); // fail fast with "no such profile" before creating anything
  const copy = await store.duplicate(id);
  try {
    for (const kind of SECRET_KINDS) {
      const value = await secrets.get(id, kind);
      if (value !== null) await secrets.set(copy.id, kind, value);
    }
  } catch (error) {
    // A copy without its credential would fail later with a confusing sign-in error: undo it.
    await secrets.deleteAll(copy.id).catch(() => undefined);
    await store.remove(copy.id);
    throw error;
  }
  return copy;
}
