import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { performance } from 'node:perf_hooks';
import type tls from 'node:tls';
import { decodeJwt, type JWTPayload } from 'jose';
import { z } from 'zod';
import { type AadstsContext, entraCorrelationId, entraMessage, explainAadsts } from '../auth/aadsts';
import {
  caOption,
  chooseProxy,
  describeProxy,
  type TransportFailure,
  type TrustOptions,
} from '../auth/network';
import { redact, tokenFingerprint } from '../auth/redact';
import {
  aadstsContextOf,
  type CredentialFacts,
  type TokenSource,
  toTokenRequestError,
  type TokenFailure,
} from '../auth/token-provider';
import {
  APP_PERMISSION,
  DELEGATED_PERMISSION,
  effectiveEndpoints,
  type Endpoints,
  type Profile,
} from '../../../shared/profile';
import {
  type DiagnosticReport,
  type DiagnosticStep,
  type Remedy,
  STEP_IDS,
  STEP_TITLES,
  type StepId,
  type StepStatus,
} from '../../../shared/diagnostics';
import { explainReply, type ReplyContext } from './server-replies';
import { LineConnection, WireError } from './wire';

/**
 * "Test connection" and `mailscope doctor`: walk the path a login takes, one step at a time, and
 * stop at the first step that fails, saying what was seen, the most likely cause and its fix.
 * The steps share one connection (DNS → TCP → TLS → … → INBOX), so what we test is what the app
 * will do, and the mailbox is only ever EXAMINEd (IMAP) or STATed (POP3): diagnostics are read-only.
 *
 * Never in a report: a secret, a whole token, or a SASL blob. Evidence goes through `redact` as a
 * second line of defence; the first is that we never put them there.
 */

export interface DiagnosticsDeps {
  /** Where tokens come from; a test may pass a source that returns a crafted token. */
  tokens: TokenSource & { describeCredential?(profile: Profile): Promise<CredentialFacts> };
  /** Extra trusted roots for the mail server (and, through the provider, the identity platform). */
  trust?: TrustOptions;
  /** For the proxy evidence (HTTPS_PROXY, NO_PROXY); default process.env. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Name resolution; default the OS resolver (what connections use). */
  lookup?: (host: string) => Promise<string[]>;
  /** Warn when the mail server's certificate expires within this many days (default 14). */
  certificateWarningDays?: number;
  /** Per network operation (connect, handshake, each reply); default 15 s. */
  timeoutMs?: number;
  now?: () => Date;
}

interface Outcome {
  status: Exclude<StepStatus, 'skipped'>;
  evidence: string[];
  cause?: string;
  fix?: string;
  otherCauses?: Remedy[];
}

interface Context {
  profile: Profile;
  endpoints: Endpoints;
  deps: DiagnosticsDeps;
  timeoutMs: number;
  connection?: LineConnection;
  token?: string;
  claims?: JWTPayload;
}

const EXCHANGE_APP_ID = '00000002-0000-0ff1-ce00-000000000000';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const STEPS: Record<StepId, (ctx: Context) => Promise<Outcome>> = {
  dns: dnsStep,
  tcp: tcpStep,
  tls: tlsStep,
  token: tokenStep,
  claims: claimsStep,
  sasl: saslStep,
  inbox: inboxStep,
};

export async function runDiagnostics(profile: Profile, deps: DiagnosticsDeps): Promise<DiagnosticReport> {
  const now = deps.now ?? (() => new Date());
  const startedAt = now();
  const begin = performance.now();
  const endpoints = effectiveEndpoints(profile);
  const ctx: Context = { profile, endpoints, deps, timeoutMs: deps.timeoutMs ?? 15_000 };
  const steps: DiagnosticStep[] = [];
  let failedStep: StepId | undefined;
  try {
    for (const id of STEP_IDS) {
      if (failedStep) {
        steps.push({ id, title: STEP_TITLES[id], status: 'skipped', durationMs: 0, evidence: [] });
        continue;
      }
      const stepStart = performance.now();
      let outcome: Outcome;
      try {
        outcome = await STEPS[id](ctx);
      } catch (error) {
        outcome = unexpected(error);
      }
      steps.push(toStep(id, outcome, Math.round(performance.now() - stepStart)));
      if (outcome.status === 'failed') failedStep = id;
    }
  } finally {
    ctx.connection?.close();
  }
  return {
    profileId: profile.id,
    profileName: profile.name,
    mailbox: profile.mailbox,
    protocol: profile.protocol,
    server: `${endpoints.host}:${endpoints.port} (${endpoints.tlsMode === 'implicit' ? 'implicit TLS' : endpoints.protocol === 'imap' ? 'STARTTLS' : 'STLS'})`,
    startedAt: startedAt.toISOString(),
    durationMs: Math.round(performance.now() - begin),
    ok: failedStep === undefined,
    ...(failedStep ? { failedStep } : {}),
    steps,
  };
}

