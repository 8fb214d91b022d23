import { describe, expect, it } from 'vitest';
import { EventHub } from '../../../electron/core/events/event-hub';
import type { AppEvent } from '../../../shared/events';

const status = (state: 'ready' | 'reconnecting', sourceId = 's1'): AppEvent => ({
  type: 'source.status',
  sourceId,
  state,
});

describe('EventHub', () => {
  it('answers at once with what is already there, and the cursor to go on from', async () => {
    const hub = new EventHub();
    hub.publish(status('reconnecting'));
    hub.publish(status('ready'));
    const all = await hub.next(0, 10_000);
    expect(all).toEqual({ cursor: 2, events: [status('reconnecting'), status('ready')], missed: false });
    const rest = await hub.next(1, 10_000);
    expect(rest.events).toEqual([status('ready')]);
  });

  it('holds a caller that is up to date until something happens', async () => {
    const hub = new EventHub();
    let answered = false;
    const pending = hub.next(0, 60_000).then((batch) => {
      answered = true;
      return batch;
    });
    await Promise.resolve();
    expect(answered).toBe(false);
    hub.publish(status('reconnecting'));
    expect(await pending).toEqual({ cursor: 1, events: [status('reconnecting')], missed: false });
  });

  it('wakes every waiting reader, each with the same events (nothing is consumed)', async () => {
    const hub = new EventHub();
    const first = hub.next(0, 60_000);
    const second = hub.next(0, 60_000);
    hub.publish(status('ready'));
    expect((await first).events).toEqual([status('ready')]);
    expect((await second).events).toEqual([status('ready')]);
  });

  it('answers empty after the wait runs out', async () => {
    const hub = new EventHub();
    expect(await hub.next(0, 5)).toEqual({ cursor: 0, events: [], missed: false });
  });

  it('tells a reader that fell behind the buffer that it missed events', async () => {
    const hub = new EventHub({ capacity: 2 });
    for (let i = 0; i < 5; i++) hub.publish(status(i % 2 ? 'ready' : 'reconnecting', `s${i}`));
    const batch = await hub.next(1, 0);
    expect(batch.missed).toBe(true);
    expect(batch.events.map((e) => ('sourceId' in e ? e.sourceId : null))).toEqual(['s3', 's4']);
    expect((await hub.next(3, 0)).missed).toBe(false);
  });

  it('treats a cursor from before a restart as missed, and gives everything it has', async () => {
    const hub = new EventHub();
    hub.publish(status('ready'));
    const batch = await hub.next(40, 10_000);
    expect(batch).toEqual({ cursor: 1, events: [status('ready')], missed: true });
  });
});
