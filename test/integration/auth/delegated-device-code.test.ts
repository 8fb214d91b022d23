import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDispatch } from '../../../electron/core/dispatch';
import { createEngine } from '../../../electron/core/engine';
import { MemorySecretStore } from '../../../electron/core/secrets/secret-store';
import type { ErrorInfo, Result } from '../../../shared/errors';
import type { ProfilesState, ProfileSummary, SignInFlow, SourceSummary } from '../../../shared/model';
import type { ProfileDraftInput } from '../../../shared/profile';
import { CONTOSO } from '../../testbed/identity/scenario';
import { start, type Testbed } from '../../testbed/index';
import { bedProfile } from '../../testbed/profiles';

/**
 * Delegated sign-in with a device code, end to end through the Api against the test bed: the test
 * approves the code as the person would (the identity platform's approve call), then the
 * person's token opens shared mailboxes over IMAP and POP3. And each way a sign-in or a mailbox
 * can be refused reaches the person as its own error code, message and fix.
 */

let bed: Testbed;
let dispatch: ReturnType<typeof createDispatch>;
let secrets: MemorySecretStore;
let profilesDir: string;
const megan = () => bed.scenario.tenants[0]!.users[0]!;

async function call<T>(method: string, payload: unknown): Promise<Result<T>> {
  return (await dispatch(method, payload)) as Result<T>;
}

async function ok<T>(method: string, payload: unknown): Promise<T> {
  const result = await call<T>(method, payload);
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value;
}

async function failure(method: string, payload: unknown): Promise<ErrorInfo> {
  const result = await call(method, payload);
  if (result.ok) throw new Error(`${method} succeeded`);
  return result.error;
}

function delegatedDraft(
  mailbox: string,
  overrides: Partial<ProfileDraftInput> & {
    protocol?: 'imap' | 'pop3';
    server?: 'dovecot' | 'exchange';
  } = {},
): ProfileDraftInput {
  const { server, protocol, ...rest } = overrides;
  const {
    id: _id,
    createdAt: _c,
    updatedAt: _u,
    ...settings
  } = bedProfile(bed, {
    mailbox,
    name: mailbox.split('@')[0] ?? mailbox,
    clientId: CONTOSO.desktopClientId,
    ...(protocol ? { protocol } : {}),
    ...(server ? { server } : {}),
  });
  return { ...settings, credential: 'delegated', ...rest };
}

async function save(draft: ProfileDraftInput): Promise<ProfileSummary> {
  return ok<ProfileSummary>('profiles.save', { draft });
}

/** Starts a device-code sign-in and approves it as the person would. */
async function signInWithCode(profileId: string): Promise<string> {
  const flow = await ok<SignInFlow>('auth.start', { profileId, method: 'device-code' });
  if (flow.method !== 'device-code') throw new Error('expected a device code');
  bed.identity.completeDeviceCode(flow.userCode, CONTOSO.user.userPrincipalName);
  const { account } = await ok<{ account: { username: string } }>('auth.wait', { flowId: flow.flowId });
  return account.username;
}

beforeAll(async () => {
  bed = await start({ saslMechanisms: ['xoauth2'], exchangeReplies: true });
  profilesDir = mkdtempSync(join(tmpdir(), 'mailscope-delegated-'));
  secrets = new MemorySecretStore();
  const engine = createEngine({
    host: { kind: 'harness', version: 'test', openExternal: async () => {} },
    samplePath: 'resources/sample-mailbox',
    profilesDir,
    secrets,
    trust: { ca: bed.ca.pem },
    allowCustomAuthority: true,
  });
  dispatch = createDispatch(engine.api, {
    onInternalError: (method, error) => {
      throw new Error(`${method}: internal error ${String(error)}`);
    },
  });
}, 60_000);

afterAll(async () => {
  await bed?.stop();
  if (profilesDir) rmSync(profilesDir, { recursive: true, force: true });
});

beforeEach(() => {
  delete megan().conditionalAccess;
});

