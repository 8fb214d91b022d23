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

/** Messages at least this big are downloaded as a tracked transfer: progress, and Cancel. */
export const TRACKED_DOWNLOAD_BYTES = 4 * 1024 * 1024;
/** A transfer still running after this long shows its progress. */
const PROGRESS_AFTER_MS = 300;
const POLL_MS = 250;

export interface DownloadProgress {
  operationId: string;
  bytes: number;
  total: number | null;
}

/**
 * Fetches one message for display. Returns null while loading. The answer is stored with the key
 * it answers, so a late answer for a message the user has already left is never shown. A big
 * message (size known from the list) is fetched under an operation id: `progress` then follows the
 * download, and leaving the message cancels it.
 */
export function useMessage(
  ref: MessageRef,
  attempt: number,
  size?: number,
): { result: Result<MessageView> | null; progress: DownloadProgress | null } {
  const { sourceId, folderId, messageId } = ref;
  const key = `${sourceId}\u0000${folderId}\u0000${messageId}\u0000${attempt}`;
  const [answer, setAnswer] = useState<{ key: string; result: Result<MessageView> } | null>(null);
  const [progress, setProgress] = useState<DownloadProgress | null>(null);
  const tracked = size !== undefined && size >= TRACKED_DOWNLOAD_BYTES;

  useEffect(() => {
    let live = true;
    const operationId = tracked ? crypto.randomUUID() : undefined;
    let polling: ReturnType<typeof setTimeout> | undefined;
    if (operationId) {
      const poll = async () => {
        while (live) {
          const state = await api.invoke('transfers.progress', { operationId });
          if (!live) break;
          if (state.ok && state.value.running) {
            setProgress({ operationId, bytes: state.value.bytes, total: state.value.total });
          }
          await new Promise((resolve) => setTimeout(resolve, POLL_MS));
        }
      };
      polling = setTimeout(() => void poll(), PROGRESS_AFTER_MS);
    }
    void api
      .invoke('messages.get', { sourceId, folderId, messageId, ...(operationId ? { operationId } : {}) })
      .then((result) => {
        if (!live) return;
        live = false;
        clearTimeout(polling);
        setProgress(null);
        setAnswer({ key, result });
      });
    return () => {
      // The user moved on: a download nobody will read is stopped, not left to finish.
      if (live && operationId) void api.invoke('transfers.cancel', { operationId });
      live = false;
      clearTimeout(polling);
      setProgress(null);
    };
  }, [key, sourceId, folderId, messageId, tracked]);

  return { result: answer?.key === key ? answer.result : null, progress };
}
