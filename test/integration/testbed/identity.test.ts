/**
 * The fake identity platform, driven only through @azure/msal-node (as the app will drive Entra).
 */
import {
  ConfidentialClientApplication,
  InteractionRequiredAuthError,
  PublicClientApplication,
  ServerError,
  type Configuration,
} from '@azure/msal-node';
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import https from 'node:https';
import { createLocalJWKSet, decodeJwt, jwtVerify, type JSONWebKeySet } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTOSO, contoso, start, type Testbed } from '../../testbed/index';
import { EXCHANGE_RESOURCE } from '../../testbed/identity/scenario';

const EXCHANGE_DEFAULT = `${EXCHANGE_RESOURCE}/.default`;

let bed: Testbed;

beforeAll(async () => {
  bed = await start({ dovecot: false });
});
afterAll(async () => {
  await bed?.stop();
});

function confidential(
  auth: Partial<Configuration['auth']>,
  tenant = 'contoso',
): ConfidentialClientApplication {
  return new ConfidentialClientApplication({
    auth: { clientId: CONTOSO.readerClientId, ...bed.identity.msalAuthOptions(tenant), ...auth },
    system: { networkClient: bed.networkClient() },
  });
}

function readerCert() {
  const cert = bed.certificates.get(CONTOSO.readerCertificate);
  if (!cert) throw new Error('reader certificate missing');
  return cert;
}

/**
 * The MSAL error for a failing client-credentials request: a ServerError, or for consent errors its
 * sibling InteractionRequiredAuthError; both carry `errorNo` (the first of Entra's `error_codes`).
 */
async function failure(
  cca: ConfidentialClientApplication,
  scopes = [EXCHANGE_DEFAULT],
): Promise<ServerError | InteractionRequiredAuthError> {
  try {
    await cca.acquireTokenByClientCredential({ scopes });
  } catch (e) {
    if (e instanceof ServerError || e instanceof InteractionRequiredAuthError) return e;
    throw e;
  }
  throw new Error('expected MSAL to fail');
}

describe('client credentials through MSAL', () => {
  it('issues an app-only Exchange token for a client secret', async () => {
    const result = await confidential({
      clientSecret: CONTOSO.readerSecret.value,
    }).acquireTokenByClientCredential({ scopes: [EXCHANGE_DEFAULT] });
    const claims = decodeJwt(result?.accessToken ?? '');
    expect(claims).toMatchObject({
      aud: 'https://outlook.office365.com',
      iss: `https://sts.windows.net/${CONTOSO.tenantId}/`,
      tid: CONTOSO.tenantId,
      appid: CONTOSO.readerClientId,
      oid: CONTOSO.readerSpObjectId,
      sub: CONTOSO.readerSpObjectId,
      roles: ['IMAP.AccessAsApp', 'POP.AccessAsApp'],
      appidacr: '1',
    });
    expect(claims.exp! - claims.iat!).toBe(3600);
    expect(claims.nbf).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
  });

  it('issues a token for a certificate (SHA-256 thumbprint, PS256 assertion) and verifies the assertion', async () => {
    const cert = readerCert();
    const net = bed.networkClient();
    const cca = new ConfidentialClientApplication({
      auth: {
        clientId: CONTOSO.readerClientId,
        ...bed.identity.msalAuthOptions('contoso'),
        clientCertificate: { thumbprintSha256: cert.thumbprintSha256, privateKey: cert.keyPem },
      },
      system: { networkClient: net },
    });
    const result = await cca.acquireTokenByClientCredential({ scopes: [EXCHANGE_DEFAULT] });
    expect(decodeJwt(result?.accessToken ?? '')).toMatchObject({
      appid: CONTOSO.readerClientId,
      appidacr: '2',
    });
    // With msalAuthOptions MSAL calls nothing but the token endpoint (no real-cloud discovery).
    expect(net.calls.map((c) => new URL(c.url).pathname)).toEqual(['/contoso/oauth2/v2.0/token']);
  });

  it('issues a token for a certificate with the SHA-1 thumbprint (x5t, RS256)', async () => {
    const cert = readerCert();
    const result = await confidential({
      clientCertificate: { thumbprint: cert.thumbprintSha1, privateKey: cert.keyPem },
    }).acquireTokenByClientCredential({
      scopes: [EXCHANGE_DEFAULT],
    });
    expect(decodeJwt(result?.accessToken ?? '').appidacr).toBe('2');
  });

  it('reuses the cached token: 3 acquisitions, 1 token request', async () => {
    bed.identity.resetCounts();
    const cca = confidential({ clientSecret: CONTOSO.readerSecret.value });
    const tokens = new Set<string>();
    for (let i = 0; i < 3; i++) {
      const r = await cca.acquireTokenByClientCredential({ scopes: [EXCHANGE_DEFAULT] });
      tokens.add(r?.accessToken ?? '');
    }
    expect(tokens.size).toBe(1);
    expect(bed.identity.count('token:client_credentials')).toBe(1);
  });

  it('serves discovery and OpenID configuration when MSAL fetches them (no authorityMetadata)', async () => {
    bed.identity.resetCounts();
    const net = bed.networkClient();
    const cca = new ConfidentialClientApplication({
      auth: {
        clientId: CONTOSO.readerClientId,
        clientSecret: CONTOSO.readerSecret.value,
        authority: bed.identity.authority(CONTOSO.tenantId),
        knownAuthorities: [bed.identity.host],
      },
      system: { networkClient: net },
    });
    const r = await cca.acquireTokenByClientCredential({ scopes: [EXCHANGE_DEFAULT] });
    expect(r?.accessToken).toBeTruthy();
    expect(net.calls.map((c) => new URL(c.url).pathname)).toEqual([
      `/${CONTOSO.tenantId}/v2.0/.well-known/openid-configuration`,
      `/${CONTOSO.tenantId}/oauth2/v2.0/token`,
    ]);
    expect(bed.identity.count('openid-configuration')).toBe(1);
  });
});

