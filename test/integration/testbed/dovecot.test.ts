/**
 * Dovecot behind the fake platform behaves as Exchange Online does for bearer tokens: MSAL tokens
 * open granted mailboxes over IMAP (imapflow) and POP3 (raw SASL), everything else is refused.
 */
import { ConfidentialClientApplication } from '@azure/msal-node';
import { ImapFlow } from 'imapflow';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTOSO, start, type Testbed } from '../../testbed/index';
import { msalAppToken } from '../../testbed/profiles';
import { EXCHANGE_RESOURCE } from '../../testbed/identity/scenario';
import { appTokenClaims, createSigningKey, userTokenClaims } from '../../testbed/identity/tokens';
import { imapLogin, LineClient, popLogin, xoauth2 } from './wire';
import { expectUntouched } from '../untouched';

let bed: Testbed;

beforeAll(async () => {
  bed = await start();
});
afterAll(async () => {
  await bed?.stop();
});

const appToken = (clientId: string, secret: string) => msalAppToken(bed, clientId, secret);
const readerToken = () => appToken(CONTOSO.readerClientId, CONTOSO.readerSecret.value);

const imaps = () => ({ host: bed.imap.host, port: bed.imap.tlsPort, ca: bed.ca.pem });
const pop3s = () => ({ host: bed.pop3.host, port: bed.pop3.tlsPort, ca: bed.ca.pem });

function imapflow(user: string, accessToken: string, port = bed.imap.tlsPort): ImapFlow {
  return new ImapFlow({
    host: bed.imap.host,
    port,
    secure: true,
    auth: { user, accessToken },
    tls: { ca: [bed.ca.pem] },
    logger: false,
  });
}

/** Messages in a Maildir folder (cur + new), straight from disk. */
function countOnDisk(maildir: string): number {
  return readdirSync(join(maildir, 'cur')).length + readdirSync(join(maildir, 'new')).length;
}

/** A reader-app token with some claims changed, signed by the platform unless told otherwise. */
async function readerTokenWith(
  change: Record<string, unknown>,
  opts: { shiftSeconds?: number; foreignKey?: boolean } = {},
): Promise<string> {
  const claims = {
    ...appTokenClaims({
      tenantId: CONTOSO.tenantId,
      clientId: CONTOSO.readerClientId,
      appName: 'Mailscope Reader',
      spObjectId: CONTOSO.readerSpObjectId,
      roles: ['IMAP.AccessAsApp', 'POP.AccessAsApp'],
      appidacr: '1',
    }),
    ...change,
  };
  return bed.identity.mintAccessToken({
    claims: { aud: EXCHANGE_RESOURCE, iss: '', tid: '', appid: '', oid: '', sub: '', ...claims },
    lifetimeSeconds: 3600,
    shiftSeconds: opts.shiftSeconds,
    key: opts.foreignKey ? await createSigningKey() : undefined,
  });
}

