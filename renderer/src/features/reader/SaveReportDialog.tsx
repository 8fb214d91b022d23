import { useId, useRef, useState } from 'react';
import { useApi } from '../../api-context';
import { Modal } from '../../components/Modal';
import type { MessageSaveProps } from './use-save';

interface SaveReportDialogProps extends MessageSaveProps {
  /** The report's file name, made from the subject ("Invoice overdue - triage report.html"). */
  suggestedName: string;
  onClose: () => void;
}

/**
 * Asks what kind of report to save before the save dialog asks where: the one choice is whether
 * the recipients' addresses are masked (for a report that leaves the team). The report itself is
 * written by the engine (messages.saveReport) through the same save flow as every other file.
 */
export function SaveReportDialog({ message, suggestedName, save, onClose }: SaveReportDialogProps) {
  const api = useApi();
  const [mask, setMask] = useState(false);
  const saveRef = useRef<HTMLButtonElement>(null);
  const helpId = useId();

  const start = () => {
    onClose();
    save({
      kind: 'file',
      what: 'triage report',
      suggestedName,
      run: (to, ifExists, operationId) =>
        api.invoke('messages.saveReport', { ...message, ...to, ifExists, maskRecipients: mask, operationId }),
    });
  };

  return (
    <Modal
      title="Save triage report"
      description="One HTML page that opens in any browser and loads nothing from the internet, and the same report as JSON beside it: verdict, headers, route, authentication, anti-spam stamps, indicators, attachments with their hashes and the MIME tree."
      onClose={onClose}
      initialFocus={saveRef}
      testId="save-report-dialog"
      className="save-report"
    >
      <label className="save-report__option">
        <input
          type="checkbox"
          checked={mask}
          aria-describedby={helpId}
          onChange={(event) => setMask(event.target.checked)}
        />
        <span>
          <span className="save-report__label">Mask the recipients’ addresses</span>
          <span id={helpId} className="save-report__help">
            Each recipient becomes “[recipient N]” with their domain kept: for a report that leaves your team.
          </span>
        </span>
      </label>
      <div className="save-report__actions">
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
        <button ref={saveRef} type="button" className="button button--primary" onClick={start}>
          Save…
        </button>
      </div>
    </Modal>
  );
}
