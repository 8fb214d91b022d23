import type { CSSProperties } from 'react';
import type { Envelope } from '../../../../shared/model';
import type { Density } from '../../lib/settings';
import { FlagIcon, PaperclipIcon, ReplyIcon } from '../../components/icons';
import {
  formatBytes,
  formatFullDate,
  formatListDate,
  senderLabel,
  subjectLabel,
} from '../../components/format';
import type { PageEntry } from './envelope-store';

/** The listbox option attributes every row carries, placeholder or not. */
export interface RowAria {
  id: string;
  'aria-selected': boolean;
  'aria-posinset': number;
  'aria-setsize': number;
  style: CSSProperties;
}

/** A row whose page is still loading (or failed): its shape, and what a screen reader says. */
export function PlaceholderRow({
  density,
  page,
  ...aria
}: { density: Density; page: PageEntry | undefined } & RowAria) {
  return (
    <div
      role="option"
      aria-busy="true"
      className={`message-row message-row--placeholder message-row--${density}`}
      {...aria}
    >
      <span className="sr-only">{page?.status === 'error' ? 'Could not load this message' : 'Loading…'}</span>
      <span className="placeholder-bar placeholder-bar--from" aria-hidden="true" />
      <span className="placeholder-bar placeholder-bar--subject" aria-hidden="true" />
    </div>
  );
}

interface MessageRowProps extends RowAria {
  envelope: Envelope;
  density: Density;
  /** Show the envelope's preview line (a third line, or after the subject when compact). */
  preview: boolean;
  now: Date;
  onClick: () => void;
  onDoubleClick: () => void;
}

export function MessageRow({
  envelope,
  density,
  preview,
  now,
  onClick,
  onDoubleClick,
  ...aria
}: MessageRowProps) {
  const unread = !envelope.flags.seen;
  const from = envelope.from[0];
  const previewText = preview && envelope.preview ? envelope.preview : null;
  const sender = (
    <span
      className="message-row__from"
      dir="auto"
      title={from ? `${from.name} <${from.address}>`.trim() : undefined}
    >
      {senderLabel(envelope.from)}
    </span>
  );
  const date = (
    <span className="message-row__date" title={formatFullDate(envelope.date)}>
      {formatListDate(envelope.date, now)}
    </span>
  );
  const subject = (
    <span
      className={`message-row__subject${envelope.subject.trim() ? '' : ' message-row__subject--none'}`}
      dir="auto"
    >
      {envelope.flags.draft ? <span className="message-row__draft">Draft </span> : null}
      {subjectLabel(envelope.subject)}
      {density === 'compact' && previewText ? (
        <span className="message-row__preview message-row__preview--inline"> — {previewText}</span>
      ) : null}
    </span>
  );
  const icons = (
    <span className="message-row__icons">
      {envelope.hasAttachments ? <PaperclipIcon size={13} className="message-row__clip" /> : null}
      {envelope.flags.flagged ? <FlagIcon size={13} className="message-row__flag" /> : null}
    </span>
  );
  const size = <span className="message-row__size">{formatBytes(envelope.size)}</span>;
  return (
    <div
      role="option"
      className={`message-row message-row--${density}${unread ? ' message-row--unread' : ''}`}
      onClick={onClick}
      onDoubleClick={onDoubleClick}
      {...aria}
    >
      <span className="message-row__marks" aria-hidden="true">
        {unread ? <span className="unread-dot" /> : null}
        {!unread && envelope.flags.answered ? (
          <ReplyIcon size={12} className="message-row__answered" />
        ) : null}
      </span>
      {density === 'compact' ? (
        <span className="message-row__main">
          <span className="message-row__line">
            {sender}
            {subject}
            {icons}
            {date}
            {size}
          </span>
        </span>
      ) : (
        <span className="message-row__main">
          <span className="message-row__line">
            {sender}
            {date}
          </span>
          <span className="message-row__line">
            {subject}
            {icons}
            {size}
          </span>
          {previewText ? (
            <span className="message-row__line">
              <span className="message-row__preview" dir="auto">
                {previewText}
              </span>
            </span>
          ) : null}
        </span>
      )}
      <span className="sr-only">
        {[
          unread ? 'Unread' : '',
          envelope.flags.flagged ? 'Flagged' : '',
          envelope.flags.answered ? 'Replied' : '',
          envelope.hasAttachments ? 'Has attachments' : '',
        ]
          .filter(Boolean)
          .join(', ')}
      </span>
    </div>
  );
}
