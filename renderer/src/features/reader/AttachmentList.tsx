import { useState } from 'react';
import { isExecutableAttachment } from '../../../../shared/attachment-risk';
import type { ErrorInfo } from '../../../../shared/errors';
import type { Attachment } from '../../../../shared/model';
import { useApi } from '../../api-context';
import { formatBytes, plural } from '../../components/format';
import { AttachmentTypeIcon, DownloadIcon, PaperclipIcon, WarningIcon } from '../../components/icons';
import { ConfirmModal } from '../../components/ConfirmModal';
import { ErrorNotice, Notice } from '../../components/Notice';
import { useOpenAttached } from './attached-context';
import type { MessageSaveProps } from './use-save';

/**
 * The message's files (not the images shown inside the body), each with its type, size and icon,
 * to save or to open with the system's app. Names arrive sanitised by the engine; a type that can
 * run code asks before it opens.
 */
export function AttachmentList({
  attachments,
  message,
  save,
}: { attachments: readonly Attachment[] } & MessageSaveProps) {
  const api = useApi();
  const [confirming, setConfirming] = useState<Attachment | null>(null);
  const [openError, setOpenError] = useState<ErrorInfo | null>(null);
  const openerFor = useOpenAttached();
  if (attachments.length === 0) return null;
  const totalSize = attachments.reduce((sum, a) => sum + a.size, 0);

  const saveOne = (attachment: Attachment) =>
    save({
      kind: 'file',
      what: 'attachment',
      suggestedName: attachment.filename,
      run: (to, ifExists, operationId) =>
        api.invoke('messages.savePart', {
          ...message,
          partPath: attachment.partId,
          ...to,
          ifExists,
          operationId,
        }),
    });

  const open = async (attachment: Attachment, confirmed: boolean) => {
    setConfirming(null);
    const result = await api.invoke('messages.openPart', {
      ...message,
      partPath: attachment.partId,
      confirmed,
    });
    if (!result.ok && result.error.code === 'CONFIRMATION_REQUIRED') {
      setConfirming(attachment);
      return;
    }
    setOpenError(result.ok ? null : result.error);
  };

  return (
    <section className="attachments" aria-label="Attachments" data-testid="attachments">
      <h3 className="attachments__title">
        <PaperclipIcon size={14} />
        {plural(attachments.length, 'attachment', 'attachments')}
        <span className="attachments__total">{formatBytes(totalSize)}</span>
        {attachments.length > 1 ? (
          <button
            type="button"
            className="link-button attachments__save-all"
            onClick={() =>
              save({
                kind: 'folder',
                what: `${attachments.length} attachments`,
                run: (to, operationId) =>
                  api.invoke('messages.saveAll', {
                    ...message,
                    ...to,
                    operationId,
                    partPaths: attachments.map((a) => a.partId),
                  }),
              })
            }
          >
            Save all…
          </button>
        ) : null}
      </h3>
      {openError ? (
        <ErrorNotice
          compact
          error={openError}
          testId="attachment-open-error"
          className="attachments__error"
        />
      ) : null}
      <ul className="attachments__list">
        {attachments.map((attachment) => {
          const risky = isExecutableAttachment(attachment.filename, attachment.contentType);
          const openHere = openerFor(attachment.contentType, attachment.filename);
          return (
            <li
              key={attachment.partId}
              className={`attachment${risky ? ' attachment--risky' : ''}`}
              title={`${attachment.filename}\n${attachment.contentType}, ${formatBytes(attachment.size)}`}
            >
              <AttachmentTypeIcon contentType={attachment.contentType} filename={attachment.filename} />
              <span className="attachment__text">
                <span className="attachment__name" dir="auto">
                  {attachment.filename || 'Untitled attachment'}
                </span>
                <span className="attachment__meta">
                  {risky ? (
                    <span className="attachment__risk">
                      <WarningIcon size={11} /> Can run programs ·{' '}
                    </span>
                  ) : null}
                  {attachment.contentType} · {formatBytes(attachment.size)}
                </span>
              </span>
              <span className="attachment__actions">
                {openHere ? (
                  <button
                    type="button"
                    className="button button--quiet attachment__view"
                    aria-label={`View ${attachment.filename} here, as a message`}
                    title="View here as a message, with every panel"
                    data-testid="attachment-view"
                    onClick={() => openHere(attachment.partId, attachment.filename)}
                  >
                    View
                  </button>
                ) : null}
                <button
                  type="button"
                  className="icon-button icon-button--small"
                  aria-label={`Save ${attachment.filename}`}
                  title="Save…"
                  onClick={() => saveOne(attachment)}
                >
                  <DownloadIcon size={14} />
                </button>
                <button
                  type="button"
                  className="button button--quiet attachment__open"
                  aria-label={`Open ${attachment.filename} with the system's app`}
                  title="Open with the system's app"
                  onClick={() => void open(attachment, false)}
                >
                  Open
                </button>
              </span>
            </li>
          );
        })}
      </ul>
      {attachments.some(isTnef) && !openerFor('application/ms-tnef', 'winmail.dat') ? (
        <Notice
          tone="info"
          compact
          live="none"
          className="attachments__tnef"
          testId="tnef-note"
          title="winmail.dat is Outlook’s own wrapper (TNEF) around the sender’s real attachments."
          hint="At this depth of attached messages it cannot be opened here: save it and open the file in Mailscope, or ask the sender to send in HTML or plain-text format, which attaches the files directly."
        />
      ) : null}
      {confirming ? (
        <ConfirmModal
          title="Open a file that can run programs?"
          confirmLabel="Open anyway"
          onConfirm={() => void open(confirming, true)}
          onCancel={() => setConfirming(null)}
          risky
          testId="open-confirm"
        >
          <p className="open-confirm__text">
            <strong dir="auto">{confirming.filename}</strong> ({confirming.contentType}) can change your
            computer when opened. Open it only if you expected it from this sender; saving it is safer.
          </p>
        </ConfirmModal>
      ) : null}
    </section>
  );
}

function isTnef(attachment: Attachment): boolean {
  return (
    /^application\/(vnd\.)?ms-tnef$/i.test(attachment.contentType) ||
    /^winmail\.dat$/i.test(attachment.filename)
  );
}
