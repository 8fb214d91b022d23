import { useEffect, useState } from 'react';
import type { Result } from '../../../../shared/errors';
import type { MessageView } from '../../../../shared/model';
import { api } from '../../api';

export interface MessageRef {
  sourceId: string;
  folderId: string;
  messageId: string;
}

/** The message the user chose, with its size as the list reported it (big ones ask first). */
export interface SelectedMessage extends MessageRef {
  size?: number;
}

/**
 * Fetches one message for display. Returns null while loading. The answer is stored with the key
 * it answers, so a late answer for a message the user has already left is never shown.
 */
export function useMessage(ref: MessageRef, attempt: number): Result<MessageView> | null {
  const { sourceId, folderId, messageId } = ref;
  const key = `${sourceId}\u0000${folderId}\u0000${messageId}\u0000${attempt}`;
  const [answer, setAnswer] = useState<{ key: string; result: Result<MessageView> } | null>(null);

  useEffect(() => {
    let live = true;
    void api.invoke('messages.get', { sourceId, folderId, messageId }).then((result) => {
      if (live) setAnswer({ key, result });
    });
    return () => {
      live = false;
    };
  }, [key, sourceId, folderId, messageId]);

  return answer?.key === key ? answer.result : null;
}