describe('device code, end to end', () => {
  it('shows the code and the page, the approved code signs in, and both shared mailboxes open', async () => {
    const hr = await save(delegatedDraft(CONTOSO.hr));
    const alerts = await save(delegatedDraft(CONTOSO.alerts, { protocol: 'pop3' }));
    expect(hr.signIn).toEqual({ signInId: expect.stringMatching(/^signin-[0-9a-f]{20}$/), account: null });
    expect(alerts.signIn?.signInId).toBe(hr.signIn?.signInId);

    const flow = await ok<SignInFlow>('auth.start', { profileId: hr.id, method: 'device-code' });
    expect(flow).toMatchObject({
      method: 'device-code',
      url: `${bed.identity.origin}/devicelogin`,
      userCode: expect.stringMatching(/^[0-9A-F]{9}$/),
    });
    if (flow.method !== 'device-code') return;
    expect(Date.parse(flow.expiresAt)).toBeGreaterThan(Date.now());
    bed.identity.completeDeviceCode(flow.userCode, CONTOSO.user.userPrincipalName);
    const { account } = await ok<{ account: unknown }>('auth.wait', { flowId: flow.flowId });
    expect(account).toEqual({ username: CONTOSO.user.userPrincipalName, name: 'Megan Bowen' });

    // One sign-in, two profiles: both show who is signed in.
    const state = await ok<ProfilesState>('profiles.list', {});
    for (const profile of state.profiles.filter((p) => p.credential === 'delegated'))
      expect(profile.signIn?.account?.username).toBe(CONTOSO.user.userPrincipalName);

    const imap = await ok<SourceSummary>('sources.openProfile', { profileId: hr.id });
    expect(imap.kind).toBe('imap');
    expect(imap.folders.map((f) => f.name)).toContain('INBOX');
    const pop = await ok<SourceSummary>('sources.openProfile', { profileId: alerts.id });
    expect(pop.kind).toBe('pop3');
    const page = await ok<{ total: number }>('messages.list', {
      sourceId: pop.id,
      folderId: pop.folders[0]!.id,
      offset: 0,
      limit: 10,
    });
    expect(page.total).toBeGreaterThan(0);
    await ok('sources.close', { sourceId: imap.id });
    await ok('sources.close', { sourceId: pop.id });

    // Signing out removes the account and its tokens: nothing left under the sign-in's id.
    expect(await ok('auth.signOut', { profileId: alerts.id })).toEqual({ signedOut: true });
    expect(await secrets.get(hr.signIn!.signInId, 'token-cache')).toBeNull();
    expect((await failure('sources.openProfile', { profileId: hr.id })).code).toBe('SIGN_IN_REQUIRED');
    for (const id of [hr.id, alerts.id]) await ok('profiles.remove', { id });
  });

  it('Cancel ends a waiting sign-in at once, and the code no longer works', async () => {
    const hr = await save(delegatedDraft(CONTOSO.hr));
    const flow = await ok<SignInFlow>('auth.start', { profileId: hr.id, method: 'device-code' });
    const waiting = call('auth.wait', { flowId: flow.flowId });
    expect(await ok('auth.cancel', { flowId: flow.flowId })).toEqual({ cancelled: true });
    const ended = await waiting;
    expect(ended).toMatchObject({
      ok: false,
      error: { code: 'SIGN_IN_CANCELLED', message: 'The sign-in was cancelled in Mailscope.' },
    });
    expect(await ok('auth.cancel', { flowId: flow.flowId })).toEqual({ cancelled: false });
    await ok('profiles.remove', { id: hr.id });
  });
});

