import { type ReactNode, useRef } from 'react';
import { Modal } from './Modal';

/**
 * A question before something leaves Mailscope (a file opened with the system's app, a link in the
 * browser): what happens, then Cancel and the confirming button. The keyboard starts on Cancel, so
 * Enter never confirms by accident; when going on is the risky choice, Cancel is also the primary
 * button, the one the eye goes to.
 */
export function ConfirmModal({
  title,
  children,
  confirmLabel,
  onConfirm,
  onCancel,
  risky = false,
  testId,
}: {
  title: string;
  /** What confirming does (paragraphs). */
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  risky?: boolean;
  testId: string;
}) {
  const cancelRef = useRef<HTMLButtonElement>(null);
  return (
    <Modal title={title} onClose={onCancel} initialFocus={cancelRef} testId={testId}>
      {children}
      <div className="confirm__actions">
        <button
          ref={cancelRef}
          type="button"
          className={risky ? 'button button--primary' : 'button'}
          onClick={onCancel}
        >
          Cancel
        </button>
        <button type="button" className={risky ? 'button' : 'button button--primary'} onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </Modal>
  );
}
