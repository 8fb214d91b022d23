import type { Request } from '../../../../shared/ipc';
import type { ProfileSummary, SecretInput } from '../../../../shared/model';
import {
  CLOUD_ENDPOINTS,
  type CloudKind,
  DEFAULT_PORTS,
  ProfileDraft,
  type ProfileDraftInput,
  type Protocol,
  type TlsMode,
} from '../../../../shared/profile';

/**
 * The wizard's fields as the user types them (all strings), and their check against the shared
 * ProfileDraft schema, so the renderer says exactly what the engine would refuse, field by field,
 * before anything is sent.
 */

export type CredentialChoice = 'client-secret' | 'certificate' | 'delegated';

export interface DraftForm {
  name: string;
  mailbox: string;
  protocol: Protocol;
  tenant: string;
  clientId: string;
  cloud: CloudKind;
  authorityHost: string;
  exchangeHost: string;
  serverHost: string;
  port: string;
  tlsMode: TlsMode;
  proxy: string;
  /** The connection budget (Profile.connections); empty: the default. */
  connections: string;
  credential: CredentialChoice;
}

export type FieldName = keyof DraftForm;

export const EMPTY_FORM: DraftForm = {
  name: '',
  mailbox: '',
  protocol: 'imap',
  tenant: '',
  clientId: '',
  cloud: 'global',
  authorityHost: '',
  exchangeHost: '',
  serverHost: '',
  port: '',
  tlsMode: 'implicit',
  proxy: '',
  connections: '',
  credential: 'client-secret',
};

export function formFromProfile(profile: ProfileSummary, nameSuffix = ''): DraftForm {
  const exchangeDefault =
    profile.cloud.kind === 'custom'
      ? profile.cloud.exchangeHost
      : CLOUD_ENDPOINTS[profile.cloud.kind].exchangeHost;
  const standardPort = DEFAULT_PORTS[profile.protocol][profile.server.tlsMode];
  return {
    name: profile.name + nameSuffix,
    mailbox: profile.mailbox,
    protocol: profile.protocol,
    tenant: profile.tenant,
    clientId: profile.clientId,
    cloud: profile.cloud.kind,
    authorityHost: profile.cloud.kind === 'custom' ? profile.cloud.authorityHost : '',
    exchangeHost: profile.cloud.kind === 'custom' ? profile.cloud.exchangeHost : '',
    // Stored profiles have their defaults resolved; show them empty again so they keep following
    // the cloud and protocol instead of freezing today's values.
    serverHost: profile.server.host === exchangeDefault ? '' : profile.server.host,
    port: profile.server.port === standardPort ? '' : String(profile.server.port),
    tlsMode: profile.server.tlsMode,
    proxy: profile.proxy ?? '',
    connections: profile.connections === undefined ? '' : String(profile.connections),
    credential: profile.credential,
  };
}

export function toDraftInput(
  form: DraftForm,
  certificate?: ProfileSummary['certificate'],
): ProfileDraftInput {
  const host = form.serverHost.trim();
  const port = form.port.trim();
  const connections = form.connections.trim();
  return {
    name: form.name,
    mailbox: form.mailbox,
    protocol: form.protocol,
    tenant: form.tenant,
    clientId: form.clientId,
    credential: form.credential,
    cloud:
      form.cloud === 'custom'
        ? { kind: 'custom', authorityHost: form.authorityHost, exchangeHost: form.exchangeHost }
        : { kind: form.cloud },
    server: {
      tlsMode: form.tlsMode,
      ...(host ? { host } : {}),
      // Number('8O') is NaN, which the schema refuses with its own "Port: …" message.
      ...(port ? { port: /^\d+$/.test(port) ? Number(port) : Number.NaN } : {}),
    },
    ...(form.proxy.trim() ? { proxy: form.proxy } : {}),
    // IMAP only: POP3 reads its one maildrop on one connection.
    ...(connections && form.protocol === 'imap'
      ? { connections: /^\d+$/.test(connections) ? Number(connections) : Number.NaN }
      : {}),
    ...(certificate && form.credential === 'certificate' ? { certificate } : {}),
  };
}

export type FieldErrors = Partial<Record<FieldName, string>>;

/** Maps a zod issue path to the field that shows it. */
function fieldOf(path: readonly PropertyKey[]): FieldName | null {
  const [head, sub] = path;
  if (head === 'server') return sub === 'host' ? 'serverHost' : sub === 'port' ? 'port' : 'tlsMode';
  if (head === 'cloud')
    return sub === 'authorityHost' ? 'authorityHost' : sub === 'exchangeHost' ? 'exchangeHost' : 'cloud';
  if (typeof head === 'string' && head in EMPTY_FORM) return head as FieldName;
  return null;
}

export interface Validation {
  draft: ProfileDraft | null;
  errors: FieldErrors;
  /** Issues no field shows (should not happen; shown above the buttons if it does). */
  other: string[];
}