describe('a granted mailbox opens', () => {
  it('imapflow logs in with an MSAL client-secret token and lists folders as Exchange names them', async () => {
    const client = imapflow(CONTOSO.invoices, await readerToken());
    await client.connect();
    try {
      const folders = await client.list();
      const byPath = new Map(folders.map((f) => [f.path, f]));
      expect([...byPath.keys()]).toEqual(
        expect.arrayContaining([
          'INBOX',
          'Sent Items',
          'Drafts',
          'Deleted Items',
          'Junk Email',
          'Archive',
          'Archive/2025',
          'Invoices/Paid',
          'Équipe finance',
          '経理',
        ]),
      );
      expect(byPath.get('Sent Items')?.specialUse).toBe('\\Sent');
      expect(byPath.get('Deleted Items')?.specialUse).toBe('\\Trash');
      expect(byPath.get('Junk Email')?.specialUse).toBe('\\Junk');
      expect(byPath.get('Drafts')?.specialUse).toBe('\\Drafts');
      expect(byPath.get('Archive')?.specialUse).toBe('\\Archive');
      const box = await client.mailboxOpen('INBOX', { readOnly: true });
      expect(box.exists).toBe(countOnDisk(bed.maildir(CONTOSO.invoices)));
    } finally {
      await client.logout();
    }
  });

  it('imapflow logs in with an MSAL certificate token', async () => {
    const cert = bed.certificates.get(CONTOSO.readerCertificate)!;
    const cca = new ConfidentialClientApplication({
      auth: {
        clientId: CONTOSO.readerClientId,
        clientCertificate: { thumbprintSha256: cert.thumbprintSha256, privateKey: cert.keyPem },
        ...bed.identity.msalAuthOptions('contoso'),
      },
      system: { networkClient: bed.networkClient() },
    });
    const token =
      (await cca.acquireTokenByClientCredential({ scopes: [`${EXCHANGE_RESOURCE}/.default`] }))
        ?.accessToken ?? '';
    const client = imapflow(CONTOSO.alerts, token);
    await client.connect();
    try {
      const paths = (await client.list()).map((f) => f.path);
      expect(paths).toEqual(expect.arrayContaining(['INBOX', 'Alerts/Critical', 'Alerts/Résolu']));
    } finally {
      await client.logout();
    }
  });

  it('raw IMAP: XOAUTH2 with an initial response over implicit TLS', async () => {
    const { reply, client } = await imapLogin(imaps(), CONTOSO.invoices, await readerToken());
    client.close();
    expect(reply).toMatch(/^a1 OK /);
  });

  it('raw IMAP: STARTTLS on the plain port, and no AUTHENTICATE before it', async () => {
    const token = await readerToken();
    const client = await LineClient.connect(bed.imap.host, bed.imap.port, { tls: false });
    expect(await client.line()).toContain('LOGINDISABLED');
    client.send(`a0 AUTHENTICATE XOAUTH2 ${xoauth2(CONTOSO.invoices, token)}`);
    expect(await client.line()).toMatch(/^a0 NO \[PRIVACYREQUIRED\]/);
    client.send('a1 STARTTLS');
    expect(await client.line()).toMatch(/^a1 OK/);
    await client.startTls(bed.ca.pem);
    client.send(`a2 AUTHENTICATE XOAUTH2 ${xoauth2(CONTOSO.invoices, token)}`);
    const lines = await client.until(/^a2 /);
    client.close();
    expect(lines.at(-1)).toMatch(/^a2 OK/);
  });

  it.each(['initial-response', 'continuation'] as const)(
    'raw POP3: AUTH XOAUTH2 (%s), then STAT and UIDL',
    async (form) => {
      const { reply, client } = await popLogin(pop3s(), CONTOSO.invoices, await readerToken(), form);
      expect(reply).toMatch(/^\+OK/);
      const inbox = countOnDisk(bed.maildir(CONTOSO.invoices));
      client.send('STAT');
      const stat = await client.line();
      expect(stat).toMatch(new RegExp(`^\\+OK ${inbox} \\d+$`));
      client.send('UIDL');
      const uidl = await client.until(/^\.$/);
      expect(uidl[0]).toMatch(/^\+OK/);
      expect(uidl.slice(1, -1)).toHaveLength(inbox);
      for (const [i, line] of uidl.slice(1, -1).entries())
        expect(line).toMatch(new RegExp(`^${i + 1} [0-9a-f]{16}$`));
      client.send('QUIT');
      expect(await client.line()).toMatch(/^\+OK/);
      client.close();
    },
  );

  it('raw POP3: STLS on the plain port', async () => {
    const client = await LineClient.connect(bed.pop3.host, bed.pop3.port, { tls: false });
    await client.line();
    client.send('STLS');
    expect(await client.line()).toMatch(/^\+OK/);
    await client.startTls(bed.ca.pem);
    client.send(`AUTH XOAUTH2 ${xoauth2(CONTOSO.alerts, await readerToken())}`);
    expect(await client.line()).toMatch(/^\+OK/);
    client.close();
  });

  it('a delegated token opens the user’s own mailbox and one shared with them, not others', async () => {
    const token = await bed.identity.mintAccessToken({
      claims: userTokenClaims({
        tenantId: CONTOSO.tenantId,
        clientId: CONTOSO.desktopClientId,
        appName: 'Mailscope Desktop',
        userObjectId: CONTOSO.user.objectId,
        upn: CONTOSO.user.userPrincipalName,
        name: 'Megan Bowen',
        scopes: ['IMAP.AccessAsUser.All'],
      }),
      lifetimeSeconds: 3600,
    });
    const results = [];
    for (const mailbox of [CONTOSO.user.userPrincipalName, CONTOSO.hr, CONTOSO.invoices]) {
      const { reply, client } = await imapLogin(imaps(), mailbox, token);
      client.close();
      results.push(reply.split(' ')[1]);
    }
    expect(results).toEqual(['OK', 'OK', 'NO']);
    // IMAP.AccessAsUser.All does not include POP.
    const pop = await popLogin(pop3s(), CONTOSO.user.userPrincipalName, token, 'initial-response');
    pop.client.close();
    expect(pop.reply).toMatch(/^-ERR/);
  });
});

