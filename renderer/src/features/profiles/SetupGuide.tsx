import { useEffect, useId, useState } from 'react';
import type { ErrorInfo } from '../../../../shared/errors';
import type { ProfileSummary } from '../../../../shared/model';
import { api } from '../../api';
import { ErrorNotice, Spinner } from '../../components/Notice';
import { CheckCircleIcon, CopyIcon } from '../../components/icons';

/**
 * The Microsoft 365 side for this profile (docs/admin-setup.md with its values filled in), and the
 * Exchange Online PowerShell to hand to an administrator. Mailscope shows the script; it never runs it.
 */

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function SetupGuide({ profile }: { profile: ProfileSummary }) {
  const [objectId, setObjectId] = useState('');
  const [script, setScript] = useState<{ text: string | null; error: ErrorInfo | null }>({
    text: null,
    error: null,
  });
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle');
  const objectIdInput = useId();
  const permission = profile.protocol === 'imap' ? 'IMAP.AccessAsApp' : 'POP.AccessAsApp';
  const trimmed = objectId.trim();
  const objectIdInvalid = trimmed !== '' && !GUID.test(trimmed);

  useEffect(() => {
    let live = true;
    const timer = setTimeout(async () => {
      const result = await api.invoke('profiles.adminScript', {
        id: profile.id,
        ...(trimmed && !objectIdInvalid ? { servicePrincipalObjectId: trimmed } : {}),
      });
      if (!live) return;
      setScript(
        result.ok ? { text: result.value.powershell, error: null } : { text: null, error: result.error },
      );
      setCopied('idle');
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [profile.id, profile.updatedAt, trimmed, objectIdInvalid]);

  const copy = async () => {
    if (!script.text) return;
    try {
      await navigator.clipboard.writeText(script.text);
      setCopied('copied');
    } catch {
      setCopied('failed');
    }
  };

  return (
    <section className="setup" aria-labelledby="setup-title" data-testid="setup-guide">
      <h3 id="setup-title" className="profile-section__title">
        Microsoft 365 setup for {profile.mailbox}
      </h3>
      <p className="setup__intro">
        What an administrator does once, so Mailscope may read this mailbox with app-only access. Done in the
        Entra admin center (steps 1–4) and Exchange Online PowerShell (step 5).
      </p>
      <ol className="setup__steps">
        <li>
          <h4>Register the app</h4>
          <p>
            Entra ID → <strong>App registrations</strong> → New registration: single tenant, no redirect URI.
            Its <strong>Application (client) ID</strong> is <code>{profile.clientId}</code> and the tenant{' '}
            <code>{profile.tenant}</code> in this profile.
          </p>
        </li>
        <li>
          <h4>
            {profile.credential === 'certificate' ? 'Upload the certificate' : 'Create a client secret'}
          </h4>
          {profile.credential === 'certificate' ? (
            <p>
              Certificates &amp; secrets → <strong>Certificates</strong> → Upload certificate (the public .cer
              or .pem only).
              {profile.certificate ? (
                <>
                  {' '}
                  Its thumbprint must be <code>{profile.certificate.thumbprintSha1.toUpperCase()}</code>.
                </>
              ) : null}{' '}
              The private key stays in this computer’s keychain.
            </p>
          ) : (
            <p>
              Certificates &amp; secrets → <strong>Client secrets</strong> → New client secret. Copy its{' '}
              <strong>Value</strong> at once (it is shown only then), not the <strong>Secret ID</strong>: the
              Secret ID is refused with <code>AADSTS7000215</code>.
            </p>
          )}
        </li>
        <li>
          <h4>Add the API permission</h4>
          <p>
            API permissions → Add a permission → <strong>APIs my organization uses</strong> →{' '}
            <strong>Office 365 Exchange Online</strong> → <strong>Application permissions</strong> →{' '}
            <code>{permission}</code>. Not Microsoft Graph, and not a delegated permission.
          </p>
        </li>
        <li>
          <h4>Grant admin consent</h4>
          <p>
            <strong>Grant admin consent</strong> for the tenant. Without it the token request fails with{' '}
            <code>AADSTS65001</code>, or the token carries no roles.
          </p>
        </li>
        <li>
          <h4>Register the app in Exchange and grant the mailbox</h4>
          <p>
            Run the script below in Exchange Online PowerShell as an Exchange administrator. It needs the{' '}
            <strong>Object ID of the Enterprise application</strong> (Entra ID → Enterprise applications → the
            app → Overview).
          </p>
          <div className="setup__object-id">
            <label htmlFor={objectIdInput} className="field-label">
              Enterprise application Object ID (optional)
            </label>
            <input
              id={objectIdInput}
              className="text-input"
              type="text"
              value={objectId}
              spellCheck={false}
              autoComplete="off"
              placeholder="00000000-0000-0000-0000-000000000000"
              aria-invalid={objectIdInvalid ? true : undefined}
              aria-describedby={`${objectIdInput}-help${objectIdInvalid ? ` ${objectIdInput}-error` : ''}`}
              onChange={(event) => setObjectId(event.target.value)}
            />
            {objectIdInvalid ? (
              <p id={`${objectIdInput}-error`} className="field-error">
                Object ID: a GUID like 0e5f7a41-3b2c-4d8e-9f10-2a3b4c5d6e7f.
              </p>
            ) : null}
            <p id={`${objectIdInput}-help`} className="field-help">
              Not the Object ID on the App registration page: that is a different object, and a service
              principal registered with it makes every login fail with <code>NO AUTHENTICATE failed</code>.
              Left empty, the script keeps a placeholder to fill in.
            </p>
          </div>
        </li>
      </ol>

      <div className="setup__script">
        <div className="setup__script-bar">
          <span className="setup__script-title">Exchange Online PowerShell</span>
          <span className="setup__script-note">
            Mailscope never runs PowerShell: copy it to an administrator.
          </span>
          <button type="button" className="button" onClick={() => void copy()} disabled={!script.text}>
            {copied === 'copied' ? <CheckCircleIcon /> : <CopyIcon />}
            {copied === 'copied' ? 'Copied' : 'Copy'}
          </button>
        </div>
        <span className="sr-only" role="status">
          {copied === 'copied' ? 'Script copied to the clipboard.' : ''}
        </span>
        {copied === 'failed' ? (
          <ErrorNotice
            compact
            error={{
              code: 'UNSUPPORTED',
              message: 'The clipboard refused the script.',
              hint: 'Select the script and copy it with the keyboard instead.',
            }}
          />
        ) : null}
        {script.error ? <ErrorNotice error={script.error} /> : null}
        {script.text ? (
          <pre className="setup__pre" data-testid="admin-script" tabIndex={0} aria-label="PowerShell script">
            {script.text}
          </pre>
        ) : !script.error ? (
          <Spinner label="Preparing the script…" />
        ) : null}
      </div>
    </section>
  );
}
