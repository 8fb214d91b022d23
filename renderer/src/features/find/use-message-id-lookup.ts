import { useCallback } from 'react';
import type { ErrorInfo } from '../../../../shared/errors';
import type { LookupTarget, MessageIdResult } from '../../../../shared/find';
import { useApi } from '../../api-context';
import type { EventSource } from '../../lib/event-source';
import { type FanOutProgress, useSearchRun } from './use-search-run';

export interface LookupState extends FanOutProgress {
  result: MessageIdResult | null;
  error: ErrorInfo | null;
}

const IDLE: LookupState = { running: false, done: 0, folders: null, result: null, error: null };

/**
 * A Message-ID looked up in every folder of the chosen mailboxes (messages.findMessageId), with its
 * progress from `search.progress` events; cancelled when started again, stopped, or unmounted.
 */
export function useMessageIdLookup(given?: EventSource) {
  const api = useApi();
  const { state, setState, begin, isCurrent, end, cancel } = useSearchRun(IDLE, null, given);

  const find = useCallback(
    async (messageId: string, targets: LookupTarget[]) => {
      const searchId = begin();
      setState({ ...IDLE, running: true });
      const result = await api.invoke('messages.findMessageId', { messageId, targets, searchId });
      if (!isCurrent(searchId)) return;
      end();
      setState((prev) =>
        result.ok
          ? { ...prev, running: false, result: result.value }
          : { ...prev, running: false, error: result.error },
      );
    },
    [api, begin, isCurrent, end, setState],
  );

  return { state, find, cancel };
}
