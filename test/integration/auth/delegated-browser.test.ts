import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDispatch } from '../../../electron/core/dispatch';
import { createEngine } from '../../../electron/core/engine';
import { KeytarSecretStore } from '../../../electron/core/secrets/keytar-store';
import { SECRET_SERVICE } from '../../../electron/core/secrets/secret-store';
import type { ErrorInfo, Result } from '../../../shared/errors';
import type { ProfilesState, ProfileSummary, SignInFlow, SourceSummary } from '../../../shared/model';
import type { ProfileDraftInput } from '../../../shared/profile';
import { isAlive, type Keyring, startKeyring } from '../keychain/keyring';
import { CONTOSO } from '../../testbed/identity/scenario';
import { start, type Testbed } from '../../testbed/index';
import { bedProfile } from '../../testbed/profiles';

/**
 * The acceptance path of delegated sign-in, with every part real: the engine hands MSAL's sign-in
 * URL to the "system browser" (here Debian's Chromium, driven by Playwright), the person signs in
 * on the fake identity platform's page, the browser follows the form_post redirect to MSAL's own
 * loopback listener, and the token cache goes to the OS keychain (gnome-keyring through keytar).
 * Then one sign-in opens two shared mailboxes over IMAP (Dovecot), refreshes without a prompt
 * after the access token expired, and signing out leaves nothing in the keychain.
 */