describe('Entra errors reach the caller through MSAL with their AADSTS code', () => {
  const cases: {
    name: string;
    code: number;
    error: string;
    make: () => ConfidentialClientApplication;
    scopes?: string[];
  }[] = [
    {
      name: 'tenant not found',
      code: 90002,
      error: 'invalid_tenant',
      make: () => confidential({ clientSecret: CONTOSO.readerSecret.value }, 'fabrikam'),
    },
    {
      name: 'app not found in tenant',
      code: 700016,
      error: 'unauthorized_client',
      make: () => confidential({ clientId: '00000000-1111-2222-3333-444444444444', clientSecret: 'x' }),
    },
    {
      name: 'invalid client secret',
      code: 7000215,
      error: 'invalid_client',
      make: () => confidential({ clientSecret: 'not-the-secret' }),
    },
    {
      name: 'Secret ID sent instead of its Value',
      code: 7000215,
      error: 'invalid_client',
      make: () => confidential({ clientSecret: CONTOSO.readerSecret.id }),
    },
    {
      name: 'expired secret',
      code: 7000222,
      error: 'invalid_client',
      make: () => confidential({ clientSecret: CONTOSO.readerExpiredSecret.value }),
    },
    {
      name: 'assertion signed by a certificate the app does not have',
      code: 700027,
      error: 'invalid_client',
      make: () => {
        // The cert belongs to the reader app; the imap-only app has no certificate registered.
        const cert = readerCert();
        return confidential({
          clientId: CONTOSO.imapOnlyClientId,
          clientCertificate: { thumbprintSha256: cert.thumbprintSha256, privateKey: cert.keyPem },
        });
      },
    },
    {
      name: 'Graph scope (resource not served)',
      code: 70011,
      error: 'invalid_scope',
      make: () => confidential({ clientSecret: CONTOSO.readerSecret.value }),
      scopes: ['https://graph.microsoft.com/.default'],
    },
    {
      name: 'delegated-style scope on client credentials',
      code: 1002012,
      error: 'invalid_scope',
      make: () => confidential({ clientSecret: CONTOSO.readerSecret.value }),
      scopes: ['https://outlook.office365.com/IMAP.AccessAsApp'],
    },
    {
      name: 'admin consent missing',
      code: 65001,
      error: 'invalid_grant',
      make: () =>
        confidential({ clientId: CONTOSO.noConsentClientId, clientSecret: CONTOSO.noConsentSecret.value }),
    },
  ];

  for (const c of cases) {
    it(`${c.code}: ${c.name}`, async () => {
      const e = await failure(c.make(), c.scopes);
      expect(e.errorCode).toBe(c.error);
      expect(String(e.errorNo)).toBe(String(c.code));
      expect(e.errorMessage).toContain(`AADSTS${c.code}:`);
      expect(e.errorMessage).toMatch(/Trace ID: [0-9a-f-]{36}/);
    });
  }

  it('a wrong private key for a registered thumbprint is a bad signature (700027)', async () => {
    const cert = readerCert();
    // Sign with a fresh key but claim the registered thumbprint.
    const wrongKey = generateKeyPairSync('rsa', { modulusLength: 2048 })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    const e = await failure(
      confidential({ clientCertificate: { thumbprintSha256: cert.thumbprintSha256, privateKey: wrongKey } }),
    );
    expect(String(e.errorNo)).toBe('700027');
    expect(e.errorMessage).toContain('signature');
  });
});

