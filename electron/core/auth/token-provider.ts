import {
  AuthError,
  ConfidentialClientApplication,
  type Configuration,
  type INetworkModule,
} from '@azure/msal-node';
import { z } from 'zod';
import type { ErrorCode } from '../../../shared/errors';
import { AppError } from '../common/app-error';
import { effectiveEndpoints, type Profile } from '../../../shared/profile';
import type { SecretStore } from '../secrets/secret-store';
import { requireBoundSecret } from '../secrets/secret-binding';
import { aadstsCode, type AadstsContext, delegatedErrorCode, explainAadsts } from './aadsts';
import {
  chooseProxy,
  identityNetwork,
  type IdentityNetworkOptions,
  TransportError,
  type TransportFailure,
} from './network';
import { tokenFingerprint } from './redact';

/**
 * App-only (client credentials) access tokens for Exchange Online IMAP/POP, one
 * ConfidentialClientApplication per profile. Tokens live in this object's memory and nowhere
 * else: MSAL gets no cache plugin, and our own cache is a field. A token is reused until shortly
 * before it expires, and concurrent callers of one profile share a single request, so opening
 * twenty folders at once asks Entra once.
 */

export interface AccessToken {
  /** The bearer token: for the SASL exchange only, never for logs, IPC or disk. */
  accessToken: string;
  expiresOn: Date;
  /** First 12 hex digits of the token's SHA-256: safe to show. */
  fingerprint: string;
  /** True if it came from the in-memory cache rather than a new request. */
  fromCache: boolean;
}

/**
 * Anything that hands out tokens for a profile: this provider (app-only), the delegated sign-in,
 * both behind `tokensByCredential`, or a test's stand-in.
 */
export interface TokenSource {
  getToken(profile: Profile, options?: { forceRefresh?: boolean }): Promise<AccessToken>;
}

/** Public facts about a profile's credential; never the credential. */
export type CredentialFacts =
  | { kind: 'client-secret'; stored: boolean; looksLikeSecretId: boolean; length: number }
  | {
      kind: 'certificate';
      stored: boolean;
      thumbprintSha1: string | null;
      thumbprintSha256: string | null;
      subject: string | null;
      notAfter: string | null;
    }
  | {
      kind: 'delegated';
      /** The signed-in person's sign-in name, or null when nobody is signed in. */
      account: string | null;
    };

export interface TokenProviderOptions extends IdentityNetworkOptions {
  secrets: SecretStore;
  /** Renew this long before expiry (default 5 minutes; at most half the token's lifetime). */
  refreshAheadMs?: number;
  /** Clock in ms since the epoch; tests move it. */
  now?: () => number;
}

export type TokenFailure =
  | { kind: 'aadsts'; code: number; error: string; description: string }
  | { kind: 'transport'; failure: TransportFailure }
  | { kind: 'credential'; reason: 'secret-missing' | 'certificate-missing' | 'not-signed-in' }
  | { kind: 'client'; error: string; description: string };

/**
 * A token request that failed, with what diagnostics need to explain it. The message and hint
 * are already phrased for people (from the AADSTS table where there is a code).
 */
export class TokenRequestError extends AppError {
  constructor(
    readonly failure: TokenFailure,
    message: string,
    hint: string,
    /** `code` overrides the one the failure implies (a delegated sign-in's CONSENT_REQUIRED, say). */
    options?: { cause?: unknown; code?: ErrorCode; url?: string },
  ) {
    super(options?.code ?? codeFor(failure), message, hint, {
      cause: options?.cause,
      ...(options?.url ? { url: options.url } : {}),
    });
    this.name = 'TokenRequestError';
  }
}

function codeFor(failure: TokenFailure): ErrorCode {
  if (failure.kind !== 'credential') return 'TOKEN_REQUEST_FAILED';
  return failure.reason === 'not-signed-in' ? 'SIGN_IN_REQUIRED' : 'SECRET_MISSING';
}

interface Cached {
  token: Omit<AccessToken, 'fromCache'>;
  refreshAt: number;
}

