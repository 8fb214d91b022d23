import { type Ref, useId, useImperativeHandle, useMemo, useRef, useState } from 'react';
import type { Address, MessageView } from '../../../../shared/model';
import { formatBytes, formatFullDate, subjectLabel } from '../../components/format';
import {
  CopyIcon,
  DownloadIcon,
  HeadersIcon,
  ImageOffIcon,
  LinkOffIcon,
  MailIcon,
} from '../../components/icons';
import { api } from '../../api';
import { ErrorNotice, Notice, Spinner } from '../../components/Notice';
import { lazyNamed, OnDemand } from '../../components/Lazy';
import { PaneBoundary } from '../../components/PaneBoundary';
import { AttachmentList } from './AttachmentList';
import { CalendarCard } from './CalendarCard';
import type { InspectionTab } from './InspectionPanel';
import { formatTimestamp } from './inspection-format';
import { MessageFrame } from './MessageFrame';
import { sanitizeMessageHtml } from './sanitize-html';
import { type MessageRef, type SelectedMessage, useMessage } from './use-message';
import { useSave } from './use-save';
import { TransferProgressBar } from '../transfers/TransferProgressBar';
import { cleanSenders, updateSettings, useSettings } from '../../lib/settings';
import './reader.css';
import './inspection.css';

// The inspection tabs, the links list and the source view are opened on demand (components/Lazy.tsx).
const InspectionPanel = lazyNamed(() => import('./InspectionPanel'), 'InspectionPanel');
const LinksPanel = lazyNamed(() => import('./LinksPanel'), 'LinksPanel');
const RawSource = lazyNamed(() => import('./RawSource'), 'RawSource');

/**
 * The reading pane. What the user chose about how to read (HTML or plain text, headers shown) sticks
 * from message to message; what they allowed (remote content) does not: that is per message.
 */

export interface ReaderHandle {
  focus(): void;
}

interface ReaderProps {
  message: SelectedMessage | null;
  handleRef?: Ref<ReaderHandle>;
  /** Messages larger than this are downloaded only after the user agrees (remote sources). */
  askAboveBytes?: number | null;
}

export function Reader({ message, handleRef, askAboveBytes = null }: ReaderProps) {
  const [preferPlain, setPreferPlain] = useState(false);
  const [showHeaders, setShowHeaders] = useState(false);
  const [inspectionTab, setInspectionTab] = useState<InspectionTab>('headers');
  const regionRef = useRef<HTMLElement>(null);

  useImperativeHandle(handleRef, () => ({ focus: () => regionRef.current?.focus() }), []);

  return (
    <section className="reader" aria-label="Reader" data-testid="reader" ref={regionRef} tabIndex={-1}>
      {message ? (
        <PaneBoundary resetKey={messageKey(message)} what="this message">
          <LoadedReader
            key={messageKey(message)}
            message={message}
            askAboveBytes={askAboveBytes}
            preferPlain={preferPlain}
            onPreferPlain={setPreferPlain}
            showHeaders={showHeaders}
            onShowHeaders={setShowHeaders}
            inspectionTab={inspectionTab}
            onInspectionTab={setInspectionTab}
          />
        </PaneBoundary>
      ) : (
        <div className="reader__empty">
          <MailIcon size={44} strokeWidth={0.9} />
          <p className="reader__empty-title">No message selected</p>
          <p className="reader__empty-hint">Choose a message in the list to read it here.</p>
        </div>
      )}
    </section>
  );
}

function messageKey(message: MessageRef): string {
  return `${message.sourceId}\u0000${message.folderId}\u0000${message.messageId}`;
}

interface LoadedReaderProps {
  message: SelectedMessage;
  askAboveBytes?: number | null;
  preferPlain: boolean;
  onPreferPlain: (plain: boolean) => void;
  showHeaders: boolean;
  onShowHeaders: (show: boolean) => void;
  inspectionTab: InspectionTab;
  onInspectionTab: (tab: InspectionTab) => void;
}

function LoadedReader({ message, askAboveBytes = null, ...prefs }: LoadedReaderProps) {
  const [agreed, setAgreed] = useState(false);
  if (!agreed && askAboveBytes !== null && message.size !== undefined && message.size > askAboveBytes) {
    return <LargeMessagePrompt size={message.size} limit={askAboveBytes} onOpen={() => setAgreed(true)} />;
  }
  // Only the reference travels on: requests are checked strictly and know nothing of sizes.
  const { sourceId, folderId, messageId, size } = message;
  return (
    <FetchedReader
      message={{ sourceId, folderId, messageId }}
      {...(size !== undefined ? { size } : {})}
      {...prefs}
    />
  );
}

