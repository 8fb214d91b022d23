import { type FormEvent, useId, useRef, useState } from 'react';
import { type LookupTarget, type MailboxFinding, MessageIdInput } from '../../../../shared/find';
import type { Envelope, ProfileSummary, SourceSummary } from '../../../../shared/model';
import { CheckCircleIcon, SkipCircleIcon, WarningIcon } from '../../components/icons';
import { Modal } from '../../components/Modal';
import { ErrorNotice, Spinner } from '../../components/Notice';
import { TextField } from '../../components/TextField';
import { useField } from '../../components/use-field';
import type { EventSource } from '../../lib/event-source';
import { formatCount, formatFullDate, plural, subjectLabel } from '../../components/format';
import { useMessageIdLookup } from './use-message-id-lookup';
import './find.css';

/** Where a found message is, for the app to show it. */
export interface FoundMessage {
  sourceId: string;
  profileId: string | null;
  folderId: string;
  envelope: Envelope;
}

interface MessageIdDialogProps {
  profiles: readonly ProfileSummary[];
  /** Sources open now; local ones (files, Maildir, the sample) can be searched too. */
  sources: readonly SourceSummary[];
  onClose: () => void;
  onShow: (found: FoundMessage) => void;
  events?: EventSource;
}

const REMOTE = new Set(['imap', 'pop3']);

/**
 * Find by Message-ID: paste an id (angle brackets or not), choose the mailboxes, and see for each
 * where the message is and that it is in none of its other folders, or why it could not be looked
 * at. Shared mailboxes are opened as needed; every folder is searched within each one's budget.
 */
export function MessageIdDialog({ profiles, sources, onClose, onShow, events }: MessageIdDialogProps) {
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const messageId = useField('');
  const [inputError, setInputError] = useState<string | undefined>();
  const local = sources.filter((source) => !REMOTE.has(source.kind));
  const choices = [
    ...profiles.map((p) => ({
      key: `p:${p.id}`,
      label: p.name,
      target: { profileId: p.id } as LookupTarget,
    })),
    ...local.map((s) => ({ key: `s:${s.id}`, label: s.name, target: { sourceId: s.id } as LookupTarget })),
  ];
  const [unchecked, setUnchecked] = useState<ReadonlySet<string>>(() => new Set());
  const lookup = useMessageIdLookup(events);
  const { state } = lookup;
  const chosen = choices.filter((choice) => !unchecked.has(choice.key));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = MessageIdInput.safeParse(messageId.value);
    if (!parsed.success) {
      setInputError(parsed.error.issues[0]?.message);
      inputRef.current?.focus();
      return;
    }
    setInputError(undefined);
    if (chosen.length > 0)
      void lookup.find(
        parsed.data,
        chosen.map((choice) => choice.target),
      );
  };

  return (
    <Modal
      title="Find by Message-ID"
      description="Looks in every folder of the mailboxes you choose, on the server where there is one. Nothing is changed."
      onClose={onClose}
      initialFocus={inputRef}
      testId="message-id-dialog"
      className="message-id-dialog"
    >
      <form className="message-id-dialog__form" onSubmit={submit} noValidate>
        <TextField
          id={`${id}-message-id`}
          name="messageId"
          label="Message-ID"
          {...messageId}
          inputRef={inputRef}
          placeholder="<1234.5678@contoso.com>"
          help="From a message's headers, with or without the angle brackets."
          {...(inputError ? { error: inputError } : {})}
        />
        <fieldset className="message-id-dialog__targets" data-testid="message-id-targets">
          <legend>Look in</legend>
          {choices.length === 0 ? (
            <p className="field-help">Add a shared mailbox or open local mail first.</p>
          ) : null}
          {choices.map((choice) => (
            <label key={choice.key} className="message-id-dialog__target">
              <input
                type="checkbox"
                checked={!unchecked.has(choice.key)}
                onChange={(event) =>
                  setUnchecked((prev) => {
                    const next = new Set(prev);
                    if (event.target.checked) next.delete(choice.key);
                    else next.add(choice.key);
                    return next;
                  })
                }
              />
              {choice.label}
            </label>
          ))}
        </fieldset>
        <div className="message-id-dialog__actions">
          <p className="message-id-dialog__progress" role="status" data-testid="message-id-progress">
            {state.running
              ? state.folders === null
                ? 'Opening mailboxes…'
                : `${formatCount(state.done)} of ${plural(state.folders, 'folder', 'folders')} searched`
              : state.result?.cancelled
                ? 'Stopped before every folder was searched.'
                : ''}
          </p>
          {state.running ? <Spinner size={14} /> : null}
          {state.running ? (
            <button type="button" className="button" onClick={lookup.cancel}>
              Stop
            </button>
          ) : (
            <button type="submit" className="button button--primary" disabled={chosen.length === 0}>
              Find
            </button>
          )}
        </div>
      </form>
      {state.error ? <ErrorNotice error={state.error} /> : null}
      {state.result ? (
        <ul className="message-id-findings" data-testid="message-id-findings" aria-label="Where it is">
          {state.result.mailboxes.map((mailbox, index) => (
            <Finding
              key={`${mailbox.profileId ?? mailbox.sourceId ?? ''}-${index}`}
              mailbox={mailbox}
              onShow={onShow}
            />
          ))}
        </ul>
      ) : null}
    </Modal>
  );
}

function Finding({ mailbox, onShow }: { mailbox: MailboxFinding; onShow: (found: FoundMessage) => void }) {
  const found = mailbox.found.length > 0;
  const elsewhere = mailbox.folders - mailbox.found.length - mailbox.failed.length;
  return (
    <li
      className={`message-id-finding${found ? ' message-id-finding--found' : ''}`}
      data-testid="message-id-finding"
    >
      <h3 className="message-id-finding__title">
        {mailbox.error ? (
          <WarningIcon aria-hidden="true" />
        ) : found ? (
          <CheckCircleIcon aria-hidden="true" />
        ) : (
          <SkipCircleIcon aria-hidden="true" />
        )}
        {mailbox.name}
        {mailbox.error
          ? ': could not be searched'
          : found
            ? `: found in ${plural(mailbox.found.length, 'place', 'places')}`
            : ': not found'}
      </h3>
      {mailbox.error ? <ErrorNotice compact error={mailbox.error} /> : null}
      {found ? (
        <ul className="message-id-finding__where">
          {mailbox.found.map((place) => (
            <li key={`${place.folderId}\u0000${place.envelope.id}`}>
              <strong dir="auto">{place.folderPath}</strong>: {subjectLabel(place.envelope.subject)} (
              {formatFullDate(place.envelope.date)})
              <button
                type="button"
                className="link-button"
                onClick={() =>
                  mailbox.sourceId &&
                  onShow({
                    sourceId: mailbox.sourceId,
                    profileId: mailbox.profileId,
                    folderId: place.folderId,
                    envelope: place.envelope,
                  })
                }
              >
                Show
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {!mailbox.error ? (
        <p className="message-id-finding__note">
          {found
            ? `Not in its other ${plural(Math.max(0, elsewhere), 'folder', 'folders')}.`
            : `Not in any of its ${plural(mailbox.folders, 'folder', 'folders')}.`}
        </p>
      ) : null}
      {mailbox.failed.length > 0 ? (
        <p className="message-id-finding__note" data-testid="message-id-failed">
          Could not search {mailbox.failed.map((f) => `${f.folderPath} (${f.error.message})`).join(', ')}.
        </p>
      ) : null}
    </li>
  );
}
