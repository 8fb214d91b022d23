import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Folder } from '../../../../shared/model';
import { openLocal } from '../../../../electron/core/local/open-local';
import { parseMaildirName } from '../../../../electron/core/local/maildir-files';
import { appErrorOf, maildir, message, put, tempDir } from '../helpers';

async function maildirPlusPlus(): Promise<string> {
  const root = await tempDir();
  await maildir(root);
  await put(
    root,
    'cur/1700000001.M1P1.host,S=9999:2,S',
    message({ subject: 'Seen colon', date: 'Tue, 02 Jan 2024 10:00:00 +0000' }),
  );
  await put(
    root,
    'cur/1700000002.M2P1.host!2,FS',
    message({ subject: 'Flagged bang', date: 'Wed, 03 Jan 2024 10:00:00 +0000' }),
  );
  await put(
    root,
    'cur/1700000005.M5P1.host;2,RS',
    message({ subject: 'Answered semicolon', date: 'Fri, 05 Jan 2024 10:00:00 +0000' }),
  );
  await put(
    root,
    'new/1700000003.M3P1.host',
    message({ subject: 'Brand new', date: 'Thu, 04 Jan 2024 10:00:00 +0000' }),
  );
  await put(root, 'cur/.DS_Store', 'junk');
  await put(root, 'cur/dovecot.index.log', 'index');
  await put(root, 'tmp/1700000009.M9P1.host', message({ subject: 'Still being delivered' }));
  await put(root, 'dovecot-uidlist', '3 V1 N4\n');
  for (const name of [
    '.Sent Items',
    '.Drafts',
    '.Deleted Items',
    '.Junk Email',
    '.Archive',
    '.Archive.2025',
    '.Projects.Alpha',
    '.&AMk-quipe',
    '.Zebra',
    '.apple',
  ]) {
    await maildir(root, name);
  }
  await put(root, '.Sent Items/cur/1700000100.M1P1.host:2,S', message({ subject: 'Sent one' }));
  await put(root, '.Archive.2025/new/1700000200.M1P1.host', message({ subject: 'Archived' }));
  await put(root, '.&AMk-quipe/cur/1700000300.M1P1.host:2,', message({ subject: 'Équipe mail' }));
  // A dot directory without cur/ or new/ is not a folder.
  await put(root, '.not-a-folder/readme.txt', 'hello');
  return root;
}

function byPath(folders: Folder[], path: string): Folder {
  const folder = folders.find((candidate) => candidate.path === path);
  if (!folder) throw new Error(`no folder ${path} in ${folders.map((f) => f.path).join(', ')}`);
  return folder;
}

