import {
  AuthError,
  type INetworkModule,
  InteractionRequiredAuthError,
  ServerError,
  type TokenCacheContext,
} from '@azure/msal-node';
import { describe, expect, it } from 'vitest';
import type { AadstsContext } from '../../../electron/core/auth/aadsts';
import { tapEntraErrors } from '../../../electron/core/auth/delegated/entra-error-tap';
import {
  cachedAccounts,
  keychainTokenCache,
} from '../../../electron/core/auth/delegated/keychain-token-cache';
import {
  delegatedRefusal,
  delegatedRemedies,
  withDelegatedRefusals,
} from '../../../electron/core/auth/delegated/mailbox-refusal';
import { toSignInError } from '../../../electron/core/auth/delegated/sign-in-errors';
import { SignInFlows } from '../../../electron/core/auth/delegated/sign-in-flows';
import { signInIdentity } from '../../../electron/core/auth/delegated/sign-in-identity';
import { AppError } from '../../../electron/core/common/app-error';
import { MemorySecretStore } from '../../../electron/core/secrets/secret-store';
import type { MailSource } from '../../../electron/core/common/source';
import type { SignedInAccount } from '../../../shared/model';
import { Profile } from '../../../shared/profile';

const profile = (over: Record<string, unknown> = {}): Profile =>
  Profile.parse({
    id: '9b2f3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
    name: 'HR',
    mailbox: 'hr@contoso.com',
    protocol: 'imap',
    server: { host: 'outlook.office365.com', port: 993, tlsMode: 'implicit' },
    cloud: { kind: 'global' },
    tenant: 'contoso.onmicrosoft.com',
    clientId: '0e5f7a41-3b2c-4d8e-9f10-2a3b4c5d6e7f',
    credential: 'delegated',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...over,
  });

const ctx: AadstsContext = {
  tenant: 'contoso.onmicrosoft.com',
  clientId: '0e5f7a41-3b2c-4d8e-9f10-2a3b4c5d6e7f',
  scope: 'https://outlook.office365.com/IMAP.AccessAsUser.All',
  resource: 'https://outlook.office365.com',
  authorityHost: 'login.microsoftonline.com',
  credential: 'delegated',
};

describe('signInIdentity', () => {
  it('is shared by profiles of the same tenant, app and cloud, whatever the mailbox or protocol', () => {
    const hr = signInIdentity(profile());
    expect(hr.id).toMatch(/^signin-[0-9a-f]{20}$/);
    expect(signInIdentity(profile({ mailbox: 'alerts@contoso.com', protocol: 'pop3' })).id).toBe(hr.id);
    expect(signInIdentity(profile({ clientId: '0E5F7A41-3B2C-4D8E-9F10-2A3B4C5D6E7F' })).id).toBe(hr.id);
    expect(signInIdentity(profile({ tenant: 'fabrikam.onmicrosoft.com' })).id).not.toBe(hr.id);
    expect(signInIdentity(profile({ clientId: '1e5f7a41-3b2c-4d8e-9f10-2a3b4c5d6e7f' })).id).not.toBe(hr.id);
    expect(signInIdentity(profile({ cloud: { kind: 'usgov-high' } })).id).not.toBe(hr.id);
  });

  it('asks for the protocol’s delegated permission in the cloud’s Exchange', () => {
    expect(signInIdentity(profile()).scope).toBe('https://outlook.office365.com/IMAP.AccessAsUser.All');
    expect(signInIdentity(profile({ protocol: 'pop3', cloud: { kind: 'china' } })).scope).toBe(
      'https://partner.outlook.cn/POP.AccessAsUser.All',
    );
  });
});

