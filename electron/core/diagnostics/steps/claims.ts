import { decodeJwt, type JWTPayload } from 'jose';
import { tokenFingerprint } from '../../auth/redact';
import { APP_PERMISSION, DELEGATED_PERMISSION } from '../../../../shared/profile';
import type { Remedy } from '../../../../shared/diagnostics';
import type { Outcome, StepContext } from '../step';

/**
 * What the token says, checked before the server sees it: audience Exchange Online, the profile's
 * tenant, the protocol's role (app-only) or scope (delegated), and not expired.
 */

const EXCHANGE_APP_ID = '00000002-0000-0ff1-ce00-000000000000';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function claimsStep(ctx: StepContext): Promise<Outcome> {
  const token = ctx.token;
  if (!token) throw new Error('no token');
  let claims: JWTPayload;
  try {
    claims = decodeJwt(token);
  } catch {
    return {
      status: 'failed',
      evidence: [`fingerprint ${tokenFingerprint(token)}`],
      cause: 'The token is not a JWT, so it cannot be an Exchange Online access token.',
      fix: 'Check the profile’s cloud and authority: the token must come from Microsoft Entra.',
    };
  }
  ctx.claims = claims;
  const { endpoints, profile } = ctx;
  const roles = Array.isArray(claims['roles'])
    ? claims['roles'].filter((r): r is string => typeof r === 'string')
    : [];
  const scp = typeof claims['scp'] === 'string' ? claims['scp'] : undefined;
  const now = (ctx.deps.now?.() ?? new Date()).getTime() / 1000;
  const exp = typeof claims.exp === 'number' ? claims.exp : undefined;
  const evidence = [
    `aud ${JSON.stringify(claims.aud ?? null)}`,
    `tid ${str(claims['tid'])}`,
    `appid ${str(claims['appid'] ?? claims['azp'])}`,
    `oid ${str(claims['oid'])}`,
    ...(typeof claims['upn'] === 'string' ? [`upn ${claims['upn']}`] : []),
    `roles ${roles.length ? roles.join(' ') : '(none)'}`,
    ...(scp ? [`scp ${scp}`] : []),
    `exp ${exp ? `${new Date(exp * 1000).toISOString()} (${formatRelative(exp - now)})` : '(none)'}`,
    `fingerprint ${tokenFingerprint(token)}`,
  ];
  const problems: Remedy[] = [];
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  const resource = endpoints.resource;
  if (!audiences.some((a) => a === resource || a === `${resource}/` || a === EXCHANGE_APP_ID)) {
    const graph = audiences.some(
      (a) => typeof a === 'string' && /graph\.microsoft|00000003-0000-0000-c000-000000000000/i.test(a),
    );
    problems.push({
      cause: graph
        ? `The token is for Microsoft Graph (aud ${str(claims.aud)}), not for Exchange Online (${resource}).`
        : `The token is for ${str(claims.aud)}, not for Exchange Online (${resource}).`,
      fix: `Request the scope ${resource}/.default (https://outlook.office365.com/.default in the global cloud), not a Graph scope.`,
    });
  }
  const tid = claims['tid'];
  if (
    GUID.test(profile.tenant) &&
    typeof tid === 'string' &&
    tid.toLowerCase() !== profile.tenant.toLowerCase()
  ) {
    problems.push({
      cause: `The token was issued by tenant ${tid}, not by the profile's tenant ${profile.tenant}.`,
      fix: 'Put the Directory (tenant) ID of the tenant that holds the mailbox in the profile.',
    });
  }
  if (profile.credential === 'delegated') {
    const permission = DELEGATED_PERMISSION[profile.protocol];
    if (!(scp ?? '').split(' ').includes(permission)) {
      problems.push({
        cause: scp
          ? `The token does not carry the delegated permission ${permission} (scp ${scp}): the app registration lacks it, or it was not consented.`
          : `The token is not a person’s token (no scp): it cannot open a mailbox as the signed-in person.`,
        fix: `In Microsoft Entra admin center → App registrations → your app → API permissions, add the delegated permission Office 365 Exchange Online → ${permission}, grant consent, then sign in again.`,
      });
    }
  } else if (!roles.includes(APP_PERMISSION[profile.protocol])) {
    const role = APP_PERMISSION[profile.protocol];
    problems.push({
      cause: scp
        ? `The token is a delegated (user) token (scp ${scp}), not an app-only token with the ${role} role.`
        : `The token has no ${role} role: the app lacks the application permission, or admin consent was not granted after adding it.`,
      fix: `In Microsoft Entra admin center → App registrations → your app → API permissions, add the application permission Office 365 Exchange Online → ${role} and grant admin consent.`,
    });
  }
  if (exp !== undefined && exp <= now) {
    problems.push({
      cause: `The token expired ${formatRelative(exp - now)}: it was used after its lifetime, or this computer's clock is wrong.`,
      fix: 'Check the computer’s clock (date, time and time zone), then run the test again (a new token is requested each time).',
    });
  } else if (exp === undefined) {
    problems.push({
      cause: 'The token has no expiry (exp).',
      fix: 'Check the profile’s authority: the token must come from Microsoft Entra.',
    });
  }
  const [first, ...rest] = problems;
  if (!first) return { status: 'ok', evidence };
  return { status: 'failed', evidence, ...first, ...(rest.length ? { otherCauses: rest } : {}) };
}

function str(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined || value === null) return '(none)';
  return JSON.stringify(value);
}

function formatRelative(seconds: number): string {
  const minutes = Math.round(Math.abs(seconds) / 60);
  const text = minutes >= 120 ? `${Math.round(minutes / 60)} h` : `${minutes} min`;
  return seconds >= 0 ? `in ${text}` : `${text} ago`;
}
