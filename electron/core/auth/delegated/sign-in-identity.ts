import { createHash } from 'node:crypto';
import { effectiveEndpoints, type Profile } from '../../../../shared/profile';

/**
 * Which sign-in a delegated profile uses. A person signs in to an app registration of a tenant, in
 * a cloud; every profile with the same three shares that sign-in, so one sign-in opens all the
 * shared mailboxes the person may use. The MSAL token cache of a sign-in is one keychain entry,
 * `<id>:token-cache` under the service `Mailscope`.
 */
export interface SignInIdentity {
  /** `signin-` and 20 hex digits of a hash of the authority and client ID: stable, not secret. */
  id: string;
  /** `https://<login host>/<tenant>`. */
  authority: string;
  authorityHost: string;
  tenant: string;
  clientId: string;
  /** A login host MSAL does not know (a sovereign cloud we do not list, the test bed). */
  custom: boolean;
  /** The Exchange scope this profile's tokens need: its protocol's delegated permission. */
  scope: string;
}

export function signInIdentity(profile: Profile): SignInIdentity {
  const endpoints = effectiveEndpoints({ ...profile, credential: 'delegated' });
  const authority = endpoints.authority.toLowerCase();
  const clientId = profile.clientId.toLowerCase();
  const digest = createHash('sha256').update(`${authority}\n${clientId}`).digest('hex');
  return {
    id: `signin-${digest.slice(0, 20)}`,
    authority,
    authorityHost: endpoints.authorityHost,
    tenant: profile.tenant,
    clientId,
    custom: profile.cloud.kind === 'custom',
    scope: endpoints.scope,
  };
}
