/**
 * What the fake identity platform and the fake Exchange side know: tenants, app registrations,
 * users, and which service principal has FullAccess on which mailbox. It is plain data so tests
 * can build variants (`structuredClone(contoso())` and edit) without touching the servers.
 */

export const EXCHANGE_RESOURCE = 'https://outlook.office365.com';
export const IMAP_APP_ROLE = 'IMAP.AccessAsApp';
export const POP_APP_ROLE = 'POP.AccessAsApp';
export const IMAP_DELEGATED_SCOPE = 'IMAP.AccessAsUser.All';
export const POP_DELEGATED_SCOPE = 'POP.AccessAsUser.All';

export type AppRole = typeof IMAP_APP_ROLE | typeof POP_APP_ROLE;

export interface AppSecret {
  /** The "Secret ID" column of Certificates & secrets: a GUID, not usable as a credential. */
  id: string;
  /** The "Value" column, shown once at creation: the actual credential. */
  value: string;
  expiresAt: Date;
}

export interface AppCertificate {
  /** PEM of the public certificate as uploaded to the app registration. */
  certPem: string;
  /** The private key stays with the client; the test bed keeps it so tests can use it. */
  keyPem: string;
  thumbprintSha1: string;
  thumbprintSha256: string;
}

export interface AppRegistration {
  /** Application (client) ID. */
  clientId: string;
  displayName: string;
  /** Object ID of the enterprise application (service principal) in the tenant: the token's `oid`. */
  servicePrincipalObjectId: string;
  secrets: AppSecret[];
  /** Names of certificates the test bed generates at start (RSA, self-signed). */
  certificateNames: string[];
  /** Application permissions granted on Office 365 Exchange Online. */
  roles: AppRole[];
  /** Delegated permissions on Office 365 Exchange Online. */
  delegatedScopes: string[];
  adminConsent: boolean;
  /** Public clients (desktop apps) may redeem codes without a secret. */
  publicClient: boolean;
  redirectUris: string[];
}

/**
 * What a Conditional Access policy demands of a user, as Entra reports it when a refresh token
 * issued before the policy is redeemed (the moment a desktop app meets it):
 * - `mfa`: multi-factor authentication (AADSTS50076);
 * - `mfa-registration`: registering for MFA first (AADSTS50079);
 * - `blocked`: no token at all from here (AADSTS53003), at sign-in too.
 * A browser or device-code sign-in made while `mfa`/`mfa-registration` is on counts as having done
 * it (the fake sign-in page does not ask), so its refresh tokens keep working.
 */
export type ConditionalAccess = 'mfa' | 'mfa-registration' | 'blocked';

export interface User {
  objectId: string;
  userPrincipalName: string;
  displayName: string;
  password: string;
  /** Set by tests to turn a policy on for this user; absent: none applies. */
  conditionalAccess?: ConditionalAccess;
}

/** What `New-ServicePrincipal` + `Add-MailboxPermission -AccessRights FullAccess` set up in Exchange. */
export interface ExchangeServicePrincipal {
  appId: string;
  /** Must be the enterprise application's object ID, as in real life; a wrong one grants nothing. */
  objectId: string;
  fullAccess: string[];
}

export interface Tenant {
  id: string;
  /** Short name usable in the authority URL instead of the GUID (`contoso`). */
  name: string;
  domains: string[];
  apps: AppRegistration[];
  users: User[];
  /** Shared mailboxes (and user mailboxes) that exist in Exchange and get seeded. */
  mailboxes: string[];
  exchangeServicePrincipals: ExchangeServicePrincipal[];
  /** Users with FullAccess on mailboxes other than their own (delegated access). */
  userFullAccess: Record<string, string[]>;
}

export interface Scenario {
  tenants: Tenant[];
  tokenLifetimeSeconds: number;
  /** Seconds MSAL waits between device-code polls; Entra says 5, tests want 1. */
  deviceCodeIntervalSeconds: number;
}

const far = new Date('2099-01-01T00:00:00Z');
const past = new Date('2024-01-01T00:00:00Z');

/** Stable ids so demo profiles and docs can name them. */
export const CONTOSO = {
  tenantId: '7d3b5a8e-2c4f-4b9a-9e61-0c1d2e3f4a5b',
  readerClientId: '3f1e2d4c-5b6a-4798-8a9b-0c1d2e3f4a01',
  readerSpObjectId: 'a0b1c2d3-e4f5-4a6b-8c7d-0e1f2a3b4c01',
  readerSecret: { id: '5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a801', value: 'Xy8Q~reader.secret.value-valid-0001' },
  readerExpiredSecret: {
    id: '5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a802',
    value: 'Xy8Q~reader.secret.value-expired-02',
  },
  readerCertificate: 'mailscope-reader',
  imapOnlyClientId: '3f1e2d4c-5b6a-4798-8a9b-0c1d2e3f4a02',
  imapOnlySpObjectId: 'a0b1c2d3-e4f5-4a6b-8c7d-0e1f2a3b4c02',
  imapOnlySecret: { id: '5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a803', value: 'Xy8Q~imaponly.secret.value-0003' },
  noRolesClientId: '3f1e2d4c-5b6a-4798-8a9b-0c1d2e3f4a03',
  noRolesSpObjectId: 'a0b1c2d3-e4f5-4a6b-8c7d-0e1f2a3b4c03',
  noRolesSecret: { id: '5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a804', value: 'Xy8Q~noroles.secret.value-0004' },
  noConsentClientId: '3f1e2d4c-5b6a-4798-8a9b-0c1d2e3f4a04',
  noConsentSpObjectId: 'a0b1c2d3-e4f5-4a6b-8c7d-0e1f2a3b4c04',
  noConsentSecret: { id: '5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a805', value: 'Xy8Q~noconsent.secret.value-0005' },
  desktopClientId: '3f1e2d4c-5b6a-4798-8a9b-0c1d2e3f4a05',
  desktopSpObjectId: 'a0b1c2d3-e4f5-4a6b-8c7d-0e1f2a3b4c05',
  desktopNoConsentClientId: '3f1e2d4c-5b6a-4798-8a9b-0c1d2e3f4a06',
  desktopNoConsentSpObjectId: 'a0b1c2d3-e4f5-4a6b-8c7d-0e1f2a3b4c06',
  user: {
    objectId: 'b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d01',
    userPrincipalName: 'megan@contoso.example',
    password: 'Megan-Passw0rd!',
  },
  invoices: 'invoices@contoso.example',
  alerts: 'alerts@contoso.example',
  hr: 'hr@contoso.example',
} as const;

