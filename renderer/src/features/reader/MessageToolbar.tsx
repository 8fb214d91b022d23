import { useState } from 'react';
import type { MessageView } from '../../../../shared/model';
import { useApi } from '../../api-context';
import { formatBytes } from '../../components/format';
import { ToggleButton } from '../../components/ToggleButton';
import { CopyIcon, DownloadIcon, HeadersIcon, LinkOffIcon } from '../../components/icons';
import { SaveReportDialog } from './SaveReportDialog';
import type { MessageSaveProps } from './use-save';
import type { BodyChoice, MessageViewState } from './reader-view';

interface MessageToolbarProps extends MessageSaveProps {
  view: MessageView;
  /** The body shown, and whether to offer the HTML / Plain text switch. */
  body: BodyChoice;
  state: MessageViewState;
  /** Links found in the shown HTML; the Links button appears only when there are some. */
  linkCount: number;
}

/** How to view the message (body format, headers, source, links) and what to do with it (copy its id, save it). */
export function MessageToolbar({ view, message, body, state, linkCount, save }: MessageToolbarProps) {
  const api = useApi();
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const [reportDialog, setReportDialog] = useState(false);
  const stored = storedFormat(view);
  return (
    <div className="message-toolbar" role="toolbar" aria-label="Message view">
      {body.switchable ? (
        <div className="segmented" role="group" aria-label="Body format">
          <button
            type="button"
            className="segmented__item"
            aria-pressed={body.mode === 'html'}
            onClick={() => state.setPreferPlain(false)}
          >
            HTML
          </button>
          <button
            type="button"
            className="segmented__item"
            aria-pressed={body.mode === 'plain'}
            onClick={() => state.setPreferPlain(true)}
          >
            Plain text
          </button>
        </div>
      ) : null}
      <ToggleButton pressed={state.showHeaders} onToggle={state.setShowHeaders}>
        <HeadersIcon />
        Headers
      </ToggleButton>
      <ToggleButton
        pressed={state.showSource}
        title="The message exactly as stored: every header, MIME boundary and encoding."
        onToggle={state.setShowSource}
      >
        Source
      </ToggleButton>
      <span className="message-toolbar__spacer" />
      {linkCount > 0 ? (
        <ToggleButton
          pressed={state.showLinks}
          title="A click inside the message never goes anywhere: see where each link really points, and open it from here."
          onToggle={state.setShowLinks}
        >
          <LinkOffIcon size={14} />
          Links ({linkCount})
        </ToggleButton>
      ) : null}
      {view.messageId ? (
        <button
          type="button"
          className="button button--quiet"
          aria-label="Copy Message-ID"
          title={`Copy ${view.messageId} to the clipboard`}
          onClick={() => {
            void navigator.clipboard.writeText(view.messageId ?? '').then(
              () => setCopied('yes'),
              () => setCopied('failed'),
            );
          }}
        >
          <CopyIcon size={14} />
          {copied === 'yes' ? 'Copied' : 'Message-ID'}
        </button>
      ) : null}
      <span className="sr-only" role="status">
        {copied === 'yes' ? 'Message-ID copied' : copied === 'failed' ? 'Could not copy the Message-ID' : ''}
      </span>
      <button
        type="button"
        className="button button--quiet"
        title={`Save the message exactly as stored, as ${stored.article} ${stored.extension} file`}
        onClick={() =>
          save({
            kind: 'file',
            what: 'message',
            suggestedName: subjectFileName(view.subject, 'message', stored.extension),
            run: (to, ifExists, operationId) =>
              api.invoke('messages.saveEml', { ...message, ...to, ifExists, operationId }),
          })
        }
      >
        <DownloadIcon size={14} />
        Save as {stored.extension}
      </button>
      <button
        type="button"
        className="button button--quiet"
        title="Save a triage report of this message: an HTML page that loads nothing, and the same as JSON"
        onClick={() => setReportDialog(true)}
      >
        Save report…
      </button>
      {reportDialog ? (
        <SaveReportDialog
          message={message}
          suggestedName={subjectFileName(view.subject, 'message', ' - triage report.html')}
          save={save}
          onClose={() => setReportDialog(false)}
        />
      ) : null}
      <span className="message-toolbar__size" title={`${view.size.toLocaleString()} bytes`}>
        {formatBytes(view.size)}
      </span>
    </div>
  );
}

/** How the message is stored: an Outlook item or a winmail.dat (attached ones) saves as what it is. */
function storedFormat(view: MessageView): { extension: string; article: string } {
  const type = view.mimeTree[0]?.contentType.toLowerCase();
  if (type === 'application/vnd.ms-outlook') return { extension: '.msg', article: 'a' };
  if (type === 'application/ms-tnef') return { extension: '.dat', article: 'a' };
  return { extension: '.eml', article: 'an' };
}

/** A file name from the subject, `fallback` without one, then `ending`: readable, and nothing a file system refuses. */
function subjectFileName(subject: string, fallback: string, ending: string): string {
  const base = subject
    // eslint-disable-next-line no-control-regex -- removing control characters is the point
    .replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/[/\\:*?"<>|]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s]+|[.\s]+$/g, '')
    .slice(0, 80)
    .trim();
  // Windows treats these as devices whatever follows them.
  return `${/^(con|prn|aux|nul|com\d|lpt\d)$/i.test(base) ? `_${base}` : base || fallback}${ending}`;
}
