import { type KeyboardEvent, type Ref, useEffect, useImperativeHandle, useRef, useState } from 'react';
import { MAX_ATTACHED_DEPTH } from '../../../../shared/attached';
import { formatBytes } from '../../components/format';
import { MailIcon } from '../../components/icons';
import { ErrorNotice, Notice, Spinner } from '../../components/Notice';
import { lazyNamed } from '../../components/Lazy';
import { PaneBoundary } from '../../components/PaneBoundary';
import { AttachedBreadcrumb, type Crumb } from './AttachedBreadcrumb';
import { type OpenAttached, OpenAttachedProvider } from './attached-context';
import { MessageDisplay } from './MessageDisplay';
import { type ReadingPrefs, useReadingPrefs } from './reader-view';
import { type MessageRef, type SelectedMessage, useMessage } from './use-message';
import { TransferProgressBar } from '../transfers/TransferProgressBar';
import './reader.css';
import './inspection.css';

// The source view is opened on demand (components/Lazy.tsx).
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
  const prefs = useReadingPrefs();
  const regionRef = useRef<HTMLElement>(null);

  useImperativeHandle(handleRef, () => ({ focus: () => regionRef.current?.focus() }), []);
  // F6 pressed while this code was loading left the keyboard on the pane around it (Shell.tsx): take it.
  useEffect(() => {
    const region = regionRef.current;
    if (region && document.activeElement === region.closest('[data-pane]'))
      region.focus({ preventScroll: true });
  }, []);

  return (
    <section className="reader" aria-label="Reader" data-testid="reader" ref={regionRef} tabIndex={-1}>
      {message ? (
        <PaneBoundary resetKey={messageKey(message)} what="this message">
          <LoadedReader
            key={messageKey(message)}
            message={message}
            askAboveBytes={askAboveBytes}
            prefs={prefs}
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
  prefs: ReadingPrefs;
}

function LoadedReader({ message, askAboveBytes = null, prefs }: LoadedReaderProps) {
  const [agreed, setAgreed] = useState(false);
  if (!agreed && askAboveBytes !== null && message.size !== undefined && message.size > askAboveBytes) {
    return <LargeMessagePrompt size={message.size} limit={askAboveBytes} onOpen={() => setAgreed(true)} />;
  }
  return <MessageLevels message={message} prefs={prefs} />;
}

/**
 * The message and the attached messages opened from it, one level over the other. Every level stays
 * mounted while a deeper one shows (hidden), so Back returns to it as it was, without fetching it
 * again; going back unmounts the deeper ones.
 */
function MessageLevels({ message, prefs }: Omit<LoadedReaderProps, 'askAboveBytes'>) {
  const [trail, setTrail] = useState<Crumb[]>([]);
  const [outerLabel, setOuterLabel] = useState('Message');
  const levelsRef = useRef<HTMLDivElement>(null);
  const depth = trail.length;
  // Only the reference travels on: requests are checked strictly and know nothing of sizes.
  const { sourceId, folderId, messageId, size } = message;

  const moved = useRef(false);
  useEffect(() => {
    // The keyboard follows the level the user moved to (the control they used is now hidden or
    // gone): onto Back inside an attached message, or onto the outer message.
    const levels = levelsRef.current;
    if (!levels || !moved.current) return;
    moved.current = false;
    const target =
      depth > 0
        ? levels.querySelector<HTMLElement>('.attached-crumbs__back')
        : levels.querySelector<HTMLElement>('[data-level="0"]');
    target?.focus({ preventScroll: true });
  }, [depth]);

  const goTo = (level: number) => {
    moved.current = true;
    setTrail((current) => current.slice(0, Math.max(0, level)));
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'ArrowLeft' && event.altKey && depth > 0) {
      event.preventDefault();
      goTo(depth - 1);
    }
  };

  return (
    <div className="reader__levels" ref={levelsRef} onKeyDown={onKeyDown}>
      {depth > 0 ? <AttachedBreadcrumb trail={[{ label: outerLabel }, ...trail]} onGo={goTo} /> : null}
      {[null, ...trail].map((_crumb, level) => {
        const attached = trail.slice(0, level).map((crumb) => crumb.partId ?? '');
        const open: OpenAttached | null =
          level === depth && level < MAX_ATTACHED_DEPTH
            ? (partId, label) => {
                moved.current = true;
                setTrail((current) => [...current.slice(0, level), { partId, label }]);
              }
            : null;
        return (
          <div
            key={attached.join('/')}
            className="reader__level"
            data-level={level}
            tabIndex={-1}
            hidden={level !== depth}
          >
            <OpenAttachedProvider value={open}>
              <FetchedReader
                message={{ sourceId, folderId, messageId, ...(level > 0 ? { attached } : {}) }}
                {...(level === 0 && size !== undefined ? { size } : {})}
                {...(level === 0 ? { onSubject: setOuterLabel } : {})}
                prefs={prefs}
              />
            </OpenAttachedProvider>
          </div>
        );
      })}
    </div>
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

interface FetchedReaderProps {
  message: MessageRef;
  size?: number;
  /** Told the subject once the message is read (the breadcrumb names the outer message by it). */
  onSubject?: (subject: string) => void;
  prefs: ReadingPrefs;
}

function FetchedReader({ message, size, onSubject, prefs }: FetchedReaderProps) {
  const [attempt, setAttempt] = useState(0);
  const { result, progress } = useMessage(message, attempt, size);
  const subject = result?.ok ? result.value.subject : null;
  useEffect(() => {
    if (subject !== null) onSubject?.(subject || '(no subject)');
  }, [subject, onSubject]);
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
  return <MessageDisplay view={result.value} message={message} prefs={prefs} />;
}
