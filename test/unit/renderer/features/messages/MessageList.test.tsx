import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ApiProvider } from '../../../../../renderer/src/api-context';
import { MessageList } from '../../../../../renderer/src/features/messages/MessageList';
import { errorInfo } from '../../../../../shared/errors';
import type { Request } from '../../../../../shared/ipc';
import type { Envelope, Folder, ListCapabilities } from '../../../../../shared/model';
import { type FakeApi, type FakeHandlers, fakeApi } from '../../fake-api';

/**
 * The message list against a fake API: the rows of a page, moving through them with the keyboard,
 * the empty and error states, and the search box.
 */

// jsdom lays nothing out: give the scroller a height, so the virtual list renders the rows in view.
beforeAll(() => {
  vi.spyOn(Element.prototype, 'clientHeight', 'get').mockReturnValue(600);
  vi.spyOn(Element.prototype, 'clientWidth', 'get').mockReturnValue(400);
});
afterAll(() => {
  vi.restoreAllMocks();
});

const FOLDER: Folder = {
  id: 'inbox',
  name: 'Inbox',
  path: 'Inbox',
  parentId: null,
  role: 'inbox',
  total: 3,
  unread: 1,
  selectable: true,
};

const CAPABILITIES: ListCapabilities = { sortKeys: ['date'], reversible: false, preview: false, note: null };

function envelope(n: number): Envelope {
  return {
    id: `m${n}`,
    folderId: 'inbox',
    subject: `Invoice ${n}`,
    from: [{ name: `Sender ${n}`, address: `sender${n}@contoso.com` }],
    to: [],
    cc: [],
    date: '2026-01-0' + n + 'T10:00:00.000Z',
    messageId: null,
    size: 1000,
    flags: { seen: n !== 1, flagged: false, answered: false, draft: false },
    hasAttachments: false,
  };
}

const THREE = [envelope(1), envelope(2), envelope(3)];

/** A folder of these envelopes; a search answers with the envelopes whose subject has its words. */
function mailbox(items: Envelope[]): FakeHandlers {
  return {
    'messages.list': (request: Request<'messages.list'>) => {
      const words = request.query?.text?.toLowerCase().split(' ') ?? [];
      const found = items.filter((item) => words.every((word) => item.subject.toLowerCase().includes(word)));
      return {
        ok: true,
        value: { items: found.slice(request.offset), offset: request.offset, total: found.length },
      };
    },
  };
}

// Each test gets a fresh fake, so the list's page cache (one per API client) starts empty.
function renderList(api: FakeApi, remote = false) {
  const onSelect = vi.fn();
  const onOpen = vi.fn();
  render(
    <ApiProvider api={api}>
      <MessageList
        sourceId="sample"
        folder={FOLDER}
        capabilities={CAPABILITIES}
        remote={remote}
        selectedId={null}
        onSelect={onSelect}
        onOpen={onOpen}
      />
    </ApiProvider>,
  );
  return { onSelect, onOpen };
}

const listbox = () => screen.getByRole('listbox');
const selectedRow = () =>
  screen.getAllByRole('option').find((row) => row.getAttribute('aria-selected') === 'true');

describe('MessageList', () => {
  it('shows a row per envelope of the page, with its sender, subject and position', async () => {
    renderList(fakeApi(mailbox(THREE)));
    const rows = await screen.findAllByRole('option');
    expect(rows).toHaveLength(3);
    expect(rows[0]?.textContent).toContain('Sender 1');
    expect(rows[0]?.textContent).toContain('Invoice 1');
    expect(rows[0]?.textContent).toContain('Unread');
    expect(rows[2]?.getAttribute('aria-posinset')).toBe('3');
    expect(rows[2]?.getAttribute('aria-setsize')).toBe('3');
    expect(screen.getByText('3 messages · 1 unread')).toBeTruthy();
  });

  it('moves the active row with arrows, j/k, Home and End, and opens it with Enter', async () => {
    const { onOpen } = renderList(fakeApi(mailbox(THREE)));
    await screen.findAllByRole('option');
    const list = listbox();
    const press = (key: string) => fireEvent.keyDown(list, { key });
    const active = () => {
      const id = list.getAttribute('aria-activedescendant');
      return id ? document.getElementById(id)?.textContent : null;
    };

    press('ArrowDown');
    expect(active()).toContain('Invoice 1');
    press('j');
    expect(active()).toContain('Invoice 2');
    press('ArrowDown');
    press('ArrowDown');
    expect(active()).toContain('Invoice 3');
    press('k');
    expect(active()).toContain('Invoice 2');
    press('ArrowUp');
    expect(active()).toContain('Invoice 1');
    press('End');
    expect(active()).toContain('Invoice 3');
    expect(selectedRow()?.textContent).toContain('Invoice 3');
    press('Home');
    expect(active()).toContain('Invoice 1');
    press('Enter');
    expect(onOpen).toHaveBeenCalledWith(expect.objectContaining({ id: 'm1' }));
  });

  it('selects the active row’s message once the keys pause', async () => {
    const { onSelect } = renderList(fakeApi(mailbox(THREE)));
    await screen.findAllByRole('option');
    fireEvent.keyDown(listbox(), { key: 'End' });
    await waitFor(() => expect(onSelect).toHaveBeenCalledWith(expect.objectContaining({ id: 'm3' })));
  });

  it('says an empty folder is empty, and how a server mailbox gets new mail', async () => {
    renderList(fakeApi(mailbox([])), true);
    const empty = await screen.findByTestId('folder-empty');
    expect(empty.textContent).toContain('This folder is empty');
    expect(empty.textContent).toContain('Reload (the round arrow)');
    expect(screen.queryByRole('listbox')).toBeNull();
  });

  it('shows the error of the first page, and Try again asks again', async () => {
    let fail = true;
    const api = fakeApi({
      'messages.list': (request) =>
        fail
          ? {
              ok: false,
              error: errorInfo('MESSAGE_UNREADABLE', 'The mail server did not answer.', 'Check the network.'),
            }
          : mailbox(THREE)['messages.list']!(request),
    });
    renderList(api);
    const error = await screen.findByTestId('message-list-error');
    expect(error.textContent).toContain('The mail server did not answer.');
    fail = false;
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findAllByRole('option')).toHaveLength(3);
  });

  it('submits the search box as a query and shows what matches, or that nothing does', async () => {
    const api = fakeApi(mailbox(THREE));
    renderList(api);
    await screen.findAllByRole('option');
    const search = screen.getByRole('searchbox', { name: 'Search Inbox' });
    fireEvent.change(search, { target: { value: 'invoice 2' } });
    fireEvent.submit(search.closest('form')!);
    await waitFor(() => expect(screen.getAllByRole('option')).toHaveLength(1));
    expect(screen.getByRole('option').textContent).toContain('Invoice 2');
    expect(screen.getByText('1 result for “invoice 2”')).toBeTruthy();
    const queries = api.calls
      .filter((call) => call.method === 'messages.list')
      .map((call) => (call.request as Request<'messages.list'>).query);
    expect(queries).toContainEqual({ text: 'invoice 2' });

    fireEvent.change(search, { target: { value: 'nothing' } });
    fireEvent.submit(search.closest('form')!);
    expect((await screen.findByTestId('search-empty')).textContent).toContain('No messages match “nothing”');
  });
});
