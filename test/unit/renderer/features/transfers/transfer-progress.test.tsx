import { act, fireEvent, render, renderHook, screen } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppEvent } from '../../../../../shared/events';
import { ApiProvider } from '../../../../../renderer/src/api-context';
import { CancelTransferButton } from '../../../../../renderer/src/features/transfers/CancelTransferButton';
import { TransferProgressBar } from '../../../../../renderer/src/features/transfers/TransferProgressBar';
import {
  PROGRESS_AFTER_MS,
  useTransferProgress,
} from '../../../../../renderer/src/features/transfers/use-transfer-progress';
import { fakeApi } from '../../fake-api';
import { fakeEvents } from '../../fake-events';

const progress = (operationId: string, bytes: number, running = true): AppEvent => ({
  type: 'transfer.progress',
  operationId,
  bytes,
  total: 1000,
  running,
});

// The hook is handed its events here; the app's own stream (over the API in context) stays idle.
function wrapper({ children }: { children: ReactNode }) {
  return <ApiProvider api={fakeApi({})}>{children}</ApiProvider>;
}

describe('useTransferProgress', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('shows nothing for the first 300 ms, then the latest progress of its own operation', () => {
    const events = fakeEvents();
    const { result } = renderHook(() => useTransferProgress('op-1', events), { wrapper });
    events.say(progress('op-1', 100));
    expect(result.current).toBeNull();
    act(() => vi.advanceTimersByTime(PROGRESS_AFTER_MS));
    expect(result.current).toEqual({ operationId: 'op-1', bytes: 100, total: 1000 });
    // Another transfer's events are not ours.
    events.say(progress('op-2', 900));
    expect(result.current?.bytes).toBe(100);
    events.say(progress('op-1', 400));
    expect(result.current?.bytes).toBe(400);
  });

  it('is gone once the transfer reports it ended, and stops listening with no operation', () => {
    const events = fakeEvents();
    const { result, rerender } = renderHook(({ id }) => useTransferProgress(id, events), {
      wrapper,
      initialProps: { id: 'op-1' as string | null },
    });
    act(() => vi.advanceTimersByTime(PROGRESS_AFTER_MS));
    events.say(progress('op-1', 500));
    expect(result.current).not.toBeNull();
    events.say(progress('op-1', 1000, false));
    expect(result.current).toBeNull();
    rerender({ id: null });
    expect(events.listening()).toBe(0);
    expect(result.current).toBeNull();
  });

  it('a new operation starts from nothing: no bar from the last one', () => {
    const events = fakeEvents();
    const { result, rerender } = renderHook(({ id }) => useTransferProgress(id, events), {
      wrapper,
      initialProps: { id: 'op-1' },
    });
    act(() => vi.advanceTimersByTime(PROGRESS_AFTER_MS));
    events.say(progress('op-1', 500));
    rerender({ id: 'op-2' });
    events.say(progress('op-2', 10));
    expect(result.current).toBeNull();
    act(() => vi.advanceTimersByTime(PROGRESS_AFTER_MS));
    expect(result.current).toEqual({ operationId: 'op-2', bytes: 10, total: 1000 });
  });
});

describe('TransferProgressBar', () => {
  it('says what it does and how far, and Cancel stops that operation', () => {
    const api = fakeApi({ 'transfers.cancel': () => ({ ok: true, value: { cancelled: true } }) });
    render(
      <ApiProvider api={api}>
        <TransferProgressBar
          progress={{ operationId: 'op-1', bytes: 250, total: 1000 }}
          doing="Saving…"
          what="Save"
          testId="save-progress"
        />
      </ApiProvider>,
    );
    const bar = screen.getByRole('status');
    expect(bar.textContent).toContain('Saving… 25 %');
    expect(screen.getByLabelText('Save progress').getAttribute('value')).toBe('25');
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(api.calls).toEqual([{ method: 'transfers.cancel', request: { operationId: 'op-1' } }]);
  });

  it('counts bytes when the size is unknown', () => {
    render(
      <ApiProvider api={fakeApi({})}>
        <TransferProgressBar
          progress={{ operationId: 'op-1', bytes: 2048, total: null }}
          doing="Downloading message…"
          what="Download"
          layout="centred"
        />
      </ApiProvider>,
    );
    expect(screen.getByRole('status').textContent).toMatch(/^Downloading message… 2(\.0)? KB/);
    expect(screen.getByLabelText('Download progress').getAttribute('value')).toBeNull();
  });
});

describe('CancelTransferButton', () => {
  it('asks the engine to cancel the operation it is for', () => {
    const api = fakeApi({ 'transfers.cancel': () => ({ ok: true, value: { cancelled: true } }) });
    render(
      <ApiProvider api={api}>
        <CancelTransferButton operationId="export-7" />
      </ApiProvider>,
    );
    const button = screen.getByRole('button', { name: 'Cancel' });
    expect(button.getAttribute('type')).toBe('button');
    fireEvent.click(button);
    expect(api.calls).toEqual([{ method: 'transfers.cancel', request: { operationId: 'export-7' } }]);
  });
});
