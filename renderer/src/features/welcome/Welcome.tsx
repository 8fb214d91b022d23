import type { ReactNode } from 'react';
import type { ErrorInfo } from '../../../../shared/errors';
import { ErrorNotice, Notice, Spinner } from '../../components/Notice';
import { FolderOpenIcon, Logo, SampleIcon, ShieldIcon } from '../../components/icons';
import { MOD_KEY } from '../../lib/keys';
import { ImportButton } from '../profiles/ImportButton';
import './welcome.css';

/** What the user sees with nothing open: what Mailscope is and the three ways in. */

interface WelcomeProps {
  onAddMailbox: () => void;
  /** From the profile store: a file set aside, an upgrade. */
  storeNotices: readonly { key: string; notice: ErrorInfo }[];
  onDismissStoreNotice: (key: string) => void;
  onImportProfiles: (file: File) => void;
  /** Import failed before it reported per entry (unreadable file, say). */
  importError: ErrorInfo | null;
  onOpenSample: () => void;
  onOpenPath: () => void;
  sampleState: { busy: boolean; error: ErrorInfo | null };
  /** The engine did not answer app.getInfo: nothing will work until it does. */
  engineError: ErrorInfo | null;
  onRetryEngine: () => void;
  version: string | null;
}

export function Welcome({
  onAddMailbox,
  storeNotices,
  onDismissStoreNotice,
  onImportProfiles,
  importError,
  onOpenSample,
  onOpenPath,
  sampleState,
  engineError,
  onRetryEngine,
  version,
}: WelcomeProps) {
  return (
    <main className="welcome" data-testid="welcome">
      <div className="welcome__inner">
        <header className="welcome__header">
          <Logo size={56} />
          <h1 className="welcome__title">Mailscope</h1>
          <p className="welcome__tagline">
            A read-only viewer for Exchange Online shared mailboxes: inspect mail, headers and attachments
            without ever changing a thing.
          </p>
        </header>

        {storeNotices.map(({ key, notice }) => (
          <Notice
            key={key}
            tone="warning"
            className="welcome__notice"
            testId="profiles-notice"
            title={notice.message}
            hint={notice.hint}
            dismissLabel="Dismiss this notice"
            onDismiss={() => onDismissStoreNotice(key)}
          />
        ))}

        {engineError ? (
          <ErrorNotice
            error={engineError}
            onRetry={onRetryEngine}
            testId="engine-error"
            className="welcome__notice"
          />
        ) : null}

        <ul className="welcome__actions" aria-label="Get started">
          <WelcomeCard
            icon={<ShieldIcon size={22} />}
            title="Add shared mailbox"
            onClick={onAddMailbox}
            description="A Microsoft 365 shared mailbox over IMAP or POP3 with OAuth 2.0, as an app or signed in as yourself, with a connection test that names what to fix."
          />
          <WelcomeCard
            icon={sampleState.busy ? <Spinner size={20} /> : <SampleIcon size={22} />}
            title={sampleState.busy ? 'Opening sample mailbox…' : 'Open sample mailbox'}
            onClick={onOpenSample}
            disabled={sampleState.busy}
            description="A small mailbox with folders, attachments and tricky messages, to look around."
          />
          <WelcomeCard
            icon={<FolderOpenIcon size={22} />}
            title="Open file or folder…"
            onClick={onOpenPath}
            description={
              <>
                A saved .eml message, an mbox export, or a Maildir folder.{' '}
                <span className="welcome-card__keys">
                  <kbd>{MOD_KEY}</kbd>+<kbd>O</kbd>
                </span>
              </>
            }
          />
        </ul>

        <p className="welcome__import">
          Have a list of shared mailboxes from a colleague?
          <ImportButton className="link-button" onFile={onImportProfiles}>
            Import profiles…
          </ImportButton>
        </p>
        {importError ? <ErrorNotice error={importError} className="welcome__notice" /> : null}

        {sampleState.error ? (
          <ErrorNotice
            error={sampleState.error}
            onRetry={onOpenSample}
            testId="sample-error"
            className="welcome__notice"
          />
        ) : null}

        <p className="welcome__footer">
          Mailscope only reads. It never marks, moves or deletes messages.
          {version ? <span className="welcome__version"> Version {version}</span> : null}
        </p>
      </div>
    </main>
  );
}

/** One way in: a large button with its icon, what it does, and a line about it. */
function WelcomeCard(props: {
  icon: ReactNode;
  title: string;
  description: ReactNode;
  onClick: () => void;
  disabled?: boolean;
}) {
  return (
    <li>
      <button type="button" className="welcome-card" onClick={props.onClick} disabled={props.disabled}>
        <span className="welcome-card__icon">{props.icon}</span>
        <span className="welcome-card__text">
          <span className="welcome-card__title">{props.title}</span>
          <span className="welcome-card__desc">{props.description}</span>
        </span>
      </button>
    </li>
  );
}
