import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImapSource } from '../../../electron/core/imap/imap-source';
import type { FolderCount, SourceEvent } from '../../../shared/events';
import { folders1kLayout } from '../../testbed/fixtures/folders-1k';
import { start, type Testbed } from '../../testbed/index';
import { msalAppToken } from '../../testbed/profiles';
import { expectBigSeedUntouched } from '../untouched';
import { bedSource } from './helpers';

/**
 * Opening the 1,000-folder mailbox (the folders-1k seed, Dovecot, XOAUTH2): the tree comes from one
 * LIST before any count, the open folder's counts come first, every count equals the server's
 * STATUS, the counts stay within the connection budget, and nothing in the mailbox changes.
 */

const BUDGET = 3;
let bed: Testbed;
let mailbox: string;
let before: string;

beforeAll(async () => {
  bed = await start({ saslMechanisms: ['xoauth2'], bigSeeds: ['folders-1k'] });
  mailbox = bed.bigSeedMailboxes['folders-1k'] ?? '';
  before = bed.dumpBigSeed('folders-1k');
}, 180_000);

afterAll(async () => {
  if (!bed) return;
  expectBigSeedUntouched(bed, 'folders-1k', before);
  await bed.stop();
});

interface Opened {
  source: ImapSource;
  events: SourceEvent[];
  /** How many count events had arrived when listFolders answered. */
  countsBeforeTree: number;
  folders: Awaited<ReturnType<ImapSource['listFolders']>>;
}

async function openBig(prepare?: (source: ImapSource) => Promise<void>): Promise<Opened> {
  const source = await bedSource(bed, mailbox, { connectionBudget: BUDGET, countsRampMs: 0 });
  const events: SourceEvent[] = [];
  source.subscribe((event) => events.push(event));
  await prepare?.(source);
  const folders = await source.listFolders();
  const countsBeforeTree = events.filter((e) => e.type === 'folder.counts').length;
  await source.countsSettled();
  return { source, events, countsBeforeTree, folders };
}

const batches = (events: SourceEvent[]) => events.flatMap((e) => (e.type === 'folder.counts' ? [e] : []));

describe('a mailbox of 1,000 folders', () => {
  it('shows the whole tree from one LIST before any count, then fills in every count, the open folder first', async () => {
    const { source, events, countsBeforeTree, folders } = await openBig();
    try {
      const layout = folders1kLayout();
      expect(folders.map((f) => f.path).sort()).toEqual(layout.map((f) => f.path).sort());
      expect(countsBeforeTree).toBe(0);
      expect(folders.every((f) => f.countsPending === true)).toBe(true);

      const all = batches(events);
      // No folder was open yet: the Inbox is the one the user will see first.
      expect(all[0]?.counts).toEqual([{ folderId: 'INBOX', total: 500, unread: 0 }]);
      expect(all.at(-1)).toMatchObject({ done: 1000, of: 1000 });
      // A dozen events or so, not a thousand.
      expect(all.length).toBeLessThan(100);
      const counts = new Map<string, FolderCount>();
      for (const batch of all) for (const c of batch.counts) counts.set(c.folderId, c);
      for (const folder of layout) expect(counts.get(folder.path)?.total, folder.path).toBe(folder.messages);

      // Within the connection budget: never more pooled sessions than it allows.
      expect(source.pool.stats.peak).toBeLessThanOrEqual(BUDGET);
      expect(source.pool.stats.peak).toBeGreaterThan(1);
    } finally {
      await source.close();
    }
  });

  it('every count equals what STATUS says to a bare client; unread counts included', async () => {
    const { source, events } = await openBig();
    const counts = new Map<string, FolderCount>();
    for (const batch of batches(events)) for (const c of batch.counts) counts.set(c.folderId, c);
    await source.close();
    const client = new ImapFlow({
      host: bed.imap.host,
      port: bed.imap.tlsPort,
      secure: true,
      auth: { user: mailbox, accessToken: await msalAppToken(bed) },
      tls: { ca: [bed.ca.pem] },
      logger: false,
    });
    await client.connect();
    try {
      for (const folder of folders1kLayout().filter((_, i) => i % 37 === 0 || i < 8)) {
        const status = await client.status(folder.path, { messages: true, unseen: true });
        expect(status && { total: status.messages, unread: status.unseen }, folder.path).toEqual({
          total: counts.get(folder.path)?.total,
          unread: counts.get(folder.path)?.unread,
        });
      }
    } finally {
      await client.logout();
    }
  });

  it('the folder open when the tree is listed gets its counts first', async () => {
    const open = 'Contracts/Müller GmbH/2021';
    const { source, events } = await openBig(async (s) => {
      await s.listEnvelopes(open, 0, 10);
    });
    try {
      const first = batches(events)[0];
      expect(first?.counts.map((c) => c.folderId)).toEqual([open]);
    } finally {
      await source.close();
    }
  });
});
