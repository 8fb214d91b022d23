import { z } from 'zod';

/**
 * A mailbox profile: everything Mailscope needs to reach one shared mailbox, except secrets.
 * Secrets (client secret, certificate private key, tokens) live in the SecretStore under the
 * profile's id; nothing in this schema may ever hold one, because profiles are written to disk
 * and exported for colleagues.
 *
 * Every message names its field and says what is expected, because the wizard shows them as the
 * user types and the import report shows them per entry.
 */

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A DNS name with at least one dot (a verified domain: contoso.com, contoso.onmicrosoft.com). */
const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
/** A host name (dots optional, so `localhost` works for tests) or an IPv4 address. */
const HOST =
  /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i;
const HOST_WITH_PORT = /^([^:]+)(?::(\d{1,5}))?$/;

const TENANT_MESSAGE =
  'Tenant: enter the directory (tenant) ID, a GUID like 72f988bf-86f1-41af-91ab-2d7cd011db47, or a domain like contoso.onmicrosoft.com.';
const CLIENT_ID_MESSAGE =
  'Client ID: enter the application (client) ID from the app registration, a GUID like 0e5f7a41-3b2c-4d8e-9f10-2a3b4c5d6e7f.';
const PROXY_MESSAGE =
  'Proxy: enter an http:// or https:// URL like http://proxy.contoso.com:8080, without a user name or password.';

/** The most IMAP sessions a profile may give its fan-outs: below the 16 Exchange is reported to allow. */
export const MAX_CONNECTIONS = 12;
/** Sessions a fan-out may use when the profile does not say. */
export const DEFAULT_CONNECTIONS = 4;
const CONNECTIONS_MESSAGE = `Connections: enter a whole number from 1 to ${MAX_CONNECTIONS} (empty: ${DEFAULT_CONNECTIONS}).`;

export const PROTOCOLS = ['imap', 'pop3'] as const;
export const Protocol = z.enum(PROTOCOLS, {
  error: 'Protocol: choose IMAP or POP3.',
});
export type Protocol = z.infer<typeof Protocol>;

export const TLS_MODES = ['implicit', 'starttls'] as const;
export const TlsMode = z.enum(TLS_MODES, {
  error: 'TLS: choose implicit TLS (ports 993/995) or STARTTLS (ports 143/110).',
});
export type TlsMode = z.infer<typeof TlsMode>;

export const CREDENTIAL_KINDS = ['client-secret', 'certificate', 'delegated'] as const;
export const CredentialKind = z.enum(CREDENTIAL_KINDS, {
  error: 'Credential: choose client secret, certificate or delegated (sign in as a user).',
});
export type CredentialKind = z.infer<typeof CredentialKind>;

/** The well-known Microsoft clouds, and `custom` for the test bed (or a sovereign cloud we do not list). */
export const Cloud = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('global') }).strict(),
    z.object({ kind: z.literal('usgov-high') }).strict(),
    z.object({ kind: z.literal('china') }).strict(),
    z
      .object({
        kind: z.literal('custom'),
        /** Where tokens come from: `host` or `host:port` (the test bed's fake identity platform). */
        authorityHost: z
          .string({ error: 'Authority host: enter a host name such as login.microsoftonline.com.' })
          .trim()
          .refine(
            isHostWithPort,
            'Authority host: enter a host name such as login.microsoftonline.com, optionally with :port.',
          ),
        /** The Exchange resource: the token scope is `https://<exchangeHost>/.default`. */
        exchangeHost: z
          .string({ error: 'Exchange host: enter a host name such as outlook.office365.com.' })
          .trim()
          .regex(
            HOST,
            'Exchange host: enter a host name such as outlook.office365.com (no scheme, no port).',
          ),
      })
      .strict(),
  ],
  { error: 'Cloud: choose Global, US Government (GCC High), China (21Vianet) or Custom.' },
);
export type Cloud = z.infer<typeof Cloud>;
export type CloudKind = Cloud['kind'];

/** Microsoft's published endpoints per national cloud (login host, Exchange Online host). */
export const CLOUD_ENDPOINTS: Record<
  Exclude<CloudKind, 'custom'>,
  { authorityHost: string; exchangeHost: string }
> = {
  global: { authorityHost: 'login.microsoftonline.com', exchangeHost: 'outlook.office365.com' },
  'usgov-high': { authorityHost: 'login.microsoftonline.us', exchangeHost: 'outlook.office365.us' },
  china: { authorityHost: 'login.chinacloudapi.cn', exchangeHost: 'partner.outlook.cn' },
};

