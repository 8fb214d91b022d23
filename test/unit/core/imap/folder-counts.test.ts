import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../electron/core/common/app-error';
import { type CountsBatch, FolderCounts } from '../../../../electron/core/imap/folder-counts';
import type { ReadOnlyImapFlow } from '../../../../electron/core/imap/read-only-guard';

type Operation<T> = (client: ReadOnlyImapFlow) => Promise<T>;

/** A server of folders whose STATUS answers after a tick; records the order it was asked in. */
function fakeServer(folders: string[], options: { missing?: string[]; connectMs?: number } = {}) {
  const asked: { folderId: string; lane: string }[] = [];
  const client = (lane: string) =>
    ({
      async status(folderId: string) {
        asked.push({ folderId, lane });
        await new Promise((resolve) => setTimeout(resolve, 1));
        if (options.missing?.includes(folderId)) return false;
        return { path: folderId, messages: folderId.length, unseen: 1 };
      },
    }) as unknown as ReadOnlyImapFlow;
  let busy = 0;
  let peak = 0;
  let sessions = 0;
  const pool = {
    limit: 3,
    async run<T>(operation: Operation<T>): Promise<T> {
      busy++;
      peak = Math.max(peak, busy);
      try {
        // A new session's TLS and sign-in, before it can run anything.
        if (options.connectMs) await new Promise((resolve) => setTimeout(resolve, options.connectMs));
        return await operation(client(`pool-${++sessions}`));
      } catch (error) {
        // What the session does with an operation's plain error: an AppError with it as cause.
        throw error instanceof AppError
          ? error
          : new AppError('PROTOCOL_ERROR', undefined, undefined, { cause: error });
      } finally {
        busy--;
      }
    },
  };
  const browse = <T>(operation: Operation<T>) => operation(client('browsing'));
  return { folders, asked, pool, browse, peak: () => peak };
}

function loader(server: ReturnType<typeof fakeServer>, chunk = 5) {
  const batches: CountsBatch[] = [];
  const counts = new FolderCounts({
    pool: server.pool,
    browse: server.browse,
    emit: (batch) => batches.push(batch),
    chunk,
    flushMs: 5,
    rampMs: 0,
  });
  return { counts, batches };
}

const names = (n: number) => Array.from({ length: n }, (_, i) => `F${String(i).padStart(3, '0')}`);

describe('FolderCounts', () => {
  it('counts the open folder first, alone, on the browsing session, then all others within the budget', async () => {
    const server = fakeServer(names(60));
    const { counts, batches } = loader(server);
    counts.start(server.folders, 'F042');
    await counts.settled();
    expect(batches[0]).toEqual({ counts: [{ folderId: 'F042', total: 4, unread: 1 }], done: 1, of: 60 });
    expect(server.asked.find((a) => a.folderId === 'F042')?.lane).toBe('browsing');
    expect(server.asked.filter((a) => a.lane === 'browsing')).toHaveLength(1);
    expect(new Set(batches.flatMap((b) => b.counts.map((c) => c.folderId)))).toEqual(new Set(server.folders));
    expect(server.asked).toHaveLength(60);
    expect(server.peak()).toBeLessThanOrEqual(3);
    expect(batches.at(-1)).toMatchObject({ done: 60, of: 60 });
    expect(counts.get('F007')).toEqual({ folderId: 'F007', total: 4, unread: 1 });
  });

  it('while the pool is still connecting, the browsing session counts small chunks, and stops once a pool session starts', async () => {
    const server = fakeServer(names(400), { connectMs: 60 });
    const { counts, batches } = loader(server, 25);
    counts.start(server.folders, 'F000');
    await counts.settled();
    const browsing = server.asked.filter((a) => a.lane === 'browsing').map((a) => a.folderId);
    // The open folder, then whole chunks of ten, before any pool session answered.
    expect(browsing[0]).toBe('F000');
    expect(browsing.length).toBeGreaterThan(1);
    expect((browsing.length - 1) % 10).toBe(0);
    const firstPooled = server.asked.findIndex((a) => a.lane !== 'browsing');
    // Once a pool session counts, the browsing session finishes at most the chunk it was in.
    expect(server.asked.slice(firstPooled).filter((a) => a.lane === 'browsing').length).toBeLessThan(10);
    // Every folder counted exactly once.
    expect(server.asked).toHaveLength(400);
    expect(new Set(server.asked.map((a) => a.folderId)).size).toBe(400);
    expect(batches.at(-1)).toMatchObject({ done: 400, of: 400 });
  });

  it('a folder the user opens meanwhile jumps the queue', async () => {
    const server = fakeServer(names(200));
    const { counts } = loader(server, 10);
    counts.start(server.folders, 'F000');
    counts.prioritise('F199');
    await counts.settled();
    const order = server.asked.map((a) => a.folderId);
    // The three lanes hold a chunk of ten each already; it is the first of the next chunk taken.
    expect(order.indexOf('F199')).toBeGreaterThan(0);
    expect(order.indexOf('F199')).toBeLessThan(1 + 3 * 10 + 3);
  });

  it('a folder STATUS cannot count is skipped; the rest of its chunk is still counted', async () => {
    const server = fakeServer(names(12), { missing: ['F003'] });
    const { counts, batches } = loader(server, 6);
    counts.start(server.folders, undefined);
    await counts.settled();
    const counted = batches.flatMap((b) => b.counts.map((c) => c.folderId));
    expect(counted).toHaveLength(11);
    expect(counted).not.toContain('F003');
    expect(batches.at(-1)).toMatchObject({ done: 12, of: 12 });
  });

  it('a new pass replaces the running one: its late answers are dropped', async () => {
    const server = fakeServer(names(40));
    const { counts, batches } = loader(server);
    counts.start(server.folders, undefined);
    counts.start(['F001', 'F002'], 'F001');
    await counts.settled();
    expect(batches.every((b) => b.of === 2)).toBe(true);
    expect(batches.at(-1)).toMatchObject({ done: 2, of: 2 });
  });
});

describe('FolderCounts after a relist', () => {
  it('counts every folder the first time, then within a minute only the open one again', async () => {
    const server = fakeServer(names(30));
    const { counts, batches } = loader(server);
    counts.refresh(server.folders, 'F000');
    await counts.settled();
    expect(server.asked).toHaveLength(30);
    server.asked.length = 0;
    batches.length = 0;
    counts.refresh(server.folders, 'F005');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(server.asked).toEqual([{ folderId: 'F005', lane: 'browsing' }]);
    expect(batches).toEqual([{ counts: [{ folderId: 'F005', total: 4, unread: 1 }], done: 30, of: 30 }]);
    // Other folders (one more, say): a full pass again.
    counts.refresh([...server.folders, 'F999'], 'F005');
    await counts.settled();
    expect(server.asked.length).toBe(1 + 31);
  });
});

describe('FolderCounts lanes', () => {
  it('starts with one connection and adds more only while folders are left, up to the budget', async () => {
    const quick = fakeServer(names(12));
    const one = new FolderCounts({ pool: quick.pool, browse: quick.browse, emit: () => undefined, chunk: 5 });
    one.start(quick.folders, undefined);
    await one.settled();
    // Done before a second connection would have paid for itself.
    expect(quick.peak()).toBe(1);

    const big = fakeServer(names(600));
    const ramped = new FolderCounts({
      pool: big.pool,
      browse: big.browse,
      emit: () => undefined,
      chunk: 5,
      rampMs: 5,
    });
    ramped.start(big.folders, undefined);
    await ramped.settled();
    expect(big.peak()).toBe(3);
    expect(big.asked).toHaveLength(600);
  });
});
