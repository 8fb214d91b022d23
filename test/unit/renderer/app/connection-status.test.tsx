import { act, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SourceSummary } from '../../../../shared/model';
import { connectionLabel, ConnectionView } from '../../../../renderer/src/app/ConnectionStatus';

const source = { id: 's1', name: 'Invoices' } as SourceSummary;

describe('the status bar while the server asks Mailscope to wait', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-12-07T00:00:00Z'));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('counts down the wait the server asked for, second by second, then says it is retrying', () => {
    const since = Date.now();
    render(
      <ConnectionView
        source={source}
        status={{ state: 'throttled', attempt: 1, retryInMs: 12_000, since }}
        current
        named={false}
      />,
    );
    const status = screen.getByTestId('connection-status');
    expect(status.dataset['state']).toBe('throttled');
    expect(status.textContent).toContain('Server busy — retrying in 12 s');
    act(() => vi.advanceTimersByTime(5_000));
    expect(status.textContent).toContain('Server busy — retrying in 7 s');
    act(() => vi.advanceTimersByTime(7_000));
    expect(status.textContent).toContain('Server busy — retrying…');
  });

  it('a new wait starts its own countdown', () => {
    const view = render(
      <ConnectionView
        source={source}
        status={{ state: 'throttled', retryInMs: 3_000, since: Date.now() }}
        current
        named
      />,
    );
    act(() => vi.advanceTimersByTime(2_000));
    expect(screen.getByTestId('connection-status').textContent).toContain('retrying in 1 s');
    view.rerender(
      <ConnectionView
        source={source}
        status={{ state: 'throttled', retryInMs: 30_000, since: Date.now() }}
        current
        named
      />,
    );
    expect(screen.getByTestId('connection-status').textContent).toContain('retrying in 30 s');
  });

  it('says plainly what other states are', () => {
    expect(connectionLabel({ state: 'ready' }, null)).toBe('Connected');
    expect(connectionLabel({ state: 'reconnecting', retryInMs: 500 }, null)).toBe('Reconnecting…');
    expect(connectionLabel({ state: 'throttled' }, null)).toBe('Server busy, waiting…');
  });
});