function toStep(id: StepId, outcome: Outcome, durationMs: number): DiagnosticStep {
  return {
    id,
    title: STEP_TITLES[id],
    status: outcome.status,
    durationMs,
    evidence: outcome.evidence.map(redact),
    ...(outcome.cause !== undefined ? { cause: redact(outcome.cause) } : {}),
    ...(outcome.fix !== undefined ? { fix: redact(outcome.fix) } : {}),
    ...(outcome.otherCauses?.length
      ? { otherCauses: outcome.otherCauses.map((r) => ({ cause: redact(r.cause), fix: redact(r.fix) })) }
      : {}),
  };
}

function unexpected(error: unknown): Outcome {
  // Only the class and code: messages of unknown errors may carry anything.
  const name = error instanceof Error ? error.name : typeof error;
  const code =
    error instanceof Error && 'code' in error && typeof error.code === 'string' ? ` (${error.code})` : '';
  return {
    status: 'failed',
    evidence: [`unexpected ${name}${code}`],
    cause: 'Mailscope hit an unexpected error during this step.',
    fix: 'Run the test again; if it keeps happening, report it with this report attached.',
  };
}

// --- DNS -----------------------------------------------------------------------------------------

async function defaultLookup(host: string): Promise<string[]> {
  const addresses = await dnsLookup(host, { all: true });
  return addresses.map((a) => a.address);
}

async function dnsStep(ctx: Context): Promise<Outcome> {
  const lookup = ctx.deps.lookup ?? defaultLookup;
  const authorityHost = ctx.endpoints.authorityHost.replace(/:\d+$/, '');
  const proxy = chooseProxy(ctx.profile.proxy, ctx.endpoints.authorityHost, ctx.deps.env ?? process.env);
  const evidence: string[] = [];
  let warning: Outcome | undefined;
  for (const [role, host] of [
    ['mail server', ctx.endpoints.host],
    ['identity platform', authorityHost],
  ] as const) {
    if (isIP(host)) {
      evidence.push(`${role} ${host} is an IP address (no lookup needed)`);
      continue;
    }
    try {
      const addresses = await withTimeout(lookup(host), ctx.timeoutMs, 'ETIMEOUT');
      evidence.push(
        `${role} ${host} → ${addresses.slice(0, 4).join(', ')}${addresses.length > 4 ? ', …' : ''}`,
      );
    } catch (error) {
      const code = codeOf(error);
      evidence.push(`${role} ${host}: ${code}`);
      if (role === 'identity platform' && proxy) {
        // Behind a proxy the proxy resolves names; failing here is normal on locked-down networks.
        warning = {
          status: 'warning',
          evidence: [],
          cause: `${host} does not resolve here, but token requests go through the proxy ${describeProxy(proxy)}, which resolves it.`,
          fix: 'Nothing to do if the token step succeeds.',
        };
        continue;
      }
      return { status: 'failed', evidence, ...dnsRemedy(role, host, code, ctx.endpoints) };
    }
  }
  return warning ? { ...warning, evidence } : { status: 'ok', evidence };
}

