import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ApiProvider } from '../../../../../renderer/src/api-context';
import { SearchAllResults } from '../../../../../renderer/src/features/find/SearchAllResults';
import { type SearchEvents, useSearchAll } from '../../../../../renderer/src/features/find/use-search-all';
import { MessageList } from '../../../../../renderer/src/features/messages/MessageList';
import { errorInfo } from '../../../../../shared/errors';
import type { Request } from '../../../../../shared/ipc';
import { envelope, fakeEvents, hits, scriptedApi } from './scripted';

/**
 * Search in every folder, in the page: the results grouped by folder as their events arrive, the
 * folders counted, Cancel, failed folders listed, the final answer putting groups in tree order,
 * and the search box's scope in the message list.
 */

function Harness({
  events,
  onOpen,
  onShow,
}: {
  events: SearchEvents;
  onOpen: () => void;
  onShow: () => void;
}) {
  const search = useSearchAll('src-1', events);
  return (
    <>
      <button type="button" onClick={() => void search.start('from:fabrikam')}>
        start
      </button>
      <SearchAllResults
        state={search.state}
        selectedId={null}
        onOpen={onOpen}
        onCancel={search.cancel}
        onShowInFolder={onShow}
      />
    </>
  );
}

function setup() {
  const api = scriptedApi();
  const events = fakeEvents();
  const onOpen = vi.fn();
  const onShow = vi.fn();
  render(
    <ApiProvider api={api}>
      <Harness events={events} onOpen={onOpen} onShow={onShow} />
    </ApiProvider>,
  );
  fireEvent.click(screen.getByRole('button', { name: 'start' }));
  const request = api.calls.find((call) => call.method === 'messages.searchAll')
    ?.request as Request<'messages.searchAll'>;
  return { api, events, onOpen, onShow, request, searchId: request.searchId };
}

const status = () => screen.getByTestId('search-all-status').textContent ?? '';
const headings = () => screen.queryAllByRole('heading', { level: 3 }).map((h) => h.textContent);

