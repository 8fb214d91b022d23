import type { ExportProgressEvent } from '../../../../shared/events';
import type { ExportFormat } from '../../../../shared/export';
import { formatBytes, formatCount, plural } from '../../components/format';

/** What the dialog says of an export's progress and outcome: plain text, tested on its own. */

export const FORMAT_NAMES: Record<ExportFormat, string> = {
  eml: 'Folder of .eml files',
  mbox: 'One .mbox file',
  zip: 'One .zip file',
};

/** "about 2 min left": rounded the way people say it; nothing until there is a pace. */
export function timeLeft(etaMs: number | null): string {
  if (etaMs === null) return 'estimating time left…';
  const seconds = Math.round(etaMs / 1000);
  if (seconds < 5) return 'almost done';
  if (seconds < 60) return `about ${seconds} s left`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `about ${minutes} min left`;
  const hours = Math.floor(minutes / 60);
  return `about ${hours} h ${minutes % 60} min left`;
}

/** "1,234 of 10,000 messages · 45.1 MB · about 2 min left" */
export function progressLine(progress: ExportProgressEvent): string {
  const handled = progress.exported + progress.skipped + progress.failed;
  return [
    `${formatCount(handled)} of ${plural(progress.total, 'message', 'messages')}`,
    formatBytes(progress.bytes),
    timeLeft(progress.etaMs),
  ].join(' · ');
}

/** "Exported 27 messages (1.2 MB); 3 were already there; 1 failed." */
export function summaryLine(result: {
  exported: number;
  skipped: number;
  failed: number;
  bytes: number;
}): string {
  const parts = [`Exported ${plural(result.exported, 'message', 'messages')} (${formatBytes(result.bytes)})`];
  if (result.skipped > 0) {
    parts.push(
      `${formatCount(result.skipped)} ${result.skipped === 1 ? 'was' : 'were'} already there, unchanged`,
    );
  }
  if (result.failed > 0) parts.push(`${formatCount(result.failed)} could not be exported`);
  return `${parts.join('; ')}.`;
}