describe('published metadata', () => {
  it('JWKS verifies the access tokens; instance discovery and unknown tenants answer as Entra does', async () => {
    const token =
      (
        await confidential({ clientSecret: CONTOSO.readerSecret.value }).acquireTokenByClientCredential({
          scopes: [EXCHANGE_DEFAULT],
        })
      )?.accessToken ?? '';
    const jwks = await httpsRequest(`${bed.identity.origin}/contoso/discovery/v2.0/keys`, bed.ca.pem);
    const keySet = createLocalJWKSet(JSON.parse(jwks.body) as JSONWebKeySet);
    const { payload, protectedHeader } = await jwtVerify(token, keySet, { audience: EXCHANGE_RESOURCE });
    expect(protectedHeader.alg).toBe('RS256');
    expect(payload.tid).toBe(CONTOSO.tenantId);

    const discovery = await httpsRequest(
      `${bed.identity.origin}/common/discovery/instance?api-version=1.1&authorization_endpoint=${encodeURIComponent(`${bed.identity.authority('contoso')}/oauth2/v2.0/authorize`)}`,
      bed.ca.pem,
    );
    expect(JSON.parse(discovery.body)).toMatchObject({
      metadata: [{ preferred_network: bed.identity.host }],
    });

    const unknown = await httpsRequest(
      `${bed.identity.origin}/nosuchtenant/v2.0/.well-known/openid-configuration`,
      bed.ca.pem,
    );
    expect(unknown.status).toBe(400);
    expect(JSON.parse(unknown.body)).toMatchObject({ error: 'invalid_tenant', error_codes: [90002] });
  });

  it('token lifetime comes from the scenario', async () => {
    const scenario = contoso();
    scenario.tokenLifetimeSeconds = 120;
    const short = await start({ dovecot: false, scenario });
    try {
      const cca = new ConfidentialClientApplication({
        auth: {
          clientId: CONTOSO.readerClientId,
          clientSecret: CONTOSO.readerSecret.value,
          ...short.identity.msalAuthOptions('contoso'),
        },
        system: { networkClient: short.networkClient() },
      });
      const claims = decodeJwt(
        (await cca.acquireTokenByClientCredential({ scopes: [EXCHANGE_DEFAULT] }))?.accessToken ?? '',
      );
      expect(claims.exp! - claims.iat!).toBe(120);
    } finally {
      await short.stop();
    }
  });
});

