import type { Attachment } from '../../../../shared/model';
import { formatBytes, plural } from '../../components/format';
import { AttachmentTypeIcon, PaperclipIcon } from '../../components/icons';

/** The message's files (not the images shown inside the body). Saving arrives with the next release. */
export function AttachmentList({ attachments }: { attachments: readonly Attachment[] }) {
  if (attachments.length === 0) return null;
  const totalSize = attachments.reduce((sum, a) => sum + a.size, 0);
  return (
    <section className="attachments" aria-label="Attachments" data-testid="attachments">
      <h3 className="attachments__title">
        <PaperclipIcon size={14} />
        {plural(attachments.length, 'attachment', 'attachments')}
        <span className="attachments__total">{formatBytes(totalSize)}</span>
      </h3>
      <ul className="attachments__list">
        {attachments.map((attachment) => (
          <li
            key={attachment.partId}
            className="attachment"
            title={`${attachment.filename}\n${attachment.contentType}, ${formatBytes(attachment.size)}`}
          >
            <AttachmentTypeIcon contentType={attachment.contentType} filename={attachment.filename} />
            <span className="attachment__text">
              <span className="attachment__name">{attachment.filename || 'Untitled attachment'}</span>
              <span className="attachment__meta">
                {attachment.contentType} · {formatBytes(attachment.size)}
              </span>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
