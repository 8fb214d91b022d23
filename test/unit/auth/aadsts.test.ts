import { describe, expect, it } from 'vitest';
import {
  aadstsCode,
  type AadstsContext,
  delegatedErrorCode,
  entraCorrelationId,
  entraMessage,
  explainAadsts,
  KNOWN_AADSTS_CODES,
  RemedyCatalogue,
} from '../../../electron/core/auth/aadsts';
import remedies from '../../../electron/core/auth/aadsts-remedies.json' with { type: 'json' };

const ctx: AadstsContext = {
  tenant: 'contoso.onmicrosoft.com',
  clientId: '3f1e2d4c-5b6a-4798-8a9b-0c1d2e3f4a01',
  scope: 'https://outlook.office365.com/.default',
  resource: 'https://outlook.office365.com',
  credential: 'client-secret',
};

const MSAL_MESSAGE =
  'Error(s): 7000215 - Timestamp: 2026-11-25 23:38:23Z - Description: AADSTS7000215: Invalid client secret provided. Trace ID: 8c1e0a4e-0000-4000-8000-000000000001 Correlation ID: 1b2c3d4e-0000-4000-8000-000000000002 Timestamp: 2026-11-25 23:38:23Z - Correlation ID: 1b2c3d4e-0000-4000-8000-000000000002 - Trace ID: 8c1e0a4e-0000-4000-8000-000000000001';

describe('explainAadsts', () => {
  it('covers the codes the brief and the test bed name', () => {
    for (const code of [90002, 700016, 7000215, 7000222, 700027, 70011, 1002012, 65001]) {
      expect(KNOWN_AADSTS_CODES).toContain(code);
      const explained = explainAadsts(code, '', ctx);
      expect(explained.unknown).toBe(false);
      expect(explained.cause.length).toBeGreaterThan(20);
      expect(explained.fix.length).toBeGreaterThan(20);
    }
  });

  it.each([
    [90002, /tenant “contoso\.onmicrosoft\.com” does not exist/, /Directory \(tenant\) ID/],
    [700016, /client ID 3f1e2d4c-5b6a-4798-8a9b-0c1d2e3f4a01/, /Application \(client\) ID/],
    [7000215, /Secret ID/, /\*\*Value\*\*/],
    [7000222, /expired/, /create a new client secret/],
    [700027, /not uploaded to the app registration/, /Certificates & secrets → Certificates/],
    [70011, /Microsoft Graph/, /use https:\/\/outlook\.office365\.com\/\.default/i],
    [1002012, /\/\.default/, /https:\/\/outlook\.office365\.com\/\.default/],
    [65001, /Admin consent/, /Grant admin consent/],
  ])('AADSTS%i', (code, cause, fix) => {
    const explained = explainAadsts(code, '', ctx);
    expect(explained.cause).toMatch(cause);
    expect(explained.fix).toMatch(fix);
  });

  it('says "Secret ID" outright when the stored secret is shaped like one', () => {
    expect(explainAadsts(7000215, '', { ...ctx, secretLooksLikeId: true }).cause).toMatch(
      /looks like a GUID/,
    );
  });

  it('names the certificate thumbprint for 700027', () => {
    const explained = explainAadsts(700027, '', {
      ...ctx,
      credential: 'certificate',
      certificateThumbprint: 'AB12',
    });
    expect(explained.cause).toContain('thumbprint AB12');
    expect(explained.fix).toContain('equals AB12');
  });

  it('points a national cloud at its own resource', () => {
    const gov = {
      ...ctx,
      resource: 'https://outlook.office365.us',
      scope: 'https://graph.microsoft.us/.default',
    };
    expect(explainAadsts(70011, '', gov).fix).toContain('https://outlook.office365.us/.default');
  });

  it('unknown codes keep Entra’s text verbatim (without the volatile tail)', () => {
    const explained = explainAadsts(
      9999999,
      'AADSTS9999999: Something new. Trace ID: x Correlation ID: y Timestamp: z',
      ctx,
    );
    expect(explained.unknown).toBe(true);
    expect(explained.cause).toBe('Microsoft Entra refused the token request: AADSTS9999999: Something new.');
    expect(explained.fix).toContain('https://login.microsoftonline.com/error?code=9999999');
  });
});

