import { z } from 'zod';
import type { ErrorCode } from '../../../shared/errors';
import { adminConsentUrl } from '../../../shared/profile';
import remedies from './aadsts-remedies.json' with { type: 'json' };

/**
 * Microsoft Entra token errors (AADSTS codes) in the words an Exchange admin (or, for a delegated
 * sign-in, the person signing in) needs: what is wrong, and the exact place to fix it. The codes and their meanings are Entra's published ones
 * (https://learn.microsoft.com/entra/identity-platform/reference-error-codes); the causes are
 * ordered by how often each turns out to be the reason in practice.
 */

export interface AadstsContext {
  tenant: string;
  clientId: string;
  /** The scope requested, e.g. `https://outlook.office365.com/.default`. */
  scope: string;
  /** The Exchange resource of the profile's cloud, e.g. `https://outlook.office365.com`. */
  resource: string;
  /** The cloud's login host (`login.microsoftonline.com`), for the admin-consent link. */
  authorityHost?: string;
  credential: 'client-secret' | 'certificate' | 'delegated';
  /** SHA-1 thumbprint as the Entra portal shows it (upper case), for certificate profiles. */
  certificateThumbprint?: string;
  /** True if the stored client secret has the shape of a Secret ID (a GUID). */
  secretLooksLikeId?: boolean;
}

export interface AadstsExplanation {
  code: number;
  /** Plain-language cause, most likely first. */
  cause: string;
  /** What to do, with the portal path or command. */
  fix: string;
  /** True when the code is not in our table and the cause is Entra's own text. */
  unknown: boolean;
  /** A link the fix refers to (the admin-consent page), to show with a Copy button. */
  url?: string;
}

const PORTAL = 'Microsoft Entra admin center → App registrations';

type Remedy = Pick<AadstsExplanation, 'cause' | 'fix' | 'url'>;

const RemedyText = z.strictObject({ cause: z.string().min(1), fix: z.string().min(1) });

/**
 * The remedies whose words depend on nothing but the code (and, for some, on whether a person
 * signs in or the app does), kept as a catalogue: aadsts-remedies.json, checked here on load.
 */
export const RemedyCatalogue = z.record(
  z.string().regex(/^\d+$/),
  z.union([RemedyText, z.strictObject({ delegated: RemedyText, appOnly: RemedyText })]),
);

const FIXED = RemedyCatalogue.parse(remedies);

/** Entra's admin-consent page for the profile's app and tenant. */
function consentUrl(ctx: AadstsContext): string {
  return adminConsentUrl(ctx.authorityHost ?? 'login.microsoftonline.com', ctx.tenant, ctx.clientId);
}

/** The permission name at the end of a scope (`…/IMAP.AccessAsUser.All` → `IMAP.AccessAsUser.All`). */
function permissionOf(scope: string): string {
  return scope.slice(scope.lastIndexOf('/') + 1);
}

