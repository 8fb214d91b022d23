import { useEffect, useState } from 'react';
import type { ExportProgressEvent } from '../../../../shared/events';
import { useLiveEvents } from '../../lib/live-events';
import type { EventSource } from '../transfers/use-transfer-progress';

/** The latest `export.progress` of the export running under `operationId`; null before the first. */
export function useExportProgress(
  operationId: string | null,
  given?: EventSource,
): ExportProgressEvent | null {
  const live = useLiveEvents();
  const events = given ?? live;
  const [latest, setLatest] = useState<ExportProgressEvent | null>(null);
  useEffect(() => {
    if (operationId === null) return;
    return events.listen((event) => {
      if (event.type === 'export.progress' && event.operationId === operationId) setLatest(event);
    });
  }, [operationId, events]);
  return latest && latest.operationId === operationId ? latest : null;
}