describe('the keychain token cache', () => {
  const serialized = JSON.stringify({
    Account: {
      k: { home_account_id: 'oid.tid', username: 'megan@contoso.com', name: 'Megan Bowen', environment: 'x' },
    },
    RefreshToken: { r: { secret: 'refresh-token-value' } },
  });

  function context(changed: boolean, serialize = serialized) {
    const seen: string[] = [];
    const ctxObject = {
      cacheHasChanged: changed,
      tokenCache: {
        deserialize: (text: string) => {
          if (text === 'broken') throw new SyntaxError('not JSON');
          seen.push(text);
        },
        serialize: () => serialize,
      },
    };
    return { context: ctxObject as unknown as TokenCacheContext, seen };
  }

  it('reads the entry before MSAL looks, and an absent entry empties MSAL’s memory', async () => {
    const secrets = new MemorySecretStore();
    const plugin = keychainTokenCache(secrets, 'signin-1');
    const first = context(false);
    await plugin.beforeCacheAccess(first.context);
    expect(JSON.parse(first.seen[0]!)).toEqual({
      Account: {},
      IdToken: {},
      AccessToken: {},
      RefreshToken: {},
      AppMetadata: {},
    });
    await secrets.set('signin-1', 'token-cache', serialized);
    const second = context(false);
    await plugin.beforeCacheAccess(second.context);
    expect(second.seen).toEqual([serialized]);
  });

  it('a damaged entry counts as nobody signed in', async () => {
    const secrets = new MemorySecretStore();
    await secrets.set('signin-1', 'token-cache', 'broken');
    const { context: c, seen } = context(false);
    await keychainTokenCache(secrets, 'signin-1').beforeCacheAccess(c);
    expect(JSON.parse(seen[0]!)).toMatchObject({ Account: {} });
    expect(cachedAccounts('broken')).toEqual([]);
  });

  it('writes only what changed, and deletes a cache left without an account', async () => {
    const secrets = new MemorySecretStore();
    const plugin = keychainTokenCache(secrets, 'signin-1');
    await plugin.afterCacheAccess(context(false).context);
    expect(secrets.size).toBe(0);
    await plugin.afterCacheAccess(context(true).context);
    expect(await secrets.get('signin-1', 'token-cache')).toBe(serialized);
    await plugin.afterCacheAccess(context(true, JSON.stringify({ Account: {}, AppMetadata: {} })).context);
    expect(secrets.size).toBe(0);
  });

  it('lists the accounts (public fields only)', () => {
    expect(cachedAccounts(serialized)).toEqual([
      { homeAccountId: 'oid.tid', username: 'megan@contoso.com', name: 'Megan Bowen' },
    ]);
    expect(cachedAccounts(null)).toEqual([]);
  });
});

/** A network client whose every answer is `body`, as Entra sends errors (HTTP 400). */
function answering(body: unknown): INetworkModule {
  const respond = <T>() => Promise.resolve({ headers: {}, status: 400, body: body as T });
  return { sendGetRequestAsync: respond, sendPostRequestAsync: respond };
}

describe('toSignInError', () => {
  it('recovers the AADSTS code MSAL’s device-code polling drops, from the network tap', async () => {
    const tap = tapEntraErrors(
      answering({
        error: 'invalid_grant',
        error_description: 'AADSTS65001: The user or administrator has not consented.',
        error_codes: [65001],
        suberror: 'consent_required',
      }),
    );
    await tap.sendPostRequestAsync('https://login.microsoftonline.com/t/oauth2/v2.0/token');
    const error = toSignInError(new AuthError('post_request_failed', '', 'invalid_grant'), ctx, tap);
    expect(error.code).toBe('CONSENT_REQUIRED');
    expect(error.url).toBe(
      'https://login.microsoftonline.com/contoso.onmicrosoft.com/adminconsent?client_id=0e5f7a41-3b2c-4d8e-9f10-2a3b4c5d6e7f',
    );
  });

  it('the tap ignores authorization_pending, which is not a failure', async () => {
    const tap = tapEntraErrors(
      answering({ error: 'authorization_pending', error_description: 'AADSTS70016: pending' }),
    );
    await tap.sendPostRequestAsync('https://x/token');
    expect(tap.lastError()).toBeUndefined();
  });

  it.each([
    [
      new ServerError(
        'invalid_grant',
        '',
        'AADSTS50076: Due to a configuration change…',
        'basic_action',
        '50076',
      ),
      'MFA_REQUIRED',
    ],
    [
      new ServerError(
        'access_denied',
        '',
        'AADSTS53003: Access has been blocked by Conditional Access policies.',
      ),
      'ACCESS_BLOCKED',
    ],
    [
      new ServerError('access_denied', '', 'AADSTS65004: User declined to consent to access the app.'),
      'SIGN_IN_CANCELLED',
    ],
    [
      new ServerError('invalid_grant', '', 'AADSTS700082: The refresh token has expired due to inactivity.'),
      'SIGN_IN_REQUIRED',
    ],
    [new InteractionRequiredAuthError('interaction_required', '', 'no code here'), 'SIGN_IN_REQUIRED'],
    [new AuthError('no_tokens_found', '', 'No refresh token found in the cache.'), 'SIGN_IN_REQUIRED'],
    [new AuthError('device_code_expired', '', 'Device code is expired.'), 'SIGN_IN_EXPIRED'],
    [new AuthError('device_code_polling_cancelled', '', 'cancelled'), 'SIGN_IN_CANCELLED'],
    [new AuthError('state_mismatch', '', 'State mismatch error.'), 'TOKEN_REQUEST_FAILED'],
  ])('%s → %s', (error, code) => {
    expect(toSignInError(error, ctx).code).toBe(code);
  });

  it('keeps an AppError as it is (the keychain being unavailable, say)', () => {
    const keychain = new AppError('KEYCHAIN_UNAVAILABLE', 'No keychain.');
    expect(toSignInError(keychain, ctx)).toBe(keychain);
  });
});

