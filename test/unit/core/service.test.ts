import { symlink, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDispatch } from '../../../electron/core/dispatch';
import type { Host } from '../../../electron/core/host';
import { createEngine } from '../../../electron/core/engine';
import { AppError } from '../../../electron/core/common/app-error';
import { checkListOptions, listCapabilitiesOf } from '../../../electron/core/list-capabilities';
import { MemorySecretStore } from '../../../electron/core/secrets/secret-store';
import type { EnvelopePage, MessageView, SourceSummary } from '../../../shared/model';
import { appErrorOf, maildir, message, put, tempDir } from './helpers';

interface FakeHost extends Host {
  opened: string[];
  picked: string[];
}

function fakeHost(options: { dialogs?: boolean } = {}): FakeHost {
  const host: FakeHost = {
    kind: 'harness',
    version: '9.8.7',
    opened: [],
    picked: [],
    async openExternal(url) {
      host.opened.push(url);
    },
  };
  if (options.dialogs) {
    host.pickPath = async (kind) => {
      host.picked.push(kind);
      return `/picked/${kind}`;
    };
  }
  return host;
}

async function sampleDir(): Promise<string> {
  const root = await tempDir();
  await maildir(root);
  await maildir(root, '.Sent');
  await put(root, 'cur/1700000001.M1P1.sample,S=100!2,S', message({ subject: 'Welcome' }));
  await put(root, 'new/1700000002.M2P1.sample', message({ subject: 'Unread one' }));
  return root;
}

async function setup(options: { dialogs?: boolean; largeFileBytes?: number } = {}) {
  const host = fakeHost(options);
  const samplePath = await sampleDir();
  const { api } = createEngine({
    host,
    samplePath,
    profilesDir: await tempDir(),
    secrets: new MemorySecretStore(),
    ...(options.largeFileBytes ? { largeFileBytes: options.largeFileBytes } : {}),
  });
  return { host, api, samplePath };
}

describe('service: app and sources', () => {
  it('app.getInfo reports the host, platform, dialogs and the large-file limit', async () => {
    const { api } = await setup();
    expect(await api['app.getInfo']({})).toEqual({
      version: '9.8.7',
      host: 'harness',
      platform: process.platform,
      nativeDialogs: false,
      largeFileBytes: 100 * 1024 * 1024,
    });
    const withDialogs = await setup({ dialogs: true, largeFileBytes: 1234 });
    expect(await withDialogs.api['app.getInfo']({})).toMatchObject({
      nativeDialogs: true,
      largeFileBytes: 1234,
    });
  });

  it('opens the sample as a Maildir of kind sample, once', async () => {
    const { api, samplePath } = await setup();
    const first = await api['sources.openSample']({});
    expect(first).toMatchObject({ kind: 'sample', name: 'Sample mailbox', notices: [] });
    expect(first.location).toContain(samplePath.split('/').at(-1));
    expect(first.folders.map((folder) => [folder.name, folder.role, folder.total, folder.unread])).toEqual([
      ['Inbox', 'inbox', 2, 1],
      ['Sent', 'sent', 0, 0],
    ]);
    expect(first.id).toMatch(/^[0-9a-f-]{36}$/);
    expect((await api['sources.openSample']({})).id).toBe(first.id);
  });

  it('returns the already open source when a path is opened again, however it is spelled', async () => {
    const { api } = await setup();
    const dir = await tempDir();
    const file = await put(dir, 'one.eml', message({ subject: 'One' }));
    await symlink(file, join(dir, 'link.eml'));
    const first = await api['sources.openPath']({ path: file });
    expect(first).toMatchObject({ kind: 'eml', name: 'one.eml' });
    expect(first.id).not.toContain(dir);
    expect((await api['sources.openPath']({ path: `${dir}/./one.eml` })).id).toBe(first.id);
    expect((await api['sources.openPath']({ path: join(dir, 'link.eml') })).id).toBe(first.id);

    expect(await api['sources.close']({ sourceId: first.id })).toEqual({ closed: true });
    expect(await api['sources.close']({ sourceId: first.id })).toEqual({ closed: false });
    const reopened = await api['sources.openPath']({ path: file });
    expect(reopened.id).not.toBe(first.id);
  });

  it('passes open errors through with their codes, and a refused large file can be opened once allowed', async () => {
    const { api } = await setup({ largeFileBytes: 1024 });
    const dir = await tempDir();
    expect((await appErrorOf(api['sources.openPath']({ path: join(dir, 'missing.mbox') }))).code).toBe(
      'PATH_NOT_FOUND',
    );
    const big = await put(dir, 'big.eml', message({ body: 'x'.repeat(4000) }));
    expect((await appErrorOf(api['sources.openPath']({ path: big }))).code).toBe('FILE_TOO_LARGE');
    await expect(api['sources.openPath']({ path: big, allowLarge: true })).resolves.toMatchObject({
      kind: 'eml',
    });
    const sparse = await put(dir, 'sparse.mbox', '');
    await truncate(sparse, 4096);
    expect((await appErrorOf(api['sources.openPath']({ path: sparse, allowLarge: true }))).code).toBe(
      'BINARY_FILE',
    );
  });

  it('reports a truncated mbox as a notice on the summary', async () => {
    const { api } = await setup();
    const file = await put(
      await tempDir(),
      'cut.mbox',
      `From a Mon Jan  1 00:00:00 2024\n${message({ subject: 'Whole' })}\nFrom b Mon Jan  1 00:00:00 2024\nSubject: Cut`,
    );
    const summary = await api['sources.openPath']({ path: file });
    expect(summary.kind).toBe('mbox');
    expect(summary.folders[0]?.total).toBe(1);
    expect(summary.notices.map((notice) => notice.code)).toEqual(['MBOX_TRUNCATED']);
  });

  it('sources.pickPath uses the host dialog, or is UNSUPPORTED without one', async () => {
    const without = await setup();
    expect((await appErrorOf(without.api['sources.pickPath']({ kind: 'file' }))).code).toBe('UNSUPPORTED');
    const withDialogs = await setup({ dialogs: true });
    expect(await withDialogs.api['sources.pickPath']({ kind: 'folder' })).toEqual({ path: '/picked/folder' });
    expect(withDialogs.host.picked).toEqual(['folder']);
  });
});

