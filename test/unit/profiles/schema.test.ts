import { describe, expect, it } from 'vitest';
import {
  describeIssues,
  effectiveEndpoints,
  Profile,
  ProfileDraft,
  type ProfileDraftInput,
  resolveServer,
} from '../../../shared/profile';
import { draft } from './fixtures';

function profileFrom(input: ProfileDraftInput): Profile {
  const parsed = ProfileDraft.parse(input);
  return Profile.parse({
    ...parsed,
    server: resolveServer(parsed),
    id: '3f2504e0-4f89-41d3-9a0c-0305e82c3301',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  });
}

function messagesFor(input: unknown): string[] {
  const result = ProfileDraft.safeParse(input);
  if (result.success) throw new Error('expected the draft to be invalid');
  return describeIssues(result.error);
}

describe('profile defaults and endpoints', () => {
  it('defaults to the global cloud, outlook.office365.com, implicit TLS on 993 (IMAP) and 995 (POP3)', () => {
    const imap = profileFrom(draft());
    expect(imap.server).toEqual({ host: 'outlook.office365.com', port: 993, tlsMode: 'implicit' });
    expect(imap.cloud).toEqual({ kind: 'global' });
    expect(profileFrom(draft({ protocol: 'pop3' })).server.port).toBe(995);
    expect(profileFrom(draft({ server: { tlsMode: 'starttls' } })).server.port).toBe(143);
    expect(profileFrom(draft({ protocol: 'pop3', server: { tlsMode: 'starttls' } })).server.port).toBe(110);
    expect(
      profileFrom(draft({ server: { host: 'imap.example.net', port: 10993, tlsMode: 'implicit' } })).server,
    ).toEqual({
      host: 'imap.example.net',
      port: 10993,
      tlsMode: 'implicit',
    });
  });

  it.each([
    ['global', 'https://login.microsoftonline.com/contoso.onmicrosoft.com', 'outlook.office365.com'],
    ['usgov-high', 'https://login.microsoftonline.us/contoso.onmicrosoft.com', 'outlook.office365.us'],
    ['china', 'https://login.chinacloudapi.cn/contoso.onmicrosoft.com', 'partner.outlook.cn'],
  ] as const)('gives the %s cloud its authority, scope and server', (kind, authority, exchange) => {
    const endpoints = effectiveEndpoints(profileFrom(draft({ cloud: { kind } })));
    expect(endpoints.authority).toBe(authority);
    expect(endpoints.scope).toBe(`https://${exchange}/.default`);
    expect(endpoints.resource).toBe(`https://${exchange}`);
    expect(endpoints.host).toBe(exchange);
    expect(endpoints.port).toBe(993);
  });

  it('uses a custom cloud’s hosts (the test bed), ports included for the authority', () => {
    const profile = profileFrom(
      draft({
        cloud: { kind: 'custom', authorityHost: '127.0.0.1:43123', exchangeHost: 'outlook.office365.com' },
        server: { host: '127.0.0.1', port: 10993, tlsMode: 'implicit' },
        tenant: '72f988bf-86f1-41af-91ab-2d7cd011db47',
      }),
    );
    expect(effectiveEndpoints(profile)).toEqual({
      authority: 'https://127.0.0.1:43123/72f988bf-86f1-41af-91ab-2d7cd011db47',
      authorityHost: '127.0.0.1:43123',
      scope: 'https://outlook.office365.com/.default',
      resource: 'https://outlook.office365.com',
      protocol: 'imap',
      host: '127.0.0.1',
      port: 10993,
      tlsMode: 'implicit',
    });
  });

  it('normalises case and whitespace of addresses and ids', () => {
    const parsed = ProfileDraft.parse(
      draft({
        mailbox: '  Support@Contoso.COM ',
        clientId: '0E5F7A41-3B2C-4D8E-9F10-2A3B4C5D6E7F',
        tenant: 'Contoso.com',
      }),
    );
    expect(parsed.mailbox).toBe('support@contoso.com');
    expect(parsed.clientId).toBe('0e5f7a41-3b2c-4d8e-9f10-2a3b4c5d6e7f');
    expect(parsed.tenant).toBe('contoso.com');
  });
});

describe('validation messages name the field and what is expected', () => {
  it.each([
    [
      { tenant: 'contoso' },
      /^Tenant: enter the directory \(tenant\) ID, a GUID like 72f988bf-.*, or a domain like contoso\.onmicrosoft\.com\.$/,
    ],
    [{ tenant: 'common' }, /^Tenant: /],
    [{ clientId: 'my-app' }, /^Client ID: enter the application \(client\) ID .* a GUID like/],
    [{ mailbox: 'support' }, /^Mailbox: enter the shared mailbox address, like support@contoso\.com\.$/],
    [{ name: '   ' }, /^Name: enter a display name/],
    [{ protocol: 'smtp' as never }, /^Protocol: choose IMAP or POP3\.$/],
    [{ credential: 'password' as never }, /^Credential: choose client secret, certificate or delegated/],
    [{ server: { port: 70000, tlsMode: 'implicit' } }, /^Port: enter a number from 1 to 65535\.$/],
    [
      { server: { host: 'imaps://outlook.office365.com', tlsMode: 'implicit' } },
      /^Server: enter a host name/,
    ],
    [{ server: { tlsMode: 'ssl' as never } }, /^TLS: choose implicit TLS/],
    [{ proxy: 'socks5://proxy:1080' }, /^Proxy: enter an http:\/\/ or https:\/\/ URL/],
    [{ proxy: 'http://user:pw@proxy:8080' }, /without a user name or password/],
    [{ cloud: { kind: 'mars' } as never }, /^Cloud: choose Global, US Government/],
    [
      { cloud: { kind: 'custom', authorityHost: 'https://login', exchangeHost: 'x.example' } },
      /^Authority host: /,
    ],
    [{ cloud: { kind: 'custom', authorityHost: 'login.example', exchangeHost: 'x:1' } }, /^Exchange host: /],
  ])('%j', (overrides, message) => {
    const messages = messagesFor(draft(overrides as Partial<ProfileDraftInput>));
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(message);
  });

  it('reports a missing field by its name, and unknown fields (such as a secret) by path', () => {
    const { tenant: _omitted, ...withoutTenant } = draft();
    expect(messagesFor(withoutTenant)).toEqual([expect.stringMatching(/^Tenant: /)]);
    expect(messagesFor({ ...draft(), clientSecret: 'x' })[0]).toMatch(/clientSecret/);
  });

  it('refuses a private key in the certificate chain field', () => {
    const certificate = {
      thumbprintSha1: 'a'.repeat(40),
      thumbprintSha256: 'b'.repeat(64),
      subject: 'CN=x',
      notAfter: '2030-01-01T00:00:00.000Z',
      chainPem: '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n',
    };
    expect(messagesFor(draft({ credential: 'certificate', certificate }))[0]).toMatch(/never a private key/);
  });
});
