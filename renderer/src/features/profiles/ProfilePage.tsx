import { useCallback, useEffect, useRef, useState } from 'react';
import type { ErrorInfo, Result } from '../../../../shared/errors';
import type { KeychainStatus, ProfileSummary, SourceSummary } from '../../../../shared/model';
import { CLOUD_ENDPOINTS } from '../../../../shared/profile';
import { useApi } from '../../api-context';
import { ConfirmModal } from '../../components/ConfirmModal';
import { ErrorNotice, Notice, Spinner } from '../../components/Notice';
import { ToggleButton } from '../../components/ToggleButton';
import { BookIcon, CopyIcon, EditIcon, FolderOpenIcon, PlayIcon, TrashIcon } from '../../components/icons';
import { DiagnosticsPanel, type DiagnosticsState } from '../diagnostics/DiagnosticsPanel';
import { CLOUD_LABELS, PROTOCOL_LABELS } from './draft-form';
import { SetupGuide } from './SetupGuide';
import { SignInPanel } from './SignInPanel';
import './profiles.css';

/**
 * One shared mailbox: its settings, a connection test, the admin's setup guide, and edit /
 * duplicate / remove, and Open mailbox to browse it read-only over IMAP or POP3.
 */

export type ProfileView = 'overview' | 'setup';

interface ProfilePageProps {
  profile: ProfileSummary;
  /** Delegated profiles: the other profiles that share this one's sign-in. */
  sharedWith: readonly ProfileSummary[];
  keychain: KeychainStatus | null;
  view: ProfileView;
  onView: (view: ProfileView) => void;
  /** Run the connection test as soon as the page opens (just after the wizard saved it). */
  autoTest: boolean;
  onAutoTested: () => void;
  onEdit: () => void;
  onDuplicated: (profile: ProfileSummary) => void;
  onRemoved: (id: string) => void;
  /** Something changed on the engine side (a test result): reload the list. */
  onChanged: () => void;
  /** The mailbox opened over IMAP/POP3: show it like any other source. */
  onOpened: (source: SourceSummary) => void;
}

