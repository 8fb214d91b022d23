import { describe, expect, it } from 'vitest';
import { DelegatedTokens } from '../../../electron/core/auth/delegated/delegated-tokens';
import { TokenProvider } from '../../../electron/core/auth/token-provider';
import { createTokenSources } from '../../../electron/core/auth/token-sources';
import { MemorySecretStore } from '../../../electron/core/secrets/secret-store';
import { Profile } from '../../../shared/profile';
import { draft } from '../profiles/fixtures';

const at = '2026-01-01T00:00:00.000Z';
const profile = (credential: 'client-secret' | 'delegated'): Profile =>
  Profile.parse({
    ...draft({ credential }),
    id: '9b2f3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
    server: { host: 'outlook.office365.com', port: 993, tlsMode: 'implicit' },
    createdAt: at,
    updatedAt: at,
  });

describe('createTokenSources: the one place token sources are built', () => {
  it('gives the app-only and delegated sources over one store, and picks one by credential', async () => {
    const secrets = new MemorySecretStore();
    await secrets.set(profile('client-secret').id, 'client-secret', 'x'.repeat(40));
    const sources = createTokenSources({ secrets });
    expect(sources.appOnly).toBeInstanceOf(TokenProvider);
    expect(sources.delegated).toBeInstanceOf(DelegatedTokens);
    // The credential a profile has decides which source answers; both read the same store.
    expect(await sources.byCredential.describeCredential(profile('client-secret'))).toMatchObject({
      kind: 'client-secret',
      stored: true,
      length: 40,
    });
    expect(await sources.byCredential.describeCredential(profile('delegated'))).toEqual({
      kind: 'delegated',
      account: null,
    });
  });
});
