import { render, screen, within } from '@testing-library/react';
import { createRef } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppEvent, FolderCount } from '../../../../../shared/events';
import type { Folder } from '../../../../../shared/model';
import { FolderCountStore } from '../../../../../renderer/src/features/folders/folder-count-store';
import { FolderTree, VIRTUAL_ABOVE } from '../../../../../renderer/src/features/folders/FolderTree';
import { fakeEvents } from '../../fake-events';

const folder = (id: string, parentId: string | null = null, extra: Partial<Folder> = {}): Folder => ({
  id,
  name: id.split('/').at(-1) ?? id,
  path: id,
  parentId,
  role: id === 'INBOX' ? 'inbox' : null,
  total: 0,
  unread: 0,
  selectable: true,
  countsPending: true,
  ...extra,
});

const counts = (sourceId: string, list: FolderCount[], done: number, of: number): AppEvent => ({
  type: 'folder.counts',
  sourceId,
  counts: list,
  done,
  of,
});

function setup(folders: Folder[], scrollRoot?: { current: HTMLElement | null }) {
  const events = fakeEvents();
  const store = new FolderCountStore(events);
  const disconnect = store.connect();
  const view = render(
    <FolderTree
      label="Big folders"
      sourceId="s1"
      folders={folders}
      counts={store}
      selectedId={null}
      onSelect={() => undefined}
      {...(scrollRoot ? { scrollRoot } : {})}
    />,
  );
  return { events, store, disconnect, view };
}

describe('FolderTree with counts that come after the tree', () => {
  it('shows the tree at once, counts pending, and fills each in as its event arrives', () => {
    const folders = [folder('INBOX'), folder('Clients'), folder('Clients/Fabrikam', 'Clients')];
    const { events } = setup(folders);
    const rows = screen.getAllByRole('treeitem');
    expect(rows.map((r) => r.textContent)).toEqual(['INBOX', 'Clients', 'Fabrikam']);
    expect(rows.every((r) => r.getAttribute('aria-busy') === 'true')).toBe(true);

    events.say(counts('s1', [{ folderId: 'INBOX', total: 500, unread: 12 }], 1, 3));
    const inbox = screen.getByRole('treeitem', { name: /INBOX/ });
    expect(within(inbox).getByText('12')).toBeTruthy();
    expect(inbox.hasAttribute('aria-busy')).toBe(false);
    expect(screen.getByRole('treeitem', { name: 'Clients' }).getAttribute('aria-busy')).toBe('true');

    // Another source's counts for a folder of the same name are not ours.
    events.say(counts('s2', [{ folderId: 'Clients', total: 9, unread: 9 }], 1, 1));
    expect(screen.getByRole('treeitem', { name: 'Clients' }).getAttribute('aria-busy')).toBe('true');

    events.say(
      counts(
        's1',
        [
          { folderId: 'Clients', total: 3, unread: 0 },
          { folderId: 'Clients/Fabrikam', total: 7, unread: 2 },
        ],
        3,
        3,
      ),
    );
    expect(screen.getAllByRole('treeitem').some((r) => r.hasAttribute('aria-busy'))).toBe(false);
    expect(within(screen.getByRole('treeitem', { name: /Fabrikam/ })).getByText('2')).toBeTruthy();
  });

  it('re-renders only the rows whose counts arrived, not the whole tree', () => {
    const folders = Array.from({ length: 50 }, (_, i) => folder(`F${String(i).padStart(2, '0')}`));
    const { events, store } = setup(folders);
    const reads = vi.spyOn(store, 'get');
    events.say(counts('s1', [{ folderId: 'F07', total: 4, unread: 1 }], 1, 50));
    const readFolders = new Set(reads.mock.calls.map(([, folderId]) => folderId));
    // useSyncExternalStore reads the snapshot of rows that render or are told of a change.
    expect([...readFolders]).toEqual(['F07']);
  });

  it('takes counts that came with the tree when there is no event for them', () => {
    setup([folder('INBOX', null, { countsPending: false, total: 3, unread: 2 })]);
    expect(within(screen.getByRole('treeitem')).getByText('2')).toBeTruthy();
  });
});

describe('FolderTree with 1,000 folders', () => {
  beforeEach(() => {
    vi.spyOn(Element.prototype, 'clientHeight', 'get').mockReturnValue(600);
    vi.spyOn(HTMLElement.prototype, 'offsetHeight', 'get').mockReturnValue(600);
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('renders only the rows in view, each with its place in the whole tree', () => {
    const folders = [
      folder('Area'),
      ...Array.from({ length: 999 }, (_, i) => folder(`Area/P${String(i).padStart(3, '0')}`, 'Area')),
    ];
    expect(folders.length).toBeGreaterThan(VIRTUAL_ABOVE);
    const scroller = document.createElement('div');
    document.body.append(scroller);
    const scrollRoot = createRef<HTMLElement>() as { current: HTMLElement | null };
    scrollRoot.current = scroller;
    try {
      setup(folders, scrollRoot);
      const rows = screen.getAllByRole('treeitem');
      expect(rows.length).toBeGreaterThan(5);
      expect(rows.length).toBeLessThan(100);
      expect(rows[1]?.getAttribute('aria-setsize')).toBe('999');
      expect(rows[1]?.getAttribute('aria-level')).toBe('2');
      expect(screen.getByRole('tree').style.height).not.toBe('');
    } finally {
      scroller.remove();
    }
  });

  it('renders a small tree whole, without placing rows', () => {
    const scroller = document.createElement('div');
    const scrollRoot = { current: scroller as HTMLElement | null };
    setup(
      Array.from({ length: 20 }, (_, i) => folder(`F${i}`)),
      scrollRoot,
    );
    expect(screen.getAllByRole('treeitem')).toHaveLength(20);
    expect(screen.getByRole('tree').classList.contains('is-virtual')).toBe(false);
  });
});
