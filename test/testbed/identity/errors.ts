/**
 * Entra ID error bodies, shaped as the v2.0 endpoints send them, so MSAL surfaces them the way it
 * does in production (`ServerError.errorCode` = `error`, `errorNo` = `error_codes[0]`, and the
 * `AADSTSnnnnn:` text inside `errorMessage`). Texts follow Entra's published messages.
 */
import { randomUUID } from 'node:crypto';

/** Office 365 Exchange Online's application id, as Entra names the resource in its messages. */
const EXCHANGE_APP_ID = '00000002-0000-0ff1-ce00-000000000000';

export interface EntraErrorBody {
  error: string;
  error_description: string;
  error_codes: number[];
  timestamp: string;
  trace_id: string;
  correlation_id: string;
  error_uri: string;
  suberror?: string;
}

export interface EntraError {
  status: number;
  body: EntraErrorBody;
}

function entraTimestamp(d: Date): string {
  // Entra writes "2026-11-25 22:57:22Z": a space, no milliseconds.
  return d
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, 'Z');
}

export function entraError(
  status: number,
  error: string,
  code: number,
  message: string,
  correlationId: string | undefined,
  suberror?: string,
): EntraError {
  const now = new Date();
  const traceId = randomUUID();
  const correlation = correlationId ?? randomUUID();
  return {
    status,
    body: {
      error,
      error_description: `AADSTS${code}: ${message} Trace ID: ${traceId} Correlation ID: ${correlation} Timestamp: ${entraTimestamp(now)}`,
      error_codes: [code],
      timestamp: entraTimestamp(now),
      trace_id: traceId,
      correlation_id: correlation,
      error_uri: `https://login.microsoftonline.com/error?code=${code}`,
      ...(suberror ? { suberror } : {}),
    },
  };
}

export function isEntraError(x: EntraError | Record<string, unknown>): x is EntraError {
  return (
    typeof x['status'] === 'number' &&
    typeof x['body'] === 'object' &&
    x['body'] !== null &&
    !('access_token' in x)
  );
}

type Cid = string | undefined;

/** One constructor per case the test bed models; the numbers are Entra's. */
export const Aadsts = {
  tenantNotFound: (tenant: string, cid: Cid) =>
    entraError(
      400,
      'invalid_tenant',
      90002,
      `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`,
      cid,
    ),
  appNotFound: (clientId: string, tenantName: string, cid: Cid) =>
    entraError(
      400,
      'unauthorized_client',
      700016,
      `Application with identifier '${clientId}' was not found in the directory '${tenantName}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
      cid,
    ),
  invalidSecret: (clientId: string, cid: Cid) =>
    entraError(
      401,
      'invalid_client',
      7000215,
      `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`,
      cid,
    ),
  expiredSecret: (clientId: string, cid: Cid) =>
    entraError(
      401,
      'invalid_client',
      7000222,
      `The provided client secret keys for app '${clientId}' are expired. Visit the Azure portal to create new keys for your app: https://aka.ms/NewClientSecret, or consider using certificate credentials for added security: https://aka.ms/certCreds.`,
      cid,
    ),
  missingCredential: (cid: Cid) =>
    entraError(
      401,
      'invalid_client',
      7000218,
      "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
      cid,
    ),
  badAssertion: (reason: string, cid: Cid) =>
    entraError(
      401,
      'invalid_client',
      700027,
      `Client assertion failed signature validation. [Reason - ${reason}]`,
      cid,
    ),
  scopeNeedsDefault: (scope: string, cid: Cid) =>
    entraError(
      400,
      'invalid_scope',
      1002012,
      `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
      cid,
    ),
  invalidScope: (scope: string, cid: Cid) =>
    entraError(
      400,
      'invalid_scope',
      70011,
      `The provided request must include a 'scope' input parameter. The provided value for the input parameter 'scope' is not valid. The scope ${scope} is not valid.`,
      cid,
    ),
  consentMissing: (clientId: string, appName: string, cid: Cid) =>
    entraError(
      400,
      'invalid_grant',
      65001,
      `The user or administrator has not consented to use the application with ID '${clientId}' named '${appName}'. Send an interactive authorization request for this user and resource.`,
      cid,
      'consent_required',
    ),
  unsupportedGrant: (grant: string, cid: Cid) =>
    entraError(
      400,
      'unsupported_grant_type',
      70003,
      `The app requested an unsupported grant type '${grant}'.`,
      cid,
    ),
  invalidGrant: (what: string, cid: Cid) =>
    entraError(400, 'invalid_grant', 70000, `The provided value for the '${what}' is not valid.`, cid),
  pkceMismatch: (cid: Cid) =>
    entraError(
      400,
      'invalid_grant',
      501481,
      'The Code_Verifier does not match the code_challenge supplied in the authorization request.',
      cid,
    ),
  redirectMismatch: (clientId: string, cid: Cid) =>
    entraError(
      400,
      'invalid_request',
      50011,
      `The redirect URI specified in the request does not match the redirect URIs configured for the application '${clientId}'.`,
      cid,
    ),
  authorizationPending: (cid: Cid) =>
    entraError(
      400,
      'authorization_pending',
      70016,
      'OAuth 2.0 device flow error. Authorization is pending. Continue polling.',
      cid,
    ),
  deviceCodeExpired: (cid: Cid) =>
    entraError(
      400,
      'expired_token',
      70020,
      'The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.',
      cid,
    ),
  userCancelled: (cid: Cid) =>
    entraError(400, 'access_denied', 65004, 'User declined to consent to access the app.', cid),
  mfaRequired: (cid: Cid) =>
    entraError(
      400,
      'invalid_grant',
      50076,
      `Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access '${EXCHANGE_APP_ID}'.`,
      cid,
      'basic_action',
    ),
  mfaRegistrationRequired: (cid: Cid) =>
    entraError(
      400,
      'invalid_grant',
      50079,
      `Due to a configuration change made by your administrator, or because you moved to a new location, you must enroll in multi-factor authentication to access '${EXCHANGE_APP_ID}'.`,
      cid,
      'basic_action',
    ),
  conditionalAccessBlocked: (cid: Cid) =>
    entraError(
      400,
      'invalid_grant',
      53003,
      'Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.',
      cid,
    ),
  userNotFound: (upn: string, cid: Cid) =>
    entraError(400, 'invalid_grant', 50034, `The user account ${upn} does not exist in the directory.`, cid),
  badPassword: (cid: Cid) =>
    entraError(
      400,
      'invalid_grant',
      50126,
      'Error validating credentials due to invalid username or password.',
      cid,
    ),
};