describe('delegated flows', () => {
  function publicClient(): PublicClientApplication {
    return new PublicClientApplication({
      auth: { clientId: CONTOSO.desktopClientId, ...bed.identity.msalAuthOptions('contoso') },
      system: { networkClient: bed.networkClient() },
    });
  }
  const scopes = ['https://outlook.office365.com/IMAP.AccessAsUser.All', 'offline_access'];

  async function signInThroughPage(authUrl: string): Promise<URL> {
    // What a browser does: load the sign-in page, submit the form with the user's credentials.
    const agentFetch = (url: string, init?: { method?: string; body?: string }) =>
      httpsRequest(url, bed.ca.pem, init);
    const page = await agentFetch(authUrl);
    expect(page.status).toBe(200);
    expect(page.body).toContain('id="i0116"');
    const form = new URLSearchParams(new URL(authUrl).searchParams);
    form.set('login', CONTOSO.user.userPrincipalName);
    form.set('passwd', CONTOSO.user.password);
    const posted = await agentFetch(new URL(authUrl).origin + new URL(authUrl).pathname, {
      method: 'POST',
      body: form.toString(),
    });
    expect(posted.status).toBe(302);
    return new URL(posted.location ?? '');
  }

  it('authorization code with PKCE, then refresh', async () => {
    const pca = publicClient();
    const verifier = randomBytes(32).toString('base64url');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const url = await pca.getAuthCodeUrl({
      scopes,
      redirectUri: 'http://localhost:53100',
      codeChallenge: challenge,
      codeChallengeMethod: 'S256',
    });
    const redirect = await signInThroughPage(url);
    const code = redirect.searchParams.get('code') ?? '';
    const result = await pca.acquireTokenByCode({
      code,
      scopes,
      redirectUri: 'http://localhost:53100',
      codeVerifier: verifier,
    });
    const claims = decodeJwt(result.accessToken);
    expect(claims).toMatchObject({
      scp: 'IMAP.AccessAsUser.All',
      upn: CONTOSO.user.userPrincipalName,
      oid: CONTOSO.user.objectId,
      aud: EXCHANGE_RESOURCE,
    });
    expect(claims['roles']).toBeUndefined();
    expect(result.account?.username).toBe(CONTOSO.user.userPrincipalName);

    bed.identity.resetCounts();
    const refreshed = await pca.acquireTokenSilent({ account: result.account!, scopes, forceRefresh: true });
    expect(refreshed.accessToken).not.toBe(result.accessToken);
    expect(bed.identity.count('token:refresh_token')).toBe(1);
  });

  it('authorization code: a wrong PKCE verifier is refused (AADSTS501481)', async () => {
    const pca = publicClient();
    const url = await pca.getAuthCodeUrl({
      scopes,
      redirectUri: 'http://localhost:53100',
      codeChallenge: 'A'.repeat(43),
      codeChallengeMethod: 'S256',
    });
    const code = (await signInThroughPage(url)).searchParams.get('code') ?? '';
    await expect(
      pca.acquireTokenByCode({
        code,
        scopes,
        redirectUri: 'http://localhost:53100',
        codeVerifier: 'B'.repeat(43),
      }),
    ).rejects.toMatchObject({ errorNo: 501481 });
  });

  it('device code completed through the /devicelogin page', async () => {
    const pca = publicClient();
    const result = await pca.acquireTokenByDeviceCode({
      scopes,
      deviceCodeCallback: (r) => {
        const form = new URLSearchParams({
          otc: r.userCode,
          login: CONTOSO.user.userPrincipalName,
          passwd: CONTOSO.user.password,
        });
        void httpsRequest(r.verificationUri, bed.ca.pem, { method: 'POST', body: form.toString() }).then(
          (page) => expect(page.body).toContain('id="done"'),
        );
      },
    });
    expect(decodeJwt(result?.accessToken ?? '')).toMatchObject({ oid: CONTOSO.user.objectId });
  });

  it('device code: MSAL polls until the user signs in', async () => {
    const pca = publicClient();
    bed.identity.resetCounts();
    const result = await pca.acquireTokenByDeviceCode({
      scopes,
      deviceCodeCallback: (r) => {
        expect(r.message).toContain(r.userCode);
        // Let MSAL see "authorization_pending" at least once, then complete the sign-in. Waiting
        // for its first poll, not a fixed delay: on a busy machine that poll came after 200 ms.
        const afterFirstPoll = setInterval(() => {
          if (bed.identity.count('token:device_code') < 1) return;
          clearInterval(afterFirstPoll);
          bed.identity.completeDeviceCode(r.userCode, CONTOSO.user.userPrincipalName);
        }, 20);
      },
    });
    expect(decodeJwt(result?.accessToken ?? '')).toMatchObject({ upn: CONTOSO.user.userPrincipalName });
    expect(bed.identity.count('devicecode')).toBe(1);
    expect(bed.identity.count('token:device_code')).toBeGreaterThanOrEqual(2);
  });
});

async function httpsRequest(
  url: string,
  ca: string,
  init?: { method?: string; body?: string },
): Promise<{ status: number; body: string; location: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = https.request(
      url,
      {
        method: init?.method ?? 'GET',
        ca,
        headers: init?.body
          ? {
              'content-type': 'application/x-www-form-urlencoded',
              'content-length': Buffer.byteLength(init.body),
            }
          : {},
      },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, location: res.headers.location }));
      },
    );
    req.on('error', reject);
    req.end(init?.body);
  });
}
