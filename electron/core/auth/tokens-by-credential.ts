import type { Profile } from '../../../shared/profile';
import type { CredentialFacts, TokenSource } from './token-provider';

/** A token source that can also say what credential a profile has (diagnostics show it). */
export type DescribedTokenSource = TokenSource & {
  describeCredential(profile: Profile): Promise<CredentialFacts>;
};

/**
 * The token source IMAP, POP3 and the diagnostics use: the app's own credential for app-only
 * profiles, the person's sign-in for delegated ones. Callers need not know which.
 */
export function tokensByCredential(
  appOnly: DescribedTokenSource,
  delegated: DescribedTokenSource,
): DescribedTokenSource {
  const pick = (profile: Profile) => (profile.credential === 'delegated' ? delegated : appOnly);
  return {
    getToken: (profile, options) => pick(profile).getToken(profile, options),
    describeCredential: (profile) => pick(profile).describeCredential(profile),
  };
}
