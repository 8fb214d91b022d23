import { afterAll, beforeAll, expect, it } from 'vitest';
import { TokenProvider } from '../../../electron/core/auth/token-provider';
import { openImapSource } from '../../../electron/core/imap/imap-source';
import type { SessionStatus } from '../../../electron/core/imap/session';
import type { ExchangeMode } from '../../testbed/dovecot/exchange-replies';
import { start, type Testbed } from '../../testbed/index';
import { bedProfile, secretsFor } from '../../testbed/profiles';

/** Exchange Online's own refusals (scripted server): throttling backs off, a refused token is replaced once. */

let bed: Testbed;
beforeAll(async () => {
  bed = await start({ dovecot: false, exchangeReplies: true });
}, 60_000);
afterAll(() => bed?.stop());

async function sourceIn(mode: ExchangeMode) {
  const exchange = bed.exchange;
  if (!exchange) throw new Error('no Exchange-replies server');
  exchange.mode = mode;
  const profile = bedProfile(bed, { server: 'exchange' });
  const tokens = new TokenProvider({ secrets: await secretsFor(bed, profile), trust: { ca: bed.ca.pem } });
  const statuses: SessionStatus[] = [];
  const source = openImapSource(profile, {
    tokens,
    trust: { ca: bed.ca.pem },
    session: {
      backoff: { baseMs: 20, attempts: 2 },
      throttleBaseMs: 50,
      keepAliveMs: 0,
      onStatus: (status) => statuses.push(status),
      random: () => 0.5,
    },
  });
  return { source, statuses };
}

it('backs off on "NO Server Unavailable" and says the server is busy, without asking for new tokens', async () => {
  const { source, statuses } = await sourceIn('throttled');
  try {
    await expect(source.listFolders()).rejects.toMatchObject({
      message: expect.stringMatching(/busy/) as unknown,
    });
    expect(source.session.counters.throttled).toBe(2);
    expect(source.session.counters.reauthentications).toBe(0);
    const waits = statuses.filter((s) => s.state === 'throttled').map((s) => s.retryInMs);
    // Exponential with jitter (random fixed at 0.5 here): 50 ms ceiling → 38, then 100 → 75.
    expect(waits).toEqual([38, 75]);
  } finally {
    await source.close();
  }
});

it('replaces a refused token once, then explains the refusal', async () => {
  const { source } = await sourceIn('auth-failed');
  try {
    await expect(source.listFolders()).rejects.toMatchObject({ code: 'MAIL_AUTH_FAILED' });
    expect(source.session.counters.reauthentications).toBe(1);
    expect(source.session.counters.connects).toBe(0);
  } finally {
    await source.close();
  }
});
