import { chmodSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createFindMethods } from '../../../electron/core/find/find-methods';
import type { SearchFolderEvent } from '../../../shared/events';
import { bareMessageId, type SearchAllResult } from '../../../shared/find';
import type { SourceSummary } from '../../../shared/model';
import { CONTOSO } from '../../testbed/identity/scenario';
import { start, type Testbed } from '../../testbed/index';
import { bedSource, readFixture } from '../imap/helpers';
import { expectUntouched } from '../untouched';
import { findEngine, type FindEngine } from './helpers';

/**
 * Search in every folder, end to end through the Api against Dovecot: what it finds per folder is
 * what mailparser finds in the seeded files, a folder the server refuses is listed with its error,
 * a cancel stops the fan-out, and the connection budget holds, counted on the server.
 */

let bed: Testbed;
let find: FindEngine;

beforeAll(async () => {
  bed = await start({ saslMechanisms: ['xoauth2'] });
  find = findEngine(bed);
}, 60_000);

afterAll(async () => {
  await find?.close();
  if (bed) expectUntouched(bed, [CONTOSO.invoices, CONTOSO.alerts]);
  await bed?.stop();
});

/** Messages per folder whose subject holds `word`, read from the seeded files with mailparser. */
async function reference(mailbox: string, word: string): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>();
  for (const folder of readFixture(bed.maildir(mailbox))) {
    const ids: string[] = [];
    for (const message of folder.messages) {
      const parsed = await simpleParser(message.raw);
      if ((parsed.subject ?? '').toLowerCase().includes(word))
        ids.push(bareMessageId(parsed.messageId) ?? '');
    }
    if (ids.length > 0) found.set(folder.path, ids.sort());
  }
  return found;
}

function folderEvents(events: readonly { type: string }[], searchId: string): SearchFolderEvent[] {
  return events.filter(
    (event): event is SearchFolderEvent =>
      event.type === 'search.folder' && (event as SearchFolderEvent).searchId === searchId,
  );
}

/** Logins Dovecot logged for a mailbox so far. */
function logins(mailbox: string): number {
  const log = readFileSync(bed.dovecot?.logPath ?? '', 'utf8');
  return log
    .split('\n')
    .filter((line) => /imap-login: Info: Login: /.test(line) && line.includes(`<${mailbox}>`)).length;
}

