import { createHash } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { start, type Testbed } from '../../testbed/index';
import { bedSource } from './helpers';

/**
 * A 25 MB message streamed from IMAP the way saves read it: slice by slice on the download
 * connection, equal to the message as stored, and stoppable after the first slice with the session
 * still usable; its flags are untouched afterwards.
 */

let bed: Testbed;

beforeAll(async () => {
  bed = await start({ bigSeeds: ['msg-25mb'] });
}, 180_000);

afterAll(async () => {
  await bed?.stop();
});

it(
  'streams a 25 MB message in slices, equal to the stored one, and stops when its reader does',
  { timeout: 120_000 },
  async () => {
    const mailbox = bed.bigSeedMailboxes['msg-25mb'];
    if (!mailbox) throw new Error('no 25 MB seed');
    const source = await bedSource(bed, mailbox);
    let flagsBefore: unknown;
    try {
      const [envelope] = (await source.listEnvelopes('INBOX', 0, 1)).items;
      if (!envelope) throw new Error('empty seed');
      flagsBefore = envelope.flags;
      const whole = await source.getRaw('INBOX', envelope.id);

      const raw = await source.openRaw('INBOX', envelope.id);
      expect(raw.size).toBe(whole.length);
      const hash = createHash('sha256');
      let largest = 0;
      let total = 0;
      for await (const chunk of raw.stream as AsyncIterable<Buffer>) {
        hash.update(chunk);
        largest = Math.max(largest, chunk.length);
        total += chunk.length;
      }
      expect(total).toBe(whole.length);
      expect(hash.digest('hex')).toBe(createHash('sha256').update(whole).digest('hex'));
      // Slices, never the whole message at once.
      expect(largest).toBeLessThanOrEqual(1024 * 1024);

      // A reader that stops after the first slice (a cancelled save): the rest is never fetched,
      // and the download connection is free for the next message.
      const stopped = await source.openRaw('INBOX', envelope.id);
      let seen = 0;
      for await (const chunk of stopped.stream as AsyncIterable<Buffer>) {
        seen += chunk.length;
        break;
      }
      expect(seen).toBeGreaterThan(0);
      expect(seen).toBeLessThan(whole.length);
      expect((await source.getRaw('INBOX', envelope.id)).length).toBe(whole.length);
    } finally {
      await source.close();
    }
    // Read with BODY.PEEK only: a fresh session sees the message's flags as they were.
    const again = await bedSource(bed, mailbox);
    try {
      expect((await again.listEnvelopes('INBOX', 0, 1)).items[0]?.flags).toEqual(flagsBefore);
    } finally {
      await again.close();
    }
  },
);