/**
 * The default scenario: one tenant, three shared mailboxes, and one app per failure mode so each
 * refusal has exactly one cause:
 * - reader: IMAP + POP roles, consented, FullAccess on invoices@ and alerts@ (not hr@);
 * - imap-only: only IMAP.AccessAsApp (POP3 is refused);
 * - no-roles: consented, FullAccess on invoices@, but no roles (both protocols refused);
 * - no-consent: roles requested but admin consent never given (AADSTS65001);
 * - desktop: public client for delegated sign-in (auth code + PKCE, device code); the user
 *   megan@ has FullAccess on hr@ and alerts@ (not invoices@);
 * - desktop-no-consent: the same public client, but nobody consented to its Exchange permissions
 *   (AADSTS65001 when a person signs in).
 */
export function contoso(): Scenario {
  const c = CONTOSO;
  const app = (
    over: Partial<AppRegistration> &
      Pick<AppRegistration, 'clientId' | 'displayName' | 'servicePrincipalObjectId'>,
  ): AppRegistration => ({
    secrets: [],
    certificateNames: [],
    roles: [],
    delegatedScopes: [],
    adminConsent: true,
    publicClient: false,
    redirectUris: [],
    ...over,
  });
  return {
    tokenLifetimeSeconds: 3600,
    deviceCodeIntervalSeconds: 1,
    tenants: [
      {
        id: c.tenantId,
        name: 'contoso',
        domains: ['contoso.example', 'contoso.onmicrosoft.com'],
        mailboxes: [c.invoices, c.alerts, c.hr, c.user.userPrincipalName],
        users: [{ ...c.user, displayName: 'Megan Bowen' }],
        userFullAccess: { [c.user.userPrincipalName]: [c.hr, c.alerts] },
        apps: [
          app({
            clientId: c.readerClientId,
            displayName: 'Mailscope Reader',
            servicePrincipalObjectId: c.readerSpObjectId,
            secrets: [
              { ...c.readerSecret, expiresAt: far },
              { ...c.readerExpiredSecret, expiresAt: past },
            ],
            certificateNames: [c.readerCertificate],
            roles: [IMAP_APP_ROLE, POP_APP_ROLE],
          }),
          app({
            clientId: c.imapOnlyClientId,
            displayName: 'Mailscope IMAP only',
            servicePrincipalObjectId: c.imapOnlySpObjectId,
            secrets: [{ ...c.imapOnlySecret, expiresAt: far }],
            roles: [IMAP_APP_ROLE],
          }),
          app({
            clientId: c.noRolesClientId,
            displayName: 'Mailscope no roles',
            servicePrincipalObjectId: c.noRolesSpObjectId,
            secrets: [{ ...c.noRolesSecret, expiresAt: far }],
          }),
          app({
            clientId: c.noConsentClientId,
            displayName: 'Mailscope no consent',
            servicePrincipalObjectId: c.noConsentSpObjectId,
            secrets: [{ ...c.noConsentSecret, expiresAt: far }],
            roles: [IMAP_APP_ROLE, POP_APP_ROLE],
            adminConsent: false,
          }),
          app({
            clientId: c.desktopClientId,
            displayName: 'Mailscope Desktop',
            servicePrincipalObjectId: c.desktopSpObjectId,
            publicClient: true,
            delegatedScopes: [IMAP_DELEGATED_SCOPE, POP_DELEGATED_SCOPE],
            redirectUris: ['http://localhost'],
          }),
          app({
            clientId: c.desktopNoConsentClientId,
            displayName: 'Mailscope Desktop (no consent)',
            servicePrincipalObjectId: c.desktopNoConsentSpObjectId,
            publicClient: true,
            delegatedScopes: [IMAP_DELEGATED_SCOPE, POP_DELEGATED_SCOPE],
            redirectUris: ['http://localhost'],
            adminConsent: false,
          }),
        ],
        exchangeServicePrincipals: [
          { appId: c.readerClientId, objectId: c.readerSpObjectId, fullAccess: [c.invoices, c.alerts] },
          { appId: c.imapOnlyClientId, objectId: c.imapOnlySpObjectId, fullAccess: [c.invoices] },
          { appId: c.noRolesClientId, objectId: c.noRolesSpObjectId, fullAccess: [c.invoices] },
        ],
      },
    ],
  };
}

export function findTenant(scenario: Scenario, idOrName: string): Tenant | undefined {
  const key = idOrName.toLowerCase();
  return scenario.tenants.find(
    (t) => t.id === key || t.name === key || t.domains.some((d) => d.toLowerCase() === key),
  );
}
