/**
 * runDiagnostics against the test bed: every failure the bed can produce is named with its cause
 * and fix, the passing paths pass, and no report holds a token or a secret.
 */
import { ConfidentialClientApplication } from '@azure/msal-node';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DelegatedTokens } from '../../../electron/core/auth/delegated/delegated-tokens';
import { MemorySecretStore } from '../../../electron/core/secrets/secret-store';
import { CONTOSO, start, type Testbed } from '../../testbed/index';
import { appTokenClaims } from '../../testbed/identity/tokens';
import { bedProfile } from '../../testbed/profiles';
import { craftedTokens, diagnose, failed, remedies } from './helpers';
import { expectUntouched } from '../untouched';

let bed: Testbed;

beforeAll(async () => {
  bed = await start({ exchangeReplies: true });
});
afterAll(async () => {
  await bed?.stop();
});

const exchange = () => {
  if (!bed.exchange) throw new Error('exchange replies not started');
  return bed.exchange;
};

/** A reader-app token with changed claims, signed by the bed. */
function readerToken(change: Record<string, unknown>, shiftSeconds = 0): () => Promise<string> {
  return () =>
    bed.identity.mintAccessToken({
      claims: {
        ...appTokenClaims({
          tenantId: CONTOSO.tenantId,
          clientId: CONTOSO.readerClientId,
          appName: 'Mailscope Reader',
          spObjectId: CONTOSO.readerSpObjectId,
          roles: ['IMAP.AccessAsApp', 'POP.AccessAsApp'],
          appidacr: '1',
        }),
        ...change,
      },
      lifetimeSeconds: 3600,
      shiftSeconds,
    });
}

describe('passing profiles', () => {
  const cases = [
    { name: 'IMAP, client secret, implicit TLS', options: {} },
    { name: 'IMAP, certificate', options: { credential: 'certificate' as const } },
    { name: 'POP3, certificate', options: { protocol: 'pop3' as const, credential: 'certificate' as const } },
    { name: 'IMAP, STARTTLS', options: { tlsMode: 'starttls' as const } },
    { name: 'POP3, client secret, implicit TLS', options: { protocol: 'pop3' as const } },
    { name: 'POP3, STLS', options: { protocol: 'pop3' as const, tlsMode: 'starttls' as const } },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const report = await diagnose(bed, bedProfile(bed, c.options));
      expect(
        report.steps.map((s) => [s.id, s.status]),
        JSON.stringify(report, null, 2),
      ).toEqual([
        ['dns', 'ok'],
        ['tcp', 'ok'],
        ['tls', 'ok'],
        ['token', 'ok'],
        ['claims', 'ok'],
        ['sasl', 'ok'],
        ['inbox', 'ok'],
      ]);
      expect(report.ok).toBe(true);
      const claims = report.steps.find((s) => s.id === 'claims')!.evidence.join('\n');
      expect(claims).toContain(`appid ${CONTOSO.readerClientId}`);
      expect(claims).toContain(`oid ${CONTOSO.readerSpObjectId}`);
      expect(claims).toMatch(/fingerprint [0-9a-f]{12}/);
      const tls = report.steps.find((s) => s.id === 'tls')!.evidence.join('\n');
      expect(tls).toContain('certificate subject CN=127.0.0.1');
      expect(tls).toContain('issued by CN=Mailscope Test Bed CA');
      const inbox = report.steps.find((s) => s.id === 'inbox')!.evidence.join('\n');
      expect(inbox).toMatch(
        c.options.protocol === 'pop3'
          ? /maildrop has \d+ messages/
          : /INBOX has \d+ messages; opened read-only \(\[READ-ONLY\]\)/,
      );
    });
  }

  it('a server certificate close to expiry is a warning, not a failure', async () => {
    const report = await diagnose(bed, bedProfile(bed), { deps: { certificateWarningDays: 100 } });
    const tls = report.steps.find((s) => s.id === 'tls')!;
    expect(tls.status).toBe('warning');
    expect(tls.cause).toMatch(/expires in (89|90) days/);
    expect(report.ok).toBe(true);
    expect(report.steps.at(-1)!.status).toBe('ok');
  });

  it('leaves the mailbox byte-identical', () => {
    expectUntouched(bed, [CONTOSO.invoices]);
  });
});

