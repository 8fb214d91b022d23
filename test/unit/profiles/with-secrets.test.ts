import { describe, expect, it } from 'vitest';
import { ProfileStore } from '../../../electron/core/profiles/store';
import { duplicateProfile, removeProfile } from '../../../electron/core/profiles/with-secrets';
import {
  MemorySecretStore,
  type SecretKind,
  type SecretStore,
} from '../../../electron/core/secrets/secret-store';
import { appErrorOf, tempDir } from '../core/helpers';
import { draft } from './fixtures';

describe('profile operations with secrets', () => {
  it('remove deletes the profile’s secrets and the profile', async () => {
    const store = await ProfileStore.open(await tempDir());
    const secrets = new MemorySecretStore();
    const profile = await store.save(draft());
    await secrets.set(profile.id, 'client-secret', 'value');
    expect(await removeProfile(store, secrets, profile.id)).toBe(true);
    expect(secrets.size).toBe(0);
    expect(store.list()).toEqual([]);
  });

  it('keeps the profile when the keychain fails, so removal can be retried', async () => {
    const store = await ProfileStore.open(await tempDir());
    const profile = await store.save(draft());
    const failing: SecretStore = {
      ...new MemorySecretStore(),
      description: 'broken',
      get: async () => null,
      set: async () => undefined,
      delete: async () => false,
      deleteAll: () => Promise.reject(new Error('keychain locked')),
    };
    await expect(removeProfile(store, failing, profile.id)).rejects.toThrow('keychain locked');
    expect(store.list()).toHaveLength(1);
  });

  it('duplicate copies every secret to the new id, and undoes the copy if that fails', async () => {
    const store = await ProfileStore.open(await tempDir());
    const secrets = new MemorySecretStore();
    const profile = await store.save(draft({ credential: 'certificate' }));
    await secrets.set(profile.id, 'certificate-key', 'key');
    const copy = await duplicateProfile(store, secrets, profile.id);
    expect(await secrets.get(copy.id, 'certificate-key')).toBe('key');

    const flaky = new MemorySecretStore();
    await flaky.set(profile.id, 'certificate-key', 'key');
    const original = flaky.set.bind(flaky);
    flaky.set = async (id: string, kind: SecretKind, value: string) => {
      if (id !== profile.id) throw new Error('keychain full');
      return original(id, kind, value);
    };
    await expect(duplicateProfile(store, flaky, profile.id)).rejects.toThrow('keychain full');
    expect(store.list()).toHaveLength(2);
    expect((await appErrorOf(duplicateProfile(store, secrets, 'missing'))).message).toMatch(
      /no mailbox profile/,
    );
  });
});
