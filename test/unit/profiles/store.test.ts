import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CURRENT_VERSION, migrate } from '../../../electron/core/profiles/migrations';
import { PROFILES_FILE, ProfileStore } from '../../../electron/core/profiles/store';
import { appErrorOf, tempDir } from '../core/helpers';
import { draft } from './fixtures';

const FIXED = new Date('2026-11-25T10:20:30.456Z');

describe('ProfileStore basics', () => {
  it('starts empty without a file, and creates, reads, updates, duplicates and removes', async () => {
    const dir = await tempDir();
    let clock = FIXED;
    const store = await ProfileStore.open(dir, { now: () => clock });
    expect(store.list()).toEqual([]);
    expect(store.notices).toEqual([]);

    const created = await store.save(draft());
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.createdAt).toBe(FIXED.toISOString());
    expect(store.get(created.id)).toEqual(created);

    clock = new Date(FIXED.getTime() + 60_000);
    const updated = await store.save(draft({ name: 'Support (EU)', protocol: 'pop3' }), created.id);
    expect(updated.id).toBe(created.id);
    expect(updated.createdAt).toBe(created.createdAt);
    expect(updated.updatedAt).toBe(clock.toISOString());
    expect(updated.server.port).toBe(995);

    const copy = await store.duplicate(created.id);
    expect(copy.id).not.toBe(created.id);
    expect(copy.name).toBe('Support (EU) (copy)');

    expect(await store.remove(created.id)).toBe(true);
    expect(await store.remove(created.id)).toBe(false);
    expect(store.list().map((profile) => profile.id)).toEqual([copy.id]);

    const reopened = await ProfileStore.open(dir);
    expect(reopened.list()).toEqual([copy]);
  });

  it('hands out copies, so a caller cannot change the store by mutating a result', async () => {
    const store = await ProfileStore.open(await tempDir());
    const created = await store.save(draft());
    created.name = 'changed';
    store.list()[0]!.name = 'changed too';
    expect(store.get(created.id).name).toBe('Support');
  });

  it('rejects invalid drafts with field-named messages and unknown ids, writing nothing', async () => {
    const dir = await tempDir();
    const store = await ProfileStore.open(dir);
    const invalid = await appErrorOf(store.save(draft({ tenant: 'x', clientId: 'y' })));
    expect(invalid.code).toBe('PROFILE_INVALID');
    expect(invalid.message).toMatch(/^Tenant: .* Client ID: /);
    const unknown = await appErrorOf(store.save(draft(), '3f2504e0-4f89-41d3-9a0c-0305e82c3301'));
    expect(unknown.message).toBe('There is no mailbox profile with id 3f2504e0-4f89-41d3-9a0c-0305e82c3301.');
    expect(() => store.get('nope')).toThrow(/no mailbox profile/);
    expect(await readdir(dir)).toEqual([]);
  });

  it('writes a versioned file with mode 0600 and leaves no temp files', async () => {
    const dir = await tempDir();
    const store = await ProfileStore.open(dir);
    await store.save(draft());
    expect(await readdir(dir)).toEqual([PROFILES_FILE]);
    const file = JSON.parse(await readFile(join(dir, PROFILES_FILE), 'utf8')) as {
      version: number;
      profiles: unknown[];
    };
    expect(file.version).toBe(CURRENT_VERSION);
    expect(file.profiles).toHaveLength(1);
    if (process.platform !== 'win32') {
      const { stat } = await import('node:fs/promises');
      expect((await stat(join(dir, PROFILES_FILE))).mode & 0o777).toBe(0o600);
    }
  });

  it('removes temp files a crash left behind, keeping the real file', async () => {
    const dir = await tempDir();
    const store = await ProfileStore.open(dir);
    const saved = await store.save(draft());
    await writeFile(join(dir, `${PROFILES_FILE}.1234.abcdef.tmp`), '{"half": ');
    const reopened = await ProfileStore.open(dir);
    expect(reopened.list()).toEqual([saved]);
    expect(await readdir(dir)).toEqual([PROFILES_FILE]);
  });
});

