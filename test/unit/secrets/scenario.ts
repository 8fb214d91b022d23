/**
 * The secrets-never-on-disk scenario, shared by the unit test (memory store) and the keychain
 * integration test (real gnome-keyring): add, edit, duplicate and remove profiles with secrets,
 * then scan every byte under the profile store's directory for every secret used.
 */
import { randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'vitest';
import { duplicateProfile, removeProfile } from '../../../electron/core/profiles/with-secrets';
import { ProfileStore } from '../../../electron/core/profiles/store';
import { parseCertificate, storeCertificateKey } from '../../../electron/core/secrets/certificate';
import type { SecretStore } from '../../../electron/core/secrets/secret-store';
import { makeCert, makePfx } from './cert-fixtures';

/** Every file under `dir`, recursively, with its bytes. */
export async function filesUnder(dir: string): Promise<{ path: string; bytes: Buffer }[]> {
  const out: { path: string; bytes: Buffer }[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(path)));
    else if (entry.isFile()) out.push({ path, bytes: await readFile(path) });
  }
  return out;
}

/** Needles for one secret: its text, its base64, and for PEM keys every body line and the DER. */
function needles(secret: string): Buffer[] {
  const list = [Buffer.from(secret, 'utf8'), Buffer.from(Buffer.from(secret, 'utf8').toString('base64'))];
  if (secret.includes('-----BEGIN')) {
    const body = secret.split('\n').filter((line) => line && !line.startsWith('-----'));
    // Any 64-character line of a key is unique enough to count as a leak.
    list.push(...body.filter((line) => line.length >= 40).map((line) => Buffer.from(line)));
    list.push(Buffer.from(body.join(''), 'base64'));
  }
  return list;
}

export async function expectNoSecretsIn(dir: string, secrets: readonly string[]): Promise<number> {
  const files = await filesUnder(dir);
  for (const file of files) {
    for (const secret of secrets) {
      for (const needle of needles(secret)) {
        if (file.bytes.includes(needle)) throw new Error(`a secret appears in ${file.path}`);
      }
    }
  }
  return files.length;
}

/** Runs the scenario; returns the secrets used, and checks the SecretStore ends with none of ours. */
export async function secretScenario(dir: string, secrets: SecretStore): Promise<string[]> {
  const used: string[] = [];
  const store = await ProfileStore.open(dir);

  // A client-secret profile, then its secret rotated.
  const secretProfile = await store.save({
    name: 'Support',
    mailbox: 'support@contoso.com',
    protocol: 'imap',
    tenant: 'contoso.onmicrosoft.com',
    clientId: '0e5f7a41-3b2c-4d8e-9f10-2a3b4c5d6e7f',
    credential: 'client-secret',
  });
  const first = `Qx8~${randomBytes(24).toString('base64url')}`;
  const rotated = `Zy7~${randomBytes(24).toString('base64url')}`;
  used.push(first, rotated);
  await secrets.set(secretProfile.id, 'client-secret', first);
  await secrets.set(secretProfile.id, 'client-secret', rotated);
  expect(await secrets.get(secretProfile.id, 'client-secret')).toBe(rotated);

  // A certificate profile from a PFX: the key goes to the SecretStore, public facts to the profile.
  const cert = await makeCert({ cn: 'Scan test app' });
  const passphrase = `pfx-${randomBytes(8).toString('hex')}`;
  const parsed = parseCertificate({ format: 'pfx', data: makePfx(cert, passphrase), passphrase });
  used.push(parsed.privateKeyPem, cert.keyPem, passphrase);
  const certProfile = await store.save({
    name: 'Invoices',
    mailbox: 'invoices@contoso.com',
    protocol: 'pop3',
    tenant: '72f988bf-86f1-41af-91ab-2d7cd011db47',
    clientId: '0e5f7a41-3b2c-4d8e-9f10-2a3b4c5d6e7f',
    credential: 'certificate',
  });
  const summary = await storeCertificateKey(secrets, certProfile.id, parsed);
  const { warnings: _warnings, issuer: _issuer, notBefore: _notBefore, keyBits: _bits, ...facts } = summary;
  await store.save({ ...certProfile, certificate: facts }, certProfile.id);
  await secrets.set(certProfile.id, 'token-cache', `{"AccessToken":"eyJ${randomBytes(16).toString('hex')}"}`);
  used.push((await secrets.get(certProfile.id, 'token-cache'))!);

  // Edit, duplicate (copies secrets), export, remove.
  await store.save({ ...secretProfile, name: 'Support (EU)' }, secretProfile.id);
  const copy = await duplicateProfile(store, secrets, certProfile.id);
  expect(await secrets.get(copy.id, 'certificate-key')).toBe(parsed.privateKeyPem);
  expect(store.exportJson()).not.toContain('PRIVATE KEY');
  await removeProfile(store, secrets, certProfile.id);
  await removeProfile(store, secrets, copy.id);
  expect(await secrets.get(certProfile.id, 'certificate-key')).toBeNull();
  expect(await secrets.get(copy.id, 'certificate-key')).toBeNull();
  expect(await secrets.get(certProfile.id, 'token-cache')).toBeNull();
  expect(store.list().map((profile) => profile.name)).toEqual(['Support (EU)']);

  await removeProfile(store, secrets, secretProfile.id);
  expect(await secrets.get(secretProfile.id, 'client-secret')).toBeNull();
  return used;
}
