import { chownSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { TokenProvider } from '../../../electron/core/auth/token-provider';
import { openImapSource } from '../../../electron/core/imap/imap-source';
import type { SessionStatus } from '../../../electron/core/imap/session';
import type { SourceEvent } from '../../../shared/events';
import { textMessage } from '../../testbed/fixtures/contoso';
import { messageFileName } from '../../testbed/fixtures/maildir';
import { mailOwner } from '../../testbed/dovecot/server';
import { CONTOSO, contoso, start, type Testbed } from '../../testbed/index';
import { bedProfile, secretsFor } from '../../testbed/profiles';
import { foldersWithCounts, StickyTokens } from './helpers';
import { expectUntouched } from '../untouched';

/**
 * Sessions that survive what Exchange does to them: tokens that expire (3-second tokens from the
 * fake platform here), the server dropping the connection (`doveadm kick`, what Exchange does on
 * token expiry or maintenance) or dying outright (kill -9 and a restart), new mail arriving while
 * the user scrolls, and new mail reported by IDLE without being asked for.
 */

const TOKEN_SECONDS = 3;
let bed: Testbed;

beforeAll(async () => {
  const scenario = contoso();
  scenario.tokenLifetimeSeconds = TOKEN_SECONDS;
  // megan@ takes the new-mail test, so the reader app gets FullAccess on it here.
  scenario.tenants[0]?.exchangeServicePrincipals[0]?.fullAccess.push(CONTOSO.user.userPrincipalName);
  bed = await start({ scenario, saslMechanisms: ['xoauth2'] });
}, 60_000);

afterAll(async () => {
  if (!bed) return;
  expectUntouched(bed, [CONTOSO.invoices, CONTOSO.alerts]);
  await bed.stop();
});

/** Dovecot closes every session of the user, as a server going away would. */
async function kick(mailbox: string): Promise<void> {
  const dovecot = bed.dovecot;
  if (!dovecot) throw new Error('no Dovecot');
  await dovecot.kick(mailbox);
}

async function sourceFor(mailbox: string, sticky = false, attempts?: number) {
  const profile = bedProfile(bed, { mailbox });
  const provider = new TokenProvider({ secrets: await secretsFor(bed, profile), trust: { ca: bed.ca.pem } });
  const tokens = sticky ? new StickyTokens(provider) : provider;
  const statuses: SessionStatus[] = [];
  const source = openImapSource(profile, {
    tokens,
    trust: { ca: bed.ca.pem },
    session: {
      backoff: { baseMs: 100, ...(attempts ? { attempts } : {}) },
      onStatus: (s) => statuses.push(s),
    },
  });
  return { source, tokens, statuses };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(condition: () => boolean, what: string, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/** Delivers a message the way an MTA does: a file in new/, owned by the mail user. */
function deliver(mailbox: string, subject: string, id: string): void {
  const time = Math.floor(Date.now() / 1000);
  const raw = textMessage({
    from: 'Adele Vance <adele@contoso.example>',
    to: mailbox,
    subject,
    body: 'New.',
    time,
    id,
  });
  const path = join(
    bed.maildir(mailbox),
    'new',
    messageFileName(Date.now() % 100_000, time, raw.length, undefined),
  );
  writeFileSync(path, raw);
  const owner = mailOwner();
  if (process.getuid?.() === 0) chownSync(path, owner.uid, owner.gid);
}

const changes = (events: SourceEvent[]) => events.filter((e) => e.type === 'folder.changed');

it(
  'goes on browsing after its token expired and the server dropped it: one re-authentication',
  { timeout: 30_000 },
  async () => {
    const { source, tokens, statuses } = await sourceFor(CONTOSO.alerts, true);
    try {
      const before = await source.listEnvelopes('INBOX', 0, 10);
      expect(source.session.counters.connects).toBe(1);
      bed.identity.resetCounts();
      await sleep(TOKEN_SECONDS * 1000 + 1500);
      await kick(CONTOSO.alerts);
      // The cached token is now expired: the login is refused, a fresh token is fetched once, and the
      // user sees the same page with no error.
      const after = await source.listEnvelopes('INBOX', 10, 10);
      expect(after.total).toBe(before.total);
      const again = await source.listEnvelopes('INBOX', 0, 10);
      expect(again.items.map((e) => e.id)).toEqual(before.items.map((e) => e.id));
      expect(source.session.counters.reauthentications).toBe(1);
      expect(source.session.counters.connects).toBe(2);
      expect((tokens as StickyTokens).forced).toBe(1);
      expect(bed.identity.count('token:client_credentials')).toBe(1);
      expect(statuses.map((s) => s.state)).toContain('reconnecting');
      expect(statuses.at(-1)?.state).toBe('ready');
    } finally {
      await source.close();
    }
  },
);

it(
  'reconnects after the server drops the session and resumes where it was',
  { timeout: 30_000 },
  async () => {
    const { source, statuses } = await sourceFor(CONTOSO.invoices);
    try {
      const folders = await foldersWithCounts(source);
      const first = await source.listEnvelopes('INBOX', 0, 5);
      await kick(CONTOSO.invoices);
      const second = await source.listEnvelopes('INBOX', 5, 5);
      expect(second.total).toBe(first.total);
      const raw = await source.getRaw('INBOX', first.items[0]?.id ?? '');
      expect(raw.length).toBe(first.items[0]?.size);
      await kick(CONTOSO.invoices);
      expect(await foldersWithCounts(source)).toEqual(folders);
      const whole = await source.listEnvelopes('INBOX', 0, 10);
      expect(whole.items.map((e) => e.id)).toEqual([...first.items, ...second.items].map((e) => e.id));
      expect(source.session.counters.connects).toBe(3);
      expect(source.session.counters.reauthentications).toBe(0);
      expect(statuses.filter((s) => s.state === 'reconnecting').length).toBeGreaterThanOrEqual(2);
    } finally {
      await source.close();
    }
  },
);

it('keeps offsets stable while new mail arrives; refresh() puts it on top', { timeout: 30_000 }, async () => {
  const mailbox = CONTOSO.user.userPrincipalName;
  const { source } = await sourceFor(mailbox);
  try {
    const top = await source.listEnvelopes('INBOX', 0, 2);
    expect(top.total).toBe(3);
    deliver(mailbox, 'Arrived while scrolling', 'arrived-1');
    // The server has it (a second session counts it)...
    const other = await sourceFor(mailbox);
    try {
      const deadline = Date.now() + 5000;
      let counted = 0;
      while (counted !== 4 && Date.now() < deadline) {
        counted = (await foldersWithCounts(other.source)).find((f) => f.id === 'INBOX')?.total ?? 0;
        if (counted !== 4) await sleep(200);
      }
      expect(counted).toBe(4);
    } finally {
      await other.source.close();
    }
    // ...but the open list does not move, even after the session heard of it.
    await source.listFolders();
    const next = await source.listEnvelopes('INBOX', 2, 2);
    expect(next.total).toBe(3);
    expect(next.items).toHaveLength(1);
    expect([...top.items, ...next.items].map((e) => e.subject)).toEqual(['Lunch 2?', 'Lunch 1?', 'Lunch 0?']);
    await source.refresh('INBOX');
    const refreshed = await source.listEnvelopes('INBOX', 0, 2);
    expect(refreshed.total).toBe(4);
    expect(refreshed.items[0]?.subject).toBe('Arrived while scrolling');
    expect(refreshed.items[1]?.id).toBe(top.items[0]?.id);
    expect(bed.verifyMailbox(mailbox).added).toHaveLength(1);
  } finally {
    await source.close();
  }
});

it(
  'reports new mail in the open folder by itself (IDLE), and leaves the list as it was',
  { timeout: 30_000 },
  async () => {
    const mailbox = CONTOSO.user.userPrincipalName;
    const { source } = await sourceFor(mailbox);
    const events: SourceEvent[] = [];
    source.subscribe((event) => events.push(event));
    try {
      const before = (await source.listEnvelopes('INBOX', 0, 1)).total;
      // Nothing is asked of the server from here on: only IDLE can bring the news.
      deliver(mailbox, 'Arrived during IDLE', 'idle-1');
      await until(() => changes(events).length > 0, 'an EXISTS during IDLE');
      expect(changes(events)).toEqual([{ type: 'folder.changed', folderId: 'INBOX', total: before + 1 }]);
      expect((await source.listEnvelopes('INBOX', 0, 1)).total).toBe(before);
    } finally {
      await source.close();
    }
  },
);

it(
  'comes back by itself after the server is killed and restarted, where it was',
  { timeout: 60_000 },
  async () => {
    const mailbox = CONTOSO.user.userPrincipalName;
    const dovecot = bed.dovecot;
    if (!dovecot) throw new Error('no Dovecot');
    const { source, statuses } = await sourceFor(mailbox);
    const events: SourceEvent[] = [];
    source.subscribe((event) => events.push(event));
    try {
      const first = await source.listEnvelopes('INBOX', 0, 2);
      await dovecot.kill();
      await until(
        () => statuses.some((s) => s.state === 'reconnecting' && s.attempt !== undefined),
        'a retry',
      );
      const ready = statuses.filter((s) => s.state === 'ready').length;
      deliver(mailbox, 'Arrived while the server was down', 'down-1');
      await dovecot.relaunch();
      await until(() => statuses.filter((s) => s.state === 'ready').length > ready, 'the session back');
      // Without any request from the user: the folder is watched again and the news reported.
      await until(() => changes(events).length > 0, 'the new mail reported');
      expect(changes(events)).toEqual([
        { type: 'folder.changed', folderId: 'INBOX', total: first.total + 1 },
      ]);
      expect(events.filter((e) => e.type === 'source.status').map((e) => e.state)).toContain('reconnecting');
      // Same place, same ids: the snapshot survived the restart.
      const again = await source.listEnvelopes('INBOX', 0, 2);
      expect(again.total).toBe(first.total);
      expect(again.items.map((e) => e.id)).toEqual(first.items.map((e) => e.id));
      expect(source.session.counters.reconnects).toBeGreaterThanOrEqual(1);
    } finally {
      await source.close();
    }
  },
);

// Last: it stops the bed's Dovecot for good.
it(
  'retries with growing, jittered delays while the server is down, then explains',
  { timeout: 30_000 },
  async () => {
    const { source, statuses } = await sourceFor(CONTOSO.alerts, false, 3);
    try {
      await source.listEnvelopes('INBOX', 0, 5);
      await bed.dovecot?.stop();
      await expect(source.listEnvelopes('INBOX', 5, 5)).rejects.toMatchObject({
        message: expect.stringMatching(/could not reach the mail server/) as unknown,
      });
      // The drop starts a background reconnect (3 tries, then "offline" with a slow retry pending);
      // the request then tries again on its own (3 more) before it gives up.
      const retries = statuses.filter((s) => s.state === 'reconnecting' && s.retryInMs !== undefined);
      expect(retries.map((s) => s.attempt)).toEqual([1, 2, 3, 1, 2, 3]);
      expect(statuses.map((s) => s.state)).toContain('offline');
      // Equal jitter: each delay lies in [ceiling / 2, ceiling], ceilings 100, 200, 400 ms.
      retries.forEach((s, i) => {
        const ceiling = 100 * 2 ** (i % 3);
        expect(s.retryInMs).toBeGreaterThanOrEqual(ceiling / 2);
        expect(s.retryInMs).toBeLessThanOrEqual(ceiling);
      });
    } finally {
      await source.close();
    }
  },
);
