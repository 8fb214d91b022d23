import { afterAll, beforeAll, expect, it } from 'vitest';
import { start, type Testbed } from '../../testbed/index';
import { bedSource } from './helpers';

/**
 * A body search of a 100,000-message folder runs for a while on the server, and IMAP cannot stop
 * a command: cancelling ends the connection. The search answers CANCELLED, the session comes back
 * by itself and browsing goes on where it was.
 */

let bed: Testbed;

beforeAll(async () => {
  bed = await start({ bigSeeds: ['bench-100k'] });
}, 180_000);

afterAll(async () => {
  await bed?.stop();
});

it('cancels a running server-side search, then browses on', { timeout: 60_000 }, async () => {
  const mailbox = bed.bigSeedMailboxes['bench-100k'];
  if (!mailbox) throw new Error('no 100k seed');
  const source = await bedSource(bed, mailbox);
  try {
    const first = await source.listEnvelopes('INBOX', 0, 20);
    expect(first.total).toBe(100_000);
    expect(source.cancelSearch('INBOX')).toBe(false);

    const searching = source.search('INBOX', { body: 'no-such-phrase-anywhere-7f3a' }, 0, 50);
    // Give the command time to reach the server, then stop it.
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(source.cancelSearch('INBOX')).toBe(true);
    await expect(searching).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(source.cancelSearch('INBOX')).toBe(false);

    // The connection was ended to stop the server, and came back for the next request.
    const again = await source.listEnvelopes('INBOX', 0, 20);
    expect(again.items.map((e) => e.id)).toEqual(first.items.map((e) => e.id));
    expect(source.session.counters.reconnects).toBeGreaterThanOrEqual(1);

    // Pages of one search do not cancel each other; a different search replaces the old one.
    const [a, b] = await Promise.all([
      source.search('INBOX', { subject: 'Invoice 199999' }, 0, 10),
      source.search('INBOX', { subject: 'Invoice 199999' }, 10, 10),
    ]);
    expect(a.total).toBe(1);
    expect(b).toEqual({ items: [], offset: 10, total: 1 });
  } finally {
    await source.close();
  }
});