describe('search in every folder (IMAP)', () => {
  it('finds per folder what mailparser finds in the seeded files, grouped by folder as each is done', async () => {
    const profileId = await find.profile({ mailbox: CONTOSO.invoices, name: 'Invoices' });
    const sourceId = await find.open(profileId);
    const expected = await reference(CONTOSO.invoices, 'invoice');
    expect(expected.size).toBeGreaterThan(2);

    const cursor = find.engine.events.cursor;
    const result = await find.ok<SearchAllResult>('messages.searchAll', {
      sourceId,
      query: { subject: 'invoice' },
      searchId: 'search-invoices-1',
    });
    const events = await find.eventsAfter(cursor);
    const groups = folderEvents(events, 'search-invoices-1');

    const got = new Map(
      groups.map((group) => [
        group.folderId,
        group.items.map((item) => bareMessageId(item.messageId) ?? '').sort(),
      ]),
    );
    expect(got).toEqual(expected);
    expect(groups.every((group) => group.sourceId === sourceId && group.total === group.items.length)).toBe(
      true,
    );
    expect(result).toMatchObject({ failed: [], cancelled: false });
    expect(result.done).toBe(result.folders);
    expect(result.matches).toBe([...expected.values()].reduce((sum, ids) => sum + ids.length, 0));
    expect(new Set(result.hits.map((hit) => hit.folderId))).toEqual(new Set(expected.keys()));

    // Progress: counted of every selectable folder, and a last event that says it ended.
    const progress = events.filter((event) => event.type === 'search.progress');
    expect(progress.at(-1)).toEqual({
      type: 'search.progress',
      searchId: 'search-invoices-1',
      done: result.folders,
      total: result.folders,
      running: false,
    });
    const summary = await find.ok<SourceSummary>('sources.refresh', { sourceId, folderId: 'INBOX' });
    expect(result.folders).toBe(summary.folders.filter((folder) => folder.selectable).length);

    // A result opens in its folder, as the list would open it.
    const first = groups[0]?.items[0];
    if (!first) throw new Error('no result');
    const view = await find.ok<{ subject: string }>('messages.get', {
      sourceId,
      folderId: first.folderId,
      messageId: first.id,
    });
    expect(view.subject).toBe(first.subject);
  });

  it('never holds more sessions than the profile’s budget, counted on the server', async () => {
    // The first test on alerts@, so every login Dovecot logs for it is this test's.
    const profileId = await find.profile({ mailbox: CONTOSO.alerts, name: 'Alerts (2)', connections: 2 });
    const sourceId = await find.open(profileId);
    const result = await find.ok<SearchAllResult>('messages.searchAll', {
      sourceId,
      query: { text: 'check' },
      searchId: 'search-budget-2',
    });
    expect(result.done).toBe(result.folders);
    expect(result.folders).toBeGreaterThan(2);
    // The browsing session, and two pooled ones reused for every folder (Dovecot logs a moment late).
    await expect.poll(() => logins(CONTOSO.alerts)).toBe(3);
  });

  it('lists a folder the server refuses with its error, and searches the others', async () => {
    // A folder Dovecot cannot read (its directory closed to the mail user): EXAMINE fails there.
    const closed = join(bed.maildir(CONTOSO.alerts), '.Alerts.Critical');
    const profileId = await find.profile({ mailbox: CONTOSO.alerts, name: 'Alerts' });
    const sourceId = await find.open(profileId);
    chmodSync(closed, 0o000);
    let result: SearchAllResult;
    let groups: SearchFolderEvent[];
    try {
      const cursor = find.engine.events.cursor;
      result = await find.ok<SearchAllResult>('messages.searchAll', {
        sourceId,
        query: { subject: 'check' },
        searchId: 'search-alerts-failing',
      });
      groups = folderEvents(await find.eventsAfter(cursor), 'search-alerts-failing');
    } finally {
      chmodSync(closed, 0o700);
    }
    expect(result.failed).toHaveLength(1);
    expect(result.failed[0]).toMatchObject({ folderId: 'Alerts/Critical', folderPath: 'Alerts/Critical' });
    expect(result.failed[0]?.error.message).toMatch(/\S/);
    expect(result.done).toBe(result.folders);
    expect(groups.find((group) => group.folderId === 'Alerts/Critical')?.error).toEqual(
      result.failed[0]?.error,
    );
    // The rest were searched: INBOX's 30 alerts all say "check".
    expect(result.hits.find((hit) => hit.folderId === 'INBOX')?.total).toBe(30);
  });

  it('runs on the pool only: the browsing session is not used, and keeps its folder open', async () => {
    const source = await bedSource(bed, CONTOSO.invoices, { connectionBudget: 3 });
    try {
      await source.listEnvelopes('INBOX', 0, 10);
      const browsing = vi.spyOn(source.session, 'run');
      const { methods } = createFindMethods({
        sourceOf: () => source,
        openProfile: () => Promise.reject(new Error('not used')),
        profileName: () => Promise.reject(new Error('not used')),
        publish: () => undefined,
      });
      const result = await methods['messages.searchAll']({
        sourceId: 'direct',
        query: { subject: 'invoice' },
        searchId: 'search-pool-only',
      });
      expect(result.done).toBe(result.folders);
      expect(browsing).not.toHaveBeenCalled();
      expect(source.pool.stats).toMatchObject({ busy: 0, waiting: 0 });
      expect(source.pool.stats.peak).toBeLessThanOrEqual(3);
      // The list goes on from the same session and snapshot.
      expect((await source.listEnvelopes('INBOX', 0, 10)).items).toHaveLength(10);
      expect(source.session.counters.connects).toBe(1);
    } finally {
      await source.close();
    }
  });

  it('stops when cancelled: no folder is started after the cancel, and the answer says so', async () => {
    const profileId = await find.profile({ mailbox: CONTOSO.invoices, name: 'Invoices (1)', connections: 1 });
    const sourceId = await find.open(profileId);
    const cursor = find.engine.events.cursor;
    const running = find.ok<SearchAllResult>('messages.searchAll', {
      sourceId,
      query: { text: 'a' },
      searchId: 'search-cancel-1',
    });
    // Cancel as soon as the first folder is reported.
    let seen = cursor;
    for (;;) {
      const batch = await find.engine.events.next(seen, 5000);
      seen = batch.cursor;
      if (batch.events.some((event) => event.type === 'search.folder')) break;
    }
    expect(await find.ok('messages.cancelSearch', { searchId: 'search-cancel-1' })).toEqual({
      cancelled: true,
    });
    const result = await running;
    expect(result.cancelled).toBe(true);
    expect(result.done).toBeLessThan(result.folders);
    const after = await find.eventsAfter(cursor);
    expect(folderEvents(after, 'search-cancel-1').length).toBeLessThanOrEqual(result.done);
    expect(after.filter((event) => event.type === 'search.progress').at(-1)).toMatchObject({
      running: false,
    });
    // Nothing left to cancel, and the mailbox still answers.
    expect(await find.ok('messages.cancelSearch', { searchId: 'search-cancel-1' })).toEqual({
      cancelled: false,
    });
    const again = await find.ok<SearchAllResult>('messages.searchAll', {
      sourceId,
      query: { subject: 'invoice' },
      searchId: 'search-cancel-2',
    });
    expect(again.done).toBe(again.folders);
  });
});