export function ProfilePage(props: ProfilePageProps) {
  const api = useApi();
  const { profile, view, onView, onChanged } = props;
  const { autoTest, onAutoTested } = props;
  // A page opened to test at once starts in the running state, so the effect below only awaits.
  const [diagnostics, setDiagnostics] = useState<DiagnosticsState>(() =>
    autoTest ? { kind: 'running' } : { kind: 'idle' },
  );
  const [busy, setBusy] = useState<'open' | 'duplicate' | 'remove' | null>(null);
  const [actionError, setActionError] = useState<ErrorInfo | null>(null);
  const [confirmRemove, setConfirmRemove] = useState(false);

  const execute = useCallback(async () => {
    const result = await api.invoke('diagnostics.run', { profileId: profile.id });
    setDiagnostics(
      result.ok ? { kind: 'done', report: result.value } : { kind: 'error', error: result.error },
    );
    onChanged();
  }, [api, profile.id, onChanged]);

  const test = () => {
    onView('overview');
    setDiagnostics({ kind: 'running' });
    void execute();
  };

  const autoStarted = useRef(false);
  useEffect(() => {
    if (!autoTest || autoStarted.current) return;
    autoStarted.current = true;
    onAutoTested();
    void execute();
  }, [autoTest, onAutoTested, execute]);

  /** One of the page's actions: the button spins while it runs, and a failure shows under them. */
  const act = async <T,>(
    kind: NonNullable<typeof busy>,
    run: () => Promise<Result<T>>,
    onDone: (value: T) => void,
  ) => {
    setBusy(kind);
    setActionError(null);
    const result = await run();
    setBusy(null);
    if (result.ok) onDone(result.value);
    else setActionError(result.error);
  };

  const openMailbox = () =>
    act('open', () => api.invoke('sources.openProfile', { profileId: profile.id }), props.onOpened);

  const duplicate = () =>
    act('duplicate', () => api.invoke('profiles.duplicate', { id: profile.id }), props.onDuplicated);

  const remove = () =>
    act(
      'remove',
      async () => {
        const result = await api.invoke('profiles.remove', { id: profile.id });
        setConfirmRemove(false);
        // Gone already (removed in another window): what removing wanted.
        return !result.ok && result.error.code === 'PROFILE_NOT_FOUND'
          ? { ok: true, value: { removed: false } }
          : result;
      },
      () => props.onRemoved(profile.id),
    );

  const cloud = profile.cloud;
  const cloudText =
    cloud.kind === 'custom'
      ? `Custom: ${cloud.authorityHost}, ${cloud.exchangeHost}`
      : `${CLOUD_LABELS[cloud.kind]}`;
  const tlsText = profile.server.tlsMode === 'implicit' ? 'implicit TLS' : 'STARTTLS';
  const credentialText =
    profile.credential === 'certificate'
      ? `Certificate${profile.certificate ? ` (SHA-1 ${profile.certificate.thumbprintSha1.slice(0, 12)}…)` : ''}`
      : profile.credential === 'client-secret'
        ? 'Client secret'
        : 'Delegated: a person signs in';
  const account = profile.signIn?.account ?? null;
  const authority = cloud.kind === 'custom' ? cloud.authorityHost : CLOUD_ENDPOINTS[cloud.kind].authorityHost;

  return (
    <div className="profile-page" data-testid="profile-page">
      <header className="profile-header">
        <div className="profile-header__title">
          <h2 className="profile-header__name" tabIndex={-1} data-testid="profile-name">
            {profile.name}
          </h2>
          <span className="protocol-badge">{PROTOCOL_LABELS[profile.protocol]}</span>
        </div>
        <p className="profile-header__mailbox">{profile.mailbox}</p>
        <dl className="facts profile-facts" data-testid="profile-facts">
          <dt>Tenant</dt>
          <dd className="mono">{profile.tenant}</dd>
          <dt>Client ID</dt>
          <dd className="mono">{profile.clientId}</dd>
          <dt>Cloud</dt>
          <dd title={`Tokens from ${authority}`}>{cloudText}</dd>
          <dt>Server</dt>
          <dd className="mono">
            {profile.server.host}:{profile.server.port}{' '}
            <span className="profile-facts__tls">({tlsText})</span>
          </dd>
          <dt>Credential</dt>
          <dd>
            {credentialText}
            {!profile.secretStored ? (
              <span className="state-pill state-pill--missing">secret missing</span>
            ) : null}
          </dd>
          {profile.credential === 'delegated' ? (
            <>
              <dt>Sign-in</dt>
              <dd data-testid="profile-signed-in">
                {account ? (
                  <>
                    {account.name ? `${account.name} ` : ''}
                    <span className="mono">{account.username}</span>
                  </>
                ) : (
                  <span className="state-pill state-pill--missing">not signed in</span>
                )}
              </dd>
            </>
          ) : null}
          {profile.proxy ? (
            <>
              <dt>Proxy</dt>
              <dd className="mono">{profile.proxy}</dd>
            </>
          ) : null}
        </dl>
        <div className="profile-actions" role="toolbar" aria-label="Mailbox actions">
          <button
            type="button"
            className="button button--primary"
            onClick={() => void openMailbox()}
            disabled={busy !== null}
          >
            {busy === 'open' ? <Spinner size={14} /> : <FolderOpenIcon />}
            {busy === 'open' ? 'Opening…' : 'Open mailbox'}
          </button>
          <button type="button" className="button" onClick={test} disabled={diagnostics.kind === 'running'}>
            {diagnostics.kind === 'running' ? <Spinner size={14} /> : <PlayIcon />}
            Test connection
          </button>
          <button type="button" className="button" onClick={props.onEdit}>
            <EditIcon />
            Edit
          </button>
          <button type="button" className="button" onClick={() => void duplicate()} disabled={busy !== null}>
            {busy === 'duplicate' ? <Spinner size={14} /> : <CopyIcon />}
            Duplicate
          </button>
          <ToggleButton
            className="button"
            pressed={view === 'setup'}
            onToggle={(pressed) => onView(pressed ? 'setup' : 'overview')}
          >
            <BookIcon />
            Setup
          </ToggleButton>
          <button
            type="button"
            className="button button--danger"
            onClick={() => setConfirmRemove(true)}
            disabled={busy !== null}
          >
            <TrashIcon />
            Remove
          </button>
        </div>
      </header>

      <div className="profile-body">
        {actionError ? <ErrorNotice error={actionError} testId="profile-action-error" /> : null}
        {cloud.kind === 'custom' && !(profile.credential === 'delegated' ? account : profile.secretStored) ? (
          // Before first use only: an imported profile can name any host as its authority.
          <Notice
            tone="warning"
            live="none"
            testId="custom-cloud-warning"
            title={
              <>
                This mailbox signs in at <span data-testid="custom-cloud-host">{authority}</span>, not at
                Microsoft.
              </>
            }
            hint={`Its cloud is Custom, so ${profile.credential === 'delegated' ? 'your sign-in' : 'the secret you enter'} goes to that host. Go on only if you know and trust it.`}
          />
        ) : null}
        {!profile.secretStored && profile.credential !== 'delegated' ? (
          <Notice
            tone="warning"
            live="none"
            testId="secret-missing"
            title="No secret or certificate is stored for this mailbox."
            hint="Edit it and enter its client secret or certificate. Imported profiles never carry secrets."
            actions={
              <button type="button" className="button" onClick={props.onEdit}>
                Enter the secret
              </button>
            }
          />
        ) : null}
        {view === 'setup' ? (
          <SetupGuide profile={profile} />
        ) : (
          <>
            {profile.credential === 'delegated' ? (
              <SignInPanel
                profile={profile}
                sharedWith={props.sharedWith}
                keychain={props.keychain}
                onChanged={onChanged}
              />
            ) : null}
            <DiagnosticsPanel state={diagnostics} onRun={test} />
          </>
        )}
      </div>

      {confirmRemove ? (
        <ConfirmModal
          title={`Remove ${profile.name}?`}
          confirmLabel="Remove"
          onConfirm={() => void remove()}
          onCancel={() => setConfirmRemove(false)}
          destructive
          busy={busy === 'remove'}
          testId="remove-dialog"
        >
          <p className="confirm__text">
            {profile.credential === 'delegated'
              ? `Mailscope forgets this mailbox’s settings.${
                  props.sharedWith.length === 0 && account
                    ? ` No other mailbox uses the sign-in of ${account.username}, so it is removed from the keychain too.`
                    : ''
                }`
              : `Mailscope forgets this mailbox’s settings and removes its ${
                  profile.credential === 'certificate' ? 'certificate key' : 'client secret'
                } from the keychain too.`}{' '}
            Nothing changes in Microsoft 365 or in the mailbox itself.
          </p>
        </ConfirmModal>
      ) : null}
    </div>
  );
}
