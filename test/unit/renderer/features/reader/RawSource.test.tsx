import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ApiProvider } from '../../../../../renderer/src/api-context';
import { RawSource } from '../../../../../renderer/src/features/reader/RawSource';
import { errorInfo, type Result } from '../../../../../shared/errors';
import type { Response } from '../../../../../shared/ipc';
import { fakeApi } from '../../fake-api';
import { MESSAGE_REF } from './message-view';

/** The message source view: fetched from the API in context, with a find bar over it. */

const SOURCE = 'Subject: Invoice\r\nFrom: ada@fabrikam.com\r\n\r\nSee the invoice. The invoice is due.\r\n';

function renderSource(answers: Result<Response<'messages.raw'>>[]) {
  const api = fakeApi({ 'messages.raw': () => answers.shift() ?? answers[0]! });
  render(
    <ApiProvider api={api}>
      <RawSource message={MESSAGE_REF} />
    </ApiProvider>,
  );
  return api;
}

describe('RawSource', () => {
  it('asks for this message’s source and finds text in it', async () => {
    const api = renderSource([{ ok: true, value: { text: SOURCE, size: SOURCE.length, truncated: false } }]);
    expect((await screen.findByTestId('raw-source')).textContent).toBe(SOURCE);
    expect(api.calls).toEqual([{ method: 'messages.raw', request: MESSAGE_REF }]);

    fireEvent.change(screen.getByTestId('source-find'), { target: { value: 'INVOICE' } });
    expect(screen.getByTestId('source-find-count').textContent).toBe('1 of 3');
    fireEvent.click(screen.getByRole('button', { name: 'Next match (Enter)' }));
    expect(screen.getByTestId('source-find-count').textContent).toBe('2 of 3');
    fireEvent.change(screen.getByTestId('source-find'), { target: { value: 'nowhere' } });
    expect(screen.getByTestId('source-find-count').textContent).toBe('No matches');
  });

  it('says when it shows only the start of a large message', async () => {
    renderSource([{ ok: true, value: { text: SOURCE, size: 10 * 1024 * 1024, truncated: true } }]);
    expect(await screen.findByText(/Showing the first .* of 10 MB/)).toBeTruthy();
  });

  it('shows the error, and Retry asks again', async () => {
    const api = renderSource([
      { ok: false, error: errorInfo('UNKNOWN_MESSAGE') },
      { ok: true, value: { text: SOURCE, size: SOURCE.length, truncated: false } },
    ]);
    fireEvent.click(await screen.findByRole('button', { name: /retry/i }));
    expect(await screen.findByTestId('raw-source')).toBeTruthy();
    expect(api.calls).toHaveLength(2);
  });
});
