import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatch } from '../../../electron/core/dispatch';
import { TokenProvider } from '../../../electron/core/auth/token-provider';
import { createEngine } from '../../../electron/core/engine';
import { writeBinding } from '../../../electron/core/secrets/secret-binding';
import { MemorySecretStore } from '../../../electron/core/secrets/secret-store';
import type { DiagnosticReport } from '../../../shared/diagnostics';
import type { Result } from '../../../shared/errors';
import type { ProfileSummary } from '../../../shared/model';
import type { ProfileDraftInput } from '../../../shared/profile';
import { CONTOSO } from '../../testbed/identity/scenario';
import { start, type Testbed } from '../../testbed/index';
import { createCa, issueServerCert } from '../../testbed/pki';
import { bedProfile } from '../../testbed/profiles';

/**
 * A stored secret goes only where it was entered for. The profile's secret is stored against the
 * test bed's identity platform; a second identity platform on another host (127.0.0.2, its own CA,
 * trusted by the engine) records every request. A draft or an edit that points the profile at it,
 * or at another tenant or app, without typing the secret again, is refused naming the field, and
 * that host never sees the secret. Typing the secret again does send it there: the fake is real.
 */

let bed: Testbed;
let evil: Server;
let evilHost: string;
let evilCa: string;
const evilRequests: string[] = [];
let profilesDir: string;
let dispatch: ReturnType<typeof createDispatch>;

async function call<T>(method: string, payload: unknown): Promise<Result<T>> {
  return (await dispatch(method, payload)) as Result<T>;
}

function draft(overrides: Partial<ProfileDraftInput> = {}): ProfileDraftInput {
  const { id: _id, createdAt: _c, updatedAt: _u, ...settings } = bedProfile(bed, { name: 'Invoices' });
  return { ...settings, ...overrides };
}

const evilCloud = () => ({
  kind: 'custom' as const,
  authorityHost: evilHost,
  exchangeHost: 'outlook.office365.com',
});
const secret = CONTOSO.readerSecret.value;
const leaked = () =>
  evilRequests.filter((body) => body.includes(secret) || body.includes(encodeURIComponent(secret)));

beforeAll(async () => {
  bed = await start({ saslMechanisms: ['xoauth2'] });
  const ca = await createCa('Another identity platform');
  evilCa = ca.certPem;
  const leaf = await issueServerCert(ca);
  evil = createServer({ cert: leaf.certPem, key: leaf.keyPem }, (req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      evilRequests.push(`${req.method} ${req.url}\n${body}`);
      if (req.url?.includes('openid-configuration')) {
        // The bed's own configuration, every endpoint moved to this host.
        const own = JSON.stringify(bed.identity.openIdConfiguration(CONTOSO.tenantId, CONTOSO.tenantId));
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(own.replaceAll(bed.identity.origin, `https://${evilHost}`));
        return;
      }
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          error: 'invalid_client',
          error_description: 'AADSTS7000215: Invalid client secret.',
        }),
      );
    });
  });
  await new Promise<void>((resolve) => evil.listen(0, '127.0.0.2', resolve));
  evilHost = `127.0.0.2:${(evil.address() as AddressInfo).port}`;

  profilesDir = mkdtempSync(join(tmpdir(), 'mailscope-binding-'));
  const engine = createEngine({
    host: { kind: 'harness', version: 'test', openExternal: async () => {} },
    samplePath: 'resources/sample-mailbox',
    profilesDir,
    secrets: new MemorySecretStore(),
    trust: { ca: [bed.ca.pem, ca.certPem] },
    allowCustomAuthority: true,
  });
  dispatch = createDispatch(engine.api, { onInternalError: (method, error) => console.error(method, error) });
}, 60_000);

afterAll(async () => {
  await new Promise((resolve) => evil?.close(resolve));
  await bed?.stop();
  if (profilesDir) rmSync(profilesDir, { recursive: true, force: true });
});