describe('concurrency', () => {
  it('loses no profile when 20 saves run at once', async () => {
    const dir = await tempDir();
    const store = await ProfileStore.open(dir);
    const saved = await Promise.all(
      Array.from({ length: 20 }, (_, index) => store.save(draft({ name: `Mailbox ${index}` }))),
    );
    expect(new Set(saved.map((profile) => profile.id)).size).toBe(20);
    const reopened = await ProfileStore.open(dir);
    expect(
      reopened
        .list()
        .map((profile) => profile.name)
        .sort(),
    ).toEqual(Array.from({ length: 20 }, (_, index) => `Mailbox ${index}`).sort());
    expect(await readdir(dir)).toEqual([PROFILES_FILE]);
  });

  it('keeps going after a failed change in the queue (mixed creates, updates, removes, errors)', async () => {
    const dir = await tempDir();
    const store = await ProfileStore.open(dir);
    const first = await store.save(draft({ name: 'First' }));
    const results = await Promise.allSettled([
      store.save(draft({ name: 'A' })),
      store.save(draft({ name: 'Renamed' }), first.id),
      store.remove('3f2504e0-4f89-41d3-9a0c-0305e82c3301'),
      store.save(draft({ name: 'B' }), '3f2504e0-4f89-41d3-9a0c-0305e82c3301'),
      store.duplicate(first.id),
      store.save(draft({ name: 'C' })),
    ]);
    expect(results.map((result) => result.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
    ]);
    const names = (await ProfileStore.open(dir))
      .list()
      .map((profile) => profile.name)
      .sort();
    expect(names).toEqual(['A', 'C', 'Renamed', 'Renamed (copy)']);
  });
});

describe('a file that cannot be read', () => {
  it.each([
    ['bad JSON', '{"version": 1, "profiles": [', 'it is not valid JSON'],
    ['a failing schema', JSON.stringify({ version: 1, profiles: [{ id: 'x' }] }), 'its content is invalid'],
    ['not an object', '[]', 'it does not hold a profiles object'],
    [
      'a newer format',
      JSON.stringify({ version: 99, profiles: [] }),
      'it was written by a newer Mailscope (format 99',
    ],
    ['an empty file', '', 'it is not valid JSON'],
  ])('with %s is set aside, reported, and the store starts empty', async (_label, content, reason) => {
    const dir = await tempDir();
    await writeFile(join(dir, PROFILES_FILE), content);
    const store = await ProfileStore.open(dir, { now: () => FIXED });
    expect(store.list()).toEqual([]);
    const aside = join(dir, `${PROFILES_FILE}.corrupt-2026-11-25T10-20-30.456Z`);
    expect(store.notices).toHaveLength(1);
    const notice = store.notices[0]!;
    expect(notice.kind).toBe('set-aside');
    expect(notice.path).toBe(aside);
    expect(notice.info.message).toContain(reason);
    expect(notice.info.message).toContain(`kept the old file as ${aside}`);
    expect(await readFile(aside, 'utf8')).toBe(content);
    // The store works afterwards and the old file is never overwritten.
    await store.save(draft());
    expect((await readdir(dir)).sort()).toEqual([
      PROFILES_FILE,
      `${PROFILES_FILE}.corrupt-2026-11-25T10-20-30.456Z`,
    ]);
    expect(await readFile(aside, 'utf8')).toBe(content);
  });
});

