import { chmod, truncate, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openLocal } from '../../../../electron/core/local/open-local';
import type { Folder } from '../../../../shared/model';
import { appErrorOf, maildir, message, put, tempDir } from '../helpers';

const MiB = 1024 * 1024;

describe('openLocal guards', () => {
  it('PATH_NOT_FOUND names the missing path', async () => {
    const missing = join(await tempDir(), 'nope', 'mail.eml');
    const error = await appErrorOf(openLocal(missing));
    expect(error.code).toBe('PATH_NOT_FOUND');
    expect(error.message).toContain(missing);
  });

  it('EMPTY_FILE for a 0-byte file', async () => {
    const file = await put(await tempDir(), 'empty.eml', '');
    expect((await appErrorOf(openLocal(file))).code).toBe('EMPTY_FILE');
  });

  it('BINARY_FILE for NUL bytes where the header section should be', async () => {
    const file = await put(
      await tempDir(),
      'data.eml',
      Buffer.from('Subject: x\r\n\u0000\u0000\u0000binary'),
    );
    const error = await appErrorOf(openLocal(file));
    expect(error.code).toBe('BINARY_FILE');
    expect(error.message).toContain('binary data');
  });

  it('opens a message whose body holds NUL and other control bytes: the header section decides', async () => {
    const body = Buffer.concat([
      Buffer.from('<html><body>Pay now'),
      Buffer.from([0x00, 0x01, 0x00, 0x7f]),
      Buffer.alloc(3000, 0x00),
      Buffer.from('</body></html>\r\n'),
    ]);
    const file = await put(
      await tempDir(),
      'nul.eml',
      Buffer.concat([
        Buffer.from('From: a@example.com\r\nSubject: NUL inside\r\nContent-Type: text/html\r\n\r\n'),
        body,
      ]),
    );
    const source = await openLocal(file);
    const folder = (await source.listFolders())[0] as Folder;
    const page = await source.listEnvelopes(folder.id, 0, 10);
    expect(page.items[0]?.subject).toBe('NUL inside');
    const view = await source.getMessage(folder.id, page.items[0]?.id ?? '');
    expect(view.html).toContain('Pay now');
  });

  it('opens an mbox whose message bodies hold NUL bytes', async () => {
    const file = await put(
      await tempDir(),
      'nul.mbox',
      Buffer.concat([
        Buffer.from('From a@example.com Tue Nov 24 09:30:00 2026\nFrom: a@example.com\nSubject: one\n\n'),
        Buffer.alloc(4000, 0x00),
        Buffer.from('\n'),
      ]),
    );
    const source = await openLocal(file);
    const folder = (await source.listFolders())[0] as Folder;
    expect((await source.listEnvelopes(folder.id, 0, 10)).items[0]?.subject).toBe('one');
  });

  it('BINARY_FILE for a high share of control bytes without NUL', async () => {
    const noise = Buffer.alloc(2000, 0x01);
    const file = await put(
      await tempDir(),
      'noise.bin',
      Buffer.concat([Buffer.from('Subject: x\r\n'), noise]),
    );
    expect((await appErrorOf(openLocal(file))).code).toBe('BINARY_FILE');
  });

  it.each([
    ['report.pdf', Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n'), 'a PDF document'],
    [
      // A compound file not named .msg (a .msg opens as an Outlook item: test/unit/core/outlook).
      'old.doc',
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0x41, 0x42]),
      'an older Office document (OLE2)',
    ],
    ['photo.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00]), 'a PNG image'],
    ['export.zip', Buffer.from('PK\u0003\u0004rest'), 'a ZIP archive'],
  ])('BINARY_FILE names the kind of %s', async (name, bytes, kind) => {
    const file = await put(await tempDir(), name, bytes);
    const error = await appErrorOf(openLocal(file));
    expect(error.code).toBe('BINARY_FILE');
    expect(error.message).toContain(kind);
  });

  it('NOT_A_MAILBOX for a text file that is neither a message nor an mbox', async () => {
    const file = await put(await tempDir(), 'notes.txt', 'Note: buy milk\nand eggs\n\nthanks\n');
    const error = await appErrorOf(openLocal(file));
    expect(error.code).toBe('NOT_A_MAILBOX');
    expect(error.message).toContain('notes.txt');
  });

  it('FILE_TOO_LARGE for a 200 MB file, at once and stating the size', async () => {
    const file = await put(await tempDir(), 'huge.mbox', '');
    await truncate(file, 200 * MiB); // sparse: no 200 MB written
    const started = performance.now();
    const error = await appErrorOf(openLocal(file));
    expect(performance.now() - started).toBeLessThan(200);
    expect(error.code).toBe('FILE_TOO_LARGE');
    expect(error.message).toContain('200 MB');
    expect(error.message).toContain('100 MB');
  });

  it('skips the size guard with allowLarge (the sparse zeros then fail as binary)', async () => {
    const file = await put(await tempDir(), 'huge.mbox', '');
    await truncate(file, 200 * MiB);
    expect((await appErrorOf(openLocal(file, { allowLarge: true }))).code).toBe('BINARY_FILE');
  });

  it('honours a custom largeFileBytes', async () => {
    const file = await put(await tempDir(), 'small.eml', message({ body: 'x'.repeat(5000) }));
    const error = await appErrorOf(openLocal(file, { largeFileBytes: 1000 }));
    expect(error.code).toBe('FILE_TOO_LARGE');
    await expect(openLocal(file, { largeFileBytes: 1000, allowLarge: true })).resolves.toBeDefined();
  });

  it('PERMISSION_DENIED for a file Mailscope may not read', async () => {
    const dir = await tempDir();
    const file = await put(dir, 'secret.eml', message());
    await chmod(file, 0o000);
    if (process.getuid?.() !== 0) {
      const error = await appErrorOf(openLocal(file));
      expect(error.code).toBe('PERMISSION_DENIED');
      expect(error.message).toContain(file);
      return;
    }
    // Root reads anything through its DAC capabilities: drop them in a child process to meet a real EACCES.
    const module = pathToFileURL(resolve('electron/core/local/open-local.ts')).href;
    const script = `import(${JSON.stringify(module)}).then((m) => m.openLocal(${JSON.stringify(file)})).then(
      () => console.log('{"code":"OPENED"}'),
      (e) => console.log(JSON.stringify({ code: e.code, message: e.message })),
    );`;
    const { execFileSync } = await import('node:child_process');
    const dropped = ['--bounding-set', '-dac_override,-dac_read_search'];
    const output = execFileSync('setpriv', [...dropped, process.execPath, '--import', 'tsx', '-e', script], {
      encoding: 'utf8',
      env: { ...process.env, TSX_TSCONFIG_PATH: resolve('tsconfig.node.json') },
    });
    const error = JSON.parse(output.trim().split('\n').pop() ?? '{}') as { code: string; message: string };
    expect(error.code).toBe('PERMISSION_DENIED');
    expect(error.message).toContain(file);
  });

  it('NOT_A_MAILBOX for something that is neither file nor folder', async () => {
    if (process.platform === 'win32') return;
    const { execFileSync } = await import('node:child_process');
    const fifo = join(await tempDir(), 'pipe');
    execFileSync('mkfifo', [fifo]);
    expect((await appErrorOf(openLocal(fifo))).code).toBe('NOT_A_MAILBOX');
  });
});

