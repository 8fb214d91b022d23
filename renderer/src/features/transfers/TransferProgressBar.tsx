import { formatBytes } from '../../components/format';
import { CancelTransferButton } from './CancelTransferButton';
import type { TransferProgress } from './use-transfer-progress';
import './transfers.css';

/**
 * A running transfer: what it is doing, how far (percent when the size is known, bytes otherwise),
 * and Cancel, which stops it (a save then leaves no file).
 */
export function TransferProgressBar({
  progress,
  doing,
  what,
  layout = 'row',
  testId,
}: {
  progress: TransferProgress;
  /** "Saving…", "Downloading message…" */
  doing: string;
  /** Names the bar for assistive tech: "Save", "Download". */
  what: string;
  /** `row` under a toolbar or in a dialog, `centred` alone in an empty pane. */
  layout?: 'row' | 'centred';
  testId?: string;
}) {
  const percent = progress.total ? Math.min(100, Math.round((progress.bytes / progress.total) * 100)) : null;
  return (
    <div className={`transfer-progress transfer-progress--${layout}`} role="status" data-testid={testId}>
      <span className="transfer-progress__text">
        {doing} {percent !== null ? `${percent} %` : formatBytes(progress.bytes)}
        {progress.total ? ` (${formatBytes(progress.bytes)} of ${formatBytes(progress.total)})` : ''}
      </span>
      <progress
        className="transfer-progress__bar"
        max={100}
        value={percent ?? undefined}
        aria-label={`${what} progress`}
      />
      <CancelTransferButton operationId={progress.operationId} />
    </div>
  );
}
