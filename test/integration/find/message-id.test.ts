import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchFolderEvent } from '../../../shared/events';
import { bareMessageId, type MessageIdResult, type SearchAllResult } from '../../../shared/find';
import type { SourceSummary } from '../../../shared/model';
import { CONTOSO } from '../../testbed/identity/scenario';
import { start, type Testbed } from '../../testbed/index';
import { readFixture } from '../imap/helpers';
import { expectUntouched } from '../untouched';
import { findEngine, type FindEngine } from './helpers';

/**
 * Find by Message-ID across mailboxes, and search in every folder of POP3 and local sources, end
 * to end through the Api: IMAP by SEARCH HEADER on the server, POP3 from TOP headers, local mail
 * from the parsed files; each mailbox says where the message is and how many folders it is not in.
 */

let bed: Testbed;
let find: FindEngine;
let invoices: string;
let alerts: string;
/** A message seeded in invoices@'s Invoices/Paid folder only, and one in its INBOX. */
let paid: { id: string; subject: string };
let inbox: { id: string; subject: string };

beforeAll(async () => {
  bed = await start({ saslMechanisms: ['xoauth2'] });
  find = findEngine(bed);
  invoices = await find.profile({ mailbox: CONTOSO.invoices, name: 'Invoices' });
  alerts = await find.profile({ mailbox: CONTOSO.alerts, name: 'Alerts' });
  const folders = readFixture(bed.maildir(CONTOSO.invoices));
  const first = async (path: string) => {
    const raw = folders.find((folder) => folder.path === path)?.messages[0]?.raw;
    if (!raw) throw new Error(`no message in ${path}`);
    const parsed = await simpleParser(raw);
    return { id: bareMessageId(parsed.messageId) ?? '', subject: parsed.subject ?? '' };
  };
  paid = await first('Invoices/Paid');
  inbox = await first('INBOX');
}, 60_000);

afterAll(async () => {
  await find?.close();
  if (bed) expectUntouched(bed, [CONTOSO.invoices, CONTOSO.alerts]);
  await bed?.stop();
});

function lookup(messageId: string, targets: unknown[], searchId: string): Promise<MessageIdResult> {
  return find
    .ok<MessageIdResult>('messages.findMessageId', { messageId, targets, searchId })
    .then((result) => {
      for (const mailbox of result.mailboxes) find.track(mailbox.sourceId);
      return result;
    });
}

