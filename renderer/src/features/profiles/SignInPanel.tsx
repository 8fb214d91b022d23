import { useEffect, useId, useRef, useState } from 'react';
import type { ErrorInfo } from '../../../../shared/errors';
import type {
  KeychainStatus,
  ProfileSummary,
  SignedInAccount,
  SignInFlow,
  SignInMethod,
} from '../../../../shared/model';
import { useApi } from '../../api-context';
import { CopyButton } from '../../components/CopyButton';
import { ConfirmModal } from '../../components/ConfirmModal';
import { ErrorNotice, Spinner } from '../../components/Notice';
import { ExternalIcon, PersonIcon, SignOutIcon } from '../../components/icons';
import { useNow } from '../../components/use-now';

/**
 * A delegated profile's sign-in: who is signed in, and the way to sign in (the system browser, or
 * a code entered on any device) or out. The engine does the work; this shows each step of it, and
 * cancels a sign-in still running when the page goes away.
 */

type Step =
  | { kind: 'idle' }
  | { kind: 'starting'; method: SignInMethod }
  | { kind: 'waiting'; flow: SignInFlow }
  | { kind: 'signing-out' };

interface SignInPanelProps {
  profile: ProfileSummary;
  /** Other profiles that use the same sign-in (same tenant, app and cloud). */
  sharedWith: readonly ProfileSummary[];
  keychain: KeychainStatus | null;
  /** The sign-in changed: reload the profiles so every page shows it. */
  onChanged: () => void;
}

export function SignInPanel({ profile, sharedWith, keychain, onChanged }: SignInPanelProps) {
  const api = useApi();
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [confirmSignOut, setConfirmSignOut] = useState(false);
  /** The account a sign-in just returned, until the reloaded profile carries it. */
  const [justSignedIn, setJustSignedIn] = useState<SignedInAccount | null>(null);
  const running = useRef<string | null>(null);
  /** The flow the person cancelled here: its "cancelled" ending needs no explanation. */
  const cancelledHere = useRef<string | null>(null);
  const mounted = useRef(true);
  const titleId = useId();

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      // Leaving the page ends a sign-in nobody is watching any more.
      if (running.current) void api.invoke('auth.cancel', { flowId: running.current });
    };
  }, [api]);

  const account = profile.signIn?.account ?? justSignedIn;

  const signIn = async (method: SignInMethod) => {
    setError(null);
    setJustSignedIn(null);
    setStep({ kind: 'starting', method });
    const started = await api.invoke('auth.start', { profileId: profile.id, method });
    if (!mounted.current) return;
    if (!started.ok) {
      setError(started.error);
      setStep({ kind: 'idle' });
      return;
    }
    running.current = started.value.flowId;
    setStep({ kind: 'waiting', flow: started.value });
    const ended = await api.invoke('auth.wait', { flowId: started.value.flowId });
    if (running.current === started.value.flowId) running.current = null;
    if (!mounted.current) return;
    setStep({ kind: 'idle' });
    if (ended.ok) setJustSignedIn(ended.value.account);
    else if (cancelledHere.current !== started.value.flowId) setError(ended.error);
    onChanged();
  };

  const cancel = () => {
    if (step.kind !== 'waiting') return;
    cancelledHere.current = step.flow.flowId;
    void api.invoke('auth.cancel', { flowId: step.flow.flowId });
  };

  const signOut = async () => {
    setConfirmSignOut(false);
    setError(null);
    setStep({ kind: 'signing-out' });
    const result = await api.invoke('auth.signOut', { profileId: profile.id });
    if (!mounted.current) return;
    setStep({ kind: 'idle' });
    setJustSignedIn(null);
    if (!result.ok) setError(result.error);
    onChanged();
  };

  const openPage = (url: string) => {
    void api.invoke('links.open', { url }).then((result) => {
      if (!result.ok && mounted.current) setError(result.error);
    });
  };

  const inKeychain = keychain?.available && !keychain.message;
  const busy = step.kind !== 'idle';
  const state =
    step.kind === 'waiting' ? `waiting-${step.flow.method}` : account ? 'signed-in' : 'signed-out';

  return (
    <section className="sign-in" aria-labelledby={titleId} data-testid="sign-in-panel" data-state={state}>
      <div className="sign-in__header">
        <PersonIcon className="sign-in__icon" />
        <h3 id={titleId} className="sign-in__title">
          Your sign-in
        </h3>
      </div>

      {step.kind === 'waiting' && step.flow.method === 'browser' ? (
        <BrowserStep flow={step.flow} onOpen={openPage} onCancel={cancel} />
      ) : step.kind === 'waiting' && step.flow.method === 'device-code' ? (
        <DeviceCodeStep flow={step.flow} onOpen={openPage} onCancel={cancel} />
      ) : account ? (
        <>
          <p className="sign-in__who" data-testid="signed-in-as">
            Signed in as {account.name ? <strong>{account.name}</strong> : null}{' '}
            <span className="sign-in__username">{account.username}</span>
          </p>
          <p className="sign-in__text">
            Mailscope opens {profile.mailbox} with this account; it refreshes the sign-in by itself.
            {sharedWith.length
              ? ` The same sign-in opens ${sharedWith.map((p) => p.name).join(', ')}.`
              : ''}{' '}
            {inKeychain
              ? 'The sign-in is kept in this computer’s keychain.'
              : 'The sign-in is kept in memory for this session only.'}
          </p>
          <div className="sign-in__actions">
            <button type="button" className="button" onClick={() => setConfirmSignOut(true)} disabled={busy}>
              {step.kind === 'signing-out' ? <Spinner size={14} /> : <SignOutIcon />}
              Sign out
            </button>
            <button type="button" className="button" onClick={() => void signIn('browser')} disabled={busy}>
              Use another account
            </button>
          </div>
        </>
      ) : (
        <>
          <p className="sign-in__text" data-testid="signed-out">
            Nobody is signed in. Mailscope opens {profile.mailbox} with your own Microsoft 365 account, which
            needs FullAccess on it. Sign in once: every mailbox of this app registration shares the sign-in.
          </p>
          <div className="sign-in__actions">
            <button
              type="button"
              className="button button--primary"
              onClick={() => void signIn('browser')}
              disabled={busy}
            >
              {step.kind === 'starting' && step.method === 'browser' ? (
                <Spinner size={14} />
              ) : (
                <ExternalIcon />
              )}
              Sign in with browser
            </button>
            <button
              type="button"
              className="button"
              onClick={() => void signIn('device-code')}
              disabled={busy}
            >
              {step.kind === 'starting' && step.method === 'device-code' ? <Spinner size={14} /> : null}
              Use a code instead
            </button>
          </div>
        </>
      )}

      {error ? <ErrorNotice error={error} testId="sign-in-error" /> : null}

      {confirmSignOut && account ? (
        <ConfirmModal
          title={`Sign out ${account.username}?`}
          confirmLabel="Sign out"
          onConfirm={() => void signOut()}
          onCancel={() => setConfirmSignOut(false)}
          destructive
          testId="sign-out-dialog"
        >
          <p className="confirm__text">
            Mailscope removes the account and its tokens from the keychain and closes the mailboxes it opened.
            {sharedWith.length
              ? ` ${sharedWith.map((p) => p.name).join(', ')} ${sharedWith.length === 1 ? 'uses' : 'use'} this sign-in too and will ask you to sign in again.`
              : ''}{' '}
            Nothing changes in Microsoft 365.
          </p>
        </ConfirmModal>
      ) : null}
    </section>
  );
}