describe('migrations', () => {
  /** The prototype's file: no version, flat host/port, no TLS mode or cloud, `secret` credential. */
  const v0 = {
    profiles: [
      {
        id: '9b2d7f3e-1c4a-4e5b-8f6a-7d8e9f0a1b2c',
        name: 'Legacy support',
        mailbox: 'Support@Contoso.com',
        protocol: 'imap',
        host: 'outlook.office365.com',
        port: 993,
        tenant: 'contoso.onmicrosoft.com',
        clientId: '0e5f7a41-3b2c-4d8e-9f10-2a3b4c5d6e7f',
        credential: 'secret',
        createdAt: '2025-05-01T08:00:00.000Z',
      },
      {
        id: 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f',
        name: 'Legacy POP',
        mailbox: 'pop@contoso.com',
        protocol: 'pop3',
        tenant: '72f988bf-86f1-41af-91ab-2d7cd011db47',
        clientId: '0e5f7a41-3b2c-4d8e-9f10-2a3b4c5d6e7f',
        credential: 'certificate',
      },
    ],
  };

  it('upgrades a v0 file, keeps a backup of the original, and rewrites the file in the current format', async () => {
    const dir = await tempDir();
    const original = JSON.stringify(v0, null, 2);
    await writeFile(join(dir, PROFILES_FILE), original);
    const store = await ProfileStore.open(dir, { now: () => FIXED });
    const [legacy, pop] = store.list();
    expect(legacy).toMatchObject({
      id: '9b2d7f3e-1c4a-4e5b-8f6a-7d8e9f0a1b2c',
      mailbox: 'support@contoso.com',
      server: { host: 'outlook.office365.com', port: 993, tlsMode: 'implicit' },
      cloud: { kind: 'global' },
      credential: 'client-secret',
      createdAt: '2025-05-01T08:00:00.000Z',
      updatedAt: '2025-05-01T08:00:00.000Z',
    });
    expect(pop).toMatchObject({
      server: { host: 'outlook.office365.com', port: 995, tlsMode: 'implicit' },
      credential: 'certificate',
      createdAt: '1970-01-01T00:00:00.000Z',
    });
    const backup = join(dir, `${PROFILES_FILE}.v0-backup-2026-11-25T10-20-30.456Z`);
    expect(store.notices).toEqual([expect.objectContaining({ kind: 'migrated', path: backup })]);
    expect(await readFile(backup, 'utf8')).toBe(original);
    const rewritten = JSON.parse(await readFile(join(dir, PROFILES_FILE), 'utf8')) as { version: number };
    expect(rewritten.version).toBe(CURRENT_VERSION);
    // A second start finds the current format: no new notice, same profiles.
    const again = await ProfileStore.open(dir);
    expect(again.notices).toEqual([]);
    expect(again.list()).toEqual(store.list());
  });

  it('a delegated profile of format 1 (saved before sign-in existed) loads as it is: no upgrade needed', async () => {
    // Format 1 always allowed `credential: 'delegated'`; the sign-in lives in the keychain under the
    // profile's tenant and client ID, so the file gains nothing and is not rewritten.
    const dir = await tempDir();
    const file = {
      version: 1,
      profiles: [
        {
          ...draft({ name: 'HR (delegated)', mailbox: 'hr@contoso.com', credential: 'delegated' }),
          id: '3a4b5c6d-7e8f-4a0b-9c1d-2e3f4a5b6c7d',
          server: { host: 'outlook.office365.com', port: 993, tlsMode: 'implicit' },
          cloud: { kind: 'global' },
          createdAt: '2026-06-01T08:00:00.000Z',
          updatedAt: '2026-06-01T08:00:00.000Z',
        },
      ],
    };
    const text = JSON.stringify(file, null, 2);
    await writeFile(join(dir, PROFILES_FILE), text);
    const store = await ProfileStore.open(dir);
    expect(store.notices).toEqual([]);
    expect(store.list()).toEqual(file.profiles);
    expect(await readFile(join(dir, PROFILES_FILE), 'utf8')).toBe(text);
    expect(JSON.parse(store.exportJson()).profiles[0]).toMatchObject({ credential: 'delegated' });
  });

  it('migrates step by step and rejects nonsense versions', () => {
    expect(migrate({ version: 0, profiles: [] })).toEqual({ data: { version: 1, profiles: [] }, from: 0 });
    expect(migrate({ version: 1, profiles: [] }).from).toBe(1);
    expect(() => migrate({ version: 'one' })).toThrow(/not a format number/);
    expect(() => migrate({ profiles: 'x' })).toThrow(/could not be upgraded from format 0/);
  });

  it('keeps the v0 fields it does not rename as they are, and refuses a v0 profile without one of them', () => {
    const kept = { id: 'p1', name: 'N', mailbox: 'm@x', protocol: 'pop3', tenant: 't', clientId: 'c' };
    const { data } = migrate({ profiles: [{ ...kept, credential: 'secret', note: 'extra' }] });
    expect(data['profiles']).toEqual([
      expect.objectContaining({
        ...kept,
        credential: 'client-secret',
        note: 'extra',
        server: expect.anything(),
      }),
    ]);
    const full: Record<string, unknown> = { ...kept, credential: 'secret' };
    for (const missing of Object.keys(full)) {
      const profile = Object.fromEntries(Object.entries(full).filter(([key]) => key !== missing));
      expect(() => migrate({ profiles: [profile] }), missing).toThrow(/not a list of objects/);
    }
  });
});
