import { ProfileSummary } from '../../../../../shared/model';

/** A saved profile as profiles.list answers it (app-only, secret stored), with what a test changes. */
export function profileSummary(change: Partial<ProfileSummary> = {}): ProfileSummary {
  return ProfileSummary.parse({
    id: '6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f',
    name: 'Invoices',
    mailbox: 'invoices@contoso.com',
    protocol: 'imap',
    server: { host: 'outlook.office365.com', port: 993, tlsMode: 'implicit' },
    cloud: { kind: 'global' },
    tenant: 'contoso.onmicrosoft.com',
    clientId: '3f2504e0-4f89-11d3-9a0c-0305e82c3301',
    credential: 'client-secret',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    secretStored: true,
    lastCheck: null,
    signIn: null,
    ...change,
  });
}
