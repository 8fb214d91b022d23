import { describe, expect, it } from 'vitest';
import {
  type KeytarApi,
  KeychainUnavailableError,
  KeytarSecretStore,
} from '../../../electron/core/secrets/keytar-store';
import {
  accountOf,
  MemorySecretStore,
  SECRET_KINDS,
  SECRET_SERVICE,
  type SecretStore,
} from '../../../electron/core/secrets/secret-store';

/** keytar's behaviour over a Map, recording the (service, account) pairs it sees. */
function fakeKeytar(): KeytarApi & { entries: Map<string, string> } {
  const entries = new Map<string, string>();
  return {
    entries,
    async getPassword(service, account) {
      return entries.get(`${service}|${account}`) ?? null;
    },
    async setPassword(service, account, password) {
      entries.set(`${service}|${account}`, password);
    },
    async deletePassword(service, account) {
      return entries.delete(`${service}|${account}`);
    },
  };
}

const PROFILE = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';

function contract(name: string, make: () => SecretStore): void {
  describe(`${name} (SecretStore contract)`, () => {
    it('sets, gets, overwrites and deletes by profile and kind', async () => {
      const store = make();
      expect(await store.get(PROFILE, 'client-secret')).toBeNull();
      await store.set(PROFILE, 'client-secret', 'first');
      await store.set(PROFILE, 'client-secret', 'second');
      await store.set(PROFILE, 'certificate-key', 'key');
      expect(await store.get(PROFILE, 'client-secret')).toBe('second');
      expect(await store.get('other-profile', 'client-secret')).toBeNull();
      expect(await store.delete(PROFILE, 'client-secret')).toBe(true);
      expect(await store.delete(PROFILE, 'client-secret')).toBe(false);
      expect(await store.get(PROFILE, 'certificate-key')).toBe('key');
    });

    it('deleteAll removes every kind of one profile and nothing of another', async () => {
      const store = make();
      for (const kind of SECRET_KINDS) await store.set(PROFILE, kind, `v-${kind}`);
      await store.set('keep-me', 'client-secret', 'kept');
      expect(await store.deleteAll(PROFILE)).toBe(SECRET_KINDS.length);
      for (const kind of SECRET_KINDS) expect(await store.get(PROFILE, kind)).toBeNull();
      expect(await store.get('keep-me', 'client-secret')).toBe('kept');
      expect(await store.deleteAll(PROFILE)).toBe(0);
    });

    it('refuses profile ids that could collide with another account name', async () => {
      const store = make();
      await expect(store.set('a:client-secret', 'client-secret', 'x')).rejects.toThrow();
      await expect(store.get('', 'client-secret')).rejects.toThrow();
    });
  });
}

contract('MemorySecretStore', () => new MemorySecretStore());
contract('KeytarSecretStore over a fake keytar', () => {
  const fake = fakeKeytar();
  return new KeytarSecretStore({ load: async () => fake });
});

contract('KeytarSecretStore splitting long values', () => {
  const fake = fakeKeytar();
  return new KeytarSecretStore({ load: async () => fake, maxValueBytes: 4 });
});

