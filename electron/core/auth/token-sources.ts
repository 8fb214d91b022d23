import type { SecretStore } from '../secrets/secret-store';
import { DelegatedTokens } from './delegated/delegated-tokens';
import type { TrustOptions } from './network';
import { TokenProvider } from './token-provider';
import { type DescribedTokenSource, tokensByCredential } from './tokens-by-credential';

export interface TokenSourcesOptions {
  secrets: SecretStore;
  /** Extra trusted roots for the identity platform (a TLS-inspecting proxy's CA, the test bed's). */
  trust?: TrustOptions;
  /** Where HTTPS_PROXY / NO_PROXY come from (default process.env). */
  env?: Readonly<Record<string, string | undefined>>;
}

export interface TokenSources {
  /** The app's own credential (client secret, certificate). */
  appOnly: TokenProvider;
  /** A person's sign-in. */
  delegated: DelegatedTokens;
  /** Either, by the profile's credential: what IMAP, POP3 and the diagnostics ask. */
  byCredential: DescribedTokenSource;
}

/**
 * The token sources over one secret store, built the same way wherever tokens are needed: the
 * engine (the app and the harness), a connection test of an unsaved draft, and `mailscope doctor`.
 */
export function createTokenSources(options: TokenSourcesOptions): TokenSources {
  const appOnly = new TokenProvider(options);
  const delegated = new DelegatedTokens(options);
  return { appOnly, delegated, byCredential: tokensByCredential(appOnly, delegated) };
}
