/**
 * TokenProvider against the fake identity platform: real MSAL, real HTTPS, the platform's counters.
 */
import { decodeJwt } from 'jose';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNetworkClient } from '../../../electron/core/auth/network';
import { TokenProvider, TokenRequestError } from '../../../electron/core/auth/token-provider';
import { MemorySecretStore } from '../../../electron/core/secrets/secret-store';
import { CONTOSO, start, type Testbed } from '../../testbed/index';
import { bedProfile, secretsFor } from '../../testbed/profiles';

let bed: Testbed;

beforeAll(async () => {
  bed = await start({ dovecot: false });
});
afterAll(async () => {
  await bed?.stop();
});

const trust = () => ({ ca: bed.ca.pem });

describe('tokens', () => {
  it('gets an Exchange token with a client secret (custom authority: metadata fetched once)', async () => {
    const profile = bedProfile(bed);
    bed.identity.resetCounts();
    const tokens = new TokenProvider({ secrets: await secretsFor(bed, profile), trust: trust(), env: {} });
    const token = await tokens.getToken(profile);
    expect(decodeJwt(token.accessToken)).toMatchObject({
      aud: 'https://outlook.office365.com',
      tid: CONTOSO.tenantId,
      appid: CONTOSO.readerClientId,
      appidacr: '1',
      roles: ['IMAP.AccessAsApp', 'POP.AccessAsApp'],
    });
    expect(token.fingerprint).toMatch(/^[0-9a-f]{12}$/);
    expect(token.fromCache).toBe(false);
    expect(token.expiresOn.getTime()).toBeGreaterThan(Date.now() + 3_000_000);
    expect(bed.identity.count('openid-configuration')).toBe(1);
    expect(bed.identity.count('instance-discovery')).toBe(0);
    expect(bed.identity.count('token:client_credentials')).toBe(1);
  });

  it('gets a token with a certificate (SHA-256 thumbprint, x5c)', async () => {
    const profile = bedProfile(bed, { credential: 'certificate' });
    const tokens = new TokenProvider({ secrets: await secretsFor(bed, profile), trust: trust(), env: {} });
    const token = await tokens.getToken(profile);
    expect(decodeJwt(token.accessToken)).toMatchObject({ appid: CONTOSO.readerClientId, appidacr: '2' });
  });

  it('token reuse: 100 acquisitions within one lifetime make exactly 1 token request', async () => {
    const profile = bedProfile(bed);
    const tokens = new TokenProvider({ secrets: await secretsFor(bed, profile), trust: trust(), env: {} });
    bed.identity.resetCounts();
    const seen = new Set<string>();
    for (let i = 0; i < 100; i++) seen.add((await tokens.getToken(profile)).accessToken);
    expect(seen.size).toBe(1);
    expect(bed.identity.count('token:client_credentials')).toBe(1);
  });

  it('no stampede: 20 concurrent callers share one request', async () => {
    const profile = bedProfile(bed);
    const tokens = new TokenProvider({ secrets: await secretsFor(bed, profile), trust: trust(), env: {} });
    bed.identity.resetCounts();
    const results = await Promise.all(Array.from({ length: 20 }, () => tokens.getToken(profile)));
    expect(new Set(results.map((r) => r.accessToken)).size).toBe(1);
    expect(bed.identity.count('token:client_credentials')).toBe(1);
    expect(bed.identity.count('openid-configuration')).toBe(1);
  });

  it('renews ahead of expiry (5 minutes by default), not before', async () => {
    const profile = bedProfile(bed);
    let now = Date.now();
    const tokens = new TokenProvider({
      secrets: await secretsFor(bed, profile),
      trust: trust(),
      env: {},
      now: () => now,
    });
    bed.identity.resetCounts();
    const first = await tokens.getToken(profile);
    const expires = first.expiresOn.getTime();
    now = expires - 6 * 60_000;
    expect((await tokens.getToken(profile)).fromCache).toBe(true);
    expect(bed.identity.count('token:client_credentials')).toBe(1);
    now = expires - 4 * 60_000;
    const renewed = await tokens.getToken(profile);
    expect(renewed.fromCache).toBe(false);
    expect(renewed.accessToken).not.toBe(first.accessToken);
    expect(bed.identity.count('token:client_credentials')).toBe(2);
  });

  it('a configurable refresh window, forceRefresh, and invalidate', async () => {
    const profile = bedProfile(bed);
    let now = Date.now();
    const tokens = new TokenProvider({
      secrets: await secretsFor(bed, profile),
      trust: trust(),
      env: {},
      refreshAheadMs: 60_000,
      now: () => now,
    });
    bed.identity.resetCounts();
    const first = await tokens.getToken(profile);
    now = first.expiresOn.getTime() - 2 * 60_000;
    expect((await tokens.getToken(profile)).fromCache).toBe(true);
    expect((await tokens.getToken(profile, { forceRefresh: true })).fromCache).toBe(false);
    tokens.invalidate(profile.id);
    expect((await tokens.getToken(profile)).fromCache).toBe(false);
    expect(bed.identity.count('token:client_credentials')).toBe(3);
  });

  it('keeps the old token when a renewal ahead of expiry fails', async () => {
    const profile = bedProfile(bed);
    let now = Date.now();
    let down = false;
    const tokens = new TokenProvider({
      secrets: await secretsFor(bed, profile),
      env: {},
      now: () => now,
      networkClient: () => {
        const real = createNetworkClient({ ca: bed.ca.pem });
        return {
          sendGetRequestAsync: (url, options) => real.sendGetRequestAsync(url, options),
          sendPostRequestAsync: (url, options) =>
            down ? Promise.reject(new Error('network down')) : real.sendPostRequestAsync(url, options),
        };
      },
    });
    const first = await tokens.getToken(profile);
    now = first.expiresOn.getTime() - 4 * 60_000;
    down = true;
    expect((await tokens.getToken(profile)).accessToken).toBe(first.accessToken);
    // Too close to expiry to hand out: the failure surfaces.
    now = first.expiresOn.getTime() - 30_000;
    await expect(tokens.getToken(profile)).rejects.toBeInstanceOf(TokenRequestError);
  });
});