describe('Maildir++', () => {
  it('lists folders in display order with roles, decoded names, placeholders and counts', async () => {
    const root = await maildirPlusPlus();
    const source = await openLocal(root);
    expect(source.kind).toBe('maildir');
    const folders = await source.listFolders();
    expect(folders.map((folder) => folder.path)).toEqual([
      'Inbox',
      'Sent Items',
      'Drafts',
      'Deleted Items',
      'Junk Email',
      'Archive',
      'Archive/2025',
      'apple',
      'Équipe',
      'Projects',
      'Projects/Alpha',
      'Zebra',
    ]);
    expect(folders.map((folder) => folder.role)).toEqual([
      'inbox',
      'sent',
      'drafts',
      'trash',
      'junk',
      'archive',
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
    const inbox = byPath(folders, 'Inbox');
    expect(inbox).toMatchObject({ total: 4, unread: 1, selectable: true, parentId: null });
    expect(byPath(folders, 'Archive/2025')).toMatchObject({
      name: '2025',
      parentId: byPath(folders, 'Archive').id,
      total: 1,
      unread: 1,
    });
    expect(byPath(folders, 'Projects')).toMatchObject({ selectable: false, total: 0, unread: 0, role: null });
    expect(byPath(folders, 'Projects/Alpha')).toMatchObject({
      parentId: byPath(folders, 'Projects').id,
      selectable: true,
    });
    expect(byPath(folders, 'Équipe')).toMatchObject({ name: 'Équipe', total: 1, unread: 1 });
    expect(new Set(folders.map((folder) => folder.id)).size).toBe(folders.length);
  });

  it('reads flags from :2, !2, and ;2, names and treats new/ as unseen, ignoring dotfiles, dovecot files and tmp/', async () => {
    const root = await maildirPlusPlus();
    const source = await openLocal(root);
    const inbox = byPath(await source.listFolders(), 'Inbox');
    const page = await source.listEnvelopes(inbox.id, 0, 50);
    expect(page.total).toBe(4);
    expect(page.items.map((item) => [item.subject, item.flags])).toEqual([
      ['Answered semicolon', { seen: true, flagged: false, answered: true, draft: false }],
      ['Brand new', { seen: false, flagged: false, answered: false, draft: false }],
      ['Flagged bang', { seen: true, flagged: true, answered: false, draft: false }],
      ['Seen colon', { seen: true, flagged: false, answered: false, draft: false }],
    ]);
    // ,S= in the name is trusted for the size; otherwise the file is measured.
    expect(page.items.find((item) => item.subject === 'Seen colon')?.size).toBe(9999);
    const newOne = page.items.find((item) => item.subject === 'Brand new');
    expect(newOne?.size).toBe(
      Buffer.byteLength(message({ subject: 'Brand new', date: 'Thu, 04 Jan 2024 10:00:00 +0000' })),
    );
  });

  it('gives stable opaque ids that survive a reopen and contain no path', async () => {
    const root = await maildirPlusPlus();
    const first = await openLocal(root);
    const second = await openLocal(root);
    const inboxId = byPath(await first.listFolders(), 'Inbox').id;
    expect(byPath(await second.listFolders(), 'Inbox').id).toBe(inboxId);
    const ids = (await first.listEnvelopes(inboxId, 0, 10)).items.map((item) => item.id);
    expect((await second.listEnvelopes(inboxId, 0, 10)).items.map((item) => item.id)).toEqual(ids);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{16}$/);
  });

  it('refuses ids that are paths instead of joining them onto the folder', async () => {
    const root = await maildirPlusPlus();
    const source = await openLocal(root);
    const inbox = byPath(await source.listFolders(), 'Inbox');
    expect((await appErrorOf(source.getRaw(inbox.id, '../../../../etc/passwd'))).code).toBe(
      'UNKNOWN_MESSAGE',
    );
    expect((await appErrorOf(source.getRaw(inbox.id, 'cur/1700000001.M1P1.host,S=9999:2,S'))).code).toBe(
      'UNKNOWN_MESSAGE',
    );
    expect((await appErrorOf(source.getRaw(join(root, '.Zebra'), 'x'))).code).toBe('UNKNOWN_FOLDER');
  });

  it('returns the raw file byte for byte', async () => {
    const root = await tempDir();
    await maildir(root);
    const bytes = Buffer.concat([
      Buffer.from(message({ subject: 'Bytes' })),
      Buffer.from([0xe9, 0x00, 0xff, 0x0d, 0x0a]),
    ]);
    await put(root, 'cur/1700000001.M1P1.host:2,S', bytes);
    const source = await openLocal(root);
    const inbox = (await source.listFolders())[0] as Folder;
    const [envelope] = (await source.listEnvelopes(inbox.id, 0, 1)).items;
    expect((await source.getRaw(inbox.id, envelope?.id ?? '')).equals(bytes)).toBe(true);
  });

  it('lists an empty placeholder as an empty page', async () => {
    const root = await maildirPlusPlus();
    const source = await openLocal(root);
    const projects = byPath(await source.listFolders(), 'Projects');
    expect(await source.listEnvelopes(projects.id, 0, 10)).toEqual({ items: [], offset: 0, total: 0 });
  });
});

describe('Maildir fs layout', () => {
  it('reads plain subdirectories holding cur/ and new/, with placeholders for grouping directories', async () => {
    const root = await tempDir();
    await maildir(root);
    await maildir(root, 'Sent');
    await maildir(root, 'Lists/Dev');
    await maildir(root, 'Lists/Dev/Old');
    await put(root, 'Lists/Dev/cur/1700000001.M1P1.host:2,', message({ subject: 'Dev list' }));
    const folders = await (await openLocal(root)).listFolders();
    expect(folders.map((folder) => [folder.path, folder.role, folder.selectable])).toEqual([
      ['Inbox', 'inbox', true],
      ['Sent', 'sent', true],
      ['Lists', null, false],
      ['Lists/Dev', null, true],
      ['Lists/Dev/Old', null, true],
    ]);
    expect(folders.find((folder) => folder.path === 'Lists/Dev')?.unread).toBe(1);
  });

  it('opens a directory of Maildirs that is not one itself, with a non-selectable root', async () => {
    const parent = await tempDir();
    const root = join(parent, 'export');
    await maildir(root, 'INBOX');
    await maildir(root, 'Sent Messages');
    await maildir(root, 'Clients/&ANw-ber');
    const source = await openLocal(root);
    const folders = await source.listFolders();
    expect(folders.map((folder) => [folder.path, folder.role, folder.selectable])).toEqual([
      ['export', null, false],
      ['export/INBOX', 'inbox', true],
      ['export/Sent Messages', 'sent', true],
      ['export/Clients', null, false],
      ['export/Clients/Über', null, true],
    ]);
    expect(folders[1]?.parentId).toBe(folders[0]?.id);
  });

  it('refuses a directory with no Maildir in it, naming it and saying what was expected', async () => {
    const root = await tempDir();
    await put(root, 'notes/readme.txt', 'hello');
    const error = await appErrorOf(openLocal(root));
    expect(error.code).toBe('NOT_A_MAILBOX');
    expect(error.message).toContain(root);
    expect(error.message).toContain('cur/');
  });
});

describe('parseMaildirName', () => {
  it('reads size, time and flags, and keeps the unique part stable across flag changes', () => {
    const seen = parseMaildirName('1790000000.M1P1000.sample,S=1234!2,S', false);
    const flagged = parseMaildirName('1790000000.M1P1000.sample,S=1234!2,FRS', false);
    expect(seen).toEqual({
      unique: '1790000000.M1P1000.sample,S=1234',
      flags: { seen: true, flagged: false, answered: false, draft: false },
      size: 1234,
      time: 1790000000 * 1000,
    });
    expect(flagged.unique).toBe(seen.unique);
    expect(flagged.flags).toEqual({ seen: true, flagged: true, answered: true, draft: false });
    expect(parseMaildirName('1790000000.x:2,DS', true).flags).toEqual({
      seen: false,
      flagged: false,
      answered: false,
      draft: true,
    });
    expect(parseMaildirName('odd-name', false)).toMatchObject({ unique: 'odd-name', size: null, time: null });
  });
});

describe('Maildir listing', () => {
  it('sorts by Date header, falling back to the delivery time in the name for undated messages', async () => {
    const root = await tempDir();
    await maildir(root);
    await put(
      root,
      'cur/1704067200.A.host:2,S',
      message({ subject: 'Undated, delivered 2024-01-01', date: null }),
    );
    await put(
      root,
      'cur/1600000000.B.host:2,S',
      message({ subject: 'Dated 2024-06-01', date: 'Sat, 01 Jun 2024 00:00:00 +0000' }),
    );
    await put(root, 'cur/1600000001.C.host:2,S', message({ subject: 'Bad date', date: 'not a date at all' }));
    await put(
      root,
      'cur/1700000000.D.host:2,S',
      message({ subject: 'Dated 2023-01-01', date: 'Sun, 01 Jan 2023 00:00:00 +0000' }),
    );
    const source = await openLocal(root);
    const inbox = (await source.listFolders())[0] as Folder;
    const page = await source.listEnvelopes(inbox.id, 0, 10);
    expect(page.items.map((item) => item.subject)).toEqual([
      'Dated 2024-06-01',
      'Undated, delivered 2024-01-01',
      'Dated 2023-01-01',
      'Bad date',
    ]);
    expect(page.items.find((item) => item.subject === 'Bad date')?.date).toBeNull();
  });

  it('still lists a message whose file vanished, and explains it when opened', async () => {
    const root = await tempDir();
    await maildir(root);
    const file = await put(root, 'cur/1700000000.A.host:2,S', message());
    const source = await openLocal(root);
    const inbox = (await source.listFolders())[0] as Folder;
    await rm(file);
    const page = await source.listEnvelopes(inbox.id, 0, 10);
    expect(page.total).toBe(1);
    const error = await appErrorOf(source.getMessage(inbox.id, page.items[0]?.id ?? ''));
    expect(error.code).toBe('MESSAGE_UNREADABLE');
  });
});
