import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDispatch } from '../../../electron/core/dispatch';
import { createEngine, type Engine } from '../../../electron/core/engine';
import { MemorySecretStore } from '../../../electron/core/secrets/secret-store';
import type { DiagnosticReport } from '../../../shared/diagnostics';
import type { Result } from '../../../shared/errors';
import type { ProfilesState, ProfileSummary, SignInFlow } from '../../../shared/model';
import type { ProfileDraftInput } from '../../../shared/profile';
import { CONTOSO } from '../../testbed/identity/scenario';
import { start, type Testbed } from '../../testbed/index';
import { bedProfile } from '../../testbed/profiles';

/**
 * The profile half of the Api end to end, through the same dispatch IPC uses, against the test
 * bed: secret and certificate profiles authenticate over IMAP with tokens MSAL got from the fake
 * platform, a delegated profile with a person's sign-in (device code); and no secret, access token
 * or refresh token ever shows up in an IPC answer, a log line, or a file under the profiles folder.
 */

let bed: Testbed;
let engine: Engine;
let dispatch: ReturnType<typeof createDispatch>;
let profilesDir: string;
let secrets: MemorySecretStore;
const answers: string[] = [];
const logged: string[] = [];

async function call<T>(method: string, payload: unknown): Promise<Result<T>> {
  const result = (await dispatch(method, payload)) as Result<T>;
  answers.push(JSON.stringify(result));
  return result;
}

async function ok<T>(method: string, payload: unknown): Promise<T> {
  const result = await call<T>(method, payload);
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value;
}

function draft(overrides: Partial<ProfileDraftInput> = {}): ProfileDraftInput {
  const {
    id: _id,
    createdAt: _created,
    updatedAt: _updated,
    ...settings
  } = bedProfile(bed, { name: 'Invoices' });
  return { ...settings, ...overrides };
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

beforeAll(async () => {
  bed = await start({ saslMechanisms: ['xoauth2'] });
  profilesDir = mkdtempSync(join(tmpdir(), 'mailscope-profiles-'));
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      logged.push(args.map(String).join(' '));
    });
  }
  secrets = new MemorySecretStore();
  engine = createEngine({
    host: { kind: 'harness', version: 'test', openExternal: async () => {} },
    samplePath: 'resources/sample-mailbox',
    profilesDir,
    secrets,
    trust: { ca: bed.ca.pem },
    allowCustomAuthority: true,
  });
  dispatch = createDispatch(engine.api, { onInternalError: (method, error) => console.error(method, error) });
}, 60_000);

afterAll(async () => {
  vi.restoreAllMocks();
  await bed?.stop();
  if (profilesDir) rmSync(profilesDir, { recursive: true, force: true });
});