function dnsRemedy(
  role: 'mail server' | 'identity platform',
  host: string,
  code: string,
  endpoints: Endpoints,
): Remedy & { otherCauses: Remedy[] } {
  const offline: Remedy = {
    cause: 'This computer cannot resolve internet names right now (offline, VPN or DNS server problem).',
    fix: 'Check the network connection; `nslookup outlook.office365.com` should answer.',
  };
  if (code === 'ENOTFOUND' || code === 'ENODATA' || code === 'EAI_NONAME') {
    return {
      cause: `The ${role} name ${host} does not exist in DNS: it is probably mistyped.`,
      fix:
        role === 'mail server'
          ? `Set the server to the Exchange Online host of your cloud: outlook.office365.com (Global), outlook.office365.us (US Government GCC High) or partner.outlook.cn (China); this profile's cloud uses ${endpoints.resource.replace('https://', '')}.`
          : 'Choose the right cloud in the profile (Global: login.microsoftonline.com, US Government: login.microsoftonline.us, China: login.chinacloudapi.cn).',
      otherCauses: [offline],
    };
  }
  return {
    ...offline,
    cause: `The DNS server did not answer for ${host} (${code}). ${offline.cause}`,
    otherCauses: [],
  };
}

// --- TCP -----------------------------------------------------------------------------------------

async function tcpStep(ctx: Context): Promise<Outcome> {
  const { host, port, protocol, tlsMode } = ctx.endpoints;
  try {
    const { connection, address } = await LineConnection.connect(host, port, ctx.timeoutMs);
    ctx.connection = connection;
    return {
      status: 'ok',
      evidence: [`connected to ${host}:${port}${address === `${host}:${port}` ? '' : ` (${address})`}`],
    };
  } catch (error) {
    const code = codeOf(error);
    const standard =
      protocol === 'imap' ? (tlsMode === 'implicit' ? 993 : 143) : tlsMode === 'implicit' ? 995 : 110;
    const evidence = [`connect ${host}:${port}: ${code}`];
    if (code === 'ECONNREFUSED') {
      return {
        status: 'failed',
        evidence,
        cause: `Nothing accepts connections on port ${port} at ${host}: the port is wrong, or the service is not running there.`,
        fix: `Use port ${standard} for ${protocol.toUpperCase()} with ${tlsMode === 'implicit' ? 'implicit TLS' : 'STARTTLS'} (Exchange Online: 993 IMAP, 995 POP3).`,
        otherCauses: [
          {
            cause: 'A local firewall rejects the connection.',
            fix: `Allow outbound TCP ${port} to ${host}.`,
          },
        ],
      };
    }
    if (code === 'ETIMEDOUT') {
      return {
        status: 'failed',
        evidence,
        cause: `No answer from ${host}:${port}: a firewall silently drops outbound connections to port ${port}.`,
        fix: `Ask your network team to allow outbound TCP ${port} to ${host} (Exchange Online needs 993 for IMAP, 995 for POP3).`,
      };
    }
    return {
      status: 'failed',
      evidence,
      cause: `The connection to ${host}:${port} failed (${code}): no route to the server.`,
      fix: 'Check the network connection, VPN and firewall.',
    };
  }
}

// --- TLS -----------------------------------------------------------------------------------------

async function tlsStep(ctx: Context): Promise<Outcome> {
  const connection = ctx.connection;
  if (!connection) throw new Error('no connection');
  const { host, protocol, tlsMode } = ctx.endpoints;
  const evidence: string[] = [];
  if (tlsMode === 'starttls') {
    const greeting = await connection.line();
    evidence.push(`S: ${clip(greeting)}`);
    const command = protocol === 'imap' ? 'S1 STARTTLS' : 'STLS';
    connection.send(command);
    evidence.push(`C: ${command}`);
    const reply = protocol === 'imap' ? (await taggedReply(connection, 'S1')).last : await connection.line();
    evidence.push(`S: ${clip(reply)}`);
    if (!/^(S1 OK|\+OK)/i.test(reply)) {
      return {
        status: 'failed',
        evidence,
        cause: `The server refused ${protocol === 'imap' ? 'STARTTLS' : 'STLS'}, so the connection cannot be secured.`,
        fix: `Use implicit TLS on port ${protocol === 'imap' ? 993 : 995} instead.`,
      };
    }
  }
  const ca = caOption(ctx.deps.trust);
  let secure: tls.TLSSocket;
  try {
    secure = await connection.startTls({ servername: isIP(host) ? undefined : host, ca });
  } catch (error) {
    const code = codeOf(error);
    evidence.push(`TLS handshake: ${code}`);
    const peer = z.object({ peer: z.custom<tls.PeerCertificate>().optional() }).safeParse(error);
    if (peer.success && peer.data.peer) evidence.push(...certificateEvidence(peer.data.peer));
    return { status: 'failed', evidence, ...tlsRemedy(code, ctx) };
  }
  const cert = secure.getPeerCertificate();
  evidence.push(
    `${secure.getProtocol() ?? 'TLS'} (${secure.getCipher().name}), certificate verified against ${ca ? 'the system roots and the configured CA' : 'the system roots'}`,
  );
  evidence.push(...certificateEvidence(cert));
  if (tlsMode === 'implicit') {
    const greeting = await connection.line();
    evidence.push(`S: ${clip(greeting)}`);
    if (/^(\* BYE|-ERR)/i.test(greeting)) {
      return { status: 'failed', evidence, ...explainReply(greeting, replyContext(ctx)) };
    }
  }
  const daysLeft = Math.floor(
    (Date.parse(cert.valid_to) - (ctx.deps.now?.() ?? new Date()).getTime()) / 86_400_000,
  );
  if (daysLeft < (ctx.deps.certificateWarningDays ?? 14)) {
    return {
      status: 'warning',
      evidence,
      cause: `The server's certificate expires in ${daysLeft} day${daysLeft === 1 ? '' : 's'}.`,
      fix: 'Nothing to do for Exchange Online (Microsoft renews it); for another server, tell its administrator.',
    };
  }
  return { status: 'ok', evidence };
}