describe('the remedy catalogue (aadsts-remedies.json)', () => {
  it('is checked on load: a remedy needs both texts, no stray keys, numeric codes', () => {
    expect(RemedyCatalogue.safeParse(remedies).success).toBe(true);
    expect(RemedyCatalogue.safeParse({ 70008: { cause: 'Expired.' } }).success).toBe(false);
    expect(RemedyCatalogue.safeParse({ 70008: { cause: 'Expired.', fix: 'Again.', why: '' } }).success).toBe(
      false,
    );
    expect(RemedyCatalogue.safeParse({ AADSTS70008: { cause: 'Expired.', fix: 'Again.' } }).success).toBe(
      false,
    );
  });

  it('explains every catalogued code, each kind of sign-in with its own words where they differ', () => {
    for (const code of Object.keys(remedies).map(Number)) expect(KNOWN_AADSTS_CODES).toContain(code);
    const person: AadstsContext = { ...ctx, credential: 'delegated' };
    expect(explainAadsts(53003, '', ctx).cause).toBe(
      'A Conditional Access policy blocked the token request.',
    );
    expect(explainAadsts(53003, '', person).cause).toMatch(/blocked the sign-in/);
    expect(explainAadsts(7000218, '', ctx).fix).toBe(
      'Edit the profile and enter the client secret’s Value or import the app certificate.',
    );
    expect(explainAadsts(70008, '', ctx)).toEqual({
      code: 70008,
      cause: 'The saved sign-in expired or was revoked.',
      fix: 'Sign in again.',
      unknown: false,
    });
  });
});

describe('parsing Entra text', () => {
  it('finds the code, the message and the correlation id in MSAL’s wrapping', () => {
    expect(aadstsCode(MSAL_MESSAGE)).toBe(7000215);
    expect(entraMessage(MSAL_MESSAGE)).toBe('AADSTS7000215: Invalid client secret provided.');
    expect(entraCorrelationId(MSAL_MESSAGE)).toBe('1b2c3d4e-0000-4000-8000-000000000002');
    expect(aadstsCode('no code here')).toBeUndefined();
  });
});

describe('explainAadsts for a delegated sign-in', () => {
  const person: AadstsContext = {
    ...ctx,
    credential: 'delegated',
    scope: 'https://outlook.office365.com/IMAP.AccessAsUser.All',
    authorityHost: 'login.microsoftonline.us',
  };

  it('consent (65001) names the delegated permission and gives the admin-consent link of the cloud', () => {
    const explained = explainAadsts(65001, '', person);
    const link =
      'https://login.microsoftonline.us/contoso.onmicrosoft.com/adminconsent?client_id=3f1e2d4c-5b6a-4798-8a9b-0c1d2e3f4a01';
    expect(explained.cause).toMatch(/IMAP\.AccessAsUser\.All/);
    expect(explained.fix).toContain(link);
    expect(explained.url).toBe(link);
    expect(explainAadsts(65001, '', ctx).url).toBeUndefined();
  });

  it.each([
    [50076, /multi-factor authentication/, /complete the verification/],
    [50079, /register for multi-factor authentication/, /https:\/\/aka\.ms\/mfasetup/],
    [53003, /Conditional Access policy .* blocked the sign-in/, /Sign-in logs/],
    [65004, /cancelled in the browser/, /Sign in again/],
    [50011, /redirect URI/, /Mobile and desktop applications, add the redirect URI http:\/\/localhost/],
    [7000218, /not a public client/, /Allow public client flows/],
    [70020, /code expired/, /within 15 minutes/],
    [700082, /sign-in expired/, /Sign in again/],
  ])('AADSTS%i', (code, cause, fix) => {
    const explained = explainAadsts(code, '', person);
    expect(explained.unknown).toBe(false);
    expect(explained.cause).toMatch(cause);
    expect(explained.fix).toMatch(fix);
  });

  it('each code the person can act on has its own error code', () => {
    expect(delegatedErrorCode(65001)).toBe('CONSENT_REQUIRED');
    expect(delegatedErrorCode(50076)).toBe('MFA_REQUIRED');
    expect(delegatedErrorCode(50079)).toBe('MFA_REQUIRED');
    expect(delegatedErrorCode(53003)).toBe('ACCESS_BLOCKED');
    expect(delegatedErrorCode(65004)).toBe('SIGN_IN_CANCELLED');
    expect(delegatedErrorCode(70020)).toBe('SIGN_IN_EXPIRED');
    expect(delegatedErrorCode(700082)).toBe('SIGN_IN_REQUIRED');
    expect(delegatedErrorCode(7000215)).toBeUndefined();
  });
});
