import { expect } from 'vitest';
import {
  type AccessToken,
  type CredentialFacts,
  TokenProvider,
  type TokenSource,
} from '../../../electron/core/auth/token-provider';
import { tokenFingerprint } from '../../../electron/core/auth/redact';
import { DiagnosticReport } from '../../../shared/diagnostics';
import { type DiagnosticsDeps, runDiagnostics } from '../../../electron/core/diagnostics/run';
import type { Profile } from '../../../shared/profile';
import { CONTOSO, type Testbed } from '../../testbed/index';
import { secretsFor } from '../../testbed/profiles';

/** Every credential value the scenario knows: none may ever appear in a report. */
export const SECRET_VALUES = [
  CONTOSO.readerSecret.value,
  CONTOSO.readerExpiredSecret.value,
  CONTOSO.imapOnlySecret.value,
  CONTOSO.noRolesSecret.value,
  CONTOSO.noConsentSecret.value,
];

/** Tokens handed out during the file, to scan reports and output for. */
export const seenTokens = new Set<string>();

/** Fails if `text` contains a token (or a long piece of one) or a secret. */
export function expectNoCredentials(text: string, extraSecrets: string[] = []): void {
  for (const token of seenTokens) {
    expect(text).not.toContain(token);
    // The signature alone is what makes a token usable elsewhere; look for a piece of it too.
    const signature = token.split('.')[2] ?? '';
    if (signature.length > 40) expect(text).not.toContain(signature.slice(0, 40));
    expect(text).not.toContain(Buffer.from(`auth=Bearer ${token}`).toString('base64').slice(8, 60));
  }
  for (const secret of [...SECRET_VALUES, ...extraSecrets]) expect(text).not.toContain(secret);
}

/** A token source that returns what `make` returns, for crafted tokens (expired, wrong audience). */
export function craftedTokens(make: () => Promise<string>): TokenSource {
  return {
    getToken: async () => {
      const accessToken = await make();
      return {
        accessToken,
        expiresOn: new Date(Date.now() + 3_600_000),
        fingerprint: tokenFingerprint(accessToken),
        fromCache: false,
      };
    },
  };
}

export interface DiagnoseOptions {
  /** Client secret to store (default: the reader's valid secret). */
  secret?: string;
  /** Replace the token source (the provider describes the credential, unless this source can). */
  tokens?: TokenSource & { describeCredential?: (profile: Profile) => Promise<CredentialFacts> };
  deps?: Partial<DiagnosticsDeps>;
}

/** Runs diagnostics against the bed, checks the report's shape and that it holds no credential. */
export async function diagnose(
  bed: Testbed,
  profile: Profile,
  options: DiagnoseOptions = {},
): Promise<DiagnosticReport> {
  const provider = new TokenProvider({
    secrets: await secretsFor(bed, profile, options.secret),
    trust: { ca: bed.ca.pem },
    env: {},
  });
  const source = options.tokens ?? provider;
  const tokens = {
    getToken: async (p: Profile, o?: { forceRefresh?: boolean }): Promise<AccessToken> => {
      const token = await source.getToken(p, o);
      seenTokens.add(token.accessToken);
      return token;
    },
    describeCredential: (p: Profile) =>
      options.tokens?.describeCredential
        ? options.tokens.describeCredential(p)
        : provider.describeCredential(p),
  };
  const report = await runDiagnostics(profile, {
    tokens,
    trust: { ca: bed.ca.pem },
    env: {},
    timeoutMs: 10_000,
    // The bed's server certificate lives two days; the default 14-day warning would always fire.
    certificateWarningDays: 1,
    ...options.deps,
  });
  DiagnosticReport.parse(report);
  expectNoCredentials(JSON.stringify(report), options.secret ? [options.secret] : []);
  return report;
}

/** The failed step, asserting there is exactly one and every later step was skipped. */
export function failed(report: DiagnosticReport) {
  const index = report.steps.findIndex((s) => s.status === 'failed');
  expect(index, JSON.stringify(report, null, 2)).toBeGreaterThanOrEqual(0);
  expect(report.steps.slice(index + 1).every((s) => s.status === 'skipped')).toBe(true);
  expect(report.ok).toBe(false);
  const step = report.steps[index]!;
  expect(step.cause).toBeTruthy();
  expect(step.fix).toBeTruthy();
  return step;
}

/** All causes and fixes of a step as one string, for "is it mentioned" assertions. */
export function remedies(step: DiagnosticReport['steps'][number]): string {
  return [step.cause, step.fix, ...(step.otherCauses ?? []).flatMap((r) => [r.cause, r.fix])].join('\n');
}