function certificateEvidence(cert: tls.PeerCertificate): string[] {
  const name = (part: Record<string, string | string[] | undefined> | undefined) =>
    part
      ? Object.entries(part)
          .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('+') : (v ?? '')}`)
          .join(', ')
      : '?';
  const lines = [`certificate subject ${name(cert.subject as unknown as Record<string, string>)}`];
  lines.push(`issued by ${name(cert.issuer as unknown as Record<string, string>)}`);
  if (cert.subjectaltname) lines.push(`names ${clip(cert.subjectaltname)}`);
  if (cert.valid_to) lines.push(`valid until ${new Date(cert.valid_to).toISOString()}`);
  return lines;
}

function tlsRemedy(code: string, ctx: Context): Remedy & { otherCauses?: Remedy[] } {
  const { host, port, protocol, tlsMode } = ctx.endpoints;
  const untrusted = [
    'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
    'UNABLE_TO_GET_ISSUER_CERT',
    'SELF_SIGNED_CERT_IN_CHAIN',
    'DEPTH_ZERO_SELF_SIGNED_CERT',
    'CERT_SIGNATURE_FAILURE',
  ];
  if (untrusted.includes(code)) {
    return {
      cause: `The certificate presented for ${host} is not signed by an authority this computer trusts: usually a firewall or proxy that inspects TLS, or a server that is not Exchange Online.`,
      fix: 'If your organisation inspects TLS, add its root certificate as a trusted CA (mailscope doctor --ca FILE; in the app, the trusted CA setting); otherwise check the server name.',
    };
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return {
      cause: `The server's certificate is not for the name ${host}.`,
      fix: 'Use the server name exactly as published (outlook.office365.com for Exchange Online), not an IP address or alias.',
    };
  }
  if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID') {
    return {
      cause: 'The server certificate is outside its validity period, or this computer’s clock is wrong.',
      fix: 'Check the computer’s date and time; if they are right, tell the server’s administrator.',
    };
  }
  const standard =
    protocol === 'imap' ? (tlsMode === 'implicit' ? 993 : 143) : tlsMode === 'implicit' ? 995 : 110;
  return {
    cause: `The server on port ${port} did not complete a TLS handshake (${code}): the port probably expects ${tlsMode === 'implicit' ? 'STARTTLS (a plain start)' : 'implicit TLS'}.`,
    fix: `Use port ${standard} with ${tlsMode === 'implicit' ? 'implicit TLS' : 'STARTTLS'}, or switch the TLS mode to match the port.`,
  };
}

// --- token ---------------------------------------------------------------------------------------