describe('refusals, each for exactly one reason', () => {
  const lastIntrospection = () => bed.identity.introspectionLog.at(-1)?.result;

  async function expectImapRefused(mailbox: string, token: string): Promise<void> {
    const { reply, client } = await imapLogin(imaps(), mailbox, token);
    client.close();
    expect(reply).toBe('a1 NO [AUTHENTICATIONFAILED] Authentication failed.');
  }

  const tokenCases: { name: string; reason: RegExp; token: () => Promise<string> }[] = [
    {
      name: 'expired',
      reason: /"exp" claim timestamp check failed/,
      token: () => readerTokenWith({}, { shiftSeconds: -7200 }),
    },
    {
      name: 'not yet valid',
      reason: /"nbf" claim timestamp check failed/,
      token: () => readerTokenWith({}, { shiftSeconds: 600 }),
    },
    {
      name: 'wrong audience (Graph)',
      reason: /wrong audience/,
      token: () => readerTokenWith({ aud: 'https://graph.microsoft.com' }),
    },
    {
      name: 'wrong issuer',
      reason: /wrong issuer/,
      token: () => readerTokenWith({ iss: 'https://sts.windows.net/00000000-0000-0000-0000-000000000000/' }),
    },
    {
      name: 'unknown tenant',
      reason: /unknown tenant/,
      token: () => readerTokenWith({ tid: '00000000-0000-0000-0000-000000000000' }),
    },
    {
      name: 'bad signature',
      reason: /signature verification failed/,
      token: () => readerTokenWith({}, { foreignKey: true }),
    },
    {
      name: 'missing IMAP.AccessAsApp',
      reason: /roles lack IMAP\.AccessAsApp/,
      token: () => appToken(CONTOSO.noRolesClientId, CONTOSO.noRolesSecret.value),
    },
    { name: 'not a JWT', reason: /Invalid Compact JWS|JWS/, token: async () => 'not-a-token' },
  ];

  for (const c of tokenCases) {
    it(`IMAP refuses a token that is ${c.name}`, async () => {
      await expectImapRefused(CONTOSO.invoices, await c.token());
      const result = lastIntrospection();
      expect(result?.active).toBe(false);
      expect(result && !result.active ? result.reason : '').toMatch(c.reason);
    });
  }

  it('POP3 refuses a token without POP.AccessAsApp (an app that may only use IMAP)', async () => {
    const token = await appToken(CONTOSO.imapOnlyClientId, CONTOSO.imapOnlySecret.value);
    const imap = await imapLogin(imaps(), CONTOSO.invoices, token);
    imap.client.close();
    expect(imap.reply).toMatch(/^a1 OK/);
    for (const form of ['initial-response', 'continuation'] as const) {
      const { reply, client } = await popLogin(pop3s(), CONTOSO.invoices, token, form);
      client.close();
      expect(reply).toBe('-ERR [AUTH] Authentication failed.');
      expect(lastIntrospection()).toMatchObject({ active: false, reason: 'roles lack POP.AccessAsApp' });
    }
  });

  it('a valid token for a mailbox its service principal has no FullAccess on is refused (IMAP and POP3)', async () => {
    const token = await readerToken();
    await expectImapRefused(CONTOSO.hr, token);
    // The token itself was fine: the refusal is the mailbox permission.
    expect(lastIntrospection()).toMatchObject({ active: true, grantee: CONTOSO.readerSpObjectId });
    const { reply, client } = await popLogin(pop3s(), CONTOSO.hr, token, 'initial-response');
    client.close();
    expect(reply).toBe('-ERR [AUTH] Authentication failed.');
  });

  it('grants can change while running (Add-MailboxPermission, then Remove-MailboxPermission)', async () => {
    const token = await readerToken();
    const sp = bed.scenario.tenants[0]!.exchangeServicePrincipals.find(
      (s) => s.objectId === CONTOSO.readerSpObjectId,
    )!;
    sp.fullAccess.push(CONTOSO.hr);
    await bed.grantsChanged();
    const granted = await imapLogin(imaps(), CONTOSO.hr, token);
    granted.client.close();
    expect(granted.reply).toMatch(/^a1 OK/);
    sp.fullAccess.pop();
    await bed.grantsChanged();
    await expectImapRefused(CONTOSO.hr, token);
  });

  it('refusals are not slowed by anvil: Dovecot asks the test bed’s penalty shim', () => {
    expect(bed.dovecot?.anvilQueries()).toBeGreaterThan(0);
  });
});

describe('read-only proof', () => {
  const fixtures = [CONTOSO.invoices, CONTOSO.alerts, CONTOSO.hr, CONTOSO.user.userPrincipalName];

  it('after all of the above (EXAMINE, FETCH, POP3 STAT/UIDL), every fixture mailbox is byte-identical to its seed', async () => {
    // Also read every message the way the app does (EXAMINE + BODY.PEEK).
    const client = imapflow(CONTOSO.alerts, await readerToken());
    await client.connect();
    await client.mailboxOpen('INBOX', { readOnly: true });
    for await (const m of client.fetch('1:*', { source: true, flags: true }))
      expect(m.source?.length).toBeGreaterThan(0);
    await client.logout();
    expectUntouched(bed, fixtures);
  });

  it('the check notices a write (a flag set through a read-write SELECT)', async () => {
    const client = imapflow(CONTOSO.alerts, await readerToken());
    await client.connect();
    await client.mailboxOpen('INBOX');
    await client.messageFlagsAdd('1', ['\\Answered']);
    await client.logout();
    const diff = bed.verifyMailbox(CONTOSO.alerts);
    // The flag renames one file in cur/; a read-write open also moves the five new/ messages to cur/.
    expect(diff.added.filter((f) => /^cur\/.*:2,F?RS$/.test(f))).toHaveLength(1);
    expect(diff.missing.length).toBeGreaterThan(0);
  });
});
