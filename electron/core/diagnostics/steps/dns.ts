import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { chooseProxy, describeProxy } from '../../auth/network';
import { dnsRemedy } from '../remedies';
import type { Outcome, StepContext } from '../step';
import { codeOf } from '../wire';

/** Both names a login needs resolve: the mail server's, and the identity platform's (unless a proxy resolves it). */

async function defaultLookup(host: string): Promise<string[]> {
  const addresses = await dnsLookup(host, { all: true });
  return addresses.map((a) => a.address);
}

export async function dnsStep(ctx: StepContext): Promise<Outcome> {
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