describe('a stored secret is bound to its cloud, authority host, tenant and client ID', () => {
  let saved: ProfileSummary;

  beforeAll(async () => {
    const answer = await call<ProfileSummary>('profiles.save', {
      draft: draft(),
      secret: { kind: 'client-secret', value: secret },
    });
    if (!answer.ok) throw new Error(answer.error.message);
    saved = answer.value;
  });

  it('a draft tested under the profile id with another authority host gets no secret', async () => {
    const answer = await call<DiagnosticReport>('diagnostics.run', {
      draft: draft({ cloud: evilCloud() }),
      profileId: saved.id,
    });
    expect(answer).toMatchObject({
      ok: false,
      error: {
        code: 'PROFILE_INVALID',
        message: expect.stringMatching(/^Authority host: changed since the client secret was stored/),
      },
    });
    expect(leaked()).toEqual([]);
  });

  it('an edit to the authority host, tenant or client ID without the secret is refused, naming the field', async () => {
    for (const [change, field] of [
      [{ cloud: evilCloud() }, 'Authority host'],
      [{ cloud: { kind: 'global' as const } }, 'Cloud'],
      [{ tenant: 'fabrikam.onmicrosoft.com' }, 'Tenant'],
      [{ clientId: '11111111-2222-4333-8444-555555555555' }, 'Client ID'],
    ] as const) {
      const edit = await call<ProfileSummary>('profiles.save', { id: saved.id, draft: draft(change) });
      expect(edit, field).toMatchObject({
        ok: false,
        error: { code: 'PROFILE_INVALID', message: expect.stringMatching(new RegExp(`^${field}: changed`)) },
      });
    }
    // Nothing was saved, and the stored profile still works where it was meant to.
    const report = await call<DiagnosticReport>('diagnostics.run', { profileId: saved.id });
    expect(report.ok && report.value.steps.find((step) => step.id === 'token')?.status).toBe('ok');
    // Other settings (the name, the mail server) change freely.
    expect(
      await call('profiles.save', { id: saved.id, draft: draft({ name: 'Invoices (renamed)' }) }),
    ).toMatchObject({
      ok: true,
    });
    expect(leaked()).toEqual([]);
  });

  it('a profile edited on disk to point elsewhere is refused at the token request too', async () => {
    const store = new MemorySecretStore();
    const stored = bedProfile(bed, { id: saved.id });
    await store.set(saved.id, 'client-secret', secret);
    await writeBinding(store, saved.id, stored);
    const tokens = new TokenProvider({ secrets: store, trust: { ca: [bed.ca.pem, evilCa] } });
    for (const [change, field] of [
      [{ cloud: evilCloud() }, 'Authority host'],
      [{ tenant: 'fabrikam.onmicrosoft.com' }, 'Tenant'],
    ] as const) {
      await expect(tokens.getToken({ ...stored, ...change })).rejects.toMatchObject({
        code: 'PROFILE_INVALID',
        message: expect.stringMatching(new RegExp(`^${field}: changed`)),
      });
    }
    expect((await tokens.getToken(stored)).accessToken.length).toBeGreaterThan(0);
    expect(leaked()).toEqual([]);
  });

  it('typing the secret again sends it to the new host: the refusals above are what kept it away', async () => {
    const answer = await call<DiagnosticReport>('diagnostics.run', {
      draft: draft({ cloud: evilCloud() }),
      profileId: saved.id,
      secret: { kind: 'client-secret', value: secret },
    });
    expect(answer.ok).toBe(true);
    expect(leaked().length).toBeGreaterThan(0);
  });
});

describe('custom authority hosts', () => {
  it('are refused unless the host turned them on', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mailscope-binding-off-'));
    try {
      const engine = createEngine({
        host: { kind: 'harness', version: 'test', openExternal: async () => {} },
        samplePath: 'resources/sample-mailbox',
        profilesDir: dir,
        secrets: new MemorySecretStore(),
      });
      const off = createDispatch(engine.api, {});
      const save = (await off('profiles.save', {
        draft: draft(),
        secret: { kind: 'client-secret', value: secret },
      })) as Result<ProfileSummary>;
      expect(save).toMatchObject({
        ok: false,
        error: {
          code: 'PROFILE_INVALID',
          message: expect.stringMatching(/^Cloud: this profile signs in at 127\.0\.0\.1:/),
        },
      });
      const test = (await off('diagnostics.run', {
        draft: draft(),
        secret: { kind: 'client-secret', value: secret },
      })) as Result<DiagnosticReport>;
      expect(test).toMatchObject({ ok: false, error: { code: 'PROFILE_INVALID' } });
      // An import is only settings: it is kept, but opening it is refused the same way.
      const imported = (await off('profiles.import', { json: JSON.stringify([draft()]) })) as Result<{
        imported: ProfileSummary[];
      }>;
      const id = imported.ok ? imported.value.imported[0]?.id : undefined;
      expect(id).toBeDefined();
      expect(await off('sources.openProfile', { profileId: id })).toMatchObject({
        ok: false,
        error: { code: 'PROFILE_INVALID' },
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
