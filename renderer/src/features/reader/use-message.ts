import { useEffect, useMemo, useState } from 'react';
import type { Result } from '../../../../shared/errors';
import type { MessageView } from '../../../../shared/model';
import { api } from '../../api';
import { type TransferProgress, useTransferProgress } from '../transfers/use-transfer-progress';

export interface MessageRef {
  sourceId: string;
  folderId: string;
  messageId: string;
  /** An attached message: the part paths from the outer message inwards (shared/attached.ts). */
  attached?: string[];
}

/** The message the user chose, with its size as the list reported it (big ones ask first). */
export interface SelectedMessage extends MessageRef {
  size?: number;
}

/** Messages at least this big are downloaded as a tracked transfer: progress, and Cancel. */
export const TRACKED_DOWNLOAD_BYTES = 4 * 1024 * 1024;

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
): { result: Result<MessageView> | null; progress: TransferProgress | null } {
  const { sourceId, folderId, messageId } = ref;
  const path = ref.attached?.join('/') ?? '';
  const key = `${sourceId}\u0000${folderId}\u0000${messageId}\u0000${path}\u0000${attempt}`;
  const [answer, setAnswer] = useState<{ key: string; result: Result<MessageView> } | null>(null);
  const tracked = size !== undefined && size >= TRACKED_DOWNLOAD_BYTES;
  // A fresh id for every fetch of a big message (each new key: another message, or a retry).
  const operationId = useMemo(() => (tracked && key ? crypto.randomUUID() : null), [key, tracked]);
  const answered = answer?.key === key;
  const progress = useTransferProgress(answered ? null : operationId);

  useEffect(() => {
    let live = true;
    const attached = path ? { attached: path.split('/') } : {};
    void api
      .invoke('messages.get', {
        sourceId,
        folderId,
        messageId,
        ...attached,
        ...(operationId ? { operationId } : {}),
      })
      .then((result) => {
        if (!live) return;
        live = false;
        setAnswer({ key, result });
      });
    return () => {
      // The user moved on: a download nobody will read is stopped, not left to finish.
      if (live && operationId) void api.invoke('transfers.cancel', { operationId });
      live = false;
    };
  }, [key, sourceId, folderId, messageId, path, operationId]);

  return { result: answered ? answer.result : null, progress };
}