async function tokenStep(ctx: Context): Promise<Outcome> {
  const { profile, endpoints, deps } = ctx;
  const facts = await deps.tokens.describeCredential?.(profile).catch(() => undefined);
  const proxy = chooseProxy(profile.proxy, endpoints.authorityHost, deps.env ?? process.env);
  const evidence = [
    `authority ${endpoints.authority}`,
    `client ID ${profile.clientId}`,
    `scope ${endpoints.scope}`,
    `credential ${describeFacts(profile, facts)}`,
    `proxy ${proxy ? describeProxy(proxy) : 'none'}`,
  ];
  const aadstsCtx = aadstsContextOf(profile, facts);
  try {
    const token = await deps.tokens.getToken(profile, { forceRefresh: true });
    ctx.token = token.accessToken;
    evidence.push(`token received (fingerprint ${tokenFingerprint(token.accessToken)})`);
    return { status: 'ok', evidence };
  } catch (error) {
    const refused = toTokenRequestError(error, aadstsCtx);
    if (refused.failure.kind === 'client' && profile.credential === 'delegated') {
      // The sign-in's own words (expired, revoked, cancelled): they already say what to do.
      return {
        status: 'failed',
        evidence: [...evidence, `MSAL: ${refused.failure.error}`],
        cause: refused.message,
        fix: refused.hint,
      };
    }
    return { status: 'failed', ...tokenRemedy(refused.failure, aadstsCtx, evidence, ctx) };
  }
}

function describeFacts(profile: Profile, facts: CredentialFacts | undefined): string {
  if (!facts) return profile.credential;
  switch (facts.kind) {
    case 'client-secret':
      return facts.stored
        ? `client secret (stored, ${facts.length} characters${facts.looksLikeSecretId ? ', shaped like a Secret ID' : ''})`
        : 'client secret (not stored)';
    case 'certificate':
      return facts.stored
        ? `certificate ${facts.subject ?? ''} thumbprint ${facts.thumbprintSha1 ?? '?'} (SHA-256 ${facts.thumbprintSha256 ?? '?'}), valid until ${facts.notAfter ?? '?'}`
        : 'certificate (not stored)';
    default:
      return facts.account ? `delegated, signed in as ${facts.account}` : 'delegated, nobody signed in';
  }
}

function tokenRemedy(
  failure: TokenFailure,
  aadstsCtx: AadstsContext,
  evidence: string[],
  ctx: Context,
): { evidence: string[] } & Remedy & { otherCauses?: Remedy[] } {
  switch (failure.kind) {
    case 'aadsts': {
      const explained = explainAadsts(failure.code, failure.description, aadstsCtx);
      const correlation = entraCorrelationId(failure.description);
      return {
        evidence: [
          ...evidence,
          `Entra replied ${failure.error}: ${entraMessage(failure.description)}`,
          ...(correlation ? [`correlation ID ${correlation} (give it to Microsoft support if needed)`] : []),
        ],
        cause: explained.cause,
        fix: explained.fix,
      };
    }
    case 'transport':
      return {
        evidence: [...evidence, `request to ${failure.failure.url}: ${failure.failure.code}`],
        ...transportRemedy(failure.failure, ctx),
      };
    case 'credential':
      return {
        evidence,
        ...(failure.reason === 'secret-missing'
          ? {
              cause: 'No client secret is stored for this mailbox.',
              fix: 'Edit the mailbox and paste the client secret’s Value (not its Secret ID).',
            }
          : failure.reason === 'certificate-missing'
            ? {
                cause: 'No certificate (with its private key) is stored for this mailbox.',
                fix: 'Edit the mailbox and import the app certificate with its private key (PEM or PFX).',
              }
            : {
                cause:
                  'Nobody is signed in for this mailbox: a delegated profile opens it with a person’s own Microsoft 365 account.',
                fix: 'Sign in on the mailbox’s page (with the browser or a code), then run the test again. From a terminal: mailscope doctor --profile … --device-code.',
              }),
      };
    default:
      return {
        evidence: [...evidence, `MSAL: ${failure.error}`],
        cause: `The token request failed before reaching Microsoft Entra (${failure.error}).`,
        fix: /private ?key|pem|certificate/i.test(failure.description)
          ? 'Import the app certificate again with its private key.'
          : 'Check the profile’s tenant, client ID, cloud and credential.',
      };
  }
}