interface StepProps<M extends SignInFlow['method']> {
  flow: SignInFlow & { method: M };
  onOpen: (url: string) => void;
  onCancel: () => void;
}

/** What both ways of signing in end with: the page again, its link to copy, and Cancel. */
function StepActions({
  url,
  openLabel,
  onOpen,
  onCancel,
}: { url: string; openLabel: string } & Omit<StepProps<SignInFlow['method']>, 'flow'>) {
  return (
    <div className="sign-in__actions">
      <button type="button" className="button" onClick={() => onOpen(url)}>
        <ExternalIcon />
        {openLabel}
      </button>
      <CopyButton text={url} label="Copy link" />
      <button type="button" className="button" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}

function BrowserStep({ flow, ...actions }: StepProps<'browser'>) {
  return (
    <div className="sign-in__step" data-testid="sign-in-browser">
      <Spinner label="Waiting for you to sign in in your browser…" />
      <p className="sign-in__text">
        {flow.browserOpened
          ? 'A sign-in page opened in your default browser. Sign in there; Mailscope continues by itself. If no page appeared, open the link yourself.'
          : 'Mailscope could not open a browser. Open this link in a browser on this computer to sign in:'}
      </p>
      <div className="sign-in__link">
        <code className="sign-in__url" data-testid="sign-in-url">
          {flow.url}
        </code>
      </div>
      <StepActions url={flow.url} openLabel="Open again" {...actions} />
    </div>
  );
}

function DeviceCodeStep({ flow, ...actions }: StepProps<'device-code'>) {
  const now = useNow(1000);
  const left = Math.max(0, Math.round((Date.parse(flow.expiresAt) - now.getTime()) / 1000));
  return (
    <div className="sign-in__step" data-testid="sign-in-device-code">
      <p className="sign-in__text">
        On this computer or any other device, open <span className="sign-in__username">{flow.url}</span> and
        enter this code, then sign in with your work account:
      </p>
      <div className="sign-in__code-row">
        <output className="sign-in__code" data-testid="device-code" aria-label="Sign-in code">
          {flow.userCode}
        </output>
        <CopyButton text={flow.userCode} label="Copy code" testId="copy-code" />
      </div>
      <p className="sign-in__countdown" data-testid="device-code-countdown" aria-live="off">
        {left > 0 ? `The code expires in ${formatCountdown(left)}.` : 'The code has expired.'}
      </p>
      <Spinner label="Waiting for you to enter the code…" />
      <StepActions url={flow.url} openLabel="Open the page" {...actions} />
    </div>
  );
}

function formatCountdown(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  return `${minutes}:${String(seconds % 60).padStart(2, '0')}`;
}
