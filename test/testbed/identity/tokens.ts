/**
 * Token minting and checking for the fake platform. Access tokens for Exchange are v1.0-format
 * JWTs (that is what Entra issues for the `https://outlook.office365.com` resource, whatever the
 * endpoint version), RS256-signed with a per-run key published in the JWKS.
 */
import { createHash, generateKeyPair, randomUUID, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { exportJWK, jwtVerify, SignJWT, type JWK, type JWTPayload } from 'jose';
import { CONTOSO, EXCHANGE_RESOURCE } from './scenario';

const generateKeyPairAsync = promisify(generateKeyPair);

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  jwk: JWK;
}

export async function createSigningKey(): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPairAsync('rsa', { modulusLength: 2048 });
  const spki = publicKey.export({ format: 'der', type: 'spki' });
  // Entra's kid and x5t are the base64url SHA-1 of the signing certificate; a key hash serves the same purpose.
  const kid = createHash('sha1').update(spki).digest('base64url');
  const jwk = { ...(await exportJWK(publicKey)), kid, x5t: kid, use: 'sig', alg: 'RS256' };
  return { kid, privateKey, publicKey, jwk };
}

export function issuerFor(tenantId: string): string {
  return `https://sts.windows.net/${tenantId}/`;
}

export interface AccessTokenClaims extends JWTPayload {
  aud: string;
  iss: string;
  tid: string;
  appid: string;
  oid: string;
  sub: string;
  roles?: string[];
  scp?: string;
  upn?: string;
}

export interface MintOptions {
  claims: Omit<AccessTokenClaims, 'iat' | 'nbf' | 'exp'> & Record<string, unknown>;
  lifetimeSeconds: number;
  /** Shift iat/nbf/exp (seconds) to make expired or not-yet-valid tokens in tests. */
  shiftSeconds?: number;
  /** Sign with another key to make a token with a bad signature. */
  key?: SigningKey;
}

export async function mintJwt(key: SigningKey, opts: MintOptions): Promise<string> {
  const now = Math.floor(Date.now() / 1000) + (opts.shiftSeconds ?? 0);
  return new SignJWT({
    ...opts.claims,
    iat: now,
    nbf: now,
    exp: now + opts.lifetimeSeconds,
    uti: randomUUID(),
    ver: '1.0',
  })
    .setProtectedHeader({ typ: 'JWT', alg: 'RS256', kid: (opts.key ?? key).kid, x5t: (opts.key ?? key).kid })
    .sign((opts.key ?? key).privateKey);
}

export function appTokenClaims(input: {
  tenantId: string;
  clientId: string;
  appName: string;
  spObjectId: string;
  roles: string[];
  appidacr: '1' | '2';
}): MintOptions['claims'] {
  const iss = issuerFor(input.tenantId);
  return {
    aud: EXCHANGE_RESOURCE,
    iss,
    idp: iss,
    tid: input.tenantId,
    appid: input.clientId,
    app_displayname: input.appName,
    appidacr: input.appidacr,
    idtyp: 'app',
    oid: input.spObjectId,
    sub: input.spObjectId,
    // Entra omits `roles` entirely when no application permission is granted.
    ...(input.roles.length ? { roles: input.roles } : {}),
  };
}

export function userTokenClaims(input: {
  tenantId: string;
  clientId: string;
  appName: string;
  userObjectId: string;
  upn: string;
  name: string;
  scopes: string[];
}): MintOptions['claims'] {
  const iss = issuerFor(input.tenantId);
  return {
    aud: EXCHANGE_RESOURCE,
    iss,
    idp: iss,
    tid: input.tenantId,
    appid: input.clientId,
    app_displayname: input.appName,
    appidacr: '0',
    idtyp: 'user',
    amr: ['pwd'],
    oid: input.userObjectId,
    // Entra's `sub` is pairwise (per app); a hash keeps that property.
    sub: createHash('sha256')
      .update(`${input.clientId}:${input.userObjectId}`)
      .digest('base64url')
      .slice(0, 43),
    upn: input.upn,
    unique_name: input.upn,
    name: input.name,
    scp: input.scopes.join(' '),
  };
}

export type VerifyResult = { ok: true; claims: AccessTokenClaims } | { ok: false; reason: string };

/** What Exchange checks before it looks at roles and mailbox permissions. */
export async function verifyExchangeToken(
  key: SigningKey,
  token: string,
  knownTenantIds: ReadonlySet<string>,
): Promise<VerifyResult> {
  let payload: JWTPayload;
  try {
    // No clock skew allowance (Exchange allows a few minutes): tests that shorten token lifetimes
    // to seconds must see expiry exactly when `exp` passes.
    ({ payload } = await jwtVerify(token, key.publicKey, { algorithms: ['RS256'], clockTolerance: 0 }));
  } catch (e) {
    return { ok: false, reason: e instanceof Error ? e.message : 'invalid token' };
  }
  const { aud, iss, tid, appid, oid, sub } = payload;
  if (aud !== EXCHANGE_RESOURCE) return { ok: false, reason: `wrong audience ${JSON.stringify(aud)}` };
  if (typeof tid !== 'string' || !knownTenantIds.has(tid)) return { ok: false, reason: 'unknown tenant' };
  if (iss !== issuerFor(tid)) return { ok: false, reason: `wrong issuer ${String(iss)}` };
  if (typeof appid !== 'string' || typeof oid !== 'string' || typeof sub !== 'string') {
    return { ok: false, reason: 'missing appid/oid/sub' };
  }
  const roles = Array.isArray(payload['roles'])
    ? payload['roles'].filter((r): r is string => typeof r === 'string')
    : undefined;
  const scp = typeof payload['scp'] === 'string' ? payload['scp'] : undefined;
  const upn = typeof payload['upn'] === 'string' ? payload['upn'] : undefined;
  return { ok: true, claims: { ...payload, aud, iss, tid, appid, oid, sub, roles, scp, upn } };
}

/** The claims Entra gives the contoso reader app, for tests that mint its tokens directly. */
export function readerClaims(roles: readonly string[]): MintOptions['claims'] {
  return appTokenClaims({
    tenantId: CONTOSO.tenantId,
    clientId: CONTOSO.readerClientId,
    appName: 'Mailscope Reader',
    spObjectId: CONTOSO.readerSpObjectId,
    roles: [...roles],
    appidacr: '1',
  });
}
