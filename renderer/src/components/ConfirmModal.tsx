import { type ReactNode, useRef } from 'react';
import { Modal } from './Modal';
import { Spinner } from './Notice';

/**
 * A question before something leaves Mailscope (a file opened with the system's app, a link in the
 * browser): what happens, then Cancel and the confirming button. The keyboard starts on Cancel, so
 * Enter never confirms by accident; when going on is the risky choice, Cancel is also the primary
 * button, the one the eye goes to. When going on removes something (a mailbox's settings, a
 * sign-in), the confirming button is the red one.
 */
export function ConfirmModal({
  title,
  children,
  confirmLabel,
  onConfirm,
  onCancel,
  risky = false,
  destructive = false,
  busy = false,
  testId,
}: {
  title: string;
  /** What confirming does (paragraphs). */
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  risky?: boolean;
  /** Confirming removes something: the confirming button is the red one. */
  destructive?: boolean;
  /** The confirmed step is running: the confirming button waits, with a spinner. */
  busy?: boolean;
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
        <button
          type="button"
          className={confirmClass(risky, destructive)}
          onClick={onConfirm}
          disabled={busy}
        >
          {busy ? <Spinner size={14} /> : null}
          {confirmLabel}
        </button>
      </div>
    </Modal>
  );
}

function confirmClass(risky: boolean, destructive: boolean): string {
  if (destructive) return 'button button--danger-strong';
  return risky ? 'button' : 'button button--primary';
}