/** The remedies whose words name the profile (its tenant, app, scope, cloud or certificate). */
const BY_CONTEXT: Record<number, (ctx: AadstsContext) => Remedy> = {
  90002: (ctx) => ({
    cause: `The tenant “${ctx.tenant}” does not exist in this cloud: the tenant ID or domain is mistyped, or the tenant is in another national cloud (US Government, China).`,
    fix: `Copy the Directory (tenant) ID from ${PORTAL} → your app → Overview into the profile's Tenant field, and check the profile's cloud.`,
  }),
  900023: (ctx) => ({
    cause: `“${ctx.tenant}” is not a valid tenant identifier.`,
    fix: `Use the Directory (tenant) ID (a GUID) from ${PORTAL} → your app → Overview, or a verified domain of the tenant.`,
  }),
  700016: (ctx) => ({
    cause: `No application with client ID ${ctx.clientId} exists in tenant “${ctx.tenant}”: the client ID is wrong, or the app is registered in a different tenant.`,
    fix: `Copy the Application (client) ID from ${PORTAL} → your app → Overview, and the Directory (tenant) ID from the same page; for an app from another tenant, an admin of this tenant must consent to it first.`,
  }),
  7000215: (ctx) => ({
    cause: ctx.secretLooksLikeId
      ? 'The client secret is wrong: what is stored looks like a GUID, which is the secret’s “Secret ID”, not its Value.'
      : 'The client secret is wrong: most often the “Secret ID” was pasted instead of the secret’s Value, or the secret belongs to another app.',
    fix: `In ${PORTAL} → your app → Certificates & secrets → New client secret, copy the **Value** (shown only once, right after creation), not the Secret ID, and paste it into this profile.`,
  }),
  700027: (ctx) => ({
    cause: `Entra could not verify the certificate signature: this certificate is not uploaded to the app registration${ctx.certificateThumbprint ? ` (thumbprint ${ctx.certificateThumbprint})` : ''}, it was replaced there, or the private key does not belong to it.`,
    fix: `In ${PORTAL} → your app → Certificates & secrets → Certificates, upload the certificate's public part (.cer/.pem) and check that the thumbprint listed there equals ${ctx.certificateThumbprint ?? 'the one Mailscope shows for the profile'}; if it was renewed, import the new certificate with its key here.`,
  }),
  70011: (ctx) => ({
    cause: `The scope “${ctx.scope}” is not valid for IMAP/POP app-only access: it names a resource other than Exchange Online (often Microsoft Graph).`,
    fix: `Use ${ctx.resource === 'https://outlook.office365.com' ? 'https://outlook.office365.com/.default' : `${ctx.resource}/.default (https://outlook.office365.com/.default in the global cloud)`}, not a Graph scope: set the profile's cloud (or custom Exchange host) accordingly.`,
  }),
  1002012: (ctx) => ({
    cause: `The scope “${ctx.scope}” is not valid for the client-credentials flow: app-only tokens need the resource’s “/.default” scope, not a permission name.`,
    fix: `Use https://outlook.office365.com/.default${ctx.resource !== 'https://outlook.office365.com' ? ` (${ctx.resource}/.default for this cloud)` : ''}, not https://graph.microsoft.com/... or .../IMAP.AccessAsApp.`,
  }),
  65001: (ctx) =>
    ctx.credential === 'delegated'
      ? {
          cause: `Nobody has approved the app ${ctx.clientId} to read mail for people of this organisation: it needs the delegated permission ${permissionOf(ctx.scope)}, which in this tenant only an administrator may approve.`,
          fix: `Send this link to an administrator (Global, Application or Cloud Application Administrator): ${consentUrl(ctx)}. Once they accept it, sign in again.`,
          url: consentUrl(ctx),
        }
      : {
          cause: 'Admin consent has not been granted for the app’s Exchange permissions.',
          fix: `In ${PORTAL} → your app → API permissions, add Office 365 Exchange Online → Application permissions → IMAP.AccessAsApp (or POP.AccessAsApp), then click “Grant admin consent for <tenant>” (needs a Global or Privileged Role Administrator).`,
        },
  500011: (ctx) => ({
    cause: `The resource ${ctx.resource} is not present in this tenant: Exchange Online is not provisioned, or the tenant is in another cloud.`,
    fix: 'Check that the tenant has Exchange Online, and that the profile’s cloud matches the tenant’s (Global, US Government, China).',
  }),
  50011: (ctx) => ({
    cause: `The app registration ${ctx.clientId} does not accept Mailscope’s sign-in return address (a http://localhost redirect URI for desktop apps).`,
    fix: `In ${PORTAL} → your app → Authentication → Add a platform → Mobile and desktop applications, add the redirect URI http://localhost.`,
  }),
  50034: (ctx) => ({
    cause: `That account does not exist in the organisation ${ctx.tenant}.`,
    fix: 'Sign in with your work account of the organisation that holds the shared mailbox.',
  }),
};

/**
 * How a delegated sign-in reacts to a code: the UI offers Sign in again, the consent link, and so
 * on. Codes not listed stay TOKEN_REQUEST_FAILED.
 */
const DELEGATED_CODES: Readonly<Record<number, ErrorCode>> = {
  65001: 'CONSENT_REQUIRED',
  50076: 'MFA_REQUIRED',
  50079: 'MFA_REQUIRED',
  53003: 'ACCESS_BLOCKED',
  65004: 'SIGN_IN_CANCELLED',
  70020: 'SIGN_IN_EXPIRED',
  700082: 'SIGN_IN_REQUIRED',
  70008: 'SIGN_IN_REQUIRED',
  50173: 'SIGN_IN_REQUIRED',
  70000: 'SIGN_IN_REQUIRED',
};

export function delegatedErrorCode(code: number): ErrorCode | undefined {
  return DELEGATED_CODES[code];
}

/** The explanation for an AADSTS code; unknown codes keep Entra's own description verbatim. */
export function explainAadsts(code: number, description: string, ctx: AadstsContext): AadstsExplanation {
  const remedy = remedyFor(code, ctx);
  if (remedy) return { code, ...remedy, unknown: false };
  return {
    code,
    cause: `Microsoft Entra refused the token request: ${entraMessage(description) || `AADSTS${code}`}`,
    fix: `Look the code up at https://login.microsoftonline.com/error?code=${code}, and compare the app registration with the profile.`,
    unknown: true,
  };
}

function remedyFor(code: number, ctx: AadstsContext): Remedy | undefined {
  const byContext = BY_CONTEXT[code];
  if (byContext) return byContext(ctx);
  const fixed = FIXED[code];
  if (!fixed || 'cause' in fixed) return fixed;
  return ctx.credential === 'delegated' ? fixed.delegated : fixed.appOnly;
}

/** Codes the table explains (for tests and the admin guide). */
export const KNOWN_AADSTS_CODES: readonly number[] = [...Object.keys(BY_CONTEXT), ...Object.keys(FIXED)]
  .map(Number)
  .sort((a, b) => a - b);

/** `AADSTS7000215: Invalid client secret provided. … Trace ID: …` → its code, or undefined. */
export function aadstsCode(text: string): number | undefined {
  const match = /AADSTS(\d+)/.exec(text);
  return match ? Number(match[1]) : undefined;
}

/** Entra's description without the trace/correlation/timestamp tail (which changes every call). */
export function entraMessage(description: string): string {
  // MSAL wraps Entra's text as "Error(s): n - Timestamp: … - Description: AADSTSn: …".
  const start = description.search(/AADSTS\d+:/);
  return (start >= 0 ? description.slice(start) : description).replace(/\s*Trace ID:[\s\S]*$/, '').trim();
}

/** The correlation id from Entra's description: what Microsoft support asks for. */
export function entraCorrelationId(description: string): string | undefined {
  return /Correlation ID:\s*([0-9a-f-]{36})/i.exec(description)?.[1];
}
