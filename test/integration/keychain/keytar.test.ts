import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeytarSecretStore } from '../../../electron/core/secrets/keytar-store';
import { SECRET_SERVICE } from '../../../electron/core/secrets/secret-store';
import { tempDir } from '../../unit/core/helpers';
import { expectNoSecretsIn, secretScenario } from '../../unit/secrets/scenario';
import { isAlive, type Keyring, startKeyring } from './keyring';

const run = promisify(execFile);

// gnome-keyring is the Linux keychain; macOS and Windows developers have theirs and no daemons to start.
describe.skipIf(process.platform !== 'linux')('KeytarSecretStore against a real gnome-keyring', () => {
  let keyring: Keyring;
  const store = new KeytarSecretStore();
  const profileId = `it-${randomBytes(6).toString('hex')}`;

  beforeAll(async () => {
    keyring = await startKeyring();
  });

  afterAll(async () => {
    await keyring?.stop();
    // No stray daemons: both children have exited.
    for (const pid of keyring?.pids ?? []) expect(isAlive(pid)).toBe(false);
  });

  it('probes the keychain successfully', async () => {
    expect(await store.probe()).toEqual({ ok: true });
  });

  it('round-trips every kind under service "Mailscope", account "<id>:<kind>"', async () => {
    const value = `secret-${randomBytes(16).toString('hex')} with ünïcode`;
    await store.set(profileId, 'client-secret', value);
    expect(await store.get(profileId, 'client-secret')).toBe(value);
    // Another client of the keychain sees the same entry under our service and account names.
    const { default: api } = await import('keytar');
    expect(await api.getPassword(SECRET_SERVICE, `${profileId}:client-secret`)).toBe(value);

    await store.set(
      profileId,
      'certificate-key',
      '-----BEGIN PRIVATE KEY-----\nMII…\n-----END PRIVATE KEY-----\n',
    );
    expect(await store.deleteAll(profileId)).toBe(2);
    expect(await store.get(profileId, 'client-secret')).toBeNull();
    expect(await store.delete(profileId, 'client-secret')).toBe(false);
  });

  it('splits and reassembles a value longer than one entry may hold (the Windows limit, simulated)', async () => {
    const split = new KeytarSecretStore({ maxValueBytes: 256 });
    const key = `-----BEGIN PRIVATE KEY-----\n${randomBytes(1700).toString('base64')}\n-----END PRIVATE KEY-----\n`;
    await split.set(profileId, 'certificate-key', key);
    expect(await split.get(profileId, 'certificate-key')).toBe(key);
    const { default: api } = await import('keytar');
    expect(await api.getPassword(SECRET_SERVICE, `${profileId}:certificate-key#1`)).toBe(key.slice(0, 256));
    expect(await split.deleteAll(profileId)).toBe(1);
    expect(await api.getPassword(SECRET_SERVICE, `${profileId}:certificate-key#1`)).toBeNull();
  });

  it('keeps secrets out of the profile directory (and out of the keyring’s files in plain text)', async () => {
    const dir = await tempDir();
    const used = await secretScenario(dir, store);
    await expectNoSecretsIn(dir, used);
    await expectNoSecretsIn(keyring.dataDir, used);
  });

  it('reports "No OS keychain is reachable" without a session bus, in a process of its own', async () => {
    const script = fileURLToPath(new URL('./no-bus-probe.ts', import.meta.url));
    const env: NodeJS.ProcessEnv = { PATH: process.env['PATH'], HOME: process.env['HOME'] };
    env['DBUS_SESSION_BUS_ADDRESS'] = 'unix:path=/nonexistent/mailscope-no-bus';
    const { stdout } = await run(process.execPath, ['--import', 'tsx', script], {
      env,
      cwd: fileURLToPath(new URL('../../..', import.meta.url)),
    });
    const result = JSON.parse(stdout) as { ok: boolean; reason?: string; message?: string };
    expect(result.ok).toBe(false);
    expect(result.reason).toBe('unreachable');
    expect(result.message).toMatch(
      /^No OS keychain is reachable: .+\. Mailscope will not store secrets in plain text\.$/,
    );
  });
});