function transportRemedy(failure: TransportFailure, ctx: Context): Remedy {
  const host = ctx.endpoints.authorityHost;
  if (failure.viaProxy) {
    return {
      cause: `The proxy could not be used (${failure.code}): it is down, the address is wrong, or it refused the connection to ${host}.`,
      fix: 'Check the proxy address in the profile (or HTTPS_PROXY), and that the proxy allows CONNECT to the identity platform on port 443.',
    };
  }
  if (/CERT|SIGNATURE|ISSUER|SELF_SIGNED/.test(failure.code)) {
    return {
      cause: `The identity platform's certificate (${host}) is not trusted here: a proxy or firewall inspecting TLS is the usual reason.`,
      fix: 'Add your organisation’s root CA as a trusted CA (mailscope doctor --ca FILE), or ask for an exception for login.microsoftonline.com.',
    };
  }
  if (failure.code === 'ENOTFOUND' || failure.code === 'EAI_AGAIN') {
    return {
      cause: `${host} could not be resolved: no internet access, or a proxy is required.`,
      fix: 'Check the network; if your organisation requires a proxy, set it in the profile or in HTTPS_PROXY.',
    };
  }
  if (failure.code === 'NON_JSON_RESPONSE') {
    return {
      cause: 'Something other than Microsoft Entra answered (a proxy error page or a captive portal).',
      fix: 'Sign in to the network (captive portal), or check the proxy settings.',
    };
  }
  return {
    cause: `${host} could not be reached (${failure.code}): a firewall blocks HTTPS to it, or a proxy is required.`,
    fix: 'Allow HTTPS (443) to the identity platform, or set the proxy in the profile or in HTTPS_PROXY.',
  };
}

// --- claims --------------------------------------------------------------------------------------

