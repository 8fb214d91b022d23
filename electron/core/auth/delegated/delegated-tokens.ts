import http from 'node:http';
import {
  type AccountInfo,
  type AuthenticationResult,
  type Configuration,
  type DeviceCodeRequest,
  type INetworkModule,
  PublicClientApplication,
} from '@azure/msal-node';
import type { SignedInAccount } from '../../../../shared/model';
import type { Profile } from '../../../../shared/profile';
import { AppError } from '../../common/app-error';
import type { SecretStore } from '../../secrets/secret-store';
import type { AadstsContext } from '../aadsts';
import { chooseProxy, identityNetwork, type IdentityNetworkOptions } from '../network';
import { tokenFingerprint } from '../redact';
import {
  type AccessToken,
  aadstsContextOf,
  type CredentialFacts,
  fetchAuthorityMetadata,
  type TokenSource,
  TokenRequestError,
} from '../token-provider';
import { type EntraErrorTap, tapEntraErrors } from './entra-error-tap';
import { cachedAccounts, keychainTokenCache } from './keychain-token-cache';
import { cancelled, notSignedIn, toSignInError } from './sign-in-errors';
import { signInIdentity, type SignInIdentity } from './sign-in-identity';

/**
 * Delegated access: a person signs in with their own Microsoft 365 account, and Mailscope opens
 * the shared mailboxes that account has FullAccess on (XOAUTH2 with `user=` the shared mailbox and
 * the person's token). One MSAL PublicClientApplication per sign-in (see sign-in-identity.ts), its
 * token cache in the keychain (keychain-token-cache.ts).
 *
 * - Sign-in: in the system browser (`acquireTokenInteractive`: MSAL's loopback redirect on
 *   127.0.0.1 and PKCE, `prompt=select_account`), or with a device code. Never a window of ours.
 * - Tokens: `acquireTokenSilent`, which refreshes with the refresh token when the access token is
 *   (nearly) expired, without the person.
 * - One account per sign-in: signing in as someone else replaces the previous account.
 * - Sign-out deletes the keychain entry: the account and every token of it.
 *
 * Calls that touch one sign-in's cache run one at a time, so two refreshes never race to rotate
 * the same refresh token.
 */

export interface DelegatedTokensOptions extends IdentityNetworkOptions {
  secrets: SecretStore;
}

export interface DeviceCodeInfo {
  userCode: string;
  verificationUri: string;
  expiresAt: Date;
}

interface Client {
  signature: string;
  pca: PublicClientApplication;
  tap: EntraErrorTap;
}

/** Shown in the browser tab once the sign-in is over; plain text, nothing loaded from anywhere. */
const SUCCESS_PAGE = page(
  'Signed in to Mailscope',
  'You are signed in. You can close this tab and go back to Mailscope.',
);
const ERROR_PAGE = page(
  'Mailscope sign-in did not finish',
  'Mailscope did not sign you in. Go back to Mailscope: it says why and what to do.',
);

export class DelegatedTokens implements TokenSource {
  private readonly clients = new Map<string, Promise<Client>>();
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly secrets: SecretStore;
  private readonly env: Readonly<Record<string, string | undefined>>;
  private readonly makeNetworkClient: (proxy: string | undefined) => INetworkModule;

  constructor(options: DelegatedTokensOptions) {
    this.secrets = options.secrets;
    this.env = options.env ?? process.env;
    this.makeNetworkClient = identityNetwork(options);
  }

  /** A valid token of the signed-in person for the profile's protocol; refreshed silently when due. */
  getToken(profile: Profile, options: { forceRefresh?: boolean } = {}): Promise<AccessToken> {
    const identity = signInIdentity(profile);
    return this.serially(identity.id, async () => {
      // Nobody signed in is the answer even when the identity platform is out of reach.
      if (!(await this.account(profile))) throw notSignedIn(profile);
      const ctx = this.context(profile);
      const client = await this.client(profile, identity, ctx);
      const account = (await client.pca.getTokenCache().getAllAccounts())[0];
      if (!account) throw notSignedIn(profile);
      client.tap.clear();
      let result: AuthenticationResult;
      try {
        result = await client.pca.acquireTokenSilent({
          account,
          scopes: [identity.scope],
          forceRefresh: options.forceRefresh ?? false,
        });
      } catch (error) {
        throw toSignInError(error, ctx, client.tap);
      }
      return toAccessToken(result);
    });
  }

  /** Who is signed in for the profile's sign-in, read from the keychain; null when nobody is. */
  async account(profile: Profile): Promise<SignedInAccount | null> {
    const stored = await this.secrets.get(signInIdentity(profile).id, 'token-cache');
    const [first] = cachedAccounts(stored);
    return first ? { username: first.username, name: first.name } : null;
  }

