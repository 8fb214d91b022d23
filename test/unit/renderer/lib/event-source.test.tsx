import { renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import type { AppEvent } from '../../../../shared/events';
import { ApiProvider } from '../../../../renderer/src/api-context';
import { EVERY_OPERATION, useLatestEvent } from '../../../../renderer/src/lib/event-source';
import { fakeApi } from '../fake-api';
import { fakeEvents } from '../fake-events';

const transfer = (operationId: string, bytes: number): AppEvent => ({
  type: 'transfer.progress',
  operationId,
  bytes,
  total: 1000,
  running: true,
});

// The hook is handed its events here; the app's own stream (over the API in context) stays idle.
function wrapper({ children }: { children: ReactNode }) {
  return <ApiProvider api={fakeApi({})}>{children}</ApiProvider>;
}

describe('useLatestEvent', () => {
  it("keeps the latest event of its type and operation, not another operation's or type's", () => {
    const events = fakeEvents();
    const { result } = renderHook(() => useLatestEvent('transfer.progress', 'op-1', events), { wrapper });
    expect(result.current).toBeNull();
    events.say(transfer('op-1', 100));
    events.say(transfer('op-2', 900));
    events.say({ type: 'search.progress', searchId: 's-1', done: 1, total: 2, running: true });
    expect(result.current).toEqual(transfer('op-1', 100));
    events.say(transfer('op-1', 400));
    expect(result.current?.bytes).toBe(400);
  });

  it('with EVERY_OPERATION keeps the latest of any operation', () => {
    const events = fakeEvents();
    const { result } = renderHook(() => useLatestEvent('transfer.progress', EVERY_OPERATION, events), {
      wrapper,
    });
    events.say(transfer('op-1', 100));
    events.say(transfer('op-2', 900));
    expect(result.current).toEqual(transfer('op-2', 900));
  });

  it('listens to nothing without an operation, and stops when it has none any more', () => {
    const events = fakeEvents();
    const { result, rerender } = renderHook(({ id }) => useLatestEvent('transfer.progress', id, events), {
      wrapper,
      initialProps: { id: null as string | null },
    });
    expect(events.listening()).toBe(0);
    rerender({ id: 'op-1' });
    expect(events.listening()).toBe(1);
    events.say(transfer('op-1', 100));
    rerender({ id: null });
    expect(events.listening()).toBe(0);
    // What was heard stays; the caller decides whether it is still of interest.
    expect(result.current?.bytes).toBe(100);
  });
});