describe('Exchange refusing a person’s token for a shared mailbox', () => {
  it('puts FullAccess first, and the address first when its domain is not the person’s', () => {
    const same = delegatedRemedies({
      protocol: 'imap',
      mailbox: 'hr@contoso.com',
      person: 'megan@contoso.com',
    });
    expect(same.addressLooksWrong).toBe(false);
    expect(same.remedies[0].fix).toContain(
      'Add-MailboxPermission -Identity hr@contoso.com -User megan@contoso.com -AccessRights FullAccess -AutoMapping $false',
    );
    expect(same.remedies.map((r) => r.fix).join('\n')).toContain(
      'Set-CASMailbox -Identity hr@contoso.com -ImapEnabled $true',
    );
    const typo = delegatedRemedies({
      protocol: 'pop3',
      mailbox: 'hr@contoso.cmo',
      person: 'megan@contoso.com',
    });
    expect(typo.addressLooksWrong).toBe(true);
    expect(typo.remedies[0].cause).toMatch(/probably mistyped: its domain \(contoso\.cmo\)/);
    expect(typo.remedies.map((r) => r.fix).join('\n')).toContain('-PopEnabled $true');
  });

  it('gives MAILBOX_ACCESS_DENIED or MAILBOX_ADDRESS_WRONG with the fix in the hint', () => {
    const denied = delegatedRefusal(profile(), 'megan@contoso.com');
    expect(denied.code).toBe('MAILBOX_ACCESS_DENIED');
    expect(denied.message).toMatch(
      /^Signed in as megan@contoso\.com, but Exchange did not open hr@contoso\.com/,
    );
    expect(denied.hint).toMatch(/^Ask an Exchange administrator to run: Add-MailboxPermission/);
    const wrong = delegatedRefusal(profile({ mailbox: 'hr@contoso.cmo' }), 'megan@contoso.com');
    expect(wrong.code).toBe('MAILBOX_ADDRESS_WRONG');
    expect(wrong.hint).toMatch(
      /If the address is right, megan@contoso\.com needs FullAccess on it: Add-MailboxPermission -Identity hr@contoso\.cmo -User megan@contoso\.com/,
    );
  });

  /** A shared mailbox whose every read fails with `error`. */
  const failing = (error: unknown): MailSource => ({
    kind: 'imap',
    name: 'HR',
    location: 'hr@contoso.com',
    notices: [],
    listFolders: () => Promise.reject(error),
    listEnvelopes: () => Promise.reject(error),
    getMessage: () => Promise.reject(error),
    getRaw: () => Promise.reject(error),
    search: () => Promise.reject(error),
    close: async () => {},
  });

  it('the source wrapper explains refusals and leaves every other error alone', async () => {
    const person = async () => 'megan@contoso.com';
    const refused = withDelegatedRefusals(failing(new AppError('MAIL_AUTH_FAILED')), profile(), person);
    await expect(refused.listFolders()).rejects.toMatchObject({ code: 'MAILBOX_ACCESS_DENIED' });
    const notConnected = withDelegatedRefusals(
      failing(
        new AppError('PROTOCOL_ERROR', 'The mail server answered: User is authenticated but not connected.'),
      ),
      profile(),
      person,
    );
    await expect(notConnected.listEnvelopes('INBOX', 0, 10)).rejects.toMatchObject({
      code: 'MAILBOX_ACCESS_DENIED',
    });
    const busy = new AppError('SERVER_BUSY');
    await expect(withDelegatedRefusals(failing(busy), profile(), person).getRaw('f', 'm')).rejects.toBe(busy);
    expect(withDelegatedRefusals(failing(busy), profile(), person).refresh).toBeUndefined();
  });

  it('passes connection news and search cancelling through untouched', () => {
    const listeners: unknown[] = [];
    const source = {
      ...failing(new AppError('SERVER_BUSY')),
      subscribe: (listener: unknown) => {
        listeners.push(listener);
        return () => undefined;
      },
      cancelSearch: (folderId: string) => folderId === 'INBOX',
    };
    const wrapped = withDelegatedRefusals(source, profile(), async () => null);
    wrapped.subscribe?.(() => undefined);
    expect(listeners).toHaveLength(1);
    expect(wrapped.cancelSearch?.('INBOX')).toBe(true);
    expect(
      withDelegatedRefusals(failing(new AppError('SERVER_BUSY')), profile(), async () => null).subscribe,
    ).toBeUndefined();
  });
});