describe('failures carry the AADSTS code and the fix', () => {
  const cases: {
    name: string;
    code: number;
    fix: RegExp;
    setup: () => { profile: ReturnType<typeof bedProfile>; secret?: string };
  }[] = [
    {
      name: 'wrong tenant',
      code: 90002,
      fix: /Directory \(tenant\) ID/,
      setup: () => ({ profile: bedProfile(bed, { tenant: 'fabrikam.example' }) }),
    },
    {
      name: 'unknown client id',
      code: 700016,
      fix: /Application \(client\) ID/,
      setup: () => ({ profile: bedProfile(bed, { clientId: '00000000-1111-4222-8333-444444444444' }) }),
    },
    {
      name: 'Secret ID instead of Value',
      code: 7000215,
      fix: /\*\*Value\*\*.*not the Secret ID/,
      setup: () => ({ profile: bedProfile(bed), secret: CONTOSO.readerSecret.id }),
    },
    {
      name: 'expired secret',
      code: 7000222,
      fix: /create a new client secret/,
      setup: () => ({ profile: bedProfile(bed), secret: CONTOSO.readerExpiredSecret.value }),
    },
    {
      name: 'certificate not uploaded to this app',
      code: 700027,
      fix: /upload the certificate/,
      setup: () => ({
        profile: bedProfile(bed, { credential: 'certificate', clientId: CONTOSO.imapOnlyClientId }),
      }),
    },
    {
      name: 'Graph instead of Exchange',
      code: 70011,
      fix: /https:\/\/outlook\.office365\.com\/\.default/,
      setup: () => ({ profile: bedProfile(bed, { exchangeHost: 'graph.microsoft.com' }) }),
    },
    {
      name: 'no admin consent',
      code: 65001,
      fix: /Grant admin consent/,
      setup: () => ({
        profile: bedProfile(bed, { clientId: CONTOSO.noConsentClientId }),
        secret: CONTOSO.noConsentSecret.value,
      }),
    },
  ];
  for (const c of cases) {
    it(`AADSTS${c.code}: ${c.name}`, async () => {
      const { profile, secret } = c.setup();
      const tokens = new TokenProvider({
        secrets: await secretsFor(bed, profile, secret),
        trust: trust(),
        env: {},
      });
      const error = await tokens.getToken(profile).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(TokenRequestError);
      const failure = (error as TokenRequestError).failure;
      expect(failure).toMatchObject({ kind: 'aadsts', code: c.code });
      expect((error as TokenRequestError).code).toBe('TOKEN_REQUEST_FAILED');
      expect((error as TokenRequestError).message).toMatch(new RegExp(`^AADSTS${c.code}: `));
      expect((error as TokenRequestError).hint).toMatch(c.fix);
    });
  }

  it('no secret stored: says so without asking Entra', async () => {
    const profile = bedProfile(bed);
    bed.identity.resetCounts();
    const tokens = new TokenProvider({ secrets: new MemorySecretStore(), trust: trust(), env: {} });
    await expect(tokens.getToken(profile)).rejects.toMatchObject({
      code: 'SECRET_MISSING',
      failure: { kind: 'credential', reason: 'secret-missing' },
    });
    expect(bed.identity.count('token:client_credentials')).toBe(0);
  });

  it('verifies the identity platform’s certificate: without the test CA the request fails', async () => {
    const profile = bedProfile(bed);
    const tokens = new TokenProvider({ secrets: await secretsFor(bed, profile), env: {} });
    const error = await tokens.getToken(profile).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenRequestError);
    expect((error as TokenRequestError).failure).toMatchObject({
      kind: 'transport',
      failure: { code: expect.stringMatching(/CERT|SIGNATURE|ISSUER/) },
    });
  });
});