describe('profiles through the Api', () => {
  let secretProfile: ProfileSummary;

  it('saves a client-secret profile: settings on disk, the secret in the store, neither echoed back', async () => {
    secretProfile = await ok<ProfileSummary>('profiles.save', {
      draft: draft(),
      secret: { kind: 'client-secret', value: CONTOSO.readerSecret.value },
    });
    expect(secretProfile).toMatchObject({ name: 'Invoices', mailbox: CONTOSO.invoices, secretStored: true });
    const state = await ok<ProfilesState>('profiles.list', {});
    expect(state.profiles.map((p) => p.id)).toEqual([secretProfile.id]);
    expect(state.keychain.available).toBe(true);
  });

  it('a secret profile authenticates over IMAP and opens INBOX read-only; the sidebar state follows', async () => {
    const report = await ok<DiagnosticReport>('diagnostics.run', { profileId: secretProfile.id });
    expect(report.ok).toBe(true);
    expect(report.steps.map((s) => [s.id, s.status])).toEqual([
      ['dns', 'ok'],
      ['tcp', 'ok'],
      ['tls', 'ok'],
      ['token', 'ok'],
      ['claims', 'ok'],
      ['sasl', 'ok'],
      ['inbox', 'ok'],
    ]);
    const state = await ok<ProfilesState>('profiles.list', {});
    expect(state.profiles[0]?.lastCheck).toMatchObject({ status: 'ok' });
  });

  it('a certificate profile authenticates too, and only public facts of the certificate are kept', async () => {
    const cert = bed.certificates.get(CONTOSO.readerCertificate)!;
    const facts = await ok<{ thumbprintSha1: string }>('profiles.inspectCertificate', {
      secret: { kind: 'certificate-pem', pem: `${cert.certPem}\n${cert.keyPem}` },
    });
    expect(facts.thumbprintSha1).toBe(cert.thumbprintSha1.toLowerCase());
    const saved = await ok<ProfileSummary>('profiles.save', {
      draft: draft({ name: 'Alerts (certificate)', mailbox: CONTOSO.alerts, credential: 'certificate' }),
      secret: { kind: 'certificate-pem', pem: cert.certPem, keyPem: cert.keyPem },
    });
    expect(saved.certificate?.thumbprintSha256).toBe(cert.thumbprintSha256.toLowerCase());
    const report = await ok<DiagnosticReport>('diagnostics.run', { profileId: saved.id });
    expect(report.ok).toBe(true);
  });

  it('the wizard can test an unsaved certificate draft', async () => {
    const cert = bed.certificates.get(CONTOSO.readerCertificate)!;
    const report = await ok<DiagnosticReport>('diagnostics.run', {
      draft: draft({ credential: 'certificate' }),
      secret: { kind: 'certificate-pem', pem: cert.certPem, keyPem: cert.keyPem },
    });
    expect(report.ok).toBe(true);
  });

  it('the wizard can test a draft before saving, and a Secret ID pasted for the Value is named as such', async () => {
    const report = await ok<DiagnosticReport>('diagnostics.run', {
      draft: draft(),
      secret: { kind: 'client-secret', value: CONTOSO.readerSecret.id },
    });
    expect(report.failedStep).toBe('token');
    const token = report.steps.find((s) => s.id === 'token')!;
    expect(`${token.cause} ${token.fix}`).toMatch(/Secret ID/);
    expect(`${token.cause} ${token.fix}`).toMatch(/Value/);
    expect((await ok<ProfilesState>('profiles.list', {})).profiles).toHaveLength(2);
  });

  it('edits, duplicates (with its secret) and removes (with its secret)', async () => {
    const renamed = await ok<ProfileSummary>('profiles.save', {
      id: secretProfile.id,
      draft: draft({ name: 'AP inbox' }),
    });
    expect(renamed).toMatchObject({ id: secretProfile.id, name: 'AP inbox', secretStored: true });
    const copy = await ok<ProfileSummary>('profiles.duplicate', { id: secretProfile.id });
    expect(copy.id).not.toBe(secretProfile.id);
    expect(copy.secretStored).toBe(true);
    expect(await ok('profiles.remove', { id: copy.id })).toEqual({ removed: true });
    const missing = await call('profiles.duplicate', { id: copy.id });
    expect(missing).toMatchObject({ ok: false, error: { code: 'PROFILE_NOT_FOUND' } });
  });

  it('exports without secrets and imports with fresh ids', async () => {
    const exported = await ok<{ json: string; count: number }>('profiles.export', {});
    expect(exported.count).toBe(2);
    const report = await ok<{ imported: ProfileSummary[] }>('profiles.import', { json: exported.json });
    expect(report.imported).toHaveLength(2);
    expect(report.imported.every((p) => !p.secretStored)).toBe(true);
  });

  it('gives the admin script for the profile in hand', async () => {
    const { powershell } = await ok<{ powershell: string }>('profiles.adminScript', {
      id: secretProfile.id,
      servicePrincipalObjectId: CONTOSO.readerSpObjectId,
    });
    expect(powershell).toContain(`New-ServicePrincipal -AppId $AppId -ObjectId $ServicePrincipalId`);
    expect(powershell).toContain(`$ServicePrincipalId = '${CONTOSO.readerSpObjectId}'`);
    expect(powershell).toContain(`$Mailbox = '${CONTOSO.invoices}'`);
  });

  let delegated: ProfileSummary;

  it('a delegated profile signs in with a device code and opens its shared mailbox over IMAP', async () => {
    delegated = await ok<ProfileSummary>('profiles.save', {
      draft: draft({
        name: 'HR (delegated)',
        mailbox: CONTOSO.hr,
        clientId: CONTOSO.desktopClientId,
        credential: 'delegated',
      }),
    });
    expect(delegated).toMatchObject({ secretStored: true, signIn: { account: null } });
    const flow = await ok<SignInFlow>('auth.start', { profileId: delegated.id, method: 'device-code' });
    if (flow.method !== 'device-code') throw new Error('expected a device code');
    bed.identity.completeDeviceCode(flow.userCode, CONTOSO.user.userPrincipalName);
    await ok('auth.wait', { flowId: flow.flowId });
    const report = await ok<DiagnosticReport>('diagnostics.run', { profileId: delegated.id });
    expect(report.ok).toBe(true);
    expect(report.steps.find((s) => s.id === 'claims')?.evidence).toContain('scp IMAP.AccessAsUser.All');
    const source = await ok<{ id: string }>('sources.openProfile', { profileId: delegated.id });
    await ok('sources.close', { sourceId: source.id });
  });

  it('no secret or token in any IPC answer, log line, or file under the profiles folder', async () => {
    const stored = (await ok<ProfilesState>('profiles.list', {})).profiles;
    const token = (await engine.tokens.getToken(stored.find((p) => p.id === secretProfile.id)!)).accessToken;
    const cert = bed.certificates.get(CONTOSO.readerCertificate)!;
    const keyBody = cert.keyPem.split('\n').filter((line) => line && !line.startsWith('-----'))[1]!;
    // The person's access and refresh tokens, as the sign-in keeps them (in the secret store only).
    const cache = JSON.parse((await secrets.get(delegated.signIn!.signInId, 'token-cache'))!) as Record<
      string,
      Record<string, { secret: string }>
    >;
    const personTokens = ['AccessToken', 'RefreshToken', 'IdToken'].flatMap((section) =>
      Object.values(cache[section] ?? {}).map((entry) => entry.secret),
    );
    expect(personTokens.length).toBeGreaterThanOrEqual(3);
    const needles = [CONTOSO.readerSecret.value, token, token.split('.')[2]!, keyBody, ...personTokens];

    const files = filesUnder(profilesDir).map((path) => readFileSync(path, 'latin1'));
    expect(files.length).toBeGreaterThan(0);
    const haystacks = { answers: answers.join('\n'), logs: logged.join('\n'), files: files.join('\n') };
    expect(haystacks.answers.length).toBeGreaterThan(1000);
    for (const [where, text] of Object.entries(haystacks)) {
      for (const needle of needles) expect(text.includes(needle), `${where} holds a secret`).toBe(false);
    }
  });
});
