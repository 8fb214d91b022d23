/**
 * Mailbox profiles pointing at the test bed: custom cloud (the fake identity platform as
 * authority, Exchange Online's resource name), Dovecot or the Exchange-replies server as mail host.
 */
import { randomUUID } from 'node:crypto';
import { ConfidentialClientApplication } from '@azure/msal-node';
import { Profile, type ProfileDraftInput } from '../../shared/profile';
import { MemorySecretStore } from '../../electron/core/secrets/secret-store';
import { CONTOSO, type Testbed } from './index';

export interface BedProfileOptions {
  protocol?: 'imap' | 'pop3';
  mailbox?: string;
  clientId?: string;
  tenant?: string;
  /** `delegated`: a person signs in (client ID default: the public `desktop` app). */
  credential?: 'client-secret' | 'certificate' | 'delegated';
  /** Mail server: Dovecot (default) or the Exchange-replies server. */
  server?: 'dovecot' | 'exchange';
  tlsMode?: 'implicit' | 'starttls';
  host?: string;
  port?: number;
  exchangeHost?: string;
  proxy?: string;
  name?: string;
  /** A fixed id, for callers that keep secrets or tokens under it; default a new one. */
  id?: string;
}

export function bedProfile(bed: Testbed, options: BedProfileOptions = {}): Profile {
  const protocol = options.protocol ?? 'imap';
  const tlsMode = options.tlsMode ?? 'implicit';
  const dovecot = protocol === 'imap' ? bed.imap : bed.pop3;
  const exchangePort = protocol === 'imap' ? bed.exchange?.imapPort : bed.exchange?.pop3Port;
  const host = options.host ?? (options.server === 'exchange' ? '127.0.0.1' : dovecot.host);
  // Beds without a mail server (identity only) still need a valid port in the profile.
  const port =
    options.port ??
    ((options.server === 'exchange'
      ? exchangePort
      : tlsMode === 'implicit'
        ? dovecot.tlsPort
        : dovecot.port) ||
      (protocol === 'imap' ? 993 : 995));
  const credential = options.credential ?? 'client-secret';
  const cert = bed.certificates.get(CONTOSO.readerCertificate);
  const draft: ProfileDraftInput = {
    name: options.name ?? 'Invoices (test bed)',
    mailbox: options.mailbox ?? CONTOSO.invoices,
    protocol,
    server: { host, port, tlsMode },
    cloud: {
      kind: 'custom',
      authorityHost: bed.identity.host,
      exchangeHost: options.exchangeHost ?? 'outlook.office365.com',
    },
    tenant: options.tenant ?? CONTOSO.tenantId,
    clientId:
      options.clientId ?? (credential === 'delegated' ? CONTOSO.desktopClientId : CONTOSO.readerClientId),
    credential,
    ...(options.proxy ? { proxy: options.proxy } : {}),
    ...(credential === 'certificate' && cert
      ? {
          certificate: {
            thumbprintSha1: cert.thumbprintSha1,
            thumbprintSha256: cert.thumbprintSha256,
            subject: 'CN=mailscope-reader',
            notAfter: '2099-01-01T00:00:00.000Z',
            chainPem: cert.certPem,
          },
        }
      : {}),
  };
  const time = '2026-01-01T00:00:00.000Z';
  return Profile.parse({ ...draft, id: options.id ?? randomUUID(), createdAt: time, updatedAt: time });
}

/**
 * A memory secret store holding `secret` (client secret) or the reader certificate's key for the
 * profile; empty for a delegated profile (its tokens come from a sign-in).
 */
export async function secretsFor(
  bed: Testbed,
  profile: Profile,
  secret?: string,
): Promise<MemorySecretStore> {
  const store = new MemorySecretStore();
  if (profile.credential === 'delegated') return store;
  if (profile.credential === 'certificate') {
    const cert = bed.certificates.get(CONTOSO.readerCertificate);
    if (!cert) throw new Error('reader certificate missing');
    await store.set(profile.id, 'certificate-key', cert.keyPem);
  } else {
    await store.set(profile.id, 'client-secret', secret ?? CONTOSO.readerSecret.value);
  }
  return store;
}

/** An app-only Exchange token from the bed's identity platform, through MSAL (client secret). */
export async function msalAppToken(
  bed: Testbed,
  clientId: string = CONTOSO.readerClientId,
  secret: string = CONTOSO.readerSecret.value,
): Promise<string> {
  const cca = new ConfidentialClientApplication({
    auth: { clientId, clientSecret: secret, ...bed.identity.msalAuthOptions('contoso') },
    system: { networkClient: bed.networkClient() },
  });
  const result = await cca.acquireTokenByClientCredential({
    scopes: ['https://outlook.office365.com/.default'],
  });
  return result?.accessToken ?? '';
}
