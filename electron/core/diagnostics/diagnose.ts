import type { Profile } from '../../../shared/profile';
import { type TrustOptions } from '../auth/network';
import { createTokenSources } from '../auth/token-sources';
import type { DescribedTokenSource } from '../auth/tokens-by-credential';
import type { ParsedSecret } from '../profiles/profile-methods';
import { storeCertificateKey } from '../secrets/certificate';
import { MemorySecretStore } from '../secrets/secret-store';
import { runDiagnostics } from './run';

/**
 * Connection tests for the Api: a saved profile through the app's own token sources (so a test
 * warms the very cache browsing will use; a delegated profile uses the person's sign-in, silently),
 * or the wizard's unsaved draft with the credential the user just typed, held in a throwaway
 * in-memory store for the length of the test.
 */
export function createDiagnose(options: { tokens: DescribedTokenSource; trust?: TrustOptions }) {
  const trust = options.trust ? { trust: options.trust } : {};
  return async (profile: Profile, credential: ParsedSecret | null) => {
    if (!credential) return runDiagnostics(profile, { tokens: options.tokens, ...trust });
    const scratch = new MemorySecretStore();
    if (credential.kind === 'client-secret') await scratch.set(profile.id, 'client-secret', credential.value);
    else await storeCertificateKey(scratch, profile.id, credential.certificate);
    return runDiagnostics(profile, {
      tokens: createTokenSources({ secrets: scratch, ...trust }).appOnly,
      ...trust,
    });
  };
}
