import { ImapFlow } from 'imapflow';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImapSource } from '../../../electron/core/imap/imap-source';
import type { ImapSearchQuery } from '../../../electron/core/imap/search';
import {
  FORBIDDEN_METHODS,
  readOnlyClient,
  ReadOnlyViolation,
} from '../../../electron/core/imap/read-only-guard';
import type { Envelope, Folder } from '../../../shared/model';
import { CONTOSO, start, type Testbed } from '../../testbed/index';
import { bedSource, bedTokens, foldersWithCounts, readFixture, sha256, type FixtureFolder } from './helpers';
import { expectUntouched } from '../untouched';

/**
 * The IMAP source against real Dovecot (XOAUTH2 only, as Exchange offers it) and the seeded
 * mailboxes: what the server shows must be what the fixture files say, and nothing may change.
 */

let bed: Testbed;
const sources: ImapSource[] = [];
const MAILBOXES: string[] = [CONTOSO.invoices, CONTOSO.alerts];

beforeAll(async () => {
  bed = await start({ saslMechanisms: ['xoauth2'] });
  for (const mailbox of MAILBOXES) sources.push(await bedSource(bed, mailbox));
}, 60_000);

afterAll(async () => {
  for (const source of sources) await source.close();
  // DESIGN.md §3: after everything above, every mailbox is byte-identical to its seed.
  if (bed) {
    expectUntouched(bed, [...MAILBOXES, CONTOSO.hr]);
    await bed.stop();
  }
});

const ROLES: Record<string, Folder['role']> = {
  INBOX: 'inbox',
  'Sent Items': 'sent',
  Drafts: 'drafts',
  'Deleted Items': 'trash',
  'Junk Email': 'junk',
  Archive: 'archive',
};

async function allEnvelopes(source: ImapSource, folderId: string, pageSize: number): Promise<Envelope[]> {
  const out: Envelope[] = [];
  for (let offset = 0; ; offset += pageSize) {
    const page = await source.listEnvelopes(folderId, offset, pageSize);
    expect(page.offset).toBe(offset);
    out.push(...page.items);
    if (offset + pageSize >= page.total) {
      expect(out).toHaveLength(page.total);
      return out;
    }
  }
}