  async describeCredential(profile: Profile): Promise<CredentialFacts> {
    const account = await this.account(profile);
    return { kind: 'delegated', account: account?.username ?? null };
  }

  /**
   * Signs the person in through the system browser. `openBrowser` gets MSAL's sign-in URL (its
   * redirect is MSAL's loopback listener on 127.0.0.1). Aborting `signal` ends the wait at once by
   * answering that listener with `access_denied`, which is what a Cancel in the browser does.
   */
  signInInteractive(
    profile: Profile,
    options: { openBrowser: (url: string) => Promise<void>; signal: AbortSignal },
  ): Promise<SignedInAccount> {
    return this.signIn(profile, options.signal, (client, identity) => {
      let listener: URL | undefined;
      const stop = () => {
        if (listener)
          void answerLoopback(listener, 'access_denied', 'The sign-in was cancelled in Mailscope.');
      };
      const run = () =>
        client.pca.acquireTokenInteractive({
          scopes: [identity.scope, 'offline_access'],
          prompt: 'select_account',
          successTemplate: SUCCESS_PAGE,
          errorTemplate: ERROR_PAGE,
          openBrowser: async (url) => {
            listener = loopbackOf(url);
            if (options.signal.aborted) return stop();
            await options.openBrowser(url);
          },
        });
      return { stop, run };
    });
  }

  /** Signs the person in with a device code, entered on another page or device. */
  signInWithDeviceCode(
    profile: Profile,
    options: { onCode: (code: DeviceCodeInfo) => void; signal: AbortSignal },
  ): Promise<SignedInAccount> {
    return this.signIn(profile, options.signal, (client, identity) => {
      client.tap.clear();
      // MSAL polls with this very object and stops at its next poll once `cancel` is set.
      const request: DeviceCodeRequest = {
        scopes: [identity.scope, 'offline_access'],
        deviceCodeCallback: (response) =>
          options.onCode({
            userCode: response.userCode,
            verificationUri: response.verificationUri,
            expiresAt: new Date(Date.now() + response.expiresIn * 1000),
          }),
      };
      const stop = () => {
        request.cancel = true;
      };
      const run = async () => {
        const result = await client.pca.acquireTokenByDeviceCode(request);
        if (!result) throw cancelled('before the code was used');
        return result;
      };
      return { stop, run };
    });
  }

  /**
   * One sign-in, whichever way the person gives it: `flow` says how to ask MSAL (`run`) and how to
   * end its wait (`stop`, called when `signal` aborts). The answer becomes the sign-in; a failure
   * is explained, or is the abort's reason when the user cancelled.
   */
  private async signIn(
    profile: Profile,
    signal: AbortSignal,
    flow: (
      client: Client,
      identity: SignInIdentity,
    ) => { stop: () => void; run: () => Promise<AuthenticationResult> },
  ): Promise<SignedInAccount> {
    const identity = signInIdentity(profile);
    const ctx = this.context(profile);
    const client = await this.client(profile, identity, ctx);
    const { stop, run } = flow(client, identity);
    signal.addEventListener('abort', stop, { once: true });
    try {
      return await this.adopt(identity, client, await run());
    } catch (error) {
      if (signal.aborted) throw abortReason(signal);
      throw toSignInError(error, ctx, client.tap);
    } finally {
      signal.removeEventListener('abort', stop);
    }
  }

  /** Removes the sign-in of the profile (and of every profile sharing it): account and tokens. */
  signOut(profile: Profile): Promise<boolean> {
    return this.forget(signInIdentity(profile).id);
  }

  /** Removes a sign-in by id (when the last profile using it is removed, say). */
  forget(signInId: string): Promise<boolean> {
    return this.serially(signInId, async () => {
      this.clients.delete(signInId);
      return this.secrets.delete(signInId, 'token-cache');
    });
  }

  /** The account MSAL signed in becomes the only one of the sign-in. */
  private adopt(identity: SignInIdentity, client: Client, result: AuthenticationResult) {
    return this.serially(identity.id, async () => {
      const current = await this.clients.get(identity.id)?.catch(() => undefined);
      if (current !== client) {
        // Signed out while the browser was open: do not bring the tokens back.
        await this.secrets.delete(identity.id, 'token-cache');
        throw cancelled('by signing out');
      }
      const account: AccountInfo | null = result.account;
      if (!account) throw cancelled('without an account');
      const cache = client.pca.getTokenCache();
      for (const other of await cache.getAllAccounts()) {
        if (other.homeAccountId !== account.homeAccountId) await cache.removeAccount(other);
      }
      return { username: account.username, name: account.name ?? null };
    });
  }

