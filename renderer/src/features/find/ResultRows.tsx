import type { KeyboardEvent } from 'react';
import type { Envelope } from '../../../../shared/model';
import { PaperclipIcon } from '../../components/icons';
import { formatFullDate, formatListDate, senderLabel, subjectLabel } from '../../components/format';

/**
 * Found messages as rows of buttons: sender, subject and date, one line each. Up and Down move
 * between the rows of the whole results view (they share `data-result-row`), Enter opens one.
 */
export function ResultRows({
  items,
  now,
  selectedId,
  onOpen,
}: {
  items: readonly Envelope[];
  now: Date;
  /** `${folderId}\0${id}` of the message open in the reader. */
  selectedId: string | null;
  onOpen: (envelope: Envelope) => void;
}) {
  return (
    <ul className="result-rows">
      {items.map((envelope) => (
        <li key={envelope.id}>
          <button
            type="button"
            className="result-row"
            data-result-row=""
            aria-current={selectedId === `${envelope.folderId}\u0000${envelope.id}` ? 'true' : undefined}
            onClick={() => onOpen(envelope)}
            onKeyDown={moveBetweenRows}
          >
            <span className="result-row__from" dir="auto">
              {senderLabel(envelope.from)}
            </span>
            <span className="result-row__subject" dir="auto">
              {subjectLabel(envelope.subject)}
            </span>
            {envelope.hasAttachments ? (
              <span className="result-row__clip">
                <PaperclipIcon />
                <span className="sr-only">Has attachments</span>
              </span>
            ) : (
              <span />
            )}
            <span className="result-row__date" title={formatFullDate(envelope.date)}>
              {formatListDate(envelope.date, now)}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}

function moveBetweenRows(event: KeyboardEvent<HTMLButtonElement>): void {
  if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
  const root = event.currentTarget.closest('[data-result-root]');
  if (!root) return;
  const rows = Array.from(root.querySelectorAll<HTMLButtonElement>('[data-result-row]'));
  const next = rows[rows.indexOf(event.currentTarget) + (event.key === 'ArrowDown' ? 1 : -1)];
  if (!next) return;
  event.preventDefault();
  next.focus();
}
