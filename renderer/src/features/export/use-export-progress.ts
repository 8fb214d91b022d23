import type { ExportProgressEvent } from '../../../../shared/events';
import { type EventSource, EVERY_OPERATION, useLatestEvent } from '../../lib/event-source';

/**
 * The latest `export.progress` of the export running under `operationId`; null before the first.
 * It listens from the moment the dialog mounts, not from when an export starts, so the first
 * events of a quick export cannot arrive before anyone listens.
 */
export function useExportProgress(
  operationId: string | null,
  given?: EventSource,
): ExportProgressEvent | null {
  const latest = useLatestEvent('export.progress', EVERY_OPERATION, given);
  return latest && latest.operationId === operationId ? latest : null;
}