describe('token request: AADSTS codes named with cause and fix', () => {
  const cases: {
    code: number;
    profile: () => ReturnType<typeof bedProfile>;
    secret?: string;
    cause: RegExp;
    fix: RegExp;
  }[] = [
    {
      code: 90002,
      profile: () => bedProfile(bed, { tenant: 'fabrikam.example' }),
      cause: /tenant “fabrikam\.example” does not exist/,
      fix: /Directory \(tenant\) ID/,
    },
    {
      code: 700016,
      profile: () => bedProfile(bed, { clientId: '00000000-1111-4222-8333-444444444444' }),
      cause: /No application with client ID 00000000-1111-4222-8333-444444444444/,
      fix: /Application \(client\) ID/,
    },
    {
      code: 7000215,
      profile: () => bedProfile(bed),
      secret: CONTOSO.readerSecret.id,
      cause: /looks like a GUID.*Secret ID/,
      fix: /\*\*Value\*\*.*not the Secret ID/,
    },
    {
      code: 7000215,
      profile: () => bedProfile(bed),
      secret: 'Xy8Q~not.the.right.secret.at.all',
      cause: /client secret is wrong/,
      fix: /\*\*Value\*\*/,
    },
    {
      code: 7000222,
      profile: () => bedProfile(bed),
      secret: CONTOSO.readerExpiredSecret.value,
      cause: /expired/,
      fix: /create a new client secret/,
    },
    {
      code: 700027,
      profile: () => bedProfile(bed, { credential: 'certificate', clientId: CONTOSO.imapOnlyClientId }),
      cause: /not uploaded to the app registration \(thumbprint [0-9A-F]{40}\)/,
      fix: /upload the certificate's public part/,
    },
    {
      code: 70011,
      profile: () => bedProfile(bed, { exchangeHost: 'graph.microsoft.com' }),
      cause: /Microsoft Graph/,
      fix: /https:\/\/outlook\.office365\.com\/\.default/,
    },
    {
      code: 65001,
      profile: () => bedProfile(bed, { clientId: CONTOSO.noConsentClientId }),
      secret: CONTOSO.noConsentSecret.value,
      cause: /Admin consent has not been granted/,
      fix: /Grant admin consent/,
    },
  ];
  for (const c of cases) {
    it(`AADSTS${c.code}${c.secret ? ` (${c.secret.slice(0, 8)}…)` : ''}`, async () => {
      const report = await diagnose(bed, c.profile(), { secret: c.secret });
      const step = failed(report);
      expect(step.id).toBe('token');
      expect(step.cause).toMatch(c.cause);
      expect(step.fix).toMatch(c.fix);
      expect(step.evidence.join('\n')).toContain(`AADSTS${c.code}:`);
      expect(step.evidence.join('\n')).toMatch(/correlation ID [0-9a-f-]{36}/);
    });
  }

  it('AADSTS1002012: a permission scope instead of /.default (MSAL error injected from the bed)', async () => {
    const cca = new ConfidentialClientApplication({
      auth: {
        clientId: CONTOSO.readerClientId,
        clientSecret: CONTOSO.readerSecret.value,
        ...bed.identity.msalAuthOptions('contoso'),
      },
      system: { networkClient: bed.networkClient() },
    });
    const tokens = craftedTokens(async () => {
      const r = await cca.acquireTokenByClientCredential({
        scopes: ['https://outlook.office365.com/IMAP.AccessAsApp'],
      });
      return r?.accessToken ?? '';
    });
    const step = failed(await diagnose(bed, bedProfile(bed), { tokens }));
    expect(step.id).toBe('token');
    expect(step.cause).toMatch(/“\/\.default” scope/);
    expect(step.fix).toMatch(/https:\/\/outlook\.office365\.com\/\.default/);
  });

  it('an unknown AADSTS code is shown verbatim', async () => {
    const tokens = craftedTokens(() =>
      Promise.reject(
        Object.assign(new Error('x'), {
          entra: {
            code: 123456,
            error: 'invalid_request',
            description: 'AADSTS123456: Something new happened. Trace ID: 1',
          },
        }),
      ),
    );
    const step = failed(await diagnose(bed, bedProfile(bed), { tokens }));
    expect(step.cause).toContain('AADSTS123456: Something new happened.');
    expect(step.fix).toContain('https://login.microsoftonline.com/error?code=123456');
  });
});

