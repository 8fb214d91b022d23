import { describe, expect, it } from 'vitest';
import {
  blockedReason,
  clientSecret,
  credentialProblem,
  type CredentialFacts,
  diagnosticsRequest,
  type DraftForm,
  EMPTY_FORM,
  formFromProfile,
  hasAdvancedSettings,
  isAdvancedField,
  looksLikeSecretId,
  saveRequest,
  STEPS,
  stepErrors,
  validate,
} from '../../../../../renderer/src/features/profiles/draft-form';
import type { ProfileSummary } from '../../../../../shared/model';

/** The wizard's rules, without a DOM: what each field says, what gates a step, what is sent. */

const VALID: DraftForm = {
  ...EMPTY_FORM,
  name: 'Invoices',
  mailbox: 'invoices@contoso.com',
  tenant: 'contoso.onmicrosoft.com',
  clientId: '0e5f7a41-3b2c-4d8e-9f10-2a3b4c5d6e7f',
};

describe('validate', () => {
  it('accepts a complete form and fills the schema defaults', () => {
    const result = validate(VALID);
    expect(result.errors).toEqual({});
    expect(result.draft).toMatchObject({
      name: 'Invoices',
      cloud: { kind: 'global' },
      server: { tlsMode: 'implicit' },
    });
    expect(result.draft?.server.port).toBeUndefined();
  });

  it('puts each schema message on the field that shows it, nested paths included', () => {
    const result = validate({ ...VALID, name: '', mailbox: 'not-an-address', port: '8O', cloud: 'custom' });
    expect(result.draft).toBeNull();
    expect(result.errors.name).toMatch(/^Name:/);
    expect(result.errors.mailbox).toMatch(/^Mailbox:/);
    expect(result.errors.port).toMatch(/^Port:/);
    expect(result.errors.authorityHost).toBeDefined();
    expect(result.errors.exchangeHost).toBeDefined();
    expect(result.other).toEqual([]);
  });

  it('sends a typed port as a number and leaves empty optional fields out', () => {
    expect(validate({ ...VALID, port: '1993', proxy: '' }).draft?.server.port).toBe(1993);
    expect(validate({ ...VALID, proxy: '  ' }).draft).not.toHaveProperty('proxy');
  });
});

describe('connections (the connection budget)', () => {
  it('sends a typed budget as a number for IMAP, leaves it out when empty or for POP3', () => {
    expect(validate({ ...VALID, connections: ' 6 ' }).draft?.connections).toBe(6);
    expect(validate(VALID).draft).not.toHaveProperty('connections');
    expect(validate({ ...VALID, protocol: 'pop3', connections: '6' }).draft).not.toHaveProperty(
      'connections',
    );
  });

  it('says what it takes on the field, behind Advanced', () => {
    for (const connections of ['0', '13', 'four', '2.5']) {
      expect(validate({ ...VALID, connections }).errors.connections).toBe(
        'Connections: enter a whole number from 1 to 12 (empty: 4).',
      );
    }
    expect(isAdvancedField('connections')).toBe(true);
    expect(hasAdvancedSettings({ ...VALID, connections: '2' })).toBe(true);
  });
});

describe('steps', () => {
  it('cover every field once, so no error hides on a step the user cannot reach', () => {
    const fields = STEPS.flatMap((s) => s.fields);
    expect(new Set(fields).size).toBe(fields.length);
    expect([...fields].sort()).toEqual(Object.keys(EMPTY_FORM).sort());
  });

  it('gate Next on their own fields only, in the order they are shown', () => {
    const { errors } = validate({ ...VALID, name: '', tenant: '', port: 'x' });
    expect(stepErrors('mailbox', errors)).toEqual(['name']);
    expect(stepErrors('microsoft', errors)).toEqual(['tenant', 'port']);
    expect(stepErrors('credential', errors)).toEqual([]);
  });

  it('open Advanced for its own fields and for an edit that sets any of them', () => {
    expect(isAdvancedField('port')).toBe(true);
    expect(isAdvancedField('tenant')).toBe(false);
    expect(hasAdvancedSettings(VALID)).toBe(false);
    expect(hasAdvancedSettings({ ...VALID, tlsMode: 'starttls' })).toBe(true);
  });
});