describe.each(MAILBOXES.map((mailbox, index) => ({ mailbox, index })))('$mailbox', ({ mailbox, index }) => {
  const source = () => sources[index] as ImapSource;
  let fixture: FixtureFolder[];
  beforeAll(() => {
    fixture = readFixture(bed.maildir(mailbox));
  });

  it('lists the fixture folder tree: names, nesting, roles, counts', async () => {
    const folders = await foldersWithCounts(source());
    const selectable = folders.filter((f) => f.selectable);
    expect(selectable.map((f) => f.path).sort()).toEqual(fixture.map((f) => f.path).sort());
    for (const folder of selectable) {
      const seeded = fixture.find((f) => f.path === folder.path);
      expect(seeded, folder.path).toBeDefined();
      expect(folder.total, folder.path).toBe(seeded?.messages.length);
      expect(folder.unread, folder.path).toBe(seeded?.messages.filter((m) => !m.seen).length);
      const segments = folder.path.split('/');
      expect(folder.name).toBe(segments.at(-1));
      const parent = folders.find((f) => f.id === folder.parentId);
      expect(parent?.path ?? null).toBe(segments.length > 1 ? segments.slice(0, -1).join('/') : null);
      expect(folder.role, folder.path).toBe(segments.length === 1 ? (ROLES[folder.path] ?? null) : null);
    }
    // Tree order: every parent before its children; INBOX first.
    expect(folders[0]?.role).toBe('inbox');
    folders.forEach((folder, i) => {
      if (folder.parentId) expect(folders.findIndex((f) => f.id === folder.parentId)).toBeLessThan(i);
    });
    // Groupers the server lists without a folder on disk are shown but not selectable.
    for (const grouper of folders.filter((f) => !f.selectable)) {
      expect(folders.some((f) => f.parentId === grouper.id)).toBe(true);
      expect(fixture.some((f) => f.path === grouper.path)).toBe(false);
    }
  });

  it('pages envelopes newest first with stable ids, and raw sources equal the seeded files byte for byte', async () => {
    for (const folder of fixture.filter((f) => f.messages.length > 0)) {
      const paged = await allEnvelopes(source(), folder.path, 7);
      const whole = await source().listEnvelopes(folder.path, 0, 1000);
      expect(paged.map((e) => e.id)).toEqual(whole.items.map((e) => e.id));
      expect(new Set(paged.map((e) => e.id)).size).toBe(folder.messages.length);
      // Newest first: UIDs (arrival order) strictly descending.
      const uids = paged.map((e) => Number(e.id.split(':')[1]));
      expect(uids).toEqual([...uids].sort((a, b) => b - a));
      const seeded = folder.messages.map((m) => m.sha256).sort();
      const served: string[] = [];
      for (const envelope of paged) {
        const raw = await source().getRaw(folder.path, envelope.id);
        served.push(sha256(raw));
        expect(envelope.size).toBe(raw.length);
        const file = folder.messages.find((m) => m.sha256 === sha256(raw));
        expect(envelope.flags.seen, file?.file).toBe(file?.seen);
      }
      expect(served.sort(), folder.path).toEqual(seeded);
    }
  });

  it('opens a message as a MessageView with the envelope’s flags', async () => {
    const [first] = (await source().listEnvelopes('INBOX', 0, 1)).items;
    if (!first) throw new Error('empty INBOX');
    const view = await source().getMessage('INBOX', first.id);
    expect(view.id).toBe(first.id);
    expect(view.subject).toBe(first.subject);
    expect(view.messageId).toBe(first.messageId);
    expect(view.flags).toEqual(first.flags);
    expect(view.size).toBe(first.size);
  });

  it('refuses unknown folders and messages with the catalogue codes', async () => {
    await expect(source().listEnvelopes('No such folder', 0, 10)).rejects.toMatchObject({
      code: 'UNKNOWN_FOLDER',
    });
    await expect(source().getRaw('INBOX', '1:999999')).rejects.toMatchObject({ code: 'UNKNOWN_MESSAGE' });
    await expect(source().getRaw('INBOX', 'nonsense')).rejects.toMatchObject({ code: 'UNKNOWN_MESSAGE' });
  });
});