/** Before downloading a message above the limit: its size, and the choice. Per message. */
function LargeMessagePrompt({ size, limit, onOpen }: { size: number; limit: number; onOpen: () => void }) {
  return (
    <div className="reader__state" data-testid="large-message">
      <Notice
        tone="info"
        title={`This message is ${formatBytes(size)}.`}
        hint={`Mailscope asks before downloading messages over ${formatBytes(limit)} from the mail server (View settings changes the limit). The download runs on its own connection, so you can keep browsing meanwhile.`}
        actions={
          <button type="button" className="button button--primary" onClick={onOpen} autoFocus>
            Download and open ({formatBytes(size)})
          </button>
        }
      />
    </div>
  );
}

function FetchedReader({ message, size, ...prefs }: LoadedReaderProps & { size?: number }) {
  const [attempt, setAttempt] = useState(0);
  const { result, progress } = useMessage(message, attempt, size);
  if (!result) {
    return (
      <div className="reader__state reader__state--loading">
        {progress ? (
          <TransferProgressBar
            progress={progress}
            doing="Downloading message…"
            what="Download"
            layout="centred"
            testId="download-progress"
          />
        ) : (
          <Spinner label="Opening message…" />
        )}
      </div>
    );
  }
  if (!result.ok && result.error.code === 'MESSAGE_MALFORMED') {
    // Nothing could take the MIME apart, but the bytes are there: show them as they are (headers
    // and source), which is what a person inspecting a suspicious message needs anyway.
    return (
      <div className="reader__malformed" data-testid="reader-malformed">
        <ErrorNotice error={result.error} testId="reader-error" />
        <RawSource message={message} />
      </div>
    );
  }
  if (!result.ok) {
    return (
      <div className="reader__state">
        <ErrorNotice error={result.error} onRetry={() => setAttempt((n) => n + 1)} testId="reader-error" />
      </div>
    );
  }
  return <MessageDisplay view={result.value} message={message} {...prefs} />;
}

