import { z } from 'zod';
import { CLOUD_ENDPOINTS, type Profile } from '../../../shared/profile';
import { AppError } from '../common/app-error';
import type { SecretStore } from './secret-store';

/**
 * A stored app credential is bound to where it was meant to go: the profile's cloud, authority host,
 * tenant and client ID when the secret was entered. The binding lives beside the secret in the
 * SecretStore (kind `secret-binding`), so a profile edited on disk or a wizard draft naming another
 * authority cannot borrow the secret: a change to any of them needs the secret typed again.
 */

const Binding = z
  .object({
    cloud: z.string(),
    authorityHost: z.string(),
    tenant: z.string(),
    clientId: z.string(),
  })
  .strict();
export type SecretBinding = z.infer<typeof Binding>;

type Bindable = Pick<Profile, 'cloud' | 'tenant' | 'clientId' | 'credential'>;

/** What a secret entered for `profile` is bound to. */
export function bindingOf(profile: Bindable): SecretBinding {
  const { cloud } = profile;
  return {
    // The Exchange host is part of a custom cloud: it decides the token's audience.
    cloud: cloud.kind === 'custom' ? `custom:${cloud.exchangeHost}` : cloud.kind,
    authorityHost: cloud.kind === 'custom' ? cloud.authorityHost : CLOUD_ENDPOINTS[cloud.kind].authorityHost,
    tenant: profile.tenant,
    clientId: profile.clientId,
  };
}

const FIELD_NAMES: Record<keyof SecretBinding, string> = {
  cloud: 'Cloud',
  authorityHost: 'Authority host',
  tenant: 'Tenant',
  clientId: 'Client ID',
};

/** The first bound field `profile` differs in, or null when the secret may go where it points. */
export function changedField(bound: SecretBinding, profile: Bindable): keyof SecretBinding | null {
  const now = bindingOf(profile);
  for (const field of Object.keys(FIELD_NAMES) as (keyof SecretBinding)[]) {
    if (bound[field] !== now[field]) return field;
  }
  return null;
}

export async function writeBinding(
  secrets: SecretStore,
  profileId: string,
  profile: Bindable,
): Promise<void> {
  await secrets.set(profileId, 'secret-binding', JSON.stringify(bindingOf(profile)));
}

/** Whether the profile has a client secret or certificate key stored at all. */
async function hasStoredCredential(secrets: SecretStore, profileId: string): Promise<boolean> {
  return (
    (await secrets.get(profileId, 'client-secret')) !== null ||
    (await secrets.get(profileId, 'certificate-key')) !== null
  );
}

/**
 * Refuses, naming the field, when `target` would send the secret stored under `profileId`
 * anywhere but where it was entered for. `saved` is the profile as stored: a secret kept from
 * before bindings existed is bound to it on first use (never to a draft that asks for it).
 */
export async function requireBoundSecret(
  secrets: SecretStore,
  profileId: string,
  target: Bindable,
  saved: Bindable | null,
): Promise<void> {
  if (target.credential === 'delegated') return;
  if (!(await hasStoredCredential(secrets, profileId))) return;
  let bound = parseBinding(await secrets.get(profileId, 'secret-binding'));
  if (!bound) {
    if (!saved) throw rebind('tenant', target);
    bound = bindingOf(saved);
    await secrets.set(profileId, 'secret-binding', JSON.stringify(bound));
  }
  const field = changedField(bound, target);
  if (field) throw rebind(field, target);
}

function parseBinding(text: string | null): SecretBinding | null {
  if (text === null) return null;
  try {
    const parsed = Binding.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function rebind(field: keyof SecretBinding, target: Bindable): AppError {
  const what = target.credential === 'certificate' ? 'certificate' : 'client secret';
  return new AppError(
    'PROFILE_INVALID',
    `${FIELD_NAMES[field]}: changed since the ${what} was stored. Enter the ${what} again to use it with the new ${FIELD_NAMES[field].toLowerCase()}.`,
    `A stored ${what} is sent only to the cloud, authority host, tenant and client ID it was entered for.`,
  );
}