describe('token claims', () => {
  it('missing role (IMAP): add IMAP.AccessAsApp and grant consent', async () => {
    const report = await diagnose(bed, bedProfile(bed, { clientId: CONTOSO.noRolesClientId }), {
      secret: CONTOSO.noRolesSecret.value,
    });
    const step = failed(report);
    expect(step.id).toBe('claims');
    expect(step.cause).toMatch(/no IMAP\.AccessAsApp role/);
    expect(step.fix).toMatch(/Office 365 Exchange Online → IMAP\.AccessAsApp and grant admin consent/);
    expect(step.evidence).toContain('roles (none)');
  });

  it('missing role (POP3 with an IMAP-only app): POP.AccessAsApp', async () => {
    const report = await diagnose(
      bed,
      bedProfile(bed, { protocol: 'pop3', clientId: CONTOSO.imapOnlyClientId }),
      {
        secret: CONTOSO.imapOnlySecret.value,
      },
    );
    const step = failed(report);
    expect(step.id).toBe('claims');
    expect(step.fix).toMatch(/POP\.AccessAsApp/);
  });

  it('expired token', async () => {
    const step = failed(
      await diagnose(bed, bedProfile(bed), { tokens: craftedTokens(readerToken({}, -7200)) }),
    );
    expect(step.id).toBe('claims');
    expect(step.cause).toMatch(/The token expired 60 min ago/);
    expect(step.fix).toMatch(/clock/);
  });

  it('wrong audience (a Graph token)', async () => {
    const step = failed(
      await diagnose(bed, bedProfile(bed), {
        tokens: craftedTokens(readerToken({ aud: 'https://graph.microsoft.com' })),
      }),
    );
    expect(step.id).toBe('claims');
    expect(step.cause).toMatch(/for Microsoft Graph/);
    expect(step.fix).toMatch(/https:\/\/outlook\.office365\.com\/\.default/);
  });

  it('wrong tenant in the token', async () => {
    const step = failed(
      await diagnose(bed, bedProfile(bed), {
        tokens: craftedTokens(readerToken({ tid: '11111111-2222-4333-8444-555555555555' })),
      }),
    );
    expect(step.cause).toMatch(/issued by tenant 11111111-2222-4333-8444-555555555555/);
  });

  it('not a JWT', async () => {
    const step = failed(
      await diagnose(bed, bedProfile(bed), { tokens: craftedTokens(async () => 'opaque-token-value') }),
    );
    expect(step.id).toBe('claims');
    expect(step.cause).toMatch(/not a JWT/);
  });
});