describe('search', () => {
  interface Parsed {
    sha: string;
    from: string;
    to: string;
    subject: string;
    text: string;
    seen: boolean;
    size: number;
    attachment: boolean;
  }
  const reference = new Map<string, Parsed[]>();

  async function parsedFolder(mailbox: string, path: string): Promise<Parsed[]> {
    const key = `${mailbox}/${path}`;
    const known = reference.get(key);
    if (known) return known;
    const folder = readFixture(bed.maildir(mailbox)).find((f) => f.path === path);
    const out: Parsed[] = [];
    for (const message of folder?.messages ?? []) {
      const parsed = await simpleParser(message.raw);
      const header = (name: string) => {
        const line = parsed.headerLines.find((h) => h.key === name)?.line ?? '';
        return line.slice(line.indexOf(':') + 1);
      };
      out.push({
        sha: message.sha256,
        from: `${parsed.from?.text ?? ''} ${header('from')}`.toLowerCase(),
        to: `${parsed.to && !Array.isArray(parsed.to) ? parsed.to.text : ''} ${header('to')}`.toLowerCase(),
        subject: (parsed.subject ?? '').toLowerCase(),
        text: (parsed.text ?? '').toLowerCase(),
        seen: message.seen,
        size: message.raw.length,
        attachment: parsed.attachments.some(
          (a) => a.contentDisposition === 'attachment' || Boolean(a.filename),
        ),
      });
    }
    reference.set(key, out);
    return out;
  }

  async function served(source: ImapSource, folder: string, query: ImapSearchQuery): Promise<string[]> {
    const shas: string[] = [];
    let total = -1;
    for (let offset = 0; total < 0 || offset < total; offset += 4) {
      const page = await source.search(folder, query, offset, 4);
      total = page.total;
      const uids = page.items.map((e) => Number(e.id.split(':')[1]));
      expect(uids).toEqual([...uids].sort((a, b) => b - a));
      for (const envelope of page.items) shas.push(sha256(await source.getRaw(folder, envelope.id)));
    }
    expect(shas).toHaveLength(Math.max(total, 0));
    return shas.sort();
  }

  const cases: {
    name: string;
    mailbox: string;
    folder: string;
    query: ImapSearchQuery;
    match: (m: Parsed) => boolean;
  }[] = [
    {
      name: 'subject',
      mailbox: CONTOSO.alerts,
      folder: 'INBOX',
      query: { subject: 'critical' },
      match: (m) => m.subject.includes('critical'),
    },
    {
      name: 'from',
      mailbox: CONTOSO.invoices,
      folder: 'INBOX',
      query: { from: 'fabrikam' },
      match: (m) => m.from.includes('fabrikam'),
    },
    {
      name: 'to',
      mailbox: CONTOSO.alerts,
      folder: 'Sent Items',
      query: { to: 'oncall' },
      match: (m) => m.to.includes('oncall'),
    },
    {
      name: 'body',
      mailbox: CONTOSO.alerts,
      folder: 'INBOX',
      query: { body: 'payments-api' },
      match: (m) => m.text.includes('payments-api'),
    },
    {
      name: 'unseen',
      mailbox: CONTOSO.invoices,
      folder: 'INBOX',
      query: { unseen: true },
      match: (m) => !m.seen,
    },
    {
      name: 'larger than',
      mailbox: CONTOSO.invoices,
      folder: 'INBOX',
      query: { largerThan: 5000 },
      match: (m) => m.size > 5000,
    },
    {
      name: 'has attachment',
      mailbox: CONTOSO.invoices,
      folder: 'INBOX',
      query: { hasAttachment: true },
      match: (m) => m.attachment,
    },
    {
      name: 'combined',
      mailbox: CONTOSO.alerts,
      folder: 'INBOX',
      query: { subject: 'warning', unseen: true },
      match: (m) => m.subject.includes('warning') && !m.seen,
    },
  ];

  it.each(cases)(
    '$name equals the reference computed from the fixture files',
    async ({ mailbox, folder, query, match }) => {
      const source = sources[MAILBOXES.indexOf(mailbox)] as ImapSource;
      const expected = (await parsedFolder(mailbox, folder))
        .filter(match)
        .map((m) => m.sha)
        .sort();
      expect(expected.length).toBeGreaterThan(0);
      expect(await served(source, folder, query)).toEqual(expected);
    },
  );

  it('filters by internal date (since / before, whole days)', async () => {
    const source = sources[MAILBOXES.indexOf(CONTOSO.alerts)] as ImapSource;
    // alerts@ INBOX: hourly from 2026-01-05 08:00 UTC; internal dates are the seeded mtimes.
    const on6th = await source.search('INBOX', { since: '2026-01-06', before: '2026-01-07' }, 0, 100);
    for (const e of on6th.items) expect(e.date?.slice(0, 10)).toBe('2026-01-06');
    expect(on6th.total).toBe(14);
    const before = await source.search('INBOX', { before: '2026-01-06' }, 0, 100);
    // 16 messages are dated before the 6th; Dovecot also counts the one at exactly 00:00:00 as
    // "before" (measured), so the midnight message may be in both answers.
    for (const e of before.items) expect(e.date && e.date <= '2026-01-06T00:00:00.000Z').toBe(true);
    expect([16, 17]).toContain(before.total);
  });

  it('rejects a malformed query', async () => {
    const source = sources[0] as ImapSource;
    await expect(
      source.search('INBOX', { since: 'yesterday' } as unknown as ImapSearchQuery, 0, 10),
    ).rejects.toMatchObject({ code: 'INVALID_REQUEST' });
  });
});

