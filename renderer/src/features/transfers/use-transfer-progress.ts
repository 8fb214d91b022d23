import { useEffect, useState } from 'react';
import { type EventSource, useLatestEvent } from '../../lib/event-source';

/** Transfers that end within this time show no progress at all. */
export const PROGRESS_AFTER_MS = 300;

/** How far a running transfer is: what its progress bar shows. */
export interface TransferProgress {
  operationId: string;
  bytes: number;
  total: number | null;
}

/**
 * The progress of the transfer running under `operationId` (a save, a big download), from its
 * `transfer.progress` events; null when there is none, before it has run for 300 ms, and once it
 * has ended.
 */
export function useTransferProgress(
  operationId: string | null,
  events?: EventSource,
): TransferProgress | null {
  const latest = useLatestEvent('transfer.progress', operationId, events);
  // Both are kept with the id they are for, so a new operation starts from nothing.
  const [dueFor, setDueFor] = useState<string | null>(null);

  useEffect(() => {
    if (operationId === null) return;
    const timer = setTimeout(() => setDueFor(operationId), PROGRESS_AFTER_MS);
    return () => clearTimeout(timer);
  }, [operationId]);

  if (operationId === null || dueFor !== operationId) return null;
  if (latest?.operationId !== operationId || !latest.running) return null;
  return { operationId: latest.operationId, bytes: latest.bytes, total: latest.total };
}