describe('KeytarSecretStore splitting (Windows Credential Manager holds at most 2560 bytes per entry)', () => {
  it('splits a long value over numbered entries, reassembles it, and cleans up on shrink and delete', async () => {
    const fake = fakeKeytar();
    const store = new KeytarSecretStore({ load: async () => fake, maxValueBytes: 8 });
    const long = 'ünïcødé-🔑-'.repeat(5);
    await store.set(PROFILE, 'certificate-key', long);
    const accounts = [...fake.entries.keys()];
    expect(accounts.length).toBeGreaterThan(3);
    for (const [key, value] of fake.entries) {
      expect(Buffer.byteLength(value)).toBeLessThanOrEqual(key.endsWith(':certificate-key') ? 64 : 8);
    }
    expect(fake.entries.get(`Mailscope|${PROFILE}:certificate-key`)).toMatch(
      /^mailscope:chunked:v1:\d+:[0-9a-f]{16}$/,
    );
    expect(await store.get(PROFILE, 'certificate-key')).toBe(long);

    await store.set(PROFILE, 'certificate-key', 'short');
    expect([...fake.entries.keys()]).toEqual([`Mailscope|${PROFILE}:certificate-key`]);
    expect(await store.get(PROFILE, 'certificate-key')).toBe('short');

    await store.set(PROFILE, 'certificate-key', long);
    expect(await store.delete(PROFILE, 'certificate-key')).toBe(true);
    expect(fake.entries.size).toBe(0);
  });

  it('reports a value with a missing or altered part instead of returning half a key', async () => {
    const fake = fakeKeytar();
    const store = new KeytarSecretStore({ load: async () => fake, maxValueBytes: 4 });
    await store.set(PROFILE, 'client-secret', 'abcdefghijkl');
    fake.entries.set(`Mailscope|${PROFILE}:client-secret#2`, 'XXXX');
    await expect(store.get(PROFILE, 'client-secret')).rejects.toThrow(
      'The stored client secret is incomplete in the OS keychain',
    );
    fake.entries.delete(`Mailscope|${PROFILE}:client-secret#2`);
    await expect(store.get(PROFILE, 'client-secret')).rejects.toThrow(/incomplete/);
  });
});

describe('KeytarSecretStore', () => {
  it('uses service "Mailscope" and account "<profileId>:<kind>"', async () => {
    const fake = fakeKeytar();
    const store = new KeytarSecretStore({ load: async () => fake });
    await store.set(PROFILE, 'certificate-key', 'pem');
    expect([...fake.entries.keys()]).toEqual([`Mailscope|${PROFILE}:certificate-key`]);
    expect(SECRET_SERVICE).toBe('Mailscope');
    expect(accountOf(PROFILE, 'token-cache')).toBe(`${PROFILE}:token-cache`);
  });

  it('probes with a throwaway entry and leaves nothing behind', async () => {
    const fake = fakeKeytar();
    const store = new KeytarSecretStore({ load: async () => fake });
    expect(await store.probe()).toEqual({ ok: true });
    expect(fake.entries.size).toBe(0);
  });

  it('reports a missing native module as a typed failure, and can retry later', async () => {
    let attempts = 0;
    const fake = fakeKeytar();
    const store = new KeytarSecretStore({
      load: async () => {
        attempts++;
        if (attempts === 1) throw new Error("Cannot find module 'keytar.node'");
        return fake;
      },
    });
    const probe = await store.probe();
    expect(probe.ok).toBe(false);
    if (probe.ok) return;
    expect(probe.reason).toBe('module-missing');
    expect(probe.error.message).toBe(
      "No OS keychain is reachable: the keychain module (keytar) could not be loaded (Cannot find module 'keytar.node'). Mailscope will not store secrets in plain text.",
    );
    expect(await store.probe()).toEqual({ ok: true });
  });

  it('reports an unreachable keychain (no session bus) on probe and on every call, never writing elsewhere', async () => {
    const broken: KeytarApi = {
      getPassword: () => Promise.reject(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY')),
      setPassword: () => Promise.reject(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY')),
      deletePassword: () => Promise.reject(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY')),
    };
    const store = new KeytarSecretStore({ load: async () => broken });
    const probe = await store.probe();
    expect(probe).toMatchObject({ ok: false, reason: 'unreachable' });
    if (probe.ok) return;
    expect(probe.error.message).toBe(
      'No OS keychain is reachable: Cannot autolaunch D-Bus without X11 $DISPLAY. Mailscope will not store secrets in plain text.',
    );
    expect(probe.error.code).toBe('KEYCHAIN_UNAVAILABLE');
    expect(probe.error.hint).not.toBe('');
    const error = await store.set(PROFILE, 'client-secret', 'value').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(KeychainUnavailableError);
  });

  it('notices a keychain that does not return what it stored', async () => {
    const liar: KeytarApi = { ...fakeKeytar(), getPassword: async () => 'something else' };
    const probe = await new KeytarSecretStore({ load: async () => liar }).probe();
    expect(probe).toMatchObject({ ok: false, reason: 'round-trip-failed' });
  });
});
