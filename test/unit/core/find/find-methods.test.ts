import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../electron/core/common/app-error';
import type { MailSource, PooledReads } from '../../../../electron/core/common/source';
import { fanOut, scanFolders } from '../../../../electron/core/find/fan-out';
import { createFindMethods } from '../../../../electron/core/find/find-methods';
import { FolderProgress } from '../../../../electron/core/find/running-searches';
import type { AppEvent, SearchProgressEvent } from '../../../../shared/events';
import type { Envelope, Folder } from '../../../../shared/model';

/**
 * The fan-out against stand-in sources: how many folders run at once, what a failing folder and
 * a cancel do, the events that go out, and the Message-ID comparison.
 */

function folder(id: string, selectable = true): Folder {
  return { id, name: id, path: id, parentId: null, role: null, total: 0, unread: 0, selectable };
}

function envelope(folderId: string, n: number, messageId: string | null = `<m${n}@x>`): Envelope {
  return {
    id: `${folderId}:${n}`,
    folderId,
    subject: `Message ${n}`,
    from: [],
    to: [],
    cc: [],
    date: null,
    messageId,
    size: 1,
    flags: { seen: true, flagged: false, answered: false, draft: false },
    hasAttachments: false,
  };
}

/** A source whose pooled reads are `reads`; everything else unused. */
function pooledSource(reads: Partial<PooledReads> & Pick<PooledReads, 'listFolders'>): MailSource {
  const unused = () => Promise.reject(new Error('not used'));
  return {
    kind: 'maildir',
    name: 'Pooled',
    location: 'test',
    notices: [],
    pooled: { parallel: 2, search: unused, findMessageId: unused, searchIds: unused, ...reads },
    listFolders: unused,
    listEnvelopes: unused,
    getMessage: unused,
    getRaw: unused,
    search: unused,
    close: async () => undefined,
  };
}

function setup(source: MailSource) {
  const events: AppEvent[] = [];
  const find = createFindMethods({
    sourceOf: () => source,
    openProfile: async () => ({ id: 'opened' }),
    profileName: async () => 'Profile',
    publish: (event) => events.push(event),
    progressIntervalMs: 0,
  });
  return { events, ...find };
}

describe('fanOut', () => {
  it('runs at most `parallel` folders at once and reports every folder once', async () => {
    let running = 0;
    let most = 0;
    const settled: string[] = [];
    const folders = Array.from({ length: 9 }, (_, i) => ({ id: `f${i}`, path: `f${i}` }));
    const done = await fanOut({
      folders,
      parallel: 3,
      signal: new AbortController().signal,
      read: async (f) => {
        running++;
        most = Math.max(most, running);
        await new Promise((resolve) => setImmediate(resolve));
        running--;
        return f.id;
      },
      onSettled: (f) => settled.push(f.id),
    });
    expect(done).toBe(9);
    expect(most).toBe(3);
    expect(settled.sort()).toEqual(folders.map((f) => f.id).sort());
  });

  it('a failing folder is reported with its error and the rest go on', async () => {
    const outcomes: unknown[] = [];
    await fanOut({
      folders: [
        { id: 'a', path: 'A' },
        { id: 'b', path: 'B' },
        { id: 'c', path: 'C' },
      ],
      parallel: 1,
      signal: new AbortController().signal,
      read: async (f) => {
        if (f.id === 'b') throw new AppError('UNKNOWN_FOLDER');
        if (f.id === 'c') throw new Error('secret path /home/x');
        return 1;
      },
      onSettled: (f, outcome) => outcomes.push([f.id, outcome]),
    });
    expect(outcomes).toEqual([
      ['a', { ok: true, value: 1 }],
      [
        'b',
        {
          ok: false,
          error: expect.objectContaining({
            code: 'UNKNOWN_FOLDER',
            message: 'This folder no longer exists on the server.',
          }),
        },
      ],
      // Anything but an AppError is INTERNAL, without its text.
      ['c', { ok: false, error: expect.objectContaining({ code: 'INTERNAL' }) }],
    ]);
    expect(JSON.stringify(outcomes)).not.toContain('/home/x');
  });

  it('starts nothing after a cancel, and a read stopped by it is not a failure', async () => {
    const controller = new AbortController();
    const started: string[] = [];
    const settled: string[] = [];
    const done = await fanOut({
      folders: ['a', 'b', 'c', 'd'].map((id) => ({ id, path: id })),
      parallel: 1,
      signal: controller.signal,
      read: async (f) => {
        started.push(f.id);
        if (f.id === 'b') {
          controller.abort();
          throw new AppError('CANCELLED');
        }
        return f.id;
      },
      onSettled: (f) => settled.push(f.id),
    });
    expect(started).toEqual(['a', 'b']);
    expect(settled).toEqual(['a']);
    expect(done).toBe(1);
  });
});

describe('scanFolders', () => {
  it('reads as many folders at once as the reader allows, and steps the progress once per folder settled', async () => {
    let running = 0;
    let most = 0;
    let steps = 0;
    const settled: string[] = [];
    const stepsWhenReported: number[] = [];
    const folders = ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id, path: id }));
    const done = await scanFolders(
      {
        reader: { parallel: 2 },
        folders,
        signal: new AbortController().signal,
        progress: { step: () => steps++ },
      },
      async (folder) => {
        running++;
        most = Math.max(most, running);
        await new Promise((resolve) => setImmediate(resolve));
        running--;
        if (folder.id === 'c') throw new AppError('UNKNOWN_FOLDER');
        return folder.id;
      },
      (folder, outcome) => {
        settled.push(`${folder.id}:${outcome.ok}`);
        stepsWhenReported.push(steps);
      },
    );
    expect(most).toBe(2);
    expect(settled.sort()).toEqual(['a:true', 'b:true', 'c:false', 'd:true', 'e:true']);
    // The progress has stepped for a folder by the time it is reported.
    expect(stepsWhenReported).toEqual([1, 2, 3, 4, 5]);
    expect(done).toBe(5);
  });
});