describe('single message', () => {
  it('opens an .eml as one folder "Message" holding it, and returns it byte for byte', async () => {
    const text = message({ subject: 'Just one', messageId: '<one@example.com>' });
    const file = await put(await tempDir(), 'just-one.eml', text);
    const source = await openLocal(file);
    expect(source).toMatchObject({ kind: 'eml', name: 'just-one.eml', location: file });
    const folders = await source.listFolders();
    expect(folders).toHaveLength(1);
    expect(folders[0]).toMatchObject({ name: 'Message', role: null, total: 1, selectable: true });
    const folder = folders[0] as Folder;
    const page = await source.listEnvelopes(folder.id, 0, 10);
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({
      subject: 'Just one',
      messageId: '<one@example.com>',
      size: Buffer.byteLength(text),
    });
    expect((await source.getRaw(folder.id, page.items[0]?.id ?? '')).toString()).toBe(text);
  });

  it('recognises a message by its header section whatever the file is called', async () => {
    const file = await put(await tempDir(), 'saved-mail', `Received: from x\r\n\tby y\r\n${message()}`);
    expect((await openLocal(file)).kind).toBe('eml');
  });

  it('keeps ISO-2022-JP messages (ESC bytes) from being taken for binary', async () => {
    const body = Buffer.from('1b2442467c4b5c386c1b2842', 'hex').toString('latin1');
    const text = message({ headers: { 'Content-Type': 'text/plain; charset=ISO-2022-JP' }, body });
    const file = await put(await tempDir(), 'jp.eml', Buffer.from(text, 'latin1'));
    const source = await openLocal(file);
    const folder = (await source.listFolders())[0] as Folder;
    const [envelope] = (await source.listEnvelopes(folder.id, 0, 1)).items;
    expect((await source.getMessage(folder.id, envelope?.id ?? '')).text).toContain('日本語');
  });
});

describe('envelope listing', () => {
  it('pages newest first with offset, limit and total', async () => {
    const root = await tempDir();
    await maildir(root);
    for (let day = 1; day <= 25; day++) {
      const date = new Date(Date.UTC(2024, 0, day, 12)).toUTCString();
      await put(
        root,
        `cur/17000${String(day).padStart(5, '0')}.M${day}.host:2,S`,
        message({ subject: `Day ${day}`, date }),
      );
    }
    const source = await openLocal(root);
    const inbox = (await source.listFolders())[0] as Folder;
    const first = await source.listEnvelopes(inbox.id, 0, 10);
    const third = await source.listEnvelopes(inbox.id, 20, 10);
    expect(first.total).toBe(25);
    expect(first.items.map((item) => item.subject)).toEqual(
      Array.from({ length: 10 }, (_, i) => `Day ${25 - i}`),
    );
    expect(third).toMatchObject({ offset: 20, total: 25 });
    expect(third.items.map((item) => item.subject)).toEqual(['Day 5', 'Day 4', 'Day 3', 'Day 2', 'Day 1']);
    expect((await source.listEnvelopes(inbox.id, 30, 10)).items).toEqual([]);
  });

  it("caches a folder's envelopes after the first listing", async () => {
    const root = await tempDir();
    await maildir(root);
    const file = await put(root, 'cur/1700000000.A.host:2,S', message({ subject: 'Before' }));
    const source = await openLocal(root);
    const inbox = (await source.listFolders())[0] as Folder;
    expect((await source.listEnvelopes(inbox.id, 0, 10)).items[0]?.subject).toBe('Before');
    await writeFile(file, message({ subject: 'After' }));
    expect((await source.listEnvelopes(inbox.id, 0, 10)).items[0]?.subject).toBe('Before');
    // A fresh open (a refresh) sees the change.
    const reopened = await openLocal(root);
    expect((await reopened.listEnvelopes(inbox.id, 0, 10)).items[0]?.subject).toBe('After');
  });
});
