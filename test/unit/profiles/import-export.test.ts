import { describe, expect, it } from 'vitest';
import { EXPORT_FORMAT, ProfileStore } from '../../../electron/core/profiles/store';
import { appErrorOf, tempDir } from '../core/helpers';
import { draft } from './fixtures';

describe('export', () => {
  it('writes drafts only: no ids, timestamps or secrets, and chosen profiles on request', async () => {
    const store = await ProfileStore.open(await tempDir());
    const one = await store.save(draft({ name: 'One' }));
    await store.save(draft({ name: 'Two', cloud: { kind: 'usgov-high' } }));
    const all = JSON.parse(store.exportJson()) as {
      format: string;
      version: number;
      profiles: Record<string, unknown>[];
    };
    expect(all.format).toBe(EXPORT_FORMAT);
    expect(all.profiles.map((profile) => profile['name'])).toEqual(['One', 'Two']);
    for (const profile of all.profiles) {
      expect(Object.keys(profile)).not.toContain('id');
      expect(Object.keys(profile)).not.toContain('createdAt');
    }
    const chosen = JSON.parse(store.exportJson([one.id])) as { profiles: unknown[] };
    expect(chosen.profiles).toHaveLength(1);
  });

  it('round-trips into another store with fresh ids and the same settings', async () => {
    const source = await ProfileStore.open(await tempDir());
    const original = await source.save(
      draft({
        cloud: { kind: 'china' },
        server: { tlsMode: 'starttls' },
        proxy: 'http://proxy.contoso.com:8080',
      }),
    );
    const target = await ProfileStore.open(await tempDir());
    const report = await target.importJson(source.exportJson());
    expect(report.errors).toEqual([]);
    expect(report.imported).toHaveLength(1);
    const imported = report.imported[0]!;
    expect(imported.id).not.toBe(original.id);
    const strip = ({ id: _id, createdAt: _c, updatedAt: _u, ...rest }: typeof original) => rest;
    expect(strip(imported)).toEqual(strip(original));
    expect(target.list()).toEqual(report.imported);
  });
});

describe('import', () => {
  it('imports valid entries, reports each invalid one by position and name, and never keeps a secret field', async () => {
    const store = await ProfileStore.open(await tempDir());
    const text = JSON.stringify({
      format: EXPORT_FORMAT,
      version: 1,
      profiles: [
        { ...draft({ name: 'Good' }), id: 'from-elsewhere', clientSecret: 'S3cr3t-V@lue', token: 'eyJ0eXAi' },
        { ...draft({ name: 'Bad tenant' }), tenant: 'nope' },
        'not an object',
        { ...draft({ name: 'Nested secret' }), server: { tlsMode: 'implicit', password: 'hunter2' } },
        {
          ...draft({ name: 'Key in a field' }),
          notes: '-----BEGIN PRIVATE KEY-----\nAAA\n-----END PRIVATE KEY-----',
        },
        { ...draft({ name: 'Typo' }), tennant: 'x' },
      ],
    });
    const report = await store.importJson(text);
    expect(report.imported.map((profile) => profile.name)).toEqual([
      'Good',
      'Nested secret',
      'Key in a field',
    ]);
    expect(report.imported[0]!.id).not.toBe('from-elsewhere');
    expect(report.errors).toEqual([
      { index: 1, name: 'Bad tenant', messages: [expect.stringMatching(/^Tenant: /)] },
      { index: 2, name: null, messages: ['Entry: expected a profile object.'] },
      { index: 5, name: 'Typo', messages: [expect.stringMatching(/tennant/)] },
    ]);
    expect(report.ignoredSecretFields).toEqual([
      { index: 0, fields: ['clientSecret', 'token'] },
      { index: 3, fields: ['server.password'] },
      { index: 4, fields: ['notes'] },
    ]);
    const stored = JSON.stringify(store.list());
    for (const secret of ['S3cr3t-V@lue', 'eyJ0eXAi', 'hunter2', 'PRIVATE KEY'])
      expect(stored).not.toContain(secret);
  });

  it('accepts a bare list and an older profiles.json, upgrading it', async () => {
    const store = await ProfileStore.open(await tempDir());
    expect((await store.importJson(JSON.stringify([draft()]))).imported).toHaveLength(1);
    const v0 = {
      profiles: [
        {
          id: 'x',
          name: 'Old',
          mailbox: 'old@contoso.com',
          protocol: 'pop3',
          tenant: 'contoso.com',
          clientId: '0e5f7a41-3b2c-4d8e-9f10-2a3b4c5d6e7f',
          credential: 'secret',
        },
      ],
    };
    const report = await store.importJson(JSON.stringify(v0));
    expect(report.errors).toEqual([]);
    expect(report.imported[0]).toMatchObject({
      name: 'Old',
      credential: 'client-secret',
      server: { port: 995 },
    });
  });

  it('refuses text that is not an export, importing nothing', async () => {
    const store = await ProfileStore.open(await tempDir());
    expect((await appErrorOf(store.importJson('{oops'))).message).toMatch(/not valid JSON/);
    expect((await appErrorOf(store.importJson('{"hello": 1}'))).message).toMatch(/holds no list of profiles/);
    expect((await appErrorOf(store.importJson('{"version": 7, "profiles": []}'))).message).toMatch(
      /newer Mailscope/,
    );
    expect(store.list()).toEqual([]);
  });
});
