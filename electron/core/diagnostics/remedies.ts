import { type AadstsContext, entraCorrelationId, entraMessage, explainAadsts } from '../auth/aadsts';
import type { TransportFailure } from '../auth/network';
import type { TokenFailure } from '../auth/token-provider';
import type { Endpoints } from '../../../shared/profile';
import type { Remedy } from '../../../shared/diagnostics';
import { explainReply } from './server-replies';
import { type Outcome, replyContext, type StepContext } from './step';
import { codeOf } from './wire';

/**
 * The cause-and-fix texts for what the steps see fail: a DNS or socket error code, a TLS verify
 * code, a refused token request, a connection dropped mid-exchange. The server's own refusals are
 * worded in server-replies.ts. Each text is filled in with this profile's values, so what it says
 * to do can be done as written.
 */

/** The usual port for the profile's protocol and TLS mode (Exchange Online: 993 IMAP, 995 POP3). */
export function standardPort({ protocol, tlsMode }: Pick<Endpoints, 'protocol' | 'tlsMode'>): number {
  return protocol === 'imap' ? (tlsMode === 'implicit' ? 993 : 143) : tlsMode === 'implicit' ? 995 : 110;
}

export function dnsRemedy(
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

export function tcpRemedy(code: string, endpoints: Endpoints): Remedy & { otherCauses?: Remedy[] } {
  const { host, port, protocol, tlsMode } = endpoints;
  if (code === 'ECONNREFUSED') {
    return {
      cause: `Nothing accepts connections on port ${port} at ${host}: the port is wrong, or the service is not running there.`,
      fix: `Use port ${standardPort(endpoints)} for ${protocol.toUpperCase()} with ${tlsMode === 'implicit' ? 'implicit TLS' : 'STARTTLS'} (Exchange Online: 993 IMAP, 995 POP3).`,
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
      cause: `No answer from ${host}:${port}: a firewall silently drops outbound connections to port ${port}.`,
      fix: `Ask your network team to allow outbound TCP ${port} to ${host} (Exchange Online needs 993 for IMAP, 995 for POP3).`,
    };
  }
  return {
    cause: `The connection to ${host}:${port} failed (${code}): no route to the server.`,
    fix: 'Check the network connection, VPN and firewall.',
  };
}

export function tlsRemedy(code: string, endpoints: Endpoints): Remedy & { otherCauses?: Remedy[] } {
  const { host, port, tlsMode } = endpoints;
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
  const standard = standardPort(endpoints);
  return {
    cause: `The server on port ${port} did not complete a TLS handshake (${code}): the port probably expects ${tlsMode === 'implicit' ? 'STARTTLS (a plain start)' : 'implicit TLS'}.`,
    fix: `Use port ${standard} with ${tlsMode === 'implicit' ? 'implicit TLS' : 'STARTTLS'}, or switch the TLS mode to match the port.`,
  };
}

export function tokenRemedy(
  failure: TokenFailure,
  aadstsCtx: AadstsContext,
  evidence: string[],
  endpoints: Endpoints,
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
        ...transportRemedy(failure.failure, endpoints),
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

function transportRemedy(failure: TransportFailure, endpoints: Endpoints): Remedy {
  const host = endpoints.authorityHost;
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

/** The server offers no XOAUTH2, as its CAPABILITY (`AUTH=XOAUTH2`) or CAPA (`SASL XOAUTH2`) shows. */
export function noOAuthRemedy(advertised: 'AUTH=XOAUTH2' | 'SASL XOAUTH2'): Remedy {
  return {
    cause: `The server does not offer OAuth sign-in (${advertised}): it is not Exchange Online, or it is not the right host.`,
    fix: 'Set the server to outlook.office365.com (or your cloud’s Exchange Online host).',
  };
}

/** The connection dropped or stalled in the middle of an exchange. */
export function wireFailure(ctx: StepContext, evidence: string[], error: unknown): Outcome {
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