describe('service: messages', () => {
  it('routes list and get to the right source and folder', async () => {
    const { api } = await setup();
    const sample = await api['sources.openSample']({});
    const inbox = sample.folders[0];
    if (!inbox) throw new Error('no inbox');
    const page = await api['messages.list']({
      sourceId: sample.id,
      folderId: inbox.id,
      offset: 0,
      limit: 10,
    });
    expect(page.total).toBe(2);
    const first = page.items[0];
    if (!first) throw new Error('no message');
    const view = await api['messages.get']({ sourceId: sample.id, folderId: inbox.id, messageId: first.id });
    expect(view).toMatchObject({ id: first.id, folderId: inbox.id, subject: first.subject });
  });

  it('raises UNKNOWN_SOURCE, UNKNOWN_FOLDER and UNKNOWN_MESSAGE', async () => {
    const { api } = await setup();
    const sample = await api['sources.openSample']({});
    const inbox = sample.folders[0];
    if (!inbox) throw new Error('no inbox');
    const code = async (promise: Promise<unknown>) => (await appErrorOf(promise)).code;
    expect(
      await code(api['messages.list']({ sourceId: 'nope', folderId: inbox.id, offset: 0, limit: 1 })),
    ).toBe('UNKNOWN_SOURCE');
    expect(
      await code(api['messages.list']({ sourceId: sample.id, folderId: 'nope', offset: 0, limit: 1 })),
    ).toBe('UNKNOWN_FOLDER');
    expect(await code(api['messages.get']({ sourceId: sample.id, folderId: 'nope', messageId: 'x' }))).toBe(
      'UNKNOWN_FOLDER',
    );
    expect(
      await code(api['messages.get']({ sourceId: sample.id, folderId: inbox.id, messageId: '../cur/x' })),
    ).toBe('UNKNOWN_MESSAGE');
    await api['sources.close']({ sourceId: sample.id });
    expect(
      await code(api['messages.list']({ sourceId: sample.id, folderId: inbox.id, offset: 0, limit: 1 })),
    ).toBe('UNKNOWN_SOURCE');
  });

  it('answers through the dispatcher with responses that satisfy the IPC contract', async () => {
    const { api } = await setup();
    const internal: unknown[] = [];
    const dispatch = createDispatch(api, { onInternalError: (_method, error) => internal.push(error) });
    const opened = await dispatch('sources.openSample', {});
    if (!opened.ok) throw new Error(opened.error.message);
    const summary = opened.value as SourceSummary;
    const folderId = summary.folders[0]?.id ?? '';
    const listed = await dispatch('messages.list', { sourceId: summary.id, folderId, offset: 0, limit: 50 });
    if (!listed.ok) throw new Error(listed.error.message);
    const messageId = (listed.value as EnvelopePage).items[0]?.id ?? '';
    const got = await dispatch('messages.get', { sourceId: summary.id, folderId, messageId });
    if (!got.ok) throw new Error(got.error.message);
    expect((got.value as MessageView).id).toBe(messageId);
    expect(
      await dispatch('messages.get', { sourceId: summary.id, folderId, messageId: 'nope' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_MESSAGE' },
    });
    expect(internal).toEqual([]);
  });
});

describe('service: links.open', () => {
  it.each(['https://example.com/a?b=c', 'http://example.com', 'mailto:someone@example.com'])(
    'opens %s',
    async (url) => {
      const { api, host } = await setup();
      expect(await api['links.open']({ url })).toEqual({ opened: true });
      expect(host.opened).toEqual([new URL(url).href]);
    },
  );

  it.each([
    ['javascript:alert(1)', 'javascript:'],
    ['file:///etc/passwd', 'file:'],
    ['data:text/html,<script>alert(1)</script>', 'data:'],
    ['ms-settings:privacy', 'ms-settings:'],
    ['JavaScript:alert(1)', 'javascript:'],
  ])('refuses %s, naming the scheme', async (url, scheme) => {
    const { api, host } = await setup();
    const error = await appErrorOf(api['links.open']({ url }));
    expect(error.code).toBe('LINK_REFUSED');
    expect(error.message).toContain(scheme);
    expect(host.opened).toEqual([]);
  });

  it.each([
    ['mailto:a@example.com?attach=/etc/passwd', 'mailto:a@example.com'],
    [
      'mailto:a@example.com,b@example.com?subject=Hi%20there&Attach=C:%5Cx.docx&cc=c@example.com&body=x+y',
      'mailto:a@example.com,b@example.com?subject=Hi%20there&cc=c@example.com&body=x+y',
    ],
    [
      'mailto:?to=a@example.com&attachment=~/.ssh/id_rsa&%61ttach=x&from=ceo@example.com&BCC=d@example.com',
      'mailto:?to=a@example.com&BCC=d@example.com',
    ],
    ['mailto:a@example.com?x-header=1&in-reply-to=%3Cid%3E#frag', 'mailto:a@example.com'],
  ])('opens %s with only to, cc, bcc, subject and body', async (url, opened) => {
    const { api, host } = await setup();
    expect(await api['links.open']({ url })).toEqual({ opened: true });
    expect(host.opened).toEqual([opened]);
  });

  it('refuses text that is not a URL', async () => {
    const { api, host } = await setup();
    expect((await appErrorOf(api['links.open']({ url: 'not a url' }))).code).toBe('LINK_REFUSED');
    expect(host.opened).toEqual([]);
  });
});

describe('service: list order, previews and what each source offers', () => {
  async function mboxSource() {
    const { api } = await setup();
    const root = await tempDir();
    const mbox = [
      message({
        subject: 'Re: Budget',
        from: 'Carol <carol@example.com>',
        date: 'Mon, 01 Jan 2024 10:00:00 +0000',
        body: 'Short.',
      }),
      message({
        subject: 'Agenda',
        from: 'alice@example.com',
        date: 'Tue, 02 Jan 2024 10:00:00 +0000',
        body: 'A longer body '.repeat(20),
      }),
      message({
        subject: 'Minutes',
        from: 'Bob <bob@example.com>',
        date: 'Wed, 03 Jan 2024 10:00:00 +0000',
        body: 'Notes\r\n> quoted',
      }),
    ]
      .map((m, i) => `From sender@example.com Mon Jan  ${i + 1} 10:00:00 2024\n${m}\n`)
      .join('');
    const path = await put(root, 'box.mbox', mbox);
    const source = await api['sources.openPath']({ path });
    const folderId = source.folders[0]?.id ?? '';
    const list = (
      extra: {
        sort?: { key: 'date' | 'from' | 'subject' | 'size'; order: 'asc' | 'desc' };
        preview?: boolean;
        query?: { text: string };
      } = {},
    ) => api['messages.list']({ sourceId: source.id, folderId, offset: 0, limit: 10, ...extra });
    return { api, source, list };
  }

  it('a local source offers every order and previews', async () => {
    const { source } = await mboxSource();
    expect(source.list).toEqual({
      sortKeys: ['date', 'from', 'subject', 'size'],
      reversible: true,
      preview: true,
      note: null,
    });
  });

  it('lists in the order asked, newest first without one, and searches in that order too', async () => {
    const { list } = await mboxSource();
    const subjects = async (page: Promise<EnvelopePage>) => (await page).items.map((e) => e.subject);
    expect(await subjects(list())).toEqual(['Minutes', 'Agenda', 'Re: Budget']);
    expect(await subjects(list({ sort: { key: 'date', order: 'asc' } }))).toEqual([
      'Re: Budget',
      'Agenda',
      'Minutes',
    ]);
    expect(await subjects(list({ sort: { key: 'from', order: 'asc' } }))).toEqual([
      'Agenda',
      'Minutes',
      'Re: Budget',
    ]);
    expect(await subjects(list({ sort: { key: 'subject', order: 'asc' } }))).toEqual([
      'Agenda',
      'Re: Budget',
      'Minutes',
    ]);
    expect(await subjects(list({ sort: { key: 'size', order: 'desc' } }))).toEqual([
      'Agenda',
      'Minutes',
      'Re: Budget',
    ]);
    const hits = await list({ sort: { key: 'subject', order: 'desc' }, query: { text: 'example' } });
    expect(hits.items.map((e) => e.subject)).toEqual(['Minutes', 'Re: Budget', 'Agenda']);
  });

  it('adds previews only when asked', async () => {
    const { list } = await mboxSource();
    expect((await list()).items.every((e) => e.preview === undefined)).toBe(true);
    const page = await list({ preview: true });
    expect(page.items.map((e) => e.preview)).toEqual([
      'Notes',
      expect.stringMatching(/^A longer body A longer/),
      'Short.',
    ]);
  });

  it('a source without its own capabilities lists newest first only, says why, and refuses more', async () => {
    const imap = listCapabilitiesOf({ kind: 'imap' });
    expect(imap).toMatchObject({ sortKeys: ['date'], reversible: false, preview: false });
    expect(imap.note).toMatch(/Exchange Online cannot sort over IMAP/);
    expect(listCapabilitiesOf({ kind: 'pop3' }).note).toMatch(/POP3/);
    const refused = (options: Parameters<typeof checkListOptions>[1]) => {
      try {
        checkListOptions(imap, options);
        return null;
      } catch (error) {
        return error instanceof AppError ? `${error.code}: ${error.message}` : String(error);
      }
    };
    expect(refused({})).toBeNull();
    expect(refused({ sort: { key: 'date', order: 'desc' } })).toBeNull();
    expect(refused({ sort: { key: 'date', order: 'asc' } })).toBe(
      'UNSUPPORTED: This mailbox can list messages newest first only.',
    );
    expect(refused({ sort: { key: 'subject', order: 'asc' } })).toBe(
      'UNSUPPORTED: This mailbox cannot list messages by subject.',
    );
    expect(refused({ preview: true })).toBe(
      'UNSUPPORTED: This mailbox has no preview line for its messages.',
    );
  });

  it('the contract refuses an order it does not know, naming the field', async () => {
    const { api } = await setup();
    const dispatch = createDispatch(api, { onInternalError: () => undefined });
    const answer = await dispatch('messages.list', {
      sourceId: 's',
      folderId: 'f',
      offset: 0,
      limit: 1,
      sort: { key: 'colour', order: 'asc' },
    });
    expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    expect(JSON.stringify(answer)).toMatch(/sort/);
  });
});
