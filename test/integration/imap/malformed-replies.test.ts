import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../electron/core/common/app-error';
import { TokenProvider } from '../../../electron/core/auth/token-provider';
import { openImapSource } from '../../../electron/core/imap/imap-source';
import { MALFORMED_MESSAGE, type MalformedReply } from '../../testbed/dovecot/exchange-replies';
import { start, type Testbed } from '../../testbed/index';
import { bedProfile, secretsFor } from '../../testbed/profiles';

/**
 * Malformed IMAP replies from the test bed's scripted server: imapflow's failures reach the app as
 * named errors (never a hang, never an unnamed exception), and the next request reconnects and
 * reads the message.
 */

let bed: Testbed;
beforeAll(async () => {
  bed = await start({ dovecot: false, exchangeReplies: true });
}, 60_000);
afterAll(async () => {
  if (bed?.exchange) bed.exchange.malformed = undefined;
  await bed?.stop();
});

async function source() {
  const profile = bedProfile(bed, { server: 'exchange' });
  const tokens = new TokenProvider({ secrets: await secretsFor(bed, profile), trust: { ca: bed.ca.pem } });
  return openImapSource(profile, {
    tokens,
    trust: { ca: bed.ca.pem },
    session: {
      backoff: { baseMs: 20, attempts: 1 },
      keepAliveMs: 0,
      random: () => 0.5,
      // A stalled reply ends in a timeout within the test, not imapflow's five minutes.
      clientOptions: { socketTimeout: 1500, autoIdleDelay: 60_000 },
    },
  });
}

// A count smaller than what follows leaves imapflow with no body for the message: UNKNOWN_MESSAGE.
const NAMED = [
  'UNKNOWN_MESSAGE',
  'CONNECTION_LOST',
  'CONNECTION_FAILED',
  'SERVER_TIMEOUT',
  'PROTOCOL_ERROR',
  'MESSAGE_MALFORMED',
];

describe.each<MalformedReply>(['truncated-literal', 'stall-mid-literal', 'no-crlf', 'wrong-count'])(
  'IMAP %s',
  (kind) => {
    it('fails with a named error, then the next request reconnects and reads the message', async () => {
      const exchange = bed.exchange;
      if (!exchange) throw new Error('no scripted server');
      exchange.malformed = kind;
      const imap = await source();
      try {
        const error = await imap.getRaw('INBOX', '1:1').catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(AppError);
        expect(NAMED).toContain((error as AppError).code);
        exchange.malformed = 'intact';
        expect((await imap.getRaw('INBOX', '1:1')).toString('latin1')).toBe(MALFORMED_MESSAGE);
      } finally {
        exchange.malformed = undefined;
        await imap.close();
      }
    });
  },
);