async function claimsStep(ctx: Context): Promise<Outcome> {
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

// --- SASL ----------------------------------------------------------------------------------------

function replyContext(ctx: Context): ReplyContext {
  const appId = ctx.claims?.['appid'];
  const oid = ctx.claims?.['oid'];
  const upn = ctx.claims?.['upn'];
  return {
    protocol: ctx.profile.protocol,
    mailbox: ctx.profile.mailbox,
    ...(typeof appId === 'string' ? { appId } : { appId: ctx.profile.clientId }),
    ...(typeof oid === 'string' ? { objectId: oid } : {}),
    // A person's token: Exchange checks that person's permissions, not an app's.
    ...(ctx.profile.credential === 'delegated' ? { person: typeof upn === 'string' ? upn : null } : {}),
  };
}

function xoauth2(user: string, token: string): string {
  return Buffer.from(`user=${user}\x01auth=Bearer ${token}\x01\x01`).toString('base64');
}

/** Exchange and Dovecot put a base64 JSON error in a `+` continuation before refusing. */
function decodeChallenge(payload: string): string {
  const text = Buffer.from(payload, 'base64').toString('utf8');
  try {
    return JSON.stringify(JSON.parse(text));
  } catch {
    return clip(text.replace(/[^\x20-\x7e]/g, '?'));
  }
}

async function saslStep(ctx: Context): Promise<Outcome> {
  const connection = ctx.connection;
  const token = ctx.token;
  if (!connection || !token) throw new Error('no connection or token');
  return ctx.profile.protocol === 'imap' ? imapSasl(ctx, connection, token) : popSasl(ctx, connection, token);
}

async function imapSasl(ctx: Context, connection: LineConnection, token: string): Promise<Outcome> {
  const evidence: string[] = [];
  const fingerprint = tokenFingerprint(token);
  try {
    connection.send('A1 CAPABILITY');
    evidence.push('C: A1 CAPABILITY');
    const caps = await taggedReply(connection, 'A1');
    const capabilities = caps.untagged
      .filter((l) => /^\* CAPABILITY /i.test(l))
      .flatMap((l) => l.slice('* CAPABILITY '.length).split(' '))
      .map((c) => c.toUpperCase());
    const bye = caps.untagged.find((l) => /^\* BYE/i.test(l));
    if (bye) return failReply(ctx, evidence, bye);
    evidence.push(
      `server offers ${capabilities.filter((c) => c.startsWith('AUTH=') || c === 'SASL-IR').join(' ') || '(no SASL mechanisms)'}`,
    );
    if (!capabilities.includes('AUTH=XOAUTH2')) {
      return {
        status: 'failed',
        evidence,
        cause:
          'The server does not offer OAuth sign-in (AUTH=XOAUTH2): it is not Exchange Online, or it is not the right host.',
        fix: 'Set the server to outlook.office365.com (or your cloud’s Exchange Online host).',
      };
    }
    const blob = xoauth2(ctx.profile.mailbox, token);
    const described = `<XOAUTH2 user=${ctx.profile.mailbox}, bearer token ${fingerprint}>`;
    if (capabilities.includes('SASL-IR')) {
      connection.send(`A2 AUTHENTICATE XOAUTH2 ${blob}`);
      evidence.push(`C: A2 AUTHENTICATE XOAUTH2 ${described}`);
    } else {
      connection.send('A2 AUTHENTICATE XOAUTH2');
      evidence.push('C: A2 AUTHENTICATE XOAUTH2');
      const go = await connection.line();
      if (!go.startsWith('+')) return failReply(ctx, evidence, go);
      connection.send(blob);
      evidence.push(`C: ${described}`);
    }
    for (;;) {
      const line = await connection.line();
      if (line.startsWith('+')) {
        evidence.push(`S: + (error details: ${decodeChallenge(line.slice(1).trim())})`);
        // XOAUTH2: the client acknowledges the error challenge with an empty response.
        connection.send('');
        evidence.push('C: (empty response)');
        continue;
      }
      if (/^\* BYE/i.test(line)) {
        evidence.push(`S: ${clip(line)}`);
        return failReply(ctx, evidence, line);
      }
      if (line.startsWith('* ')) continue;
      if (/^A2 /i.test(line)) {
        evidence.push(`S: ${clip(line)}`);
        if (/^A2 OK/i.test(line)) return { status: 'ok', evidence };
        return failReply(ctx, evidence, line);
      }
    }
  } catch (error) {
    return wireFailure(ctx, evidence, error);
  }
}

async function popSasl(ctx: Context, connection: LineConnection, token: string): Promise<Outcome> {
  const evidence: string[] = [];
  const fingerprint = tokenFingerprint(token);
  try {
    connection.send('CAPA');
    evidence.push('C: CAPA');
    const first = await connection.line();
    const capabilities: string[] = [];
    if (first.startsWith('+OK')) {
      for (let line = await connection.line(); line !== '.'; line = await connection.line())
        capabilities.push(line.toUpperCase());
    } else if (/^-ERR/i.test(first)) {
      evidence.push(`S: ${clip(first)}`);
      if (/Connection is closed|Unavailable/i.test(first)) return failReply(ctx, evidence, first);
    }
    const sasl = capabilities.find((c) => c.startsWith('SASL'));
    evidence.push(`server offers ${sasl ?? '(no SASL line)'}`);
    if (sasl && !sasl.split(' ').includes('XOAUTH2')) {
      return {
        status: 'failed',
        evidence,
        cause:
          'The server does not offer OAuth sign-in (SASL XOAUTH2): it is not Exchange Online, or it is not the right host.',
        fix: 'Set the server to outlook.office365.com (or your cloud’s Exchange Online host).',
      };
    }
    // RFC 5034 limits the AUTH line to 255 octets, which a JWT never fits: send it after `+`, as
    // Microsoft documents for POP3.
    connection.send('AUTH XOAUTH2');
    evidence.push('C: AUTH XOAUTH2');
    const go = await connection.line();
    if (!go.startsWith('+') || go.startsWith('+OK')) {
      evidence.push(`S: ${clip(go)}`);
      return failReply(ctx, evidence, go);
    }
    connection.send(xoauth2(ctx.profile.mailbox, token));
    evidence.push(`C: <XOAUTH2 user=${ctx.profile.mailbox}, bearer token ${fingerprint}>`);
    for (;;) {
      const line = await connection.line();
      if (line.startsWith('+OK')) {
        evidence.push(`S: ${clip(line)}`);
        return { status: 'ok', evidence };
      }
      if (line.startsWith('+')) {
        evidence.push(`S: + (error details: ${decodeChallenge(line.slice(1).trim())})`);
        connection.send('');
        evidence.push('C: (empty response)');
        continue;
      }
      evidence.push(`S: ${clip(line)}`);
      return failReply(ctx, evidence, line);
    }
  } catch (error) {
    return wireFailure(ctx, evidence, error);
  }
}

function failReply(ctx: Context, evidence: string[], line: string): Outcome {
  if (!evidence.some((e) => e.endsWith(clip(line)))) evidence.push(`S: ${clip(line)}`);
  const { cause, fix, otherCauses } = explainReply(line, replyContext(ctx));
  return { status: 'failed', evidence, cause, fix, ...(otherCauses.length ? { otherCauses } : {}) };
}

function wireFailure(ctx: Context, evidence: string[], error: unknown): Outcome {
  const code = codeOf(error);
  evidence.push(`connection: ${code}`);
  return {
    status: 'failed',
    evidence,
    cause:
      code === 'ETIMEDOUT'
        ? 'The server stopped answering in the middle of the exchange.'
        : 'The server closed the connection in the middle of the exchange: it may be throttling, or refusing this client.',
    fix: 'Wait a few minutes and run the test again; if it persists, check the server name and port.',
    otherCauses: explainReply('NO AUTHENTICATE failed.', replyContext(ctx)).otherCauses.slice(0, 1),
  };
}

// --- INBOX ---------------------------------------------------------------------------------------

async function inboxStep(ctx: Context): Promise<Outcome> {
  const connection = ctx.connection;
  if (!connection) throw new Error('no connection');
  const evidence: string[] = [];
  try {
    if (ctx.profile.protocol === 'imap') {
      connection.send('A3 EXAMINE INBOX');
      evidence.push('C: A3 EXAMINE INBOX');
      const reply = await taggedReply(connection, 'A3');
      evidence.push(`S: ${clip(reply.last)}`);
      if (!/^A3 OK/i.test(reply.last)) return failReply(ctx, evidence, reply.last);
      const exists = reply.untagged.map((l) => /^\* (\d+) EXISTS/i.exec(l)?.[1]).find(Boolean);
      evidence.push(
        `INBOX has ${exists ?? '?'} messages; opened read-only${/\[READ-ONLY\]/i.test(reply.last) ? ' ([READ-ONLY])' : ''}`,
      );
      connection.send('A4 LOGOUT');
      evidence.push('C: A4 LOGOUT');
      await taggedReply(connection, 'A4').catch(() => undefined);
    } else {
      connection.send('STAT');
      evidence.push('C: STAT');
      const reply = await connection.line();
      evidence.push(`S: ${clip(reply)}`);
      if (!reply.startsWith('+OK')) return failReply(ctx, evidence, reply);
      const [, count, size] = /^\+OK (\d+) (\d+)/.exec(reply) ?? [];
      evidence.push(`maildrop has ${count ?? '?'} messages (${size ?? '?'} bytes); nothing is deleted`);
      // QUIT with no DELE pending commits nothing (RFC 1939 §6).
      connection.send('QUIT');
      evidence.push('C: QUIT');
      await connection.line().catch(() => undefined);
    }
    return { status: 'ok', evidence };
  } catch (error) {
    return wireFailure(ctx, evidence, error);
  }
}

// --- helpers -------------------------------------------------------------------------------------

/** Lines up to the tagged reply for `tag`; a `* BYE` followed by a close ends it too. */
async function taggedReply(
  connection: LineConnection,
  tag: string,
): Promise<{ untagged: string[]; last: string }> {
  const untagged: string[] = [];
  for (;;) {
    let line: string;
    try {
      line = await connection.line();
    } catch (error) {
      const bye = untagged.find((l) => /^\* BYE/i.test(l));
      if (bye) return { untagged, last: bye };
      throw error;
    }
    if (line.toUpperCase().startsWith(`${tag.toUpperCase()} `)) return { untagged, last: line };
    untagged.push(line);
  }
}

function clip(line: string): string {
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}

function codeOf(error: unknown): string {
  if (error instanceof WireError) return error.code;
  if (error instanceof Error && 'code' in error && typeof error.code === 'string') return error.code;
  return error instanceof Error ? error.name : 'ERROR';
}

async function withTimeout<T>(promise: Promise<T>, ms: number, code: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(Object.assign(new Error('timed out'), { code })), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