describe('each refusal reaches the person with its cause and fix', () => {
  it('consent required (AADSTS65001): the admin-consent link to send to an administrator', async () => {
    const hr = await save(delegatedDraft(CONTOSO.hr, { clientId: CONTOSO.desktopNoConsentClientId }));
    const flow = await ok<SignInFlow>('auth.start', { profileId: hr.id, method: 'device-code' });
    if (flow.method !== 'device-code') throw new Error('expected a device code');
    bed.identity.completeDeviceCode(flow.userCode, CONTOSO.user.userPrincipalName);
    const error = await failure('auth.wait', { flowId: flow.flowId });
    const link = `https://${bed.identity.host}/${CONTOSO.tenantId}/adminconsent?client_id=${CONTOSO.desktopNoConsentClientId}`;
    expect(error).toMatchObject({ code: 'CONSENT_REQUIRED', url: link });
    expect(error.message).toMatch(/^AADSTS65001: Nobody has approved the app .* IMAP\.AccessAsUser\.All/);
    expect(error.hint).toContain(`Send this link to an administrator`);
    expect(error.hint).toContain(link);
    await ok('profiles.remove', { id: hr.id });
  });

  it('Conditional Access blocks the sign-in (AADSTS53003)', async () => {
    const hr = await save(delegatedDraft(CONTOSO.hr));
    megan().conditionalAccess = 'blocked';
    const flow = await ok<SignInFlow>('auth.start', { profileId: hr.id, method: 'device-code' });
    if (flow.method !== 'device-code') throw new Error('expected a device code');
    bed.identity.completeDeviceCode(flow.userCode, CONTOSO.user.userPrincipalName);
    const error = await failure('auth.wait', { flowId: flow.flowId });
    expect(error.code).toBe('ACCESS_BLOCKED');
    expect(error.message).toMatch(/^AADSTS53003: A Conditional Access policy .* blocked the sign-in/);
    expect(error.hint).toMatch(/device or network your organisation allows/);
    await ok('profiles.remove', { id: hr.id });
  });

  for (const [policy, code, fix] of [
    ['mfa', 50076, /complete the verification/],
    ['mfa-registration', 50079, /https:\/\/aka\.ms\/mfasetup/],
    ['blocked', 53003, /Sign-in logs/],
  ] as const) {
    it(`a policy that starts after the sign-in stops the silent refresh (AADSTS${code})`, async () => {
      const hr = await save(delegatedDraft(CONTOSO.hr));
      // Access tokens that expire within MSAL's five-minute margin: every use needs a refresh.
      bed.scenario.tokenLifetimeSeconds = 120;
      try {
        await signInWithCode(hr.id);
      } finally {
        bed.scenario.tokenLifetimeSeconds = 3600;
      }
      megan().conditionalAccess = policy;
      const report = await ok<{ steps: { id: string; status: string; cause?: string; fix?: string }[] }>(
        'diagnostics.run',
        { profileId: hr.id },
      );
      const token = report.steps.find((s) => s.id === 'token')!;
      expect(token.status).toBe('failed');
      expect(token.fix).toMatch(fix);
      // Opening the mailbox needs a fresh token too: the same cause reaches the person.
      const error = await failure('sources.openProfile', { profileId: hr.id });
      expect(error.code).toBe(code === 53003 ? 'ACCESS_BLOCKED' : 'MFA_REQUIRED');
      expect(error.message).toMatch(new RegExp(`^AADSTS${code}: `));
      expect(error.hint).toMatch(fix);
      await ok('auth.signOut', { profileId: hr.id });
      await ok('profiles.remove', { id: hr.id });
    });
  }

  it('the account lacks FullAccess on the shared mailbox', async () => {
    const invoices = await save(delegatedDraft(CONTOSO.invoices));
    await signInWithCode(invoices.id);
    const error = await failure('sources.openProfile', { profileId: invoices.id });
    expect(error.code).toBe('MAILBOX_ACCESS_DENIED');
    expect(error.message).toBe(
      `Signed in as ${CONTOSO.user.userPrincipalName}, but Exchange did not open ${CONTOSO.invoices}: ${CONTOSO.user.userPrincipalName} has no FullAccess on ${CONTOSO.invoices}, so Exchange will not open it for that account.`,
    );
    expect(error.hint).toContain(
      `Add-MailboxPermission -Identity ${CONTOSO.invoices} -User ${CONTOSO.user.userPrincipalName} -AccessRights FullAccess -AutoMapping $false`,
    );
    await ok('auth.signOut', { profileId: invoices.id });
    await ok('profiles.remove', { id: invoices.id });
  });

  it('“authenticated but not connected” from Exchange itself says the same', async () => {
    bed.exchange!.mode = 'not-connected';
    const invoices = await save(delegatedDraft(CONTOSO.invoices, { server: 'exchange' }));
    await signInWithCode(invoices.id);
    const error = await failure('sources.openProfile', { profileId: invoices.id });
    expect(error.code).toBe('MAILBOX_ACCESS_DENIED');
    expect(error.hint).toContain(`-User ${CONTOSO.user.userPrincipalName} -AccessRights FullAccess`);
    await ok('auth.signOut', { profileId: invoices.id });
    await ok('profiles.remove', { id: invoices.id });
  });

  it('a mistyped mailbox address', async () => {
    const typo = await save(delegatedDraft('hr@contoso.exmaple'));
    await signInWithCode(typo.id);
    const error = await failure('sources.openProfile', { profileId: typo.id });
    expect(error.code).toBe('MAILBOX_ADDRESS_WRONG');
    expect(error.message).toBe(
      `Exchange would not open hr@contoso.exmaple for ${CONTOSO.user.userPrincipalName}: hr@contoso.exmaple is probably mistyped: its domain (contoso.exmaple) is not the one of the signed-in account (contoso.example).`,
    );
    expect(error.hint).toMatch(/^Edit this mailbox and enter the shared mailbox’s primary address/);
    await ok('auth.signOut', { profileId: typo.id });
    await ok('profiles.remove', { id: typo.id });
  });

  it('nobody signed in: opening says so, with what to do', async () => {
    const hr = await save(delegatedDraft(CONTOSO.hr));
    const error = await failure('sources.openProfile', { profileId: hr.id });
    expect(error).toMatchObject({
      code: 'SIGN_IN_REQUIRED',
      message: `Nobody is signed in for ${CONTOSO.hr}.`,
    });
    expect(error.hint).toMatch(/Sign in on the mailbox’s page/);
    await ok('profiles.remove', { id: hr.id });
  });
});