describe('read-only guard', () => {
  it('refuses every writing method before a byte reaches the wire, on both layers', async () => {
    const { profile, tokens } = await bedTokens(bed, CONTOSO.alerts);
    const { accessToken } = await tokens.getToken(profile);
    const raw = new ImapFlow({
      host: bed.imap.host,
      port: bed.imap.tlsPort,
      secure: true,
      tls: { ca: [bed.ca.pem] },
      auth: { user: profile.mailbox, accessToken },
      logger: false,
    });
    const client = readOnlyClient(raw);
    await raw.connect();
    try {
      const opened = await client.mailboxOpen('INBOX');
      expect(opened.readOnly).toBe(true);
      const calls: Record<(typeof FORBIDDEN_METHODS)[number], () => Promise<unknown>> = {
        messageFlagsSet: () => raw.messageFlagsSet('1:*', ['\\Seen']),
        messageFlagsAdd: () => raw.messageFlagsAdd('1:*', ['\\Seen']),
        messageFlagsRemove: () => raw.messageFlagsRemove('1:*', ['\\Seen']),
        setFlagColor: () => raw.setFlagColor('1:*', 'red'),
        messageDelete: () => raw.messageDelete('1:*'),
        messageCopy: () => raw.messageCopy('1', 'Archive'),
        messageMove: () => raw.messageMove('1', 'Archive'),
        append: () => raw.append('INBOX', Buffer.from('Subject: x\r\n\r\nx\r\n')),
        mailboxCreate: () => raw.mailboxCreate('Created'),
        mailboxRename: () => raw.mailboxRename('Archive', 'Renamed'),
        mailboxDelete: () => raw.mailboxDelete('Archive'),
        mailboxSubscribe: () => raw.mailboxSubscribe('Archive'),
        mailboxUnsubscribe: () => raw.mailboxUnsubscribe('Archive'),
      };
      const sentBefore = raw.stats().sent;
      for (const name of FORBIDDEN_METHODS) {
        // Layer 1: the view core uses throws at once.
        const method: unknown = Reflect.get(client, name);
        expect(typeof method).toBe('function');
        await expect((method as () => Promise<unknown>)(), name).rejects.toBeInstanceOf(ReadOnlyViolation);
        // Layer 2: imapflow itself, bypassing the view, is stopped at its command funnel. imapflow
        // turns some failures into `false`; either way nothing may have been sent.
        const outcome = await calls[name]().then(
          (value) => value,
          (error: unknown) => error,
        );
        if (!(outcome instanceof ReadOnlyViolation)) expect(outcome, name).toBeFalsy();
      }
      expect(raw.stats().sent).toBe(sentBefore);
      // A read-write SELECT and a body fetch without PEEK are refused at the wire as well.
      const select = await raw.mailboxOpen('INBOX').then(
        () => 'opened',
        (error: unknown) => error,
      );
      expect(select).toBeInstanceOf(ReadOnlyViolation);
      expect(raw.stats().sent).toBe(sentBefore);
    } finally {
      await raw.logout().catch(() => undefined);
    }
    expect(bed.verifyMailbox(CONTOSO.alerts).changed).toEqual([]);
  });

  it('fetches bodies with BODY.PEEK: opening every message leaves \\Seen unset', async () => {
    const source = sources[MAILBOXES.indexOf(CONTOSO.alerts)] as ImapSource;
    const unread = (await source.listEnvelopes('INBOX', 0, 100)).items.filter((e) => !e.flags.seen);
    expect(unread.length).toBeGreaterThan(0);
    for (const e of unread) await source.getMessage('INBOX', e.id);
    await source.refresh('INBOX');
    const again = (await source.listEnvelopes('INBOX', 0, 100)).items.filter((e) => !e.flags.seen);
    expect(again.map((e) => e.id)).toEqual(unread.map((e) => e.id));
    const folders = await source.listFolders();
    expect(folders.find((f) => f.id === 'INBOX')?.unread).toBe(unread.length);
  });
});
