import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDispatch } from '../../../electron/core/dispatch';
import { createEngine } from '../../../electron/core/engine';
import { type KeytarApi, KeytarSecretStore } from '../../../electron/core/secrets/keytar-store';
import type { ProfileDraftInput } from '../../../shared/profile';
import { tempDir } from './helpers';

/** Secrets go to the OS keychain or nowhere: what each host does when there is none. */

const unreachable: KeytarApi = {
  getPassword: async () => {
    throw new Error('Cannot autolaunch D-Bus without X11 $DISPLAY');
  },
  setPassword: async () => {
    throw new Error('Cannot autolaunch D-Bus without X11 $DISPLAY');
  },
  deletePassword: async () => {
    throw new Error('Cannot autolaunch D-Bus without X11 $DISPLAY');
  },
};

const draft: ProfileDraftInput = {
  name: 'Invoices',
  mailbox: 'invoices@contoso.example',
  protocol: 'imap',
  tenant: 'contoso.onmicrosoft.com',
  clientId: '0e5f7a41-3b2c-4d8e-9f10-2a3b4c5d6e7f',
  credential: 'client-secret',
};
const SECRET = 'Xy8Q~never-on-disk-0001';

async function engine(secrets: 'keychain' | 'keychain-or-memory') {
  const profilesDir = await tempDir();
  const { api } = createEngine({
    host: { kind: 'electron', version: 'test', openExternal: async () => {} },
    samplePath: 'resources/sample-mailbox',
    profilesDir,
    secrets,
    keychain: new KeytarSecretStore({ load: async () => unreachable }),
  });
  return { dispatch: createDispatch(api), profilesDir };
}

function filesUnder(dir: string): string {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => readFileSync(join(entry.parentPath, entry.name), 'utf8'))
    .join('\n');
}

describe('engine without a reachable keychain', () => {
  it('desktop: says so, and refuses to store a secret anywhere else', async () => {
    const { dispatch, profilesDir } = await engine('keychain');
    const list = await dispatch('profiles.list', {});
    expect(list).toMatchObject({ ok: true, value: { keychain: { available: false } } });
    const saved = await dispatch('profiles.save', {
      draft,
      secret: { kind: 'client-secret', value: SECRET },
    });
    expect(saved).toMatchObject({ ok: false, error: { code: 'KEYCHAIN_UNAVAILABLE' } });
    expect(filesUnder(profilesDir)).not.toContain(SECRET);
    expect(await dispatch('profiles.list', {})).toMatchObject({ ok: true, value: { profiles: [] } });
  });

  it('harness: keeps secrets in memory for the session and tells the user', async () => {
    const { dispatch, profilesDir } = await engine('keychain-or-memory');
    const list = await dispatch('profiles.list', {});
    expect(list).toMatchObject({
      ok: true,
      value: {
        keychain: { available: true, message: expect.stringMatching(/memory for this session only/) },
      },
    });
    const saved = await dispatch('profiles.save', {
      draft,
      secret: { kind: 'client-secret', value: SECRET },
    });
    expect(saved).toMatchObject({ ok: true, value: { secretStored: true } });
    expect(filesUnder(profilesDir)).not.toContain(SECRET);
  });
});
