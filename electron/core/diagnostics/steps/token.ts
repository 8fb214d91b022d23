import { chooseProxy, describeProxy } from '../../auth/network';
import { tokenFingerprint } from '../../auth/redact';
import { aadstsContextOf, type CredentialFacts, toTokenRequestError } from '../../auth/token-provider';
import type { Profile } from '../../../../shared/profile';
import { tokenRemedy } from '../remedies';
import type { Outcome, StepContext } from '../step';

/** A fresh token from the profile's token source (never the cache), with the credential it used. */

export async function tokenStep(ctx: StepContext): Promise<Outcome> {
  const { profile, endpoints, deps } = ctx;
  const facts = await deps.tokens.describeCredential?.(profile).catch(() => undefined);
  const proxy = chooseProxy(profile.proxy, endpoints.authorityHost, deps.env ?? process.env);
  const evidence = [
    `authority ${endpoints.authority}`,
    `client ID ${profile.clientId}`,
    `scope ${endpoints.scope}`,
    `credential ${describeFacts(profile, facts)}`,
    `proxy ${proxy ? describeProxy(proxy) : 'none'}`,
  ];
  const aadstsCtx = aadstsContextOf(profile, facts);
  try {
    const token = await deps.tokens.getToken(profile, { forceRefresh: true });
    ctx.token = token.accessToken;
    evidence.push(`token received (fingerprint ${tokenFingerprint(token.accessToken)})`);
    return { status: 'ok', evidence };
  } catch (error) {
    const refused = toTokenRequestError(error, aadstsCtx);
    if (refused.failure.kind === 'client' && profile.credential === 'delegated') {
      // The sign-in's own words (expired, revoked, cancelled): they already say what to do.
      return {
        status: 'failed',
        evidence: [...evidence, `MSAL: ${refused.failure.error}`],
        cause: refused.message,
        fix: refused.hint,
      };
    }
    return { status: 'failed', ...tokenRemedy(refused.failure, aadstsCtx, evidence, endpoints) };
  }
}

function describeFacts(profile: Profile, facts: CredentialFacts | undefined): string {
  if (!facts) return profile.credential;
  switch (facts.kind) {
    case 'client-secret':
      return facts.stored
        ? `client secret (stored, ${facts.length} characters${facts.looksLikeSecretId ? ', shaped like a Secret ID' : ''})`
        : 'client secret (not stored)';
    case 'certificate':
      return facts.stored
        ? `certificate ${facts.subject ?? ''} thumbprint ${facts.thumbprintSha1 ?? '?'} (SHA-256 ${facts.thumbprintSha256 ?? '?'}), valid until ${facts.notAfter ?? '?'}`
        : 'certificate (not stored)';
    default:
      return facts.account ? `delegated, signed in as ${facts.account}` : 'delegated, nobody signed in';
  }
}
