import type { ICachePlugin } from '@azure/msal-node';
import { z } from 'zod';
import type { SecretStore } from '../../secrets/secret-store';

/**
 * MSAL's token cache for one sign-in, kept in the OS keychain through the SecretStore and nowhere
 * else: no file, ever. MSAL calls `beforeCacheAccess` when it lists accounts and before it stores
 * a server's answer, and `afterCacheAccess` after; we read the keychain entry each time (another
 * Mailscope process, `mailscope doctor` say, may have refreshed the tokens since) and write it only
 * when MSAL changed something. A cache left with no account is deleted, not written empty.
 */
export function keychainTokenCache(secrets: SecretStore, signInId: string): ICachePlugin {
  return {
    async beforeCacheAccess(context) {
      const stored = await secrets.get(signInId, 'token-cache');
      try {
        // An absent entry must also empty MSAL's memory: the person may have signed out elsewhere.
        context.tokenCache.deserialize(stored ?? EMPTY_CACHE);
      } catch {
        // Not MSAL's JSON (edited by hand, cut short): nobody is signed in; a sign-in replaces it.
        context.tokenCache.deserialize(EMPTY_CACHE);
      }
    },
    async afterCacheAccess(context) {
      if (!context.cacheHasChanged) return;
      const serialized = context.tokenCache.serialize();
      if (cachedAccounts(serialized).length === 0) await secrets.delete(signInId, 'token-cache');
      else await secrets.set(signInId, 'token-cache', serialized);
    },
  };
}

const EMPTY_CACHE = JSON.stringify({
  Account: {},
  IdToken: {},
  AccessToken: {},
  RefreshToken: {},
  AppMetadata: {},
});

/**
 * The accounts section of MSAL's serialised cache (the cache format shared by the MSAL libraries),
 * read to show who is signed in without starting MSAL, which would need the network for a custom
 * cloud. Only the public fields are read; tokens are never parsed out of it here.
 */
const SerializedAccounts = z.object({
  Account: z
    .record(
      z.string(),
      z.object({
        home_account_id: z.string(),
        username: z.string(),
        name: z.string().optional(),
      }),
    )
    .default({}),
});

export interface CachedAccount {
  homeAccountId: string;
  username: string;
  name: string | null;
}

export function cachedAccounts(serialized: string | null): CachedAccount[] {
  if (!serialized) return [];
  let json: unknown;
  try {
    json = JSON.parse(serialized);
  } catch {
    return [];
  }
  const parsed = SerializedAccounts.safeParse(json);
  if (!parsed.success) return [];
  return Object.values(parsed.data.Account).map((account) => ({
    homeAccountId: account.home_account_id,
    username: account.username,
    name: account.name ?? null,
  }));
}