interface Entry {
  signature: string;
  cca: ConfidentialClientApplication | undefined;
  cached: Cached | undefined;
  inflight: Promise<AccessToken> | undefined;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Below this remaining validity a cached token is not handed out even if a refresh failed. */
const MIN_VALIDITY_MS = 60_000;

/** Entra's error body (the subset we read) when it comes from our own metadata fetch. */
const EntraErrorBody = z.object({
  error: z.string(),
  error_description: z.string().default(''),
  error_codes: z.array(z.number()).optional(),
});

export class TokenProvider implements TokenSource {
  private readonly entries = new Map<string, Entry>();
  private readonly secrets: SecretStore;
  private readonly refreshAheadMs: number;
  private readonly now: () => number;
  private readonly env: Readonly<Record<string, string | undefined>>;
  private readonly makeNetworkClient: (proxy: string | undefined) => INetworkModule;

  constructor(options: TokenProviderOptions) {
    this.secrets = options.secrets;
    this.refreshAheadMs = options.refreshAheadMs ?? 5 * 60_000;
    this.now = options.now ?? Date.now;
    this.env = options.env ?? process.env;
    this.makeNetworkClient = identityNetwork(options);
  }

  /**
   * A valid token for the profile: from memory while it is not about to expire, else from Entra.
   * `forceRefresh` skips the cache (diagnostics want a real request).
   */
  getToken(profile: Profile, options: { forceRefresh?: boolean } = {}): Promise<AccessToken> {
    const entry = this.entryFor(profile);
    const cached = entry.cached;
    if (!options.forceRefresh && cached && this.now() < cached.refreshAt) {
      return Promise.resolve({ ...cached.token, fromCache: true });
    }
    if (entry.inflight) return entry.inflight;
    const request = this.request(entry, profile)
      .then((token) => {
        const obtained = this.now();
        const lifetime = token.expiresOn.getTime() - obtained;
        const ahead = Math.min(this.refreshAheadMs, Math.max(0, lifetime / 2));
        entry.cached = { token, refreshAt: token.expiresOn.getTime() - ahead };
        return { ...token, fromCache: false };
      })
      .catch((error: unknown) => {
        // A refresh ahead of expiry that fails is not yet a problem: keep using the old token.
        if (
          !options.forceRefresh &&
          cached &&
          cached.token.expiresOn.getTime() - this.now() > MIN_VALIDITY_MS
        ) {
          return { ...cached.token, fromCache: true };
        }
        throw error;
      })
      .finally(() => {
        entry.inflight = undefined;
      });
    entry.inflight = request;
    return request;
  }

  /** Forget the profile's token and client (after its secret, certificate or settings changed). */
  invalidate(profileId: string): void {
    this.entries.delete(profileId);
  }

  /** Forget everything (sign-out of all, app quit). */
  clear(): void {
    this.entries.clear();
  }

  /** What kind of credential the profile has and whether it is stored; never the credential. */
  async describeCredential(profile: Profile): Promise<CredentialFacts> {
    if (profile.credential === 'delegated') return { kind: 'delegated', account: null };
    if (profile.credential === 'client-secret') {
      const secret = await this.secrets.get(profile.id, 'client-secret');
      return {
        kind: 'client-secret',
        stored: secret !== null && secret.length > 0,
        looksLikeSecretId: secret !== null && GUID.test(secret.trim()),
        length: secret?.length ?? 0,
      };
    }
    const key = await this.secrets.get(profile.id, 'certificate-key');
    const certificate = profile.certificate;
    return {
      kind: 'certificate',
      stored: key !== null && certificate !== undefined,
      thumbprintSha1: certificate?.thumbprintSha1.toUpperCase() ?? null,
      thumbprintSha256: certificate?.thumbprintSha256 ?? null,
      subject: certificate?.subject ?? null,
      notAfter: certificate?.notAfter ?? null,
    };
  }

  private entryFor(profile: Profile): Entry {
    const signature = JSON.stringify([
      profile.clientId,
      profile.tenant,
      profile.cloud,
      profile.credential,
      profile.certificate?.thumbprintSha256 ?? null,
      profile.proxy ?? null,
    ]);
    const existing = this.entries.get(profile.id);
    if (existing && existing.signature === signature) return existing;
    const entry: Entry = { signature, cca: undefined, cached: undefined, inflight: undefined };
    this.entries.set(profile.id, entry);
    return entry;
  }