describe('SignInFlows', () => {
  const account: SignedInAccount = { username: 'megan@contoso.com', name: 'Megan Bowen' };

  /** A stand-in for DelegatedTokens whose sign-ins end when the test says. */
  function fakeTokens() {
    const pending: { resolve: (a: SignedInAccount) => void; signal: AbortSignal }[] = [];
    return {
      pending,
      tokens: {
        signInInteractive: (
          _p: Profile,
          o: { openBrowser: (url: string) => Promise<void>; signal: AbortSignal },
        ) =>
          new Promise<SignedInAccount>((resolve) => {
            pending.push({ resolve, signal: o.signal });
            void o.openBrowser('https://login.example/authorize?state=s');
          }),
        signInWithDeviceCode: (
          _p: Profile,
          o: {
            onCode: (c: { userCode: string; verificationUri: string; expiresAt: Date }) => void;
            signal: AbortSignal;
          },
        ) =>
          new Promise<SignedInAccount>((resolve) => {
            pending.push({ resolve, signal: o.signal });
            o.onCode({
              userCode: 'ABC123',
              verificationUri: 'https://microsoft.com/devicelogin',
              expiresAt: new Date('2030-01-01T00:00:00Z'),
            });
          }),
      },
    };
  }

  it('start answers with what the person needs; wait answers with the account', async () => {
    const { pending, tokens } = fakeTokens();
    const opened: string[] = [];
    const flows = new SignInFlows({ tokens, openBrowser: async (url) => void opened.push(url) });
    const browser = await flows.start(profile(), 'browser');
    expect(browser).toMatchObject({
      method: 'browser',
      url: 'https://login.example/authorize?state=s',
      browserOpened: true,
    });
    expect(opened).toEqual([browser.url]);
    pending[0]!.resolve(account);
    expect(await flows.wait(browser.flowId)).toMatchObject({
      account,
      signInId: signInIdentity(profile()).id,
    });

    const code = await flows.start(profile(), 'device-code');
    expect(code).toMatchObject({
      method: 'device-code',
      userCode: 'ABC123',
      url: 'https://microsoft.com/devicelogin',
      expiresAt: '2030-01-01T00:00:00.000Z',
    });
    pending[1]!.resolve(account);
    expect((await flows.wait(code.flowId)).account).toEqual(account);
    await expect(flows.wait(code.flowId)).rejects.toMatchObject({ code: 'SIGN_IN_CANCELLED' });
  });

  it('says when the system browser could not be opened, so the UI offers the link', async () => {
    const { tokens } = fakeTokens();
    const flows = new SignInFlows({
      tokens,
      openBrowser: async () => {
        throw new Error('no browser');
      },
    });
    expect(await flows.start(profile(), 'browser')).toMatchObject({ browserOpened: false });
  });

  it('cancel ends the wait at once; a second sign-in of the same sign-in cancels the first', async () => {
    const { pending, tokens } = fakeTokens();
    const flows = new SignInFlows({ tokens, openBrowser: async () => {} });
    const first = await flows.start(profile(), 'device-code');
    const waiting = flows.wait(first.flowId);
    expect(flows.cancel(first.flowId)).toBe(true);
    await expect(waiting).rejects.toMatchObject({
      code: 'SIGN_IN_CANCELLED',
      message: 'The sign-in was cancelled in Mailscope.',
    });
    expect(pending[0]!.signal.aborted).toBe(true);

    const second = await flows.start(profile(), 'device-code');
    const third = await flows.start(profile({ mailbox: 'alerts@contoso.com' }), 'browser');
    await expect(flows.wait(second.flowId)).rejects.toMatchObject({
      message: 'The sign-in was cancelled because another sign-in started.',
    });
    pending[2]!.resolve(account);
    expect((await flows.wait(third.flowId)).account).toEqual(account);
  });

  it('a browser sign-in left unfinished is given up, saying why', async () => {
    const { tokens } = fakeTokens();
    const flows = new SignInFlows({ tokens, openBrowser: async () => {}, browserTimeoutMs: 20 });
    const flow = await flows.start(profile(), 'browser');
    await expect(flows.wait(flow.flowId)).rejects.toMatchObject({
      code: 'SIGN_IN_EXPIRED',
      message: 'The browser sign-in was not finished within 1 minute.',
    });
  });

  it('a sign-in that fails before the person has anything to do fails start itself', async () => {
    const flows = new SignInFlows({
      tokens: {
        signInInteractive: () => Promise.reject(new AppError('TOKEN_REQUEST_FAILED', 'Tenant not found.')),
        signInWithDeviceCode: () => Promise.reject(new AppError('TOKEN_REQUEST_FAILED', 'Tenant not found.')),
      },
      openBrowser: async () => {},
    });
    await expect(flows.start(profile(), 'browser')).rejects.toMatchObject({ message: 'Tenant not found.' });
    await expect(flows.start(profile(), 'device-code')).rejects.toMatchObject({
      message: 'Tenant not found.',
    });
  });
});
