import type { ProfileDraftInput } from '../../../shared/profile';

/** A valid draft; override what a test is about. */
export function draft(overrides: Partial<ProfileDraftInput> = {}): ProfileDraftInput {
  return {
    name: 'Support',
    mailbox: 'support@contoso.com',
    protocol: 'imap',
    tenant: 'contoso.onmicrosoft.com',
    clientId: '0e5f7a41-3b2c-4d8e-9f10-2a3b4c5d6e7f',
    credential: 'client-secret',
    ...overrides,
  };
}