  private context(profile: Profile): AadstsContext {
    return aadstsContextOf(profile, { kind: 'delegated', account: null });
  }

  private client(profile: Profile, identity: SignInIdentity, ctx: AadstsContext): Promise<Client> {
    const proxy = chooseProxy(profile.proxy, identity.authorityHost, this.env);
    const signature = JSON.stringify([proxy ?? null]);
    const existing = this.clients.get(identity.id);
    if (existing) {
      return existing.then((client) =>
        client.signature === signature ? client : this.createClient(identity, proxy, signature, ctx),
      );
    }
    return this.createClient(identity, proxy, signature, ctx);
  }

  private createClient(
    identity: SignInIdentity,
    proxy: string | undefined,
    signature: string,
    ctx: AadstsContext,
  ): Promise<Client> {
    const created = (async (): Promise<Client> => {
      const tap = tapEntraErrors(this.makeNetworkClient(proxy));
      const auth: Configuration['auth'] = { clientId: identity.clientId, authority: identity.authority };
      if (identity.custom) {
        // As for app-only tokens: MSAL must not ask login.microsoftonline.com about another host.
        auth.knownAuthorities = [identity.authorityHost];
        try {
          auth.authorityMetadata = await fetchAuthorityMetadata(tap, identity.authority);
        } catch (error) {
          throw toSignInError(error, ctx, tap);
        }
      }
      const pca = new PublicClientApplication({
        auth,
        cache: { cachePlugin: keychainTokenCache(this.secrets, identity.id) },
        system: { networkClient: tap },
      });
      return { signature, pca, tap };
    })();
    this.clients.set(identity.id, created);
    // A failed start (identity platform unreachable) must not stick: the next call tries again.
    created.catch(() => {
      if (this.clients.get(identity.id) === created) this.clients.delete(identity.id);
    });
    return created;
  }

  /** Runs `task` after every earlier task of the same sign-in has finished. */
  private serially<T>(signInId: string, task: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(signInId) ?? Promise.resolve();
    const run = previous.then(task, task);
    const settled = run.catch(() => undefined);
    this.queues.set(signInId, settled);
    void settled.then(() => {
      if (this.queues.get(signInId) === settled) this.queues.delete(signInId);
    });
    return run;
  }
}

/** Why the caller stopped the sign-in (cancelled, timed out), or a plain cancellation. */
function abortReason(signal: AbortSignal): AppError {
  const reason: unknown = signal.reason;
  return reason instanceof AppError ? reason : cancelled('in Mailscope');
}

function toAccessToken(result: AuthenticationResult): AccessToken {
  if (!result.accessToken) {
    throw new TokenRequestError(
      { kind: 'client', error: 'empty_response', description: 'no access token in the response' },
      'Microsoft Entra answered without an access token.',
      'Try again; if it keeps happening, sign out and sign in again.',
    );
  }
  return {
    accessToken: result.accessToken,
    expiresOn: result.expiresOn ?? new Date(Date.now() + 3_600_000),
    fingerprint: tokenFingerprint(result.accessToken),
    fromCache: result.fromCache,
  };
}

/** MSAL's listener from the sign-in URL: its redirect URI and the state it waits for. */
function loopbackOf(signInUrl: string): URL | undefined {
  try {
    const url = new URL(signInUrl);
    const redirect = new URL(url.searchParams.get('redirect_uri') ?? '');
    const state = url.searchParams.get('state');
    if (redirect.protocol !== 'http:' || !state) return undefined;
    // MSAL names it localhost but listens on 127.0.0.1; localhost may resolve to ::1 first.
    redirect.hostname = '127.0.0.1';
    redirect.searchParams.set('state', state);
    return redirect;
  } catch {
    return undefined;
  }
}

/** Answers MSAL's loopback listener as the identity platform would (form_post), ending its wait. */
function answerLoopback(listener: URL, error: string, description: string): Promise<void> {
  const body = new URLSearchParams({
    error,
    error_description: description,
    state: listener.searchParams.get('state') ?? '',
  }).toString();
  return new Promise((resolve) => {
    const req = http.request(
      { host: listener.hostname, port: listener.port, path: '/', method: 'POST', timeout: 5000 },
      (res) => {
        res.resume();
        res.on('end', () => resolve());
      },
    );
    req.setHeader('content-type', 'application/x-www-form-urlencoded');
    req.setHeader('content-length', Buffer.byteLength(body));
    // The listener may already be closed (the sign-in just finished): nothing to cancel then.
    req.on('error', () => resolve());
    req.on('timeout', () => req.destroy());
    req.end(body);
  });
}

function page(title: string, text: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body style="font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;line-height:1.5"><h1 style="font-size:1.4rem">${title}</h1><p>${text}</p></body></html>`;
}