describe('mailbox sign-in (Dovecot as Exchange)', () => {
  it('no FullAccess grant: SASL refused, Exchange-side causes with this app’s ids', async () => {
    const report = await diagnose(bed, bedProfile(bed, { mailbox: CONTOSO.hr }));
    const step = failed(report);
    expect(step.id).toBe('sasl');
    const text = remedies(step);
    expect(step.cause).toMatch(/service principal is not registered in Exchange Online/);
    expect(step.fix).toContain(
      `New-ServicePrincipal -AppId ${CONTOSO.readerClientId} -ObjectId ${CONTOSO.readerSpObjectId}`,
    );
    expect(text).toContain(
      `Add-MailboxPermission -Identity ${CONTOSO.hr} -User ${CONTOSO.readerSpObjectId} -AccessRights FullAccess`,
    );
    expect(text).toContain(`Set-CASMailbox -Identity ${CONTOSO.hr} -ImapEnabled $true`);
    expect(text).toMatch(/primary SMTP address/);
    expect(step.evidence.join('\n')).toMatch(/S: \+ \(error details: \{.*"status"/);
    expect(step.evidence.join('\n')).toContain('AUTHENTICATIONFAILED');
  });

  it('no FullAccess grant over POP3', async () => {
    const step = failed(await diagnose(bed, bedProfile(bed, { protocol: 'pop3', mailbox: CONTOSO.hr })));
    expect(step.id).toBe('sasl');
    expect(remedies(step)).toContain(`Set-CASMailbox -Identity ${CONTOSO.hr} -PopEnabled $true`);
    expect(step.evidence.join('\n')).toMatch(/-ERR/);
  });
});

describe('Exchange Online’s own replies', () => {
  it('IMAP: NO AUTHENTICATE failed.', async () => {
    exchange().mode = 'auth-failed';
    const step = failed(await diagnose(bed, bedProfile(bed, { server: 'exchange' })));
    expect(step.id).toBe('sasl');
    expect(step.evidence).toContain('S: A2 NO AUTHENTICATE failed.');
    expect(step.fix).toMatch(/New-ServicePrincipal/);
    expect(remedies(step)).toMatch(/Enterprise application/);
  });

  it('IMAP: BAD User is authenticated but not connected.', async () => {
    exchange().mode = 'not-connected';
    const report = await diagnose(bed, bedProfile(bed, { server: 'exchange' }));
    const step = failed(report);
    expect(report.steps.find((s) => s.id === 'sasl')!.status).toBe('ok');
    expect(step.id).toBe('inbox');
    expect(step.evidence).toContain('S: A3 BAD User is authenticated but not connected.');
    expect(step.cause).toMatch(/Signed in, but Exchange cannot open .*FullAccess.*mailbox address is wrong/);
    expect(step.fix).toMatch(/Add-MailboxPermission/);
  });

  it('POP3: -ERR Authentication failure', async () => {
    exchange().mode = 'auth-failed';
    const step = failed(await diagnose(bed, bedProfile(bed, { server: 'exchange', protocol: 'pop3' })));
    expect(step.id).toBe('sasl');
    expect(step.evidence).toContain('S: -ERR Authentication failure: unknown user name or bad password.');
    expect(remedies(step)).toMatch(/PopEnabled/);
  });

  it('throttled (IMAP and POP3): wait and retry', async () => {
    exchange().mode = 'throttled';
    for (const protocol of ['imap', 'pop3'] as const) {
      const step = failed(await diagnose(bed, bedProfile(bed, { server: 'exchange', protocol })));
      expect(step.id).toBe('sasl');
      expect(step.cause).toMatch(/throttling/);
      expect(step.fix).toMatch(/Wait a few minutes/);
    }
  });

  it('too many connections: BYE after the greeting', async () => {
    exchange().mode = 'too-many-connections';
    const step = failed(await diagnose(bed, bedProfile(bed, { server: 'exchange' })));
    expect(step.cause).toMatch(/Too many connections/);
    expect(step.fix).toMatch(/Close other programs/);
  });
});

describe('network', () => {
  it('DNS: a name that does not exist', async () => {
    const step = failed(await diagnose(bed, bedProfile(bed, { host: 'imap.mailscope.invalid' })));
    expect(step.id).toBe('dns');
    expect(step.cause).toMatch(/imap\.mailscope\.invalid/);
    expect(step.fix).toMatch(/outlook\.office365\.com/);
  });

  it('TCP: connection refused on a closed port', async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const step = failed(await diagnose(bed, bedProfile(bed, { host: '127.0.0.1', port })));
    expect(step.id).toBe('tcp');
    expect(step.evidence).toEqual([`connect 127.0.0.1:${port}: ECONNREFUSED`]);
    expect(step.fix).toMatch(/Use port 993/);
  });

  it('TLS: the server’s CA is not trusted', async () => {
    const step = failed(await diagnose(bed, bedProfile(bed), { deps: { trust: {} } }));
    expect(step.id).toBe('tls');
    expect(step.cause).toMatch(/not signed by an authority this computer trusts/);
    expect(step.fix).toMatch(/--ca/);
  });

  it('TLS: implicit TLS against a STARTTLS port', async () => {
    const step = failed(await diagnose(bed, bedProfile(bed, { port: bed.imap.port })));
    expect(step.id).toBe('tls');
    expect(step.cause).toMatch(/expects STARTTLS/);
  });
});

describe('delegated profiles: a person’s sign-in opens the shared mailbox', () => {
  let tokens: DelegatedTokens;
  const person = () => bedProfile(bed, { credential: 'delegated', mailbox: CONTOSO.hr });

  beforeAll(async () => {
    tokens = new DelegatedTokens({ secrets: new MemorySecretStore(), trust: { ca: bed.ca.pem }, env: {} });
    await tokens.signInWithDeviceCode(person(), {
      signal: new AbortController().signal,
      onCode: (code) => bed.identity.completeDeviceCode(code.userCode, CONTOSO.user.userPrincipalName),
    });
  });

  it('passes every step; the evidence shows who signed in and the delegated permission', async () => {
    const report = await diagnose(bed, person(), { tokens });
    expect(report.ok).toBe(true);
    const token = report.steps.find((s) => s.id === 'token')!;
    expect(token.evidence).toContain(`credential delegated, signed in as ${CONTOSO.user.userPrincipalName}`);
    expect(token.evidence).toContain('scope https://outlook.office365.com/IMAP.AccessAsUser.All');
    const claims = report.steps.find((s) => s.id === 'claims')!;
    expect(claims.evidence).toContain('scp IMAP.AccessAsUser.All');
    expect(claims.evidence).toContain(`upn ${CONTOSO.user.userPrincipalName}`);
  });

  it('no FullAccess for the person: the sign-in step names the person and the grant to add', async () => {
    const step = failed(
      await diagnose(bed, bedProfile(bed, { credential: 'delegated', mailbox: CONTOSO.invoices }), {
        tokens,
      }),
    );
    expect(step.id).toBe('sasl');
    expect(step.cause).toBe(
      `${CONTOSO.user.userPrincipalName} has no FullAccess on ${CONTOSO.invoices}, so Exchange will not open it for that account.`,
    );
    expect(step.fix).toContain(
      `Add-MailboxPermission -Identity ${CONTOSO.invoices} -User ${CONTOSO.user.userPrincipalName} -AccessRights FullAccess`,
    );
    expect(remedies(step)).not.toContain('New-ServicePrincipal');
  });

  it('a mistyped address: its domain is not the person’s', async () => {
    const step = failed(
      await diagnose(bed, bedProfile(bed, { credential: 'delegated', mailbox: 'hr@contoso.exmaple' }), {
        tokens,
      }),
    );
    expect(step.id).toBe('sasl');
    expect(step.cause).toMatch(/hr@contoso\.exmaple is probably mistyped/);
  });

  it('Exchange’s “authenticated but not connected” names the person’s missing FullAccess', async () => {
    exchange().mode = 'not-connected';
    const step = failed(
      await diagnose(bed, bedProfile(bed, { credential: 'delegated', server: 'exchange' }), { tokens }),
    );
    expect(step.id).toBe('inbox');
    expect(step.cause).toMatch(
      new RegExp(
        `^Signed in, but Exchange cannot open ${CONTOSO.invoices}: ${CONTOSO.user.userPrincipalName} has no FullAccess`,
      ),
    );
  });

  it('nobody signed in: the token step says so and how to sign in', async () => {
    const nobody = new DelegatedTokens({
      secrets: new MemorySecretStore(),
      trust: { ca: bed.ca.pem },
      env: {},
    });
    const step = failed(await diagnose(bed, person(), { tokens: nobody }));
    expect(step.id).toBe('token');
    expect(step.evidence).toContain('credential delegated, nobody signed in');
    expect(step.cause).toMatch(/^Nobody is signed in for this mailbox/);
    expect(step.fix).toMatch(/Sign in on the mailbox’s page/);
  });
});