/** The application permission (a role in `roles`) an app-only token needs, per protocol. */
export const APP_PERMISSION: Record<Protocol, string> = {
  imap: 'IMAP.AccessAsApp',
  pop3: 'POP.AccessAsApp',
};

/** The delegated permission (a scope in `scp`) a person's token needs, per protocol. */
export const DELEGATED_PERMISSION: Record<Protocol, string> = {
  imap: 'IMAP.AccessAsUser.All',
  pop3: 'POP.AccessAsUser.All',
};

export const DEFAULT_PORTS: Record<Protocol, Record<TlsMode, number>> = {
  imap: { implicit: 993, starttls: 143 },
  pop3: { implicit: 995, starttls: 110 },
};

const ServerFields = {
  /** The IMAP or POP3 server; absent means the cloud's Exchange Online host. */
  host: z
    .string({ error: 'Server: enter a host name such as outlook.office365.com.' })
    .trim()
    .regex(HOST, 'Server: enter a host name such as outlook.office365.com (no scheme, no port).')
    .optional(),
  /** Absent means the protocol's standard port for the TLS mode (993/995 implicit, 143/110 STARTTLS). */
  port: z
    .number({ error: 'Port: enter a number from 1 to 65535.' })
    .int('Port: enter a whole number from 1 to 65535.')
    .min(1, 'Port: enter a number from 1 to 65535.')
    .max(65535, 'Port: enter a number from 1 to 65535.')
    .optional(),
  tlsMode: TlsMode.default('implicit'),
};

/** What the user edits (the wizard, an import): ids, timestamps and server defaults are filled in by the store. */
export const ProfileDraft = z
  .object({
    name: z
      .string({ error: 'Name: enter a display name for this mailbox.' })
      .trim()
      .min(1, 'Name: enter a display name for this mailbox.')
      .max(120, 'Name: use at most 120 characters.'),
    mailbox: z
      .string({ error: 'Mailbox: enter the shared mailbox address, like support@contoso.com.' })
      .trim()
      .pipe(z.email('Mailbox: enter the shared mailbox address, like support@contoso.com.'))
      .transform((address) => address.toLowerCase()),
    protocol: Protocol,
    server: z.object(ServerFields).strict().default({ tlsMode: 'implicit' }),
    cloud: Cloud.default({ kind: 'global' }),
    tenant: z
      .string({ error: TENANT_MESSAGE })
      .trim()
      .refine((value) => GUID.test(value) || DOMAIN.test(value), TENANT_MESSAGE)
      .transform((value) => value.toLowerCase()),
    clientId: z
      .string({ error: CLIENT_ID_MESSAGE })
      .trim()
      .regex(GUID, CLIENT_ID_MESSAGE)
      .transform((value) => value.toLowerCase()),
    credential: CredentialKind,
    /**
     * The connection budget: IMAP sessions a search in every folder, a Message-ID lookup or an
     * export may open at once, besides the browsing one (electron/core/imap/connection-pool.ts).
     * Absent: the default (4). Exchange Online limits connections per mailbox, for all clients.
     */
    connections: z
      .number({ error: CONNECTIONS_MESSAGE })
      .int(CONNECTIONS_MESSAGE)
      .min(1, CONNECTIONS_MESSAGE)
      .max(MAX_CONNECTIONS, CONNECTIONS_MESSAGE)
      .optional(),
    /** Outbound proxy for token requests, `http://host:port`; absent means HTTPS_PROXY, if set. */
    proxy: z.string({ error: PROXY_MESSAGE }).trim().refine(isProxyUrl, PROXY_MESSAGE).optional(),
    /** Public facts about the app certificate, shown in the UI; its private key is in the SecretStore. */
    certificate: z
      .object({
        thumbprintSha1: z.string().regex(/^[0-9a-f]{40}$/),
        thumbprintSha256: z.string().regex(/^[0-9a-f]{64}$/),
        subject: z.string().max(1024),
        notAfter: z.iso.datetime(),
        /** PEM of the leaf and any chain, for the x5c header (public data). */
        chainPem: z
          .string()
          .max(65_536)
          .refine(
            (pem) => !/PRIVATE KEY/.test(pem),
            'Certificate: the chain must hold certificates only, never a private key.',
          ),
      })
      .strict()
      .optional(),
  })
  .strict();
