import { useId, useMemo, useRef, useState } from 'react';
import type { MessageView } from '../../../../shared/model';
import { useSettings } from '../../lib/settings';
import { lazyNamed, OnDemand } from '../../components/Lazy';
import { Notice } from '../../components/Notice';
import { AttachmentList } from './AttachmentList';
import { CalendarCard } from './CalendarCard';
import { MessageFrame } from './MessageFrame';
import { MessageHeader } from './MessageHeader';
import { MessageToolbar } from './MessageToolbar';
import { RemoteAllowedNote, RemoteBanner, senderPolicy } from './RemoteBanner';
import { sanitizeMessageHtml } from './sanitize-html';
import type { MessageRef } from './use-message';
import { useSave } from './use-save';
import { chooseBody, type ReadingPrefs, useMessageViewState } from './reader-view';
import { useAnalysis } from '../triage/use-analysis';
import { VerdictLine } from '../triage/VerdictLine';
import '../triage/triage.css';

// The inspection tabs, the links list and the source view are opened on demand (components/Lazy.tsx).
const InspectionPanel = lazyNamed(() => import('./InspectionPanel'), 'InspectionPanel');
const LinksPanel = lazyNamed(() => import('./LinksPanel'), 'LinksPanel');
const RawSource = lazyNamed(() => import('./RawSource'), 'RawSource');

/**
 * One fetched message: header, toolbar, notices, attachments, the remote-content choice and the
 * body. What the user allowed here (remote content) and opened here (links, source) is per message:
 * the reader keys this component by message.
 */
export function MessageDisplay({
  view,
  message,
  prefs,
}: {
  view: MessageView;
  message: MessageRef;
  prefs: ReadingPrefs;
}) {
  const settings = useSettings();
  const policy = senderPolicy(view, settings.remoteSenders);
  const { sender, senderAllowed } = policy;
  const [allowedHere, setAllowRemote] = useState(false);
  const allowRemote = allowedHere || senderAllowed;
  const { save, ui: saveUi } = useSave();
  const state = useMessageViewState(prefs);
  const subjectId = useId();
  const analysis = useAnalysis(message, view.size);
  const bodyRef = useRef<HTMLDivElement>(null);
  const body = chooseBody(view, prefs.preferPlain);
  const { mode } = body;
  const html = view.html;
  const sanitized = useMemo(
    () =>
      mode === 'html' && html !== null
        ? sanitizeMessageHtml(html, { allowRemote, inlineImages: view.inlineImages })
        : null,
    [mode, html, allowRemote, view.inlineImages],
  );
  const files = view.attachments.filter((attachment) => !attachment.inline);
  // The banner and its buttons go away: keep the keyboard in the message, on its body.
  const focusBody = () => setTimeout(() => bodyRef.current?.querySelector<HTMLElement>('iframe')?.focus(), 0);

  return (
    <article className="message" role="document" aria-labelledby={subjectId}>
      <div className="message__top">
        <VerdictLine state={analysis} size={view.size} onClaim={(claim) => state.showHeader(claim.header)} />
        <MessageHeader view={view} subjectId={subjectId} />

        <MessageToolbar
          view={view}
          message={message}
          body={body}
          state={state}
          linkCount={sanitized ? sanitized.links.length : 0}
          save={save}
        />

        {saveUi}
        {state.showHeaders ? (
          <OnDemand label="Loading message details…">
            <InspectionPanel view={view} message={message} save={save} analysis={analysis} state={state} />
          </OnDemand>
        ) : null}
        {state.showLinks && sanitized ? (
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
          <RemoteBanner
            policy={policy}
            remoteCount={sanitized.remoteCount}
            remoteSenders={settings.remoteSenders}
            onAllow={() => setAllowRemote(true)}
            onDone={focusBody}
          />
        ) : null}
        {sanitized && sanitized.remoteCount > 0 && senderAllowed && !allowedHere ? (
          <RemoteAllowedNote sender={sender} remoteSenders={settings.remoteSenders} />
        ) : null}
      </div>

      <div className="message__body" ref={bodyRef}>
        {state.showSource ? (
          <OnDemand label="Loading the source…">
            <RawSource message={message} />
          </OnDemand>
        ) : null}
        {!state.showSource && mode === 'html' && sanitized ? (
          <MessageFrame document={sanitized.html} allowRemote={allowRemote} />
        ) : null}
        {!state.showSource && mode === 'plain' ? (
          <pre className="message__plain" tabIndex={0} aria-label="Message text" data-testid="reader-plain">
            {view.text}
          </pre>
        ) : null}
        {!state.showSource && mode === 'none' ? (
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
