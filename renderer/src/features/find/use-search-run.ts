import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppEvent } from '../../../../shared/events';
import { useApi } from '../../api-context';
import { type EventSource, useEventSource } from '../../lib/event-source';

/** One folder of a fan-out found something, or could not be searched. */
export type FolderEvent = Extract<AppEvent, { type: 'search.folder' }>;

/** What the state of every fan-out has: whether it runs, and folders done of how many. */
export interface FanOutProgress {
  running: boolean;
  done: number;
  /** Null until the folders to search are known. */
  folders: number | null;
}

/**
 * One engine fan-out at a time (a search in every folder, a Message-ID lookup), under an id of its
 * own: `search.progress` events of the one running move `done` and `folders` while it runs,
 * `onFolder` (a module-level function, so the listener stays put) takes its `search.folder`
 * events, and it is cancelled when another begins, when asked, or on unmount.
 */
export function useSearchRun<S extends FanOutProgress>(
  idle: S,
  onFolder: ((state: S, event: FolderEvent) => S) | null,
  given?: EventSource,
) {
  const events = useEventSource(given);
  const api = useApi();
  const [state, setState] = useState<S>(idle);
  const current = useRef<string | null>(null);

  useEffect(
    () =>
      events.listen((event) => {
        if (!('searchId' in event) || event.searchId !== current.current) return;
        if (event.type === 'search.progress') {
          const { done, total } = event;
          setState((prev) => (prev.running ? { ...prev, done, folders: total } : prev));
        } else if (onFolder) setState((prev) => onFolder(prev, event));
      }),
    [events, onFolder],
  );

  const cancel = useCallback(() => {
    const searchId = current.current;
    if (searchId) void api.invoke('messages.cancelSearch', { searchId });
  }, [api]);

  // Leaving the dialog, the folder or the mailbox stops a search nobody will see.
  useEffect(() => cancel, [cancel]);

  /** Cancels the one running, if any: the id to start the next under. */
  const begin = useCallback(() => {
    cancel();
    const searchId = crypto.randomUUID();
    current.current = searchId;
    return searchId;
  }, [cancel]);

  /** Whether `searchId` is still the one running: not replaced or cleared since. */
  const isCurrent = useCallback((searchId: string) => current.current === searchId, []);

  /** None runs any more: later events are not heard and cancel has nothing to stop. */
  const end = useCallback(() => {
    current.current = null;
  }, []);

  return { state, setState, begin, isCurrent, end, cancel };
}