export type ProfileDraft = z.output<typeof ProfileDraft>;
export type ProfileDraftInput = z.input<typeof ProfileDraft>;

/** A stored profile: a draft plus identity and timestamps, with the server fields resolved. */
export const Profile = ProfileDraft.extend({
  id: z.uuid('Id: expected a UUID.'),
  server: z
    .object({
      host: ServerFields.host.unwrap(),
      port: ServerFields.port.unwrap(),
      tlsMode: TlsMode,
    })
    .strict(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
}).strict();
export type Profile = z.output<typeof Profile>;

/** Fills the server defaults that depend on other fields (cloud, protocol, TLS mode). */
export function resolveServer(draft: ProfileDraft): Profile['server'] {
  const { tlsMode } = draft.server;
  return {
    host: draft.server.host ?? exchangeHostOf(draft.cloud),
    port: draft.server.port ?? DEFAULT_PORTS[draft.protocol][tlsMode],
    tlsMode,
  };
}

export interface Endpoints {
  /** MSAL `authority`: `https://<login host>/<tenant>`. */
  authority: string;
  /** MSAL `knownAuthorities` entry: the login host, so MSAL trusts a custom (test) authority. */
  authorityHost: string;
  /**
   * The Exchange scope the token request asks for: `https://<exchange host>/.default` for app-only
   * profiles, the protocol's delegated permission (`https://<exchange host>/IMAP.AccessAsUser.All`)
   * for delegated ones.
   */
  scope: string;
  /** The audience the token must carry (diagnostics check `aud` against it). */
  resource: string;
  protocol: Protocol;
  host: string;
  port: number;
  tlsMode: TlsMode;
}

/** Where this profile's tokens come from and which server it talks to. */
export function effectiveEndpoints(profile: Profile): Endpoints {
  const authorityHost = authorityHostOf(profile.cloud);
  const resource = `https://${exchangeHostOf(profile.cloud)}`;
  return {
    authority: `https://${authorityHost}/${profile.tenant}`,
    authorityHost,
    scope:
      profile.credential === 'delegated'
        ? `${resource}/${DELEGATED_PERMISSION[profile.protocol]}`
        : `${resource}/.default`,
    resource,
    protocol: profile.protocol,
    host: profile.server.host,
    port: profile.server.port,
    tlsMode: profile.server.tlsMode,
  };
}

/**
 * The page where an administrator consents, once for the whole tenant, to every permission an app
 * registration asks for (Entra's documented admin-consent URL).
 */
export function adminConsentUrl(authorityHost: string, tenant: string, clientId: string): string {
  return `https://${authorityHost}/${encodeURIComponent(tenant)}/adminconsent?client_id=${encodeURIComponent(clientId)}`;
}

function authorityHostOf(cloud: Cloud): string {
  return cloud.kind === 'custom' ? cloud.authorityHost : CLOUD_ENDPOINTS[cloud.kind].authorityHost;
}

function exchangeHostOf(cloud: Cloud): string {
  return cloud.kind === 'custom' ? cloud.exchangeHost : CLOUD_ENDPOINTS[cloud.kind].exchangeHost;
}

function isHostWithPort(value: string): boolean {
  const match = HOST_WITH_PORT.exec(value);
  if (!match || !HOST.test(match[1] ?? '')) return false;
  const port = match[2] === undefined ? 443 : Number(match[2]);
  return port >= 1 && port <= 65535;
}

function isProxyUrl(value: string): boolean {
  try {
    const url = new URL(value);
    // Credentials in the URL would be a secret on disk: ask for them elsewhere (or not at all).
    return (url.protocol === 'http:' || url.protocol === 'https:') && !url.username && !url.password;
  } catch {
    return false;
  }
}

/** Zod issues as one line per field, already phrased for people ("Tenant: …"). */
export function describeIssues(error: z.ZodError, limit = 5): string[] {
  const lines = error.issues.slice(0, limit).map((issue) => {
    // Our messages name their field; zod's generic ones (unknown keys, say) get the path instead.
    if (/^[A-Z][A-Za-z ()]*: /.test(issue.message)) return issue.message;
    const path = issue.path.map(String).join('.');
    return path ? `${path}: ${issue.message}` : issue.message;
  });
  if (error.issues.length > limit) lines.push(`…and ${error.issues.length - limit} more.`);
  return lines;
}