describe('find by Message-ID across mailboxes', () => {
  it('says where it is and where it is not, across two IMAP profiles, pasted with angle brackets', async () => {
    const cursor = find.engine.events.cursor;
    const result = await lookup(
      `  <${paid.id}>  `,
      [{ profileId: invoices }, { profileId: alerts }],
      'lookup-two-profiles',
    );
    expect(result.messageId).toBe(paid.id);
    expect(result.cancelled).toBe(false);
    const [inInvoices, inAlerts] = result.mailboxes;
    expect(inInvoices).toMatchObject({ name: 'Invoices', profileId: invoices, failed: [] });
    expect(inInvoices?.found.map((f) => [f.folderPath, f.envelope.subject])).toEqual([
      ['Invoices/Paid', paid.subject],
    ]);
    expect(inInvoices?.folders).toBeGreaterThan(5);
    expect(inAlerts).toMatchObject({ name: 'Alerts', profileId: alerts, found: [], failed: [] });
    expect(inAlerts?.folders).toBeGreaterThan(2);

    // The find streamed as an event too, and the message opens in its folder.
    const events = (await find.eventsAfter(cursor)).filter(
      (event): event is SearchFolderEvent => event.type === 'search.folder',
    );
    expect(events.map((event) => [event.searchId, event.folderId, event.total])).toEqual([
      ['lookup-two-profiles', 'Invoices/Paid', 1],
    ]);
    const found = inInvoices?.found[0];
    if (!found || !inInvoices?.sourceId) throw new Error('not found');
    const view = await find.ok<{ subject: string }>('messages.get', {
      sourceId: inInvoices.sourceId,
      folderId: found.folderId,
      messageId: found.envelope.id,
    });
    expect(view.subject).toBe(paid.subject);
  });

  it('without angle brackets too; an id nobody has is found nowhere, with every folder searched', async () => {
    const bare = await lookup(paid.id, [{ profileId: invoices }], 'lookup-bare');
    expect(bare.mailboxes[0]?.found.map((f) => f.folderPath)).toEqual(['Invoices/Paid']);

    const none = await lookup(
      '<no-such-message-7f3a@contoso.example>',
      [{ profileId: invoices }, { profileId: alerts }],
      'lookup-none',
    );
    for (const mailbox of none.mailboxes) {
      expect(mailbox).toMatchObject({ found: [], failed: [] });
      expect(mailbox.error).toBeUndefined();
      expect(mailbox.folders).toBeGreaterThan(2);
    }
    // A part of an id is not the id (SEARCH HEADER matches substrings; Mailscope compares exactly).
    const part = await lookup(paid.id.slice(1), [{ profileId: invoices }], 'lookup-part');
    expect(part.mailboxes[0]?.found).toEqual([]);
  });

  it('a mailbox that cannot be opened is reported with its error, the others are searched', async () => {
    // The app has no FullAccess on hr@: Dovecot refuses the sign-in, as Exchange would.
    const hr = await find.profile({ mailbox: CONTOSO.hr, name: 'HR' });
    const result = await lookup(paid.id, [{ profileId: hr }, { profileId: invoices }], 'lookup-refused');
    expect(result.mailboxes[0]).toMatchObject({ name: 'HR', sourceId: null, folders: 0, found: [] });
    expect(result.mailboxes[0]?.error?.message).toMatch(/\S/);
    expect(result.mailboxes[1]?.found.map((f) => f.folderPath)).toEqual(['Invoices/Paid']);
  });

  it('POP3 looks in the Inbox it has, by TOP headers; local mail by parsing its files', async () => {
    const pop3 = await find.profile({ mailbox: CONTOSO.invoices, name: 'Invoices (POP3)', protocol: 'pop3' });
    const sample = await find.ok<SourceSummary>('sources.openSample', {});
    find.track(sample.id);
    const result = await lookup(
      inbox.id,
      [{ profileId: pop3 }, { sourceId: sample.id }],
      'lookup-pop3-local',
    );
    const [viaPop3, local] = result.mailboxes;
    expect(viaPop3).toMatchObject({ name: 'Invoices (POP3)', folders: 1, failed: [] });
    expect(viaPop3?.found.map((f) => [f.folderPath, f.envelope.subject])).toEqual([['Inbox', inbox.subject]]);
    // The sample mailbox is invoices@'s seed: the same message, in its INBOX.
    expect(local?.found.map((f) => f.envelope.subject)).toEqual([inbox.subject]);
    expect(local?.folders).toBe(sample.folders.filter((folder) => folder.selectable).length);

    // A message only in another folder is not in POP3's Inbox: said so, not an error.
    const elsewhere = await lookup(paid.id, [{ profileId: pop3 }], 'lookup-pop3-elsewhere');
    expect(elsewhere.mailboxes[0]).toMatchObject({ folders: 1, found: [], failed: [] });
  });
});

describe('search in every folder of POP3 and local sources', () => {
  it('a local Maildir is searched in all its folders, like the server does it', async () => {
    const sample = await find.ok<SourceSummary>('sources.openSample', {});
    find.track(sample.id);
    const sourceId = await find.open(invoices);
    const query = { subject: 'invoice' };
    const local = await find.ok<SearchAllResult>('messages.searchAll', {
      sourceId: sample.id,
      query,
      searchId: 'search-local',
    });
    const imap = await find.ok<SearchAllResult>('messages.searchAll', {
      sourceId,
      query,
      searchId: 'search-imap',
    });
    expect(local).toMatchObject({ failed: [], cancelled: false });
    expect(local.done).toBe(local.folders);
    // Same folders and counts; only the Inbox's name differs (IMAP's is INBOX).
    const counts = (result: SearchAllResult) =>
      result.hits.map((hit) => [hit.folderPath.replace(/^INBOX$/, 'Inbox'), hit.total]);
    expect(counts(local)).toEqual(counts(imap));
    expect(local.matches).toBeGreaterThan(5);
  });

  it('POP3 searches the Inbox it has', async () => {
    const pop3 = await find.profile({
      mailbox: CONTOSO.invoices,
      name: 'Invoices (POP3 2)',
      protocol: 'pop3',
    });
    const sourceId = await find.open(pop3);
    const cursor = find.engine.events.cursor;
    const result = await find.ok<SearchAllResult>('messages.searchAll', {
      sourceId,
      query: { subject: 'invoice' },
      searchId: 'search-pop3',
    });
    expect(result).toMatchObject({ folders: 1, done: 1, failed: [], cancelled: false });
    const groups = (await find.eventsAfter(cursor)).filter(
      (event): event is SearchFolderEvent => event.type === 'search.folder',
    );
    expect(groups.map((group) => group.folderPath)).toEqual(['Inbox']);
    expect(groups[0]?.items.every((item) => /invoice/i.test(item.subject))).toBe(true);
    expect(result.matches).toBe(groups[0]?.total);
  });
});
