import type { ErrorInfo } from '../../../../shared/errors';
import type { ProfileSummary } from '../../../../shared/model';
import { ErrorNotice, Notice, Spinner } from '../../components/Notice';
import { DownloadIcon, PlusIcon, UploadIcon } from '../../components/icons';
import { formatFullDate } from '../../components/format';
import { PROTOCOL_LABELS } from './draft-form';
import { ImportButton } from './ImportButton';
import './profiles.css';

/**
 * The sidebar's "Shared mailboxes": each profile with its protocol and the state of its last
 * connection test, the way to add one, and export / import of the whole set (never with secrets).
 */

type ConnectionState = 'untested' | 'ok' | 'failed' | 'missing' | 'signed-out';

export function connectionState(profile: ProfileSummary): { state: ConnectionState; label: string } {
  if (!profile.secretStored)
    return { state: 'missing', label: 'Secret missing: edit the mailbox to enter it.' };
  if (profile.signIn && !profile.signIn.account)
    return { state: 'signed-out', label: 'Not signed in: open the mailbox’s page to sign in.' };
  const who = profile.signIn?.account ? `Signed in as ${profile.signIn.account.username}. ` : '';
  if (!profile.lastCheck) return { state: 'untested', label: `${who}Not tested in this session.` };
  const when = formatFullDate(profile.lastCheck.at);
  return profile.lastCheck.status === 'ok'
    ? { state: 'ok', label: `${who}Connection OK (${when}). ${profile.lastCheck.summary}` }
    : { state: 'failed', label: `${who}Connection failed (${when}). ${profile.lastCheck.summary}` };
}

const STATE_TEXT: Record<ConnectionState, string> = {
  untested: 'untested',
  ok: 'connected',
  failed: 'failed',
  missing: 'secret missing',
  'signed-out': 'not signed in',
};

interface ProfileListProps {
  profiles: readonly ProfileSummary[];
  activeId: string | null;
  onSelect: (id: string) => void;
  onAdd: () => void;
  notices: readonly { key: string; notice: ErrorInfo }[];
  onDismissNotice: (key: string) => void;
  loadError: ErrorInfo | null;
  onRetryLoad: () => void;
  onExport: () => void;
  onImportFile: (file: File) => void;
  transfer: { busy: 'export' | 'import' | null; error: ErrorInfo | null };
  onDismissTransferError: () => void;
}

export function ProfileList(props: ProfileListProps) {
  const { profiles, activeId } = props;
  return (
    <section className="profiles" aria-labelledby="profiles-heading" data-testid="profile-list">
      <div className="profiles__header">
        <h2 id="profiles-heading" className="profiles__title">
          Shared mailboxes
        </h2>
        {props.transfer.busy ? <Spinner size={12} /> : null}
        <ImportButton
          className="icon-button icon-button--small"
          label="Import profiles…"
          title="Import profiles from a file (secrets are never imported)"
          onFile={props.onImportFile}
          disabled={props.transfer.busy !== null}
        >
          <UploadIcon size={14} />
        </ImportButton>
        <button
          type="button"
          className="icon-button icon-button--small"
          aria-label="Export profiles"
          title="Export all profiles to a file, without secrets"
          onClick={props.onExport}
          disabled={props.transfer.busy !== null || profiles.length === 0}
        >
          <DownloadIcon size={14} />
        </button>
      </div>
      {props.notices.map(({ key, notice }) => (
        <Notice
          key={key}
          tone="warning"
          compact
          testId="profiles-notice"
          title={notice.message}
          hint={notice.hint}
          dismissLabel="Dismiss this notice"
          onDismiss={() => props.onDismissNotice(key)}
        />
      ))}
      {props.loadError ? <ErrorNotice compact error={props.loadError} onRetry={props.onRetryLoad} /> : null}
      {props.transfer.error ? (
        <Notice
          tone="error"
          compact
          title={props.transfer.error.message}
          hint={props.transfer.error.hint}
          onDismiss={props.onDismissTransferError}
        />
      ) : null}
      {profiles.length ? (
        <ul className="profiles__list">
          {profiles.map((profile) => {
            const { state, label } = connectionState(profile);
            return (
              <li key={profile.id}>
                <button
                  type="button"
                  className={`profile-item${profile.id === activeId ? ' is-active' : ''}`}
                  aria-current={profile.id === activeId ? 'page' : undefined}
                  onClick={() => props.onSelect(profile.id)}
                  title={`${profile.name}\n${profile.mailbox}\n${label}`}
                  data-testid="profile-item"
                  data-state={state}
                >
                  <span className={`state-dot state-dot--${state}`} aria-hidden="true" />
                  <span className="profile-item__text">
                    <span className="profile-item__name">{profile.name}</span>
                    <span className="profile-item__mailbox">{profile.mailbox}</span>
                  </span>
                  <span className="protocol-badge protocol-badge--small">
                    {PROTOCOL_LABELS[profile.protocol]}
                  </span>
                  <span className="sr-only">, {STATE_TEXT[state]}</span>
                </button>
              </li>
            );
          })}
        </ul>
      ) : null}
      <button type="button" className="sidebar__action profiles__add" onClick={props.onAdd}>
        <PlusIcon />
        Add shared mailbox
      </button>
    </section>
  );
}
