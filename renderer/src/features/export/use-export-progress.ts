import { useEffect, useState } from 'react';
import type { ExportProgressEvent } from '../../../../shared/events';
import { useLiveEvents } from '../../lib/live-events';
import type { EventSource } from '../transfers/use-transfer-progress';

/**
 * The latest `export.progress` of the export running under `operationId`; null before the first.
 * It listens from the moment the dialog mounts, not from when an export starts, so the first
 * events of a quick export cannot arrive before anyone listens.
 */
export function useExportProgress(
  operationId: string | null,
  given?: EventSource,
): ExportProgressEvent | null {
  const live = useLiveEvents();
  const events = given ?? live;
  const [latest, setLatest] = useState<ExportProgressEvent | null>(null);
  useEffect(
    () =>
      events.listen((event) => {
        if (event.type === 'export.progress') setLatest(event);
      }),
    [events],
  );
  return latest && latest.operationId === operationId ? latest : null;
}
