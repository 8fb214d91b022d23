import { useCallback, useEffect, useRef, useState } from 'react';
import type { ErrorInfo } from '../../../../shared/errors';
import type { LookupTarget, MessageIdResult } from '../../../../shared/find';
import { useApi } from '../../api-context';
import { useLiveEvents } from '../../lib/live-events';
import type { SearchEvents } from './use-search-all';

export interface LookupState {
  running: boolean;
  /** Folders done, of how many (null until every mailbox's folders are known). */
  done: number;
  folders: number | null;
  result: MessageIdResult | null;
  error: ErrorInfo | null;
}

const IDLE: LookupState = { running: false, done: 0, folders: null, result: null, error: null };

/**
 * A Message-ID looked up in every folder of the chosen mailboxes (messages.findMessageId), with its
 * progress from `search.progress` events; cancelled when started again, stopped, or unmounted.
 */
export function useMessageIdLookup(given?: SearchEvents) {
  const live = useLiveEvents();
  const events = given ?? live;
  const api = useApi();
  const [state, setState] = useState<LookupState>(IDLE);
  const current = useRef<string | null>(null);

  useEffect(
    () =>
      events.listen((event) => {
        if (event.type !== 'search.progress' || event.searchId !== current.current) return;
        const { done, total } = event;
        setState((prev) => (prev.running ? { ...prev, done, folders: total } : prev));
      }),
    [events],
  );

  const cancel = useCallback(() => {
    if (current.current) void api.invoke('messages.cancelSearch', { searchId: current.current });
  }, [api]);
  useEffect(() => cancel, [cancel]);

  const find = useCallback(
    async (messageId: string, targets: LookupTarget[]) => {
      cancel();
      const searchId = crypto.randomUUID();
      current.current = searchId;
      setState({ ...IDLE, running: true });
      const result = await api.invoke('messages.findMessageId', { messageId, targets, searchId });
      if (current.current !== searchId) return;
      current.current = null;
      setState((prev) =>
        result.ok
          ? { ...prev, running: false, result: result.value }
          : { ...prev, running: false, error: result.error },
      );
    },
    [api, cancel],
  );

  return { state, find, cancel };
}