export function validate(form: DraftForm, certificate?: ProfileSummary['certificate']): Validation {
  const parsed = ProfileDraft.safeParse(toDraftInput(form, certificate));
  if (parsed.success) return { draft: parsed.data, errors: {}, other: [] };
  const errors: FieldErrors = {};
  const other: string[] = [];
  for (const issue of parsed.error.issues) {
    const field = fieldOf(issue.path);
    if (field) errors[field] ??= issue.message;
    else other.push(issue.message);
  }
  return { draft: null, errors, other };
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A client secret that is a GUID is almost certainly the Secret ID, not the Value. */
export function looksLikeSecretId(value: string): boolean {
  return GUID.test(value.trim());
}

export const CLOUD_LABELS: Record<CloudKind, string> = {
  global: 'Global (microsoftonline.com)',
  'usgov-high': 'US Government GCC High',
  china: 'China (21Vianet)',
  custom: 'Custom',
};

export const PROTOCOL_LABELS: Record<Protocol, string> = { imap: 'IMAP', pop3: 'POP3' };

export type StepKey = 'mailbox' | 'microsoft' | 'credential';

/** The wizard's steps in order, with the fields each one shows (and gates "Next" on). */
export const STEPS: readonly { key: StepKey; title: string; fields: readonly FieldName[] }[] = [
  { key: 'mailbox', title: 'Mailbox', fields: ['name', 'mailbox', 'protocol'] },
  {
    key: 'microsoft',
    title: 'Microsoft 365',
    fields: [
      'tenant',
      'clientId',
      'cloud',
      'authorityHost',
      'exchangeHost',
      'serverHost',
      'port',
      'tlsMode',
      'proxy',
      'connections',
    ],
  },
  { key: 'credential', title: 'Credential', fields: ['credential'] },
];

/** The fields of `key` that do not pass, in the order the step shows them. */
export function stepErrors(key: StepKey, errors: FieldErrors): FieldName[] {
  return STEPS.find((s) => s.key === key)?.fields.filter((field) => errors[field]) ?? [];
}

/** A choice (radio, select) is made, not typed: it is checked at once rather than on blur. */
export function isChoiceField(field: FieldName): boolean {
  return field === 'protocol' || field === 'cloud' || field === 'tlsMode' || field === 'credential';
}

/** Fields behind the Microsoft step's "Advanced" disclosure: it opens to show their errors. */
export function isAdvancedField(field: FieldName): boolean {
  return (
    field === 'serverHost' ||
    field === 'port' ||
    field === 'tlsMode' ||
    field === 'proxy' ||
    field === 'connections'
  );
}

/** Whether an edit opens with "Advanced" shown: when the profile sets anything in it. */
export function hasAdvancedSettings(form: DraftForm): boolean {
  return Boolean(
    form.serverHost || form.port || form.tlsMode !== 'implicit' || form.proxy || form.connections,
  );
}

export interface CredentialFacts {
  credential: CredentialChoice;
  /** The secret typed or the certificate loaded in this session, if any. */
  newSecret: SecretInput | null;
  /** Editing a profile whose stored secret is of the same kind: an empty field keeps it. */
  canKeepStored: boolean;
  /** Something was pasted or chosen in the certificate input… */
  certificateHasInput: boolean;
  /** …and it parsed, with its private key. */
  certificateParsed: boolean;
}

/** What stops the credential step, or null. A delegated profile takes no secret. */
export function credentialProblem(facts: CredentialFacts): string | null {
  if (facts.credential === 'delegated') return null;
  const missing = !facts.newSecret && !facts.canKeepStored;
  if (facts.credential === 'client-secret')
    return missing ? 'Client secret: paste the secret’s Value.' : null;
  if (facts.certificateHasInput && !facts.certificateParsed)
    return 'Certificate: check the certificate before saving (it must parse, with its private key).';
  return missing ? 'Certificate: paste or choose the certificate with its private key.' : null;
}

/** A typed client secret, trimmed; null when the field is empty. */
export function clientSecret(value: string): SecretInput | null {
  const trimmed = value.trim();
  return trimmed ? { kind: 'client-secret', value: trimmed } : null;
}

/** Test connection: with the new secret if there is one, else with the stored profile's. */
export function diagnosticsRequest(
  draft: ProfileDraft,
  newSecret: SecretInput | null,
  profileId: string | undefined,
): Request<'diagnostics.run'> {
  return newSecret
    ? { draft, secret: newSecret, ...(profileId ? { profileId } : {}) }
    : { draft, profileId: profileId ?? '' };
}

/** Save: an edit names its profile; the secret travels only when the user gave a new one. */
export function saveRequest(
  draft: ProfileDraft,
  newSecret: SecretInput | null,
  profileId: string | undefined,
): Request<'profiles.save'> {
  return { ...(profileId ? { id: profileId } : {}), draft, ...(newSecret ? { secret: newSecret } : {}) };
}

/** The footer's line next to a disabled Save: what is left to do. */
export function blockedReason(
  validation: Validation,
  problem: string | null,
  keychainBlocks: boolean,
): string {
  if (keychainBlocks) return 'Secrets cannot be stored without a keychain.';
  if (validation.draft === null) {
    const count = Object.keys(validation.errors).length;
    return `${count} field${count === 1 ? '' : 's'} to complete`;
  }
  return problem ?? '';
}