/** A CONNECT-only proxy on loopback that counts tunnels: proves the traffic went through it. */
async function connectProxy(): Promise<{ url: string; tunnels: string[]; close: () => Promise<void> }> {
  const tunnels: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    sockets.add(client);
    client.once('data', (head: Buffer) => {
      const line = head.toString('latin1').split('\r\n')[0] ?? '';
      const match = /^CONNECT (\S+):(\d+) HTTP\/1\.[01]$/.exec(line);
      if (!match) {
        client.end('HTTP/1.1 405 Method Not Allowed\r\n\r\n');
        return;
      }
      tunnels.push(`${match[1]}:${match[2]}`);
      const upstream = net.connect(Number(match[2]), match[1], () => {
        client.write('HTTP/1.1 200 Connection established\r\n\r\n');
        upstream.pipe(client);
        client.pipe(upstream);
      });
      sockets.add(upstream);
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    tunnels,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

describe('outbound proxy', () => {
  it('uses the profile’s proxy (CONNECT tunnel, TLS end to end)', async () => {
    const proxy = await connectProxy();
    try {
      const profile = bedProfile(bed, { proxy: proxy.url });
      const tokens = new TokenProvider({ secrets: await secretsFor(bed, profile), trust: trust(), env: {} });
      const token = await tokens.getToken(profile);
      expect(decodeJwt(token.accessToken).appid).toBe(CONTOSO.readerClientId);
      // The metadata fetch and the token request, each through its own tunnel.
      expect(proxy.tunnels).toEqual([bed.identity.host, bed.identity.host]);
    } finally {
      await proxy.close();
    }
  });

  it('uses HTTPS_PROXY from the environment, and honours NO_PROXY', async () => {
    const proxy = await connectProxy();
    try {
      const profile = bedProfile(bed);
      const viaEnv = new TokenProvider({
        secrets: await secretsFor(bed, profile),
        trust: trust(),
        env: { HTTPS_PROXY: proxy.url },
      });
      await viaEnv.getToken(profile);
      expect(proxy.tunnels.length).toBe(2);
      const bypass = new TokenProvider({
        secrets: await secretsFor(bed, profile),
        trust: trust(),
        env: { https_proxy: proxy.url, NO_PROXY: 'localhost,127.0.0.1' },
      });
      await bypass.getToken(profile);
      expect(proxy.tunnels.length).toBe(2);
    } finally {
      await proxy.close();
    }
  });

  it('a proxy that is down is reported as the proxy, not as Entra', async () => {
    const proxy = await connectProxy();
    await proxy.close();
    const profile = bedProfile(bed, { proxy: proxy.url });
    const tokens = new TokenProvider({ secrets: await secretsFor(bed, profile), trust: trust(), env: {} });
    await expect(tokens.getToken(profile)).rejects.toMatchObject({
      failure: { kind: 'transport', failure: { code: 'ECONNREFUSED', viaProxy: true } },
    });
  });
});