  private async request(entry: Entry, profile: Profile): Promise<Omit<AccessToken, 'fromCache'>> {
    // The last gate before a stored secret leaves: only to where it was entered for.
    await requireBoundSecret(this.secrets, profile.id, profile, profile);
    const endpoints = effectiveEndpoints(profile);
    const context = await this.aadstsContext(profile);
    try {
      entry.cca ??= await this.createClient(profile);
      // Our cache decides when to renew; MSAL's would renew on its own schedule and not share requests.
      const result = await entry.cca.acquireTokenByClientCredential({
        scopes: [endpoints.scope],
        skipCache: true,
      });
      if (!result?.accessToken) {
        throw new TokenRequestError(
          { kind: 'client', error: 'empty_response', description: 'no access token in the response' },
          'Microsoft Entra answered without an access token.',
          'Try again; if it keeps happening, check the proxy between this computer and Microsoft.',
        );
      }
      const expiresOn = result.expiresOn ?? new Date(this.now() + 3_600_000);
      return {
        accessToken: result.accessToken,
        expiresOn,
        fingerprint: tokenFingerprint(result.accessToken),
      };
    } catch (error) {
      throw toTokenRequestError(error, context);
    }
  }

  private async createClient(profile: Profile): Promise<ConfidentialClientApplication> {
    const endpoints = effectiveEndpoints(profile);
    const proxy = chooseProxy(profile.proxy, endpoints.authorityHost, this.env);
    const networkClient = this.makeNetworkClient(proxy);
    const auth: Configuration['auth'] = { clientId: profile.clientId, authority: endpoints.authority };
    if (profile.cloud.kind === 'custom') {
      // MSAL only knows Microsoft's own hosts; any other authority must be declared and described,
      // or MSAL asks login.microsoftonline.com about it (see test/testbed/README.md).
      auth.knownAuthorities = [endpoints.authorityHost];
      auth.authorityMetadata = await fetchAuthorityMetadata(networkClient, endpoints.authority);
    }
    if (profile.credential === 'client-secret') {
      const secret = await this.secrets.get(profile.id, 'client-secret');
      if (!secret) {
        throw new TokenRequestError(
          { kind: 'credential', reason: 'secret-missing' },
          'No client secret is stored for this mailbox.',
          'Edit the mailbox and paste the client secret’s Value (not its Secret ID).',
        );
      }
      auth.clientSecret = secret.trim();
    } else if (profile.credential === 'certificate') {
      const privateKey = await this.secrets.get(profile.id, 'certificate-key');
      if (!privateKey || !profile.certificate) {
        throw new TokenRequestError(
          { kind: 'credential', reason: 'certificate-missing' },
          'No certificate is stored for this mailbox.',
          'Edit the mailbox and import the app certificate with its private key (PEM or PFX).',
        );
      }
      auth.clientCertificate = {
        thumbprintSha256: profile.certificate.thumbprintSha256,
        privateKey,
        x5c: profile.certificate.chainPem,
      };
    } else {
      // Delegated profiles get their tokens from the person's sign-in (DelegatedTokens); reaching
      // here means the caller picked the wrong source.
      throw new TokenRequestError(
        {
          kind: 'client',
          error: 'delegated_profile',
          description: 'app-only request for a delegated profile',
        },
        'This mailbox signs in as a person, not with an app credential.',
        'Sign in on the mailbox’s page.',
      );
    }
    return new ConfidentialClientApplication({ auth, system: { networkClient } });
  }

