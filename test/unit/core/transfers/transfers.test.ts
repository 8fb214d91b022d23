import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Transfers } from '../../../../electron/core/transfers/transfers';
import type { TransferProgressEvent } from '../../../../shared/events';

/** Lets the piped stream move what was written (the timers are fake, I/O callbacks are not). */
const settle = () => new Promise((resolve) => setImmediate(resolve));

function tracked(intervalMs?: number) {
  const published: TransferProgressEvent[] = [];
  const transfers = new Transfers({
    publish: (event) => published.push(event),
    ...(intervalMs !== undefined ? { intervalMs } : {}),
  });
  const raw = new PassThrough();
  const { stream, done } = transfers.track('op-12345678', raw, 100);
  stream.on('data', () => undefined);
  return { published, transfers, raw, stream, done };
}

describe('transfer progress events', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('publishes at most one event per 200 ms while running, the latest bytes after the wait', async () => {
    const { published, raw, done } = tracked();
    raw.write(Buffer.alloc(10));
    await settle();
    raw.write(Buffer.alloc(10));
    raw.write(Buffer.alloc(10));
    await settle();
    // The first slice goes out at once; the next two wait out the interval, as one event.
    expect(published.map((event) => event.bytes)).toEqual([10]);
    vi.advanceTimersByTime(199);
    expect(published).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(published.at(-1)).toEqual({
      type: 'transfer.progress',
      operationId: 'op-12345678',
      bytes: 30,
      total: 100,
      running: true,
    });
    done();
  });

  it('always publishes the final state when the transfer ends, and nothing after it', async () => {
    const { published, raw, done } = tracked();
    raw.write(Buffer.alloc(10));
    await settle();
    raw.write(Buffer.alloc(90));
    await settle();
    done();
    expect(published.at(-1)).toMatchObject({ bytes: 100, total: 100, running: false });
    const count = published.length;
    // The throttled event that was waiting is dropped: the final state said it all.
    vi.advanceTimersByTime(1000);
    expect(published).toHaveLength(count);
    done();
    expect(published).toHaveLength(count);
  });

  it('a cancelled transfer fails with CANCELLED, reports that it ended, and cannot be cancelled again', async () => {
    const { published, transfers, stream, done } = tracked();
    const failed = new Promise<unknown>((resolve) => stream.on('error', resolve));
    expect(transfers.cancel('op-12345678')).toBe(true);
    expect(await failed).toMatchObject({ code: 'CANCELLED' });
    done();
    expect(published.at(-1)).toMatchObject({ bytes: 0, running: false });
    expect(transfers.cancel('op-12345678')).toBe(false);
  });

  it('without an operation id nothing is counted or published', async () => {
    const published: TransferProgressEvent[] = [];
    const transfers = new Transfers({ publish: (event) => published.push(event) });
    const raw = new PassThrough();
    const { stream, done } = transfers.track(undefined, raw, 10);
    expect(stream).toBe(raw);
    raw.end(Buffer.alloc(10));
    done();
    expect(published).toEqual([]);
  });
});