describe('credentialProblem', () => {
  const facts = (over: Partial<CredentialFacts>): CredentialFacts => ({
    credential: 'client-secret',
    newSecret: null,
    canKeepStored: false,
    certificateHasInput: false,
    certificateParsed: false,
    ...over,
  });

  it('asks for the secret unless an edit keeps the stored one', () => {
    expect(credentialProblem(facts({}))).toMatch(/^Client secret:/);
    expect(credentialProblem(facts({ canKeepStored: true }))).toBeNull();
    expect(credentialProblem(facts({ newSecret: clientSecret(' s3cr3t ') }))).toBeNull();
  });

  it('asks for a certificate that parses before anything else', () => {
    expect(credentialProblem(facts({ credential: 'certificate' }))).toMatch(/paste or choose/);
    expect(
      credentialProblem(facts({ credential: 'certificate', certificateHasInput: true, canKeepStored: true })),
    ).toMatch(/check the certificate/);
  });

  it('asks nothing of a delegated profile', () => {
    expect(credentialProblem(facts({ credential: 'delegated' }))).toBeNull();
  });
});

describe('requests', () => {
  const draft = validate(VALID).draft!;
  const secret = clientSecret('  value  ')!;

  it('trims the secret and treats blank as none', () => {
    expect(secret).toEqual({ kind: 'client-secret', value: 'value' });
    expect(clientSecret('   ')).toBeNull();
  });

  it('test a new profile with its secret, an edit without one with the stored secret', () => {
    expect(diagnosticsRequest(draft, secret, undefined)).toEqual({ draft, secret });
    expect(diagnosticsRequest(draft, secret, 'p1')).toEqual({ draft, secret, profileId: 'p1' });
    expect(diagnosticsRequest(draft, null, 'p1')).toEqual({ draft, profileId: 'p1' });
  });

  it('save carries the id of an edit, and the secret only when a new one was given', () => {
    expect(saveRequest(draft, secret, undefined)).toEqual({ draft, secret });
    expect(saveRequest(draft, null, 'p1')).toEqual({ id: 'p1', draft });
  });
});

describe('blockedReason', () => {
  it('names the keychain first, then counts the fields left, then the credential', () => {
    const invalid = validate({ ...VALID, name: '', tenant: '' });
    expect(blockedReason(invalid, null, true)).toMatch(/keychain/);
    expect(blockedReason(invalid, null, false)).toBe('2 fields to complete');
    expect(blockedReason(validate({ ...VALID, name: '' }), null, false)).toBe('1 field to complete');
    expect(blockedReason(validate(VALID), 'Client secret: paste', false)).toBe('Client secret: paste');
  });
});

describe('formFromProfile', () => {
  it('shows resolved defaults empty, so an edit keeps following the cloud and protocol', () => {
    const profile = {
      ...validate(VALID).draft!,
      id: '6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f',
      server: { host: 'outlook.office365.com', port: 993, tlsMode: 'implicit' },
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
      secretStored: true,
      lastCheck: null,
      signIn: null,
    } as ProfileSummary;
    expect(formFromProfile(profile)).toEqual(VALID);
    expect(formFromProfile({ ...profile, server: { ...profile.server, port: 1993 } }).port).toBe('1993');
  });
});

describe('looksLikeSecretId', () => {
  it('spots a GUID, the Secret ID column, but not a real secret Value', () => {
    expect(looksLikeSecretId(' 3f2504e0-4f89-11d3-9a0c-0305e82c3301 ')).toBe(true);
    expect(looksLikeSecretId('Abc8Q~x1y2z3-4_5.6789abcdefghijklmnop')).toBe(false);
  });
});
