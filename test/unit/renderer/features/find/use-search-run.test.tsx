import { act, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { ApiProvider } from '../../../../../renderer/src/api-context';
import {
  type FanOutProgress,
  type FolderEvent,
  useSearchRun,
} from '../../../../../renderer/src/features/find/use-search-run';
import { fakeEvents, hits, scriptedApi } from './scripted';

interface State extends FanOutProgress {
  paths: string[];
}

const IDLE: State = { running: false, done: 0, folders: null, paths: [] };

const addPath = (state: State, event: FolderEvent): State => ({
  ...state,
  paths: [...state.paths, event.folderPath],
});

function setup(onFolder: typeof addPath | null = addPath) {
  const api = scriptedApi();
  const events = fakeEvents();
  const wrapper = ({ children }: { children: ReactNode }) => <ApiProvider api={api}>{children}</ApiProvider>;
  const hook = renderHook(() => useSearchRun(IDLE, onFolder, events), { wrapper });
  return { api, events, hook };
}

const progress = (searchId: string, done: number) =>
  ({ type: 'search.progress', searchId, done, total: 4, running: true }) as const;

describe('useSearchRun', () => {
  it("follows the running search's progress and folders, and nothing of another search", () => {
    const { events, hook } = setup();
    let searchId = '';
    act(() => {
      searchId = hook.result.current.begin();
      hook.result.current.setState({ ...IDLE, running: true });
    });
    events.say(progress('other', 3));
    events.say(hits('other', 'f-9', 'Elsewhere', 1, []));
    events.say(progress(searchId, 1));
    events.say(hits(searchId, 'f-1', 'Inbox', 2, []));
    expect(hook.result.current.state).toEqual({ running: true, done: 1, folders: 4, paths: ['Inbox'] });
  });

  it('moves progress only while running, and skips folder events without onFolder', () => {
    const { events, hook } = setup(null);
    let searchId = '';
    act(() => {
      searchId = hook.result.current.begin();
    });
    events.say(progress(searchId, 2));
    events.say(hits(searchId, 'f-1', 'Inbox', 2, []));
    expect(hook.result.current.state).toBe(IDLE);
  });

  it('cancels the running search when the next begins, when asked, and on unmount; not once ended', () => {
    const { api, hook } = setup();
    let first = '';
    let second = '';
    act(() => {
      first = hook.result.current.begin();
      second = hook.result.current.begin();
    });
    expect(hook.result.current.isCurrent(first)).toBe(false);
    expect(hook.result.current.isCurrent(second)).toBe(true);
    act(() => hook.result.current.cancel());
    act(() => hook.result.current.end());
    expect(hook.result.current.isCurrent(second)).toBe(false);
    act(() => hook.result.current.cancel());
    let third = '';
    act(() => {
      third = hook.result.current.begin();
    });
    hook.unmount();
    expect(api.calls).toEqual([
      { method: 'messages.cancelSearch', request: { searchId: first } },
      { method: 'messages.cancelSearch', request: { searchId: second } },
      { method: 'messages.cancelSearch', request: { searchId: third } },
    ]);
  });
});
