import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TokenProvider } from '../../../electron/core/auth/token-provider';
import { openImapSource, type ImapSource } from '../../../electron/core/imap/imap-source';
import type { FolderCount, SourceEvent } from '../../../shared/events';
import { scriptedFolders, type ScriptedMailbox } from '../../testbed/dovecot/exchange-mailbox';
import { start, type Testbed } from '../../testbed/index';
import { bedProfile, secretsFor } from '../../testbed/profiles';

/**
 * Exchange Online's throttling and connection limits, from the scripted Exchange server's mailbox
 * mode: Mailscope waits what the server asks (with the countdown on the event stream), never sends
 * early, keeps within the connection budget, and the operation completes.
 */

let bed: Testbed;
beforeAll(async () => {
  bed = await start({ dovecot: false, exchangeReplies: { mode: 'mailbox' } });
}, 60_000);
afterAll(() => bed?.stop());

let mailbox: ScriptedMailbox;
const open: ImapSource[] = [];
afterEach(async () => {
  for (const source of open.splice(0)) await source.close();
});

async function exchangeSource(budget: number) {
  const exchange = bed.exchange;
  if (!exchange) throw new Error('no Exchange-replies server');
  exchange.mode = 'mailbox';
  mailbox = exchange.mailbox;
  mailbox.received.length = 0;
  const profile = bedProfile(bed, { server: 'exchange' });
  const tokens = new TokenProvider({ secrets: await secretsFor(bed, profile), trust: { ca: bed.ca.pem } });
  const source = openImapSource(profile, {
    tokens,
    trust: { ca: bed.ca.pem },
    connectionBudget: budget,
    countsRampMs: 0,
    session: { backoff: { baseMs: 20, attempts: 4 }, throttleBaseMs: 50, keepAliveMs: 0 },
  });
  open.push(source);
  const events: SourceEvent[] = [];
  source.subscribe((event) => events.push(event));
  return { source, events };
}

/** Lists the tree, waits for every count, and checks each against what the server holds. */
async function openAndCount(source: ImapSource, events: SourceEvent[]): Promise<Map<string, FolderCount>> {
  const folders = await source.listFolders();
  expect(folders.filter((f) => f.selectable).every((f) => f.countsPending)).toBe(true);
  await source.countsSettled();
  const counts = new Map<string, FolderCount>();
  for (const e of events) if (e.type === 'folder.counts') for (const c of e.counts) counts.set(c.folderId, c);
  for (const folder of mailbox.folders) {
    expect(counts.get(folder.path), folder.path).toEqual({
      folderId: folder.path,
      total: folder.messages,
      unread: folder.unseen,
    });
  }
  return counts;
}

/** Commands of `verb` that reached the server after `from` (plus in-flight grace) and before `until`. */
function earlyCommands(verb: string, from: number, until: number): number {
  // A command already on the wire when the throttle reply was sent is not the client's choice.
  const grace = 100;
  return mailbox.received.filter((c) => c.verb === verb && c.at > from + grace && c.at < until).length;
}

describe('"Request is throttled. Suggested Backoff Time: N milliseconds"', () => {
  it.each([
    { bye: false, label: 'BAD reply' },
    { bye: true, label: 'BAD reply, then BYE and a closed connection' },
  ])(
    'waits what the server asks before any next STATUS, counts down, and completes ($label)',
    { timeout: 30_000 },
    async ({ bye }) => {
      const { source, events } = await exchangeSource(2);
      mailbox.folders = scriptedFolders(60);
      mailbox.throttle = { commands: ['STATUS'], times: 1, backoffMs: 1500, status: 'BAD', bye };
      try {
        await openAndCount(source, events);
      } finally {
        mailbox.throttle = undefined;
      }
      const refused = mailbox.received.filter((c) => c.throttled);
      expect(refused).toHaveLength(1);
      const t0 = refused[0]?.at ?? 0;
      // Never hammer: one extra STATUS in all (the retry), and none inside the wait, on any connection.
      expect(mailbox.count('STATUS')).toBe(60 + 1);
      expect(earlyCommands('STATUS', t0, t0 + 1500 - 20)).toBe(0);
      // The wait is announced as it starts, with what the server asked for, then the bar is calm again.
      const statuses = events.filter((e) => e.type === 'source.status');
      const waits = statuses.filter((s) => s.state === 'throttled').map((s) => s.retryInMs ?? 0);
      expect(Math.max(...waits)).toBeGreaterThanOrEqual(1400);
      expect(Math.max(...waits)).toBeLessThanOrEqual(1500);
      expect(statuses.at(-1)?.state).toBe('ready');
    },
  );

  it('a throttled LIST is waited out too, and the tree still comes', { timeout: 30_000 }, async () => {
    const { source, events } = await exchangeSource(2);
    mailbox.folders = scriptedFolders(8);
    mailbox.throttle = { commands: ['LIST'], times: 1, backoffMs: 800 };
    try {
      await openAndCount(source, events);
    } finally {
      mailbox.throttle = undefined;
    }
    const t0 = mailbox.received.find((c) => c.throttled)?.at ?? 0;
    const lists = mailbox.received.filter((c) => c.verb === 'LIST' && c.line.includes('*'));
    expect(lists).toHaveLength(2);
    expect(lists[1]?.at ?? 0).toBeGreaterThanOrEqual(t0 + 800 - 20);
  });

  it('without a hint ("NO Server Unavailable. 15") backs off exponentially, and completes', async () => {
    const { source, events } = await exchangeSource(2);
    mailbox.folders = scriptedFolders(20);
    mailbox.throttle = { commands: ['STATUS'], times: 2 };
    try {
      await openAndCount(source, events);
    } finally {
      mailbox.throttle = undefined;
    }
    expect(mailbox.count('STATUS')).toBe(20 + 2);
    expect(source.pool.stats.peak).toBeLessThanOrEqual(2);
  });
});

describe('the connection limit', () => {
  afterEach(() => {
    mailbox.maxConnections = undefined;
  });

  it('stays within the budget: the browsing session plus the budget, never refused', async () => {
    const { source, events } = await exchangeSource(3);
    mailbox.folders = scriptedFolders(120);
    mailbox.refused = 0;
    mailbox.peak = 0;
    // Browsing session + 3 for the counts: exactly what the budget allows.
    mailbox.maxConnections = 4;
    await openAndCount(source, events);
    expect(mailbox.refused).toBe(0);
    expect(source.pool.stats.peak).toBe(3);
    expect(mailbox.peak).toBeLessThanOrEqual(4);
  });

  it('"* BYE Connection is closed. 13": a refused connection backs off a few times, gives up, and the others finish', async () => {
    const { source, events } = await exchangeSource(2);
    mailbox.folders = scriptedFolders(80);
    mailbox.refused = 0;
    // Someone else holds connections to this mailbox: only one of the budget's two fits.
    mailbox.maxConnections = 2;
    await openAndCount(source, events);
    // Backoff attempts are bounded (4 retries here): no hammering.
    expect(mailbox.refused).toBeGreaterThan(0);
    expect(mailbox.refused).toBeLessThanOrEqual(5);
    const waits = events.filter((e) => e.type === 'source.status' && e.state === 'throttled');
    expect(waits.length).toBeGreaterThan(0);
  });
});