  private async aadstsContext(profile: Profile): Promise<AadstsContext> {
    return aadstsContextOf(profile, await this.describeCredential(profile).catch(() => undefined));
  }
}

/** What the AADSTS explanations need to name the exact fix for this profile and its credential. */
export function aadstsContextOf(profile: Profile, facts: CredentialFacts | undefined): AadstsContext {
  const endpoints = effectiveEndpoints(profile);
  return {
    tenant: profile.tenant,
    clientId: profile.clientId,
    scope: endpoints.scope,
    resource: endpoints.resource,
    authorityHost: endpoints.authorityHost,
    credential: profile.credential,
    ...(facts?.kind === 'certificate' && facts.thumbprintSha1
      ? { certificateThumbprint: facts.thumbprintSha1 }
      : {}),
    ...(facts?.kind === 'client-secret' ? { secretLooksLikeId: facts.looksLikeSecretId } : {}),
  };
}

/** The OpenID configuration of a custom authority, as MSAL's `authorityMetadata` string. */
export async function fetchAuthorityMetadata(network: INetworkModule, authority: string): Promise<string> {
  const response = await network.sendGetRequestAsync<unknown>(
    `${authority}/v2.0/.well-known/openid-configuration`,
  );
  const entra = EntraErrorBody.safeParse(response.body);
  if (entra.success) {
    // Entra answers an unknown tenant here with AADSTS90002, as its token endpoint would.
    const code = entra.data.error_codes?.[0] ?? aadstsCode(entra.data.error_description);
    if (code !== undefined) {
      throw Object.assign(new Error(entra.data.error_description), {
        entra: { code, error: entra.data.error, description: entra.data.error_description },
      });
    }
  }
  if (response.status !== 200 || typeof response.body !== 'object' || response.body === null) {
    throw new TokenRequestError(
      { kind: 'client', error: 'openid_config_error', description: `HTTP ${response.status}` },
      `The identity platform did not describe itself (HTTP ${response.status} for its OpenID configuration).`,
      'Check the profile’s authority host and tenant.',
    );
  }
  return JSON.stringify(response.body);
}

const EntraTagged = z.object({
  entra: z.object({ code: z.number(), error: z.string(), description: z.string() }),
});

/** Any failure of a token request as a TokenRequestError with a message and a fix. */
export function toTokenRequestError(error: unknown, ctx: AadstsContext): TokenRequestError {
  if (error instanceof TokenRequestError) return error;
  if (error instanceof TransportError) {
    const { failure } = error;
    return new TokenRequestError(
      { kind: 'transport', failure },
      `Mailscope could not reach ${failure.viaProxy ? 'the proxy' : failure.url} (${failure.code}).`,
      failure.viaProxy
        ? 'Check the proxy address in the profile or in HTTPS_PROXY.'
        : 'Check the network connection, the proxy settings and the firewall.',
      { cause: error },
    );
  }
  const tagged = EntraTagged.safeParse(error);
  const aadsts = tagged.success
    ? tagged.data.entra
    : error instanceof AuthError
      ? fromMsal(error)
      : undefined;
  if (aadsts) {
    const explained = explainAadsts(aadsts.code, aadsts.description, ctx);
    const delegatedCode = ctx.credential === 'delegated' ? delegatedErrorCode(aadsts.code) : undefined;
    return new TokenRequestError(
      { kind: 'aadsts', ...aadsts },
      `AADSTS${aadsts.code}: ${explained.cause}`,
      explained.fix,
      {
        cause: error,
        ...(delegatedCode ? { code: delegatedCode } : {}),
        ...(explained.url ? { url: explained.url } : {}),
      },
    );
  }
  if (error instanceof AuthError) {
    return new TokenRequestError(
      { kind: 'client', error: error.errorCode, description: error.errorMessage },
      `The token request failed before reaching Microsoft Entra (${error.errorCode}).`,
      error.errorCode === 'invalid_private_key' || /private ?key|pem/i.test(error.errorMessage)
        ? 'Import the app certificate again with its private key.'
        : 'Check the profile’s tenant, client ID and credential.',
      { cause: error },
    );
  }
  return new TokenRequestError(
    {
      kind: 'client',
      error: 'unexpected',
      description: error instanceof Error ? error.message : String(error),
    },
    'The token request failed unexpectedly.',
    'Try again; if it keeps happening, report it.',
    { cause: error },
  );
}

function fromMsal(error: AuthError): { code: number; error: string; description: string } | undefined {
  const errorNo = 'errorNo' in error ? Number((error as { errorNo?: unknown }).errorNo) : Number.NaN;
  const code = Number.isFinite(errorNo) && errorNo > 0 ? errorNo : aadstsCode(error.errorMessage);
  if (code === undefined) return undefined;
  return { code, error: error.errorCode, description: error.errorMessage };
}