describe('messages.searchAll', () => {
  it('searches selectable folders only, streams folders with matches or errors, and sums up in tree order', async () => {
    const source = pooledSource({
      listFolders: async () => [
        folder('INBOX'),
        folder('Group', false),
        folder('Empty'),
        folder('Broken'),
        folder('Sent'),
      ],
      search: async (folderId) => {
        if (folderId === 'Broken')
          throw new AppError('PROTOCOL_ERROR', 'The mail server answered: NO Internal error');
        if (folderId === 'Empty') return { total: 0, items: [] };
        // Sent finishes first: the answer is in tree order all the same.
        if (folderId === 'INBOX') await new Promise((resolve) => setTimeout(resolve, 5));
        return { total: 60, items: [envelope(folderId, 1)] };
      },
    });
    const { methods, events } = setup(source);
    const result = await methods['messages.searchAll']({
      sourceId: 's1',
      query: { text: 'x' },
      searchId: 'search-0001',
    });
    expect(result).toEqual({
      folders: 4,
      done: 4,
      matches: 120,
      hits: [
        { folderId: 'INBOX', folderPath: 'INBOX', total: 60 },
        { folderId: 'Sent', folderPath: 'Sent', total: 60 },
      ],
      failed: [
        {
          folderId: 'Broken',
          folderPath: 'Broken',
          error: expect.objectContaining({
            code: 'PROTOCOL_ERROR',
            message: 'The mail server answered: NO Internal error',
          }),
        },
      ],
      cancelled: false,
    });
    const folderEvents = events.filter((event) => event.type === 'search.folder');
    expect(folderEvents.map((event) => [event.folderId, event.total, 'error' in event])).toEqual([
      ['Broken', 0, true],
      ['Sent', 60, false],
      ['INBOX', 60, false],
    ]);
    const progress = events.filter((event): event is SearchProgressEvent => event.type === 'search.progress');
    expect(progress[0]).toMatchObject({ done: 0, total: 4, running: true });
    expect(progress.at(-1)).toEqual({
      type: 'search.progress',
      searchId: 'search-0001',
      done: 4,
      total: 4,
      running: false,
    });
  });

  it('cancelSearch by searchId stops it; the answer says cancelled with what was done', async () => {
    let release = () => {};
    const hold = new Promise<void>((resolve) => {
      release = resolve;
    });
    const source = pooledSource({
      parallel: 1,
      listFolders: async () => [folder('a'), folder('b'), folder('c')],
      search: async (folderId, _query, _limit, signal) => {
        if (folderId === 'b') {
          await hold;
          if (signal?.aborted) throw new AppError('CANCELLED');
        }
        return { total: 1, items: [envelope(folderId, 1)] };
      },
    });
    const { methods, searches, events } = setup(source);
    const running = methods['messages.searchAll']({ sourceId: 's1', query: {}, searchId: 'search-0002' });
    await expect.poll(() => events.some((event) => event.type === 'search.folder')).toBe(true);
    expect(searches.cancel('search-0002')).toBe(true);
    release();
    const result = await running;
    expect(result).toMatchObject({ folders: 3, done: 1, cancelled: true, failed: [] });
    expect(searches.cancel('search-0002')).toBe(false);
  });
});

describe('messages.findMessageId', () => {
  it('compares ids exactly, without brackets, and reports where each mailbox has it', async () => {
    const source = pooledSource({
      listFolders: async () => [folder('INBOX'), folder('Archive')],
      findMessageId: async (folderId, messageId) => {
        expect(messageId).toBe('m1@x');
        return folderId === 'Archive' ? [envelope('Archive', 1)] : [];
      },
    });
    const { methods } = setup(source);
    const result = await methods['messages.findMessageId']({
      messageId: 'm1@x',
      targets: [{ sourceId: 's1' }],
      searchId: 'lookup-0001',
    });
    expect(result.mailboxes).toEqual([
      {
        name: 'Pooled',
        profileId: null,
        sourceId: 's1',
        folders: 2,
        found: [{ folderId: 'Archive', folderPath: 'Archive', envelope: envelope('Archive', 1) }],
        failed: [],
      },
    ]);
  });

  it('a source without pooled reads pages through its envelopes (POP3 headers, local files)', async () => {
    const items = [
      envelope('INBOX', 1, '<other@x>'),
      envelope('INBOX', 2, '<m1@x>'),
      envelope('INBOX', 3, null),
    ];
    const source: MailSource = {
      ...pooledSource({ listFolders: async () => [] }),
      pooled: undefined,
      listFolders: async () => [folder('INBOX')],
      listEnvelopes: async (_folderId, offset, limit) => ({
        items: items.slice(offset, offset + limit),
        offset,
        total: 3,
      }),
    };
    const { methods } = setup(source);
    const result = await methods['messages.findMessageId']({
      messageId: 'm1@x',
      targets: [{ sourceId: 's1' }],
      searchId: 'lookup-0002',
    });
    expect(result.mailboxes[0]?.found.map((f) => f.envelope.id)).toEqual(['INBOX:2']);
  });
});

describe('FolderProgress', () => {
  it('publishes at start, at most once per interval while running, and always at the end', () => {
    const sent: SearchProgressEvent[] = [];
    const progress = new FolderProgress('search-0003', 1000, (event) => sent.push(event), 60_000);
    for (let i = 0; i < 1000; i++) progress.step();
    progress.end();
    expect(sent.map((event) => [event.done, event.running])).toEqual([
      [0, true],
      [1000, false],
    ]);
  });
});