describe('SearchAllResults with useSearchAll', () => {
  it('asks once with the parsed query, and shows folders as they finish with the count of folders done', () => {
    const { events, request, searchId, onOpen } = setup();
    expect(request).toMatchObject({ sourceId: 'src-1', query: { from: 'fabrikam' } });
    expect(status()).toContain('Searching all folders for “from:fabrikam”: Listing folders…');
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeTruthy();

    events.say({ type: 'search.progress', searchId, done: 0, total: 40, running: true });
    events.say(hits(searchId, 'Sent', 'Sent Items', 1, [envelope('Sent', 1)]));
    events.say(hits(searchId, 'INBOX', 'INBOX', 2, [envelope('INBOX', 2), envelope('INBOX', 3)]));
    events.say({ type: 'search.progress', searchId, done: 12, total: 40, running: true });
    // Someone else's search is not ours.
    events.say(hits('other-search', 'X', 'X', 9, []));

    expect(status()).toContain('12 of 40 folders searched');
    expect(headings()).toEqual(['Sent Items1', 'INBOX2']);
    fireEvent.click(screen.getByRole('button', { name: /Invoice 3/ }));
    expect(onOpen).toHaveBeenCalledWith(expect.objectContaining({ id: 'INBOX:3', folderId: 'INBOX' }));
  });

  it('lists a folder that failed with its error, not silently skipped', () => {
    const { events, searchId } = setup();
    events.say({
      type: 'search.folder',
      searchId,
      sourceId: 'src-1',
      folderId: 'Archive/2019',
      folderPath: 'Archive/2019',
      total: 0,
      items: [],
      error: errorInfo('PROTOCOL_ERROR', 'The mail server answered: NO Internal error'),
    });
    const failed = screen.getByTestId('search-all-failed');
    expect(failed.textContent).toContain('1 folder could not be searched');
    expect(failed.textContent).toContain('Archive/2019: The mail server answered: NO Internal error');
  });

  it('Cancel asks the engine to stop this search; its answer says where it stopped', async () => {
    const { api, events, searchId } = setup();
    events.say(hits(searchId, 'INBOX', 'INBOX', 1, [envelope('INBOX', 1)]));
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(api.calls.at(-1)).toEqual({ method: 'messages.cancelSearch', request: { searchId } });
    await api.answer('messages.searchAll', {
      ok: true,
      value: {
        folders: 40,
        done: 3,
        matches: 1,
        hits: [{ folderId: 'INBOX', folderPath: 'INBOX', total: 1 }],
        failed: [],
        cancelled: true,
      },
    });
    expect(status()).toBe('Stopped: 3 of 40 folders searched. 1 result in 1 folder.');
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();
  });

  it('the answer puts folders in tree order, adds one whose event was missed, and offers the rest of a big folder', async () => {
    const { api, events, searchId, onShow } = setup();
    events.say(hits(searchId, 'Sent', 'Sent Items', 1, [envelope('Sent', 1)]));
    events.say(hits(searchId, 'INBOX', 'INBOX', 75, [envelope('INBOX', 2)]));
    await api.answer('messages.searchAll', {
      ok: true,
      value: {
        folders: 40,
        done: 40,
        matches: 79,
        hits: [
          { folderId: 'INBOX', folderPath: 'INBOX', total: 75 },
          { folderId: 'Archive', folderPath: 'Archive', total: 3 },
          { folderId: 'Sent', folderPath: 'Sent Items', total: 1 },
        ],
        failed: [],
        cancelled: false,
      },
    });
    expect(status()).toBe('79 results in 3 folders · 40 of 40 folders searched');
    expect(headings()).toEqual(['INBOX75', 'Archive3', 'Sent Items1']);
    const groups = screen.getAllByTestId('search-all-group');
    expect(within(groups[0]!).getByText(/and 74 more/)).toBeTruthy();
    // The missed folder's rows come late or not at all: its count, and the way to them.
    fireEvent.click(within(groups[1]!).getByRole('button', { name: 'Show all in Archive' }));
    expect(onShow).toHaveBeenCalledWith('Archive');
    // Its event arriving after the answer fills that group instead of adding one.
    events.say(hits(searchId, 'Archive', 'Archive', 3, [envelope('Archive', 7)]));
    expect(headings()).toEqual(['INBOX75', 'Archive3', 'Sent Items1']);
    expect(
      within(screen.getAllByTestId('search-all-group')[1]!).getByRole('button', { name: /Invoice 7/ }),
    ).toBeTruthy();
  });

  it('an empty result says so', async () => {
    const { api } = setup();
    await api.answer('messages.searchAll', {
      ok: true,
      value: { folders: 5, done: 5, matches: 0, hits: [], failed: [], cancelled: false },
    });
    expect(screen.getByTestId('search-all-empty').textContent).toContain(
      'No folder has messages that match “from:fabrikam”',
    );
  });
});

describe('the search box’s scope in the message list', () => {
  it('All folders runs the search in every folder on Enter; This folder goes back to the list', async () => {
    const api = scriptedApi();
    render(
      <ApiProvider api={api}>
        <MessageList
          sourceId="src-1"
          folder={{
            id: 'INBOX',
            name: 'Inbox',
            path: 'Inbox',
            parentId: null,
            role: 'inbox',
            total: 0,
            unread: 0,
            selectable: true,
          }}
          capabilities={{ sortKeys: ['date'], reversible: false, preview: false, note: null }}
          selectedId={null}
          onSelect={() => undefined}
          onOpen={() => undefined}
        />
      </ApiProvider>,
    );
    const scope = screen.getByRole('group', { name: 'Search in' });
    fireEvent.click(within(scope).getByRole('button', { name: 'All folders' }));
    expect(within(scope).getByRole('button', { name: 'All folders' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    const box = screen.getByRole('searchbox', { name: 'Search all folders' });
    fireEvent.change(box, { target: { value: 'subject:invoice' } });
    // Not on every key: only on Enter.
    expect(api.calls.some((call) => call.method === 'messages.searchAll')).toBe(false);
    fireEvent.submit(box.closest('form')!);
    const call = api.calls.find((c) => c.method === 'messages.searchAll');
    expect(call?.request).toMatchObject({ sourceId: 'src-1', query: { subject: 'invoice' } });
    expect(screen.getByTestId('search-all-results')).toBeTruthy();

    fireEvent.click(within(scope).getByRole('button', { name: 'This folder' }));
    expect(screen.queryByTestId('search-all-results')).toBeNull();
    // Leaving the all-folders view stops the search still running there.
    expect(api.calls.some((c) => c.method === 'messages.cancelSearch')).toBe(true);
  });
});
