import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ApiProvider } from '../../../../../renderer/src/api-context';
import { LinksPanel } from '../../../../../renderer/src/features/reader/LinksPanel';
import type { MessageLink } from '../../../../../renderer/src/features/reader/sanitize-html';
import { errorInfo } from '../../../../../shared/errors';
import { fakeApi, type FakeHandlers } from '../../fake-api';

/** The links panel: where each link really goes, and opening one only after the user confirms. */

function renderPanel(handlers: FakeHandlers, links: MessageLink[]) {
  const api = fakeApi(handlers);
  render(
    <ApiProvider api={api}>
      <LinksPanel links={links} />
    </ApiProvider>,
  );
  return api;
}

const rows = () => screen.getAllByRole('row').slice(1);

describe('LinksPanel', () => {
  it('shows each link with its real target, warns where the text names another host, and never offers javascript:', () => {
    renderPanel({}, [
      { text: 'www.contoso.com', target: 'https://evil.example/login' },
      { text: 'Pay', target: 'javascript:alert(1)' },
    ]);
    const [misleading, script] = rows();
    expect(within(misleading!).getByText('https://evil.example/login')).toBeTruthy();
    expect(within(misleading!).getByText(/names another address/)).toBeTruthy();
    expect(within(script!).queryByRole('button')).toBeNull();
    expect(within(script!).getByText('javascript links never open')).toBeTruthy();
  });

  it('opens a link through the API in context only once confirmed, and not on Cancel', async () => {
    const api = renderPanel({ 'links.open': () => ({ ok: true, value: { opened: true } }) }, [
      { text: 'Report', target: 'https://contoso.com/report' },
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'Open…' }));
    fireEvent.click(within(screen.getByTestId('link-confirm')).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByTestId('link-confirm')).toBeNull();
    expect(api.calls).toEqual([]);

    fireEvent.click(screen.getByRole('button', { name: 'Open…' }));
    fireEvent.click(within(screen.getByTestId('link-confirm')).getByRole('button', { name: 'Open link' }));
    await vi.waitFor(() => expect(api.calls).toHaveLength(1));
    expect(api.calls[0]).toEqual({ method: 'links.open', request: { url: 'https://contoso.com/report' } });
  });

  it('shows why a link was refused', async () => {
    renderPanel({ 'links.open': () => ({ ok: false, error: errorInfo('LINK_REFUSED') }) }, [
      { text: 'Report', target: 'https://contoso.com/report' },
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'Open…' }));
    fireEvent.click(screen.getByRole('button', { name: 'Open link' }));
    expect(await screen.findByTestId('link-error')).toBeTruthy();
  });
});