const CHROMIUM_ARGS = [
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

interface KeytarModule {
  getPassword(service: string, account: string): Promise<string | null>;
  findCredentials(service: string): Promise<{ account: string; password: string }[]>;
}

describe.skipIf(process.platform !== 'linux')('delegated sign-in through the system browser', () => {
  let bed: Testbed;
  let keyring: Keyring;
  let browser: Browser;
  let context: BrowserContext;
  let keytar: KeytarModule;
  let dispatch: ReturnType<typeof createDispatch>;
  let profilesDir: string;
  /** Sign-in pages the engine asked the system browser to open. */
  const opened: string[] = [];
  const answers: string[] = [];
  const logged: string[] = [];
  /** Every access and refresh token that passed through the keychain during the file. */
  const tokens = new Set<string>();

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

  async function failure(method: string, payload: unknown): Promise<ErrorInfo> {
    const result = await call(method, payload);
    if (result.ok) throw new Error(`${method} succeeded`);
    return result.error;
  }

  function delegatedDraft(mailbox: string, clientId: string = CONTOSO.desktopClientId): ProfileDraftInput {
    const {
      id: _id,
      createdAt: _c,
      updatedAt: _u,
      ...settings
    } = bedProfile(bed, { mailbox, name: mailbox.split('@')[0] ?? mailbox, clientId });
    return { ...settings, credential: 'delegated' };
  }

  /** The keychain entry of a sign-in, and the tokens in it (remembered for the leak scan). */
  async function keychainEntry(signInId: string): Promise<string | null> {
    const value = await keytar.getPassword(SECRET_SERVICE, `${signInId}:token-cache`);
    if (value) {
      const cache = JSON.parse(value) as Record<string, Record<string, { secret?: string }>>;
      for (const section of ['AccessToken', 'RefreshToken'])
        for (const entry of Object.values(cache[section] ?? {})) if (entry.secret) tokens.add(entry.secret);
    }
    return value;
  }

  /** The person, at the sign-in page the engine opened: their UPN, password, then Sign in (or Cancel). */
  async function answerSignInPage(url: string, button: 'sign-in' | 'cancel' = 'sign-in'): Promise<Page> {
    const page = await context.newPage();
    await page.goto(url);
    await page.locator('#i0116').fill(CONTOSO.user.userPrincipalName);
    await page.locator('#i0118').fill(CONTOSO.user.password);
    await page.locator(button === 'sign-in' ? '#idSIButton9' : '#idBtn_Back').click();
    // The platform's page posts the answer to MSAL's listener, which answers with its own page.
    await page.waitForURL(/^http:\/\/localhost:\d+\/$/);
    return page;
  }

  async function startBrowserSignIn(profileId: string): Promise<SignInFlow & { method: 'browser' }> {
    const flow = await ok<SignInFlow>('auth.start', { profileId, method: 'browser' });
    if (flow.method !== 'browser') throw new Error('expected a browser sign-in');
    expect(opened.at(-1)).toBe(flow.url);
    return flow;
  }

  beforeAll(async () => {
    keyring = await startKeyring();
    const module = (await import('keytar')) as unknown as { default?: KeytarModule } & KeytarModule;
    keytar = module.default ?? module;
    bed = await start({ saslMechanisms: ['xoauth2'] });
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    // The bed's identity platform has a per-run CA this browser does not know.
    context = await browser.newContext({ ignoreHTTPSErrors: true });
    profilesDir = mkdtempSync(join(tmpdir(), 'mailscope-delegated-browser-'));
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        logged.push(args.map(String).join(' '));
      });
    }
    const engine = createEngine({
      host: {
        kind: 'harness',
        version: 'test',
        openExternal: async (url) => {
          opened.push(url);
        },
      },
      samplePath: 'resources/sample-mailbox',
      profilesDir,
      secrets: 'keychain',
      keychain: new KeytarSecretStore(),
      trust: { ca: bed.ca.pem },
      allowCustomAuthority: true,
    });
    dispatch = createDispatch(engine.api, {
      onInternalError: (method, error) => console.error(method, error),
    });
  }, 60_000);

  afterAll(async () => {
    vi.restoreAllMocks();
    await browser?.close();
    await bed?.stop();
    await keyring?.stop();
    for (const pid of keyring?.pids ?? []) expect(isAlive(pid)).toBe(false);
    if (profilesDir) rmSync(profilesDir, { recursive: true, force: true });
  });

  it('one browser sign-in opens two shared mailboxes, refreshes silently after expiry, and sign-out empties the keychain', async () => {
    const hr = await ok<ProfileSummary>('profiles.save', { draft: delegatedDraft(CONTOSO.hr) });
    const alerts = await ok<ProfileSummary>('profiles.save', { draft: delegatedDraft(CONTOSO.alerts) });
    const signInId = hr.signIn!.signInId;
    expect(alerts.signIn?.signInId).toBe(signInId);
    expect(await keychainEntry(signInId)).toBeNull();

    // Short-lived access tokens, so expiry happens within the test.
    bed.scenario.tokenLifetimeSeconds = 6;
    bed.identity.resetCounts();
    const flow = await startBrowserSignIn(hr.id);
    const waiting = ok<{ account: { username: string } }>('auth.wait', { flowId: flow.flowId });

    // What MSAL asked the platform for: PKCE, an account picker, MSAL's loopback, the right scopes.
    const request = new URL(flow.url).searchParams;
    expect(request.get('prompt')).toBe('select_account');
    expect(request.get('code_challenge_method')).toBe('S256');
    expect(request.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(request.get('redirect_uri')).toMatch(/^http:\/\/localhost:\d+$/);
    expect(request.get('response_mode')).toBe('form_post');
    expect(request.get('scope')?.split(' ')).toEqual(
      expect.arrayContaining(['https://outlook.office365.com/IMAP.AccessAsUser.All', 'offline_access']),
    );

    const page = await answerSignInPage(flow.url);
    expect(await page.locator('body').textContent()).toContain('You are signed in');
    await page.close();
    expect((await waiting).account.username).toBe(CONTOSO.user.userPrincipalName);
    // The page (GET) and the person's answer (POST): the only two authorize requests of the test.
    const prompts = bed.identity.count('authorize');
    expect(prompts).toBe(2);
    expect(bed.identity.count('token:authorization_code')).toBe(1);

    // The sign-in is in the keychain, not in a file; both profiles show who is signed in.
    const entry = await keychainEntry(signInId);
    expect(entry).toContain(CONTOSO.user.userPrincipalName);
    const state = await ok<ProfilesState>('profiles.list', {});
    expect(state.profiles.map((p) => p.signIn?.account?.username)).toEqual([
      CONTOSO.user.userPrincipalName,
      CONTOSO.user.userPrincipalName,
    ]);

    // One sign-in, two shared mailboxes over IMAP: user= the shared mailbox, token = Megan's.
    const opens: SourceSummary[] = [];
    for (const profile of [hr, alerts]) {
      const source = await ok<SourceSummary>('sources.openProfile', { profileId: profile.id });
      expect(source.kind).toBe('imap');
      expect(source.location).toContain(profile.mailbox);
      const inbox = source.folders.find((f) => f.role === 'inbox')!;
      const list = await ok<{ total: number }>('messages.list', {
        sourceId: source.id,
        folderId: inbox.id,
        offset: 0,
        limit: 5,
      });
      expect(list.total).toBeGreaterThan(0);
      opens.push(source);
    }
    for (const source of opens) await ok('sources.close', { sourceId: source.id });

    // Let the newest access token expire, then open again: MSAL refreshes, nobody is asked.
    const cache = JSON.parse((await keychainEntry(signInId))!) as {
      AccessToken: Record<string, { expires_on: string }>;
    };
    const expiresAt = Math.max(...Object.values(cache.AccessToken).map((t) => Number(t.expires_on) * 1000));
    while (Date.now() <= expiresAt + 250) await new Promise((resolve) => setTimeout(resolve, 250));
    const refreshesBefore = bed.identity.count('token:refresh_token');
    const again = await ok<SourceSummary>('sources.openProfile', { profileId: alerts.id });
    expect(again.folders.length).toBeGreaterThan(0);
    await ok('sources.close', { sourceId: again.id });
    expect(bed.identity.count('token:refresh_token')).toBeGreaterThan(refreshesBefore);
    expect(bed.identity.count('authorize')).toBe(prompts);
    expect(opened).toHaveLength(1);
    bed.scenario.tokenLifetimeSeconds = 3600;

    // Sign out: the account and every token of it leave the keychain, for both profiles.
    await keychainEntry(signInId);
    expect(await ok('auth.signOut', { profileId: hr.id })).toEqual({ signedOut: true });
    expect(await keychainEntry(signInId)).toBeNull();
    const left = await keytar.findCredentials(SECRET_SERVICE);
    expect(left.filter((c) => c.account.startsWith(signInId))).toEqual([]);
    const after = await ok<ProfilesState>('profiles.list', {});
    expect(after.profiles.map((p) => p.signIn?.account ?? null)).toEqual([null, null]);
    expect((await failure('sources.openProfile', { profileId: alerts.id })).code).toBe('SIGN_IN_REQUIRED');
    for (const profile of [hr, alerts]) await ok('profiles.remove', { id: profile.id });
    expect(tokens.size).toBeGreaterThanOrEqual(4);
  });

  it('Cancel on the sign-in page reaches Mailscope as a cancelled sign-in', async () => {
    const hr = await ok<ProfileSummary>('profiles.save', { draft: delegatedDraft(CONTOSO.hr) });
    const flow = await startBrowserSignIn(hr.id);
    const waiting = call('auth.wait', { flowId: flow.flowId });
    const page = await answerSignInPage(flow.url, 'cancel');
    expect(await page.locator('body').textContent()).toContain('Mailscope did not sign you in');
    await page.close();
    const ended = await waiting;
    expect(ended).toMatchObject({ ok: false, error: { code: 'SIGN_IN_CANCELLED' } });
    expect(!ended.ok && ended.error.message).toMatch(
      /^AADSTS65004: The sign-in was cancelled in the browser/,
    );
    expect(await keychainEntry(hr.signIn!.signInId)).toBeNull();
    await ok('profiles.remove', { id: hr.id });
  });

  it('Cancel in Mailscope while the browser page is open ends the wait; finishing the page later stores nothing', async () => {
    const hr = await ok<ProfileSummary>('profiles.save', { draft: delegatedDraft(CONTOSO.hr) });
    const flow = await startBrowserSignIn(hr.id);
    const waiting = call('auth.wait', { flowId: flow.flowId });
    const page = await context.newPage();
    await page.goto(flow.url);
    expect(await ok('auth.cancel', { flowId: flow.flowId })).toEqual({ cancelled: true });
    expect(await waiting).toMatchObject({
      ok: false,
      error: { code: 'SIGN_IN_CANCELLED', message: 'The sign-in was cancelled in Mailscope.' },
    });
    // MSAL's listener is gone: finishing the page now leads nowhere, and nothing is stored.
    await page.locator('#i0116').fill(CONTOSO.user.userPrincipalName);
    await page.locator('#i0118').fill(CONTOSO.user.password);
    await page.locator('#idSIButton9').click();
    await page.waitForLoadState();
    await page.close();
    expect(await keychainEntry(hr.signIn!.signInId)).toBeNull();
    await ok('profiles.remove', { id: hr.id });
  });

  it('Conditional Access blocking the browser sign-in (AADSTS53003) says so, with what to do', async () => {
    const hr = await ok<ProfileSummary>('profiles.save', { draft: delegatedDraft(CONTOSO.hr) });
    const megan = bed.scenario.tenants[0]!.users[0]!;
    megan.conditionalAccess = 'blocked';
    try {
      const flow = await startBrowserSignIn(hr.id);
      const waiting = call('auth.wait', { flowId: flow.flowId });
      await (await answerSignInPage(flow.url)).close();
      const ended = await waiting;
      expect(ended).toMatchObject({ ok: false, error: { code: 'ACCESS_BLOCKED' } });
      expect(!ended.ok && ended.error.hint).toMatch(/Sign-in logs/);
    } finally {
      delete megan.conditionalAccess;
    }
    await ok('profiles.remove', { id: hr.id });
  });

  it('consent required: the admin-consent link works for an administrator, then the sign-in succeeds', async () => {
    const hr = await ok<ProfileSummary>('profiles.save', {
      draft: delegatedDraft(CONTOSO.hr, CONTOSO.desktopNoConsentClientId),
    });
    const flow = await startBrowserSignIn(hr.id);
    const waiting = call('auth.wait', { flowId: flow.flowId });
    await (await answerSignInPage(flow.url)).close();
    const ended = await waiting;
    if (ended.ok) throw new Error('signed in without consent');
    expect(ended.error.code).toBe('CONSENT_REQUIRED');
    expect(ended.error.url).toBe(
      `https://${bed.identity.host}/${CONTOSO.tenantId}/adminconsent?client_id=${CONTOSO.desktopNoConsentClientId}`,
    );

    // The administrator opens the link and accepts; the person signs in again.
    const admin = await context.newPage();
    await admin.goto(ended.error.url!);
    await admin.locator('#idSIButton9').click();
    await admin.locator('#done').waitFor();
    await admin.close();
    const retry = await startBrowserSignIn(hr.id);
    const done = ok<{ account: { username: string } }>('auth.wait', { flowId: retry.flowId });
    await (await answerSignInPage(retry.url)).close();
    expect((await done).account.username).toBe(CONTOSO.user.userPrincipalName);
    await keychainEntry(hr.signIn!.signInId);
    // Removing the last profile of a sign-in removes the sign-in too.
    await ok('profiles.remove', { id: hr.id });
    expect(await keychainEntry(hr.signIn!.signInId)).toBeNull();
  });

  it('no token in any IPC answer, log line, or file under the profiles folder', () => {
    const files = filesUnder(profilesDir).map((path) => readFileSync(path, 'latin1'));
    expect(files.length).toBeGreaterThan(0);
    expect(answers.join('\n').length).toBeGreaterThan(1000);
    expect(tokens.size).toBeGreaterThan(4);
    const haystacks = { answers: answers.join('\n'), logs: logged.join('\n'), files: files.join('\n') };
    for (const [where, text] of Object.entries(haystacks)) {
      for (const token of tokens) expect(text.includes(token), `${where} holds a token`).toBe(false);
    }
    // The keyring's own files hold them encrypted only.
    const keyringFiles = filesUnder(keyring.dataDir).map((path) => readFileSync(path, 'latin1'));
    for (const token of tokens) expect(keyringFiles.some((text) => text.includes(token))).toBe(false);
  });
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}