function MessageDisplay({
  view,
  message,
  preferPlain,
  onPreferPlain,
  showHeaders,
  onShowHeaders,
  inspectionTab,
  onInspectionTab,
}: { view: MessageView } & LoadedReaderProps) {
  const settings = useSettings();
  const sender = view.from[0]?.address.trim().toLowerCase() ?? '';
  const senderListed = sender !== '' && settings.remoteSenders.includes(sender);
  const dmarcVerdict = view.authentication.verdicts.find((verdict) => verdict.method === 'dmarc');
  const dmarc = dmarcVerdict?.result ?? 'none';
  // Anyone can write a From address: "Always for" applies only when the receiving organisation's
  // own Authentication-Results say DMARC passed for that address's domain.
  const senderAuthenticated =
    dmarc === 'pass' &&
    (!dmarcVerdict?.domain ||
      dmarcVerdict.domain.toLowerCase() === sender.slice(sender.lastIndexOf('@') + 1));
  const senderAllowed = senderListed && senderAuthenticated;
  const [allowedHere, setAllowRemote] = useState(false);
  const allowRemote = allowedHere || senderAllowed;
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const { save, ui: saveUi } = useSave();
  // Per message (the component is keyed by message): the list of links and the source start closed.
  const [showLinks, setShowLinks] = useState(false);
  const [showSource, setShowSource] = useState(false);
  const subjectId = useId();
  const bodyRef = useRef<HTMLDivElement>(null);
  const hasHtml = view.html !== null && view.html.trim() !== '';
  const hasText = view.text !== null && view.text.trim() !== '';
  const mode: 'html' | 'plain' | 'none' =
    hasHtml && (!preferPlain || !hasText) ? 'html' : hasText ? 'plain' : 'none';
  const html = view.html;
  const sanitized = useMemo(
    () =>
      mode === 'html' && html !== null
        ? sanitizeMessageHtml(html, { allowRemote, inlineImages: view.inlineImages })
        : null,
    [mode, html, allowRemote, view.inlineImages],
  );
  const files = view.attachments.filter((attachment) => !attachment.inline);

  return (
    <article className="message" role="document" aria-labelledby={subjectId}>
      <div className="message__top">
        <header className="message-header">
          <h2
            id={subjectId}
            dir="auto"
            className={`message-header__subject${view.subject.trim() ? '' : ' is-empty'}`}
          >
            {subjectLabel(view.subject)}
          </h2>
          <div className="message-header__meta">
            <Avatar from={view.from[0]} />
            <div className="message-header__people">
              <p className="message-header__from">
                {view.from.length ? (
                  <AddressList addresses={view.from} emphasiseName />
                ) : (
                  <span className="muted">(no sender)</span>
                )}
              </p>
              <dl className="message-header__recipients">
                <RecipientRow label="To" addresses={view.to} />
                <RecipientRow label="Cc" addresses={view.cc} />
                <RecipientRow label="Bcc" addresses={view.bcc} />
                <RecipientRow label="Reply-To" addresses={view.replyTo} />
              </dl>
            </div>
            <time
              className="message-header__date"
              dateTime={view.date ?? undefined}
              title={view.date ? formatTimestamp(view.date) : 'The message has no parsable date'}
            >
              {formatFullDate(view.date)}
            </time>
          </div>
        </header>

        <div className="message-toolbar" role="toolbar" aria-label="Message view">
          {hasHtml && hasText ? (
            <div className="segmented" role="group" aria-label="Body format">
              <button
                type="button"
                className="segmented__item"
                aria-pressed={mode === 'html'}
                onClick={() => onPreferPlain(false)}
              >
                HTML
              </button>
              <button
                type="button"
                className="segmented__item"
                aria-pressed={mode === 'plain'}
                onClick={() => onPreferPlain(true)}
              >
                Plain text
              </button>
            </div>
          ) : null}
          <button
            type="button"
            className="button button--quiet"
            aria-pressed={showHeaders}
            onClick={() => onShowHeaders(!showHeaders)}
          >
            <HeadersIcon />
            Headers
          </button>
          <button
            type="button"
            className="button button--quiet"
            aria-pressed={showSource}
            title="The message exactly as stored: every header, MIME boundary and encoding."
            onClick={() => setShowSource(!showSource)}
          >
            Source
          </button>
          <span className="message-toolbar__spacer" />
          {sanitized && sanitized.links.length > 0 ? (
            <button
              type="button"
              className="button button--quiet"
              aria-pressed={showLinks}
              title="A click inside the message never goes anywhere: see where each link really points, and open it from here."
              onClick={() => setShowLinks(!showLinks)}
            >
              <LinkOffIcon size={14} />
              Links ({sanitized.links.length})
            </button>
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
            {copied === 'yes'
              ? 'Message-ID copied'
              : copied === 'failed'
                ? 'Could not copy the Message-ID'
                : ''}
          </span>
          <button
            type="button"
            className="button button--quiet"
            title="Save the message exactly as stored, as an .eml file"
            onClick={() =>
              save({
                kind: 'file',
                what: 'message',
                suggestedName: emlName(view.subject),
                run: (to, ifExists, operationId) =>
                  api.invoke('messages.saveEml', { ...message, ...to, ifExists, operationId }),
              })
            }
          >
            <DownloadIcon size={14} />
            Save as .eml
          </button>
          <span className="message-toolbar__size" title={`${view.size.toLocaleString()} bytes`}>
            {formatBytes(view.size)}
          </span>
        </div>

        {saveUi}
        {showHeaders ? (
          <OnDemand label="Loading message details…">
            <InspectionPanel
              view={view}
              message={message}
              tab={inspectionTab}
              onTab={onInspectionTab}
              save={save}
            />
          </OnDemand>
        ) : null}
        {showLinks && sanitized ? (
          <OnDemand label="Loading links…">
            <LinksPanel links={sanitized.links} />
          </OnDemand>
        ) : null}

        {view.notices.map((notice, index) => (
          <Notice
            key={index}
            tone="warning"
            title={notice.message}
            hint={notice.hint}
            live="none"
            compact
            testId="message-notice"
          />
        ))}

        {view.calendar.map((event, index) => (
          <CalendarCard key={index} event={event} />
        ))}

        <AttachmentList attachments={files} message={message} save={save} />

        {sanitized && sanitized.remoteCount > 0 && !allowRemote ? (
          <div className="remote-banner" role="status" data-testid="remote-banner">
            <ImageOffIcon className="remote-banner__icon" />
            <p className="remote-banner__text">
              Remote content blocked to protect your privacy
              <span className="remote-banner__detail">
                {sanitized.remoteCount === 1
                  ? '1 remote image or style'
                  : `${sanitized.remoteCount} remote images and styles`}{' '}
                could tell the sender when and where this message was read.
              </span>
              {senderListed ? (
                <span className="remote-banner__detail" data-testid="remote-unauthenticated">
                  You allowed {sender}, but the receiving server did not authenticate this message as theirs
                  (DMARC: {dmarc}): anyone can write that address, so it is blocked here.
                </span>
              ) : null}
            </p>
            <button
              type="button"
              className="button"
              onClick={() => {
                setAllowRemote(true);
                // The banner and its button go away: keep the keyboard in the message, on its body.
                setTimeout(() => bodyRef.current?.querySelector<HTMLElement>('iframe')?.focus(), 0);
              }}
            >
              Load remote content
            </button>
            {sender && !senderListed ? (
              <button
                type="button"
                className="button button--quiet"
                data-testid="remote-always"
                title={
                  senderAuthenticated
                    ? `Messages from ${sender} will load remote content without asking. View settings lists the senders you allowed.`
                    : `The sender's address is not authenticated (DMARC: ${dmarc}): anyone can write it on a message. Loads this message's remote content; later messages from ${sender} load theirs without asking only when their DMARC passes.`
                }
                onClick={() => {
                  // Unauthenticated, the list would not apply to this very message: load it as asked.
                  if (!senderAuthenticated) setAllowRemote(true);
                  updateSettings({ remoteSenders: cleanSenders([...settings.remoteSenders, sender]) });
                  setTimeout(() => bodyRef.current?.querySelector<HTMLElement>('iframe')?.focus(), 0);
                }}
              >
                Always for {sender}
                {senderAuthenticated ? null : (
                  <span className="remote-banner__warning"> (not authenticated)</span>
                )}
              </button>
            ) : null}
          </div>
        ) : null}
        {sanitized && sanitized.remoteCount > 0 && senderAllowed && !allowedHere ? (
          <p className="remote-allowed" data-testid="remote-allowed">
            Remote content loaded: you allowed it for {sender}.{' '}
            <button
              type="button"
              className="link-button"
              onClick={() =>
                updateSettings({ remoteSenders: settings.remoteSenders.filter((entry) => entry !== sender) })
              }
            >
              Stop allowing
            </button>
          </p>
        ) : null}
      </div>

      <div className="message__body" ref={bodyRef}>
        {showSource ? (
          <OnDemand label="Loading the source…">
            <RawSource message={message} />
          </OnDemand>
        ) : null}
        {!showSource && mode === 'html' && sanitized ? (
          <MessageFrame document={sanitized.html} allowRemote={allowRemote} />
        ) : null}
        {!showSource && mode === 'plain' ? (
          <pre className="message__plain" tabIndex={0} aria-label="Message text" data-testid="reader-plain">
            {view.text}
          </pre>
        ) : null}
        {!showSource && mode === 'none' ? (
          <div className="reader__state">
            <Notice
              tone="info"
              live="none"
              title="This message has no text or HTML body."
              hint={files.length ? 'Its content is in the attachments above.' : undefined}
            />
          </div>
        ) : null}
      </div>
    </article>
  );
}

const COLLAPSE_AFTER = 3;

function RecipientRow({ label, addresses }: { label: string; addresses: readonly Address[] }) {
  const [expanded, setExpanded] = useState(false);
  if (addresses.length === 0) return null;
  const long = addresses.length > COLLAPSE_AFTER + 1;
  const shown = long && !expanded ? addresses.slice(0, COLLAPSE_AFTER) : addresses;
  return (
    <div className="recipient-row">
      <dt>{label}</dt>
      <dd>
        <AddressList addresses={shown} />
        {long ? (
          <button
            type="button"
            className="link-button"
            aria-expanded={expanded}
            onClick={() => setExpanded(!expanded)}
          >
            {expanded ? 'Show less' : `and ${addresses.length - COLLAPSE_AFTER} more`}
          </button>
        ) : null}
      </dd>
    </div>
  );
}

function AddressList({
  addresses,
  emphasiseName = false,
}: {
  addresses: readonly Address[];
  emphasiseName?: boolean;
}) {
  return (
    <>
      {addresses.map((address, index) => (
        <span key={index} className="address">
          {address.name ? (
            <bdi className={emphasiseName ? 'address__name address__name--strong' : 'address__name'}>
              {address.name}
            </bdi>
          ) : null}
          {address.address ? (
            <span className={address.name ? 'address__email' : 'address__email address__email--alone'}>
              {address.name ? `<${address.address}>` : address.address}
            </span>
          ) : null}
          {index < addresses.length - 1 ? <span className="address__sep">, </span> : null}
        </span>
      ))}
    </>
  );
}

const AVATAR_HUES = [210, 340, 160, 30, 265, 190, 0, 120, 290, 45];

/** Initials on a colour derived from the address, so the same sender always looks the same. */
function Avatar({ from }: { from: Address | undefined }) {
  const source = from?.name.trim() || from?.address.trim() || '?';
  const words = source
    .replace(/[<>"@._-]/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
  const first = (word: string | undefined) => Array.from(word ?? '')[0] ?? '';
  const initials = (
    words.length > 1 ? first(words[0]) + first(words[1]) : Array.from(source).slice(0, 2).join('')
  ).toUpperCase();
  let hash = 0;
  for (const ch of from?.address ?? source) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  const hue = AVATAR_HUES[hash % AVATAR_HUES.length] ?? 210;
  return (
    <span className="avatar" aria-hidden="true" style={{ backgroundColor: `hsl(${hue} 42% 38%)` }}>
      {initials}
    </span>
  );
}

/** A file name for "Save as .eml" from the subject: readable, and nothing a file system refuses. */
function emlName(subject: string): string {
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
  return `${/^(con|prn|aux|nul|com\d|lpt\d)$/i.test(base) ? `_${base}` : base || 'message'}.eml`;
}
