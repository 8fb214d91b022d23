import { useEffect, useId, useState } from 'react';
import type { ErrorInfo } from '../../../../shared/errors';
import type { ProfileSummary } from '../../../../shared/model';
import { api } from '../../api';
import { adminConsentUrl, CLOUD_ENDPOINTS } from '../../../../shared/profile';
import { CopyButton } from '../../components/CopyButton';
import { ErrorNotice, Spinner } from '../../components/Notice';

/**
 * The Microsoft 365 side for this profile (docs/admin-setup.md with its values filled in), and the
 * Exchange Online PowerShell to hand to an administrator. Mailscope shows the script; it never runs it.
 * App-only and delegated access need different set-ups: an app with its own credential and a
 * service principal in Exchange, or a public client that people sign in to, each with FullAccess.
 */

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ADDRESS = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The admin script for this profile, fetched again (debounced) when what it depends on changes. */
function useAdminScript(
  profile: ProfileSummary,
  options: { servicePrincipalObjectId?: string; person?: string },
) {
  const [script, setScript] = useState<{ text: string | null; error: ErrorInfo | null }>({
    text: null,
    error: null,
  });
  const { servicePrincipalObjectId, person } = options;
  useEffect(() => {
    let live = true;
    const timer = setTimeout(async () => {
      const result = await api.invoke('profiles.adminScript', {
        id: profile.id,
        ...(servicePrincipalObjectId ? { servicePrincipalObjectId } : {}),
        ...(person ? { person } : {}),
      });
      if (!live) return;
      setScript(
        result.ok ? { text: result.value.powershell, error: null } : { text: null, error: result.error },
      );
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [profile.id, profile.updatedAt, servicePrincipalObjectId, person]);
  return script;
}

export function SetupGuide({ profile }: { profile: ProfileSummary }) {
  return profile.credential === 'delegated' ? (
    <DelegatedSetup profile={profile} />
  ) : (
    <AppOnlySetup profile={profile} />
  );
}

function AppOnlySetup({ profile }: { profile: ProfileSummary }) {
  const [objectId, setObjectId] = useState('');
  const objectIdInput = useId();
  const permission = profile.protocol === 'imap' ? 'IMAP.AccessAsApp' : 'POP.AccessAsApp';
  const trimmed = objectId.trim();
  const objectIdInvalid = trimmed !== '' && !GUID.test(trimmed);
  const script = useAdminScript(profile, {
    ...(trimmed && !objectIdInvalid ? { servicePrincipalObjectId: trimmed } : {}),
  });

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

      <ScriptBlock script={script} />
    </section>
  );
}

function DelegatedSetup({ profile }: { profile: ProfileSummary }) {
  const signedIn = profile.signIn?.account?.username ?? '';
  const [person, setPerson] = useState(signedIn);
  const personInput = useId();
  const permission = profile.protocol === 'imap' ? 'IMAP.AccessAsUser.All' : 'POP.AccessAsUser.All';
  const trimmed = person.trim();
  const personInvalid = trimmed !== '' && !ADDRESS.test(trimmed);
  const script = useAdminScript(profile, { ...(trimmed && !personInvalid ? { person: trimmed } : {}) });
  const authorityHost =
    profile.cloud.kind === 'custom'
      ? profile.cloud.authorityHost
      : CLOUD_ENDPOINTS[profile.cloud.kind].authorityHost;
  const consent = adminConsentUrl(authorityHost, profile.tenant, profile.clientId);

  return (
    <section className="setup" aria-labelledby="setup-title" data-testid="setup-guide">
      <h3 id="setup-title" className="profile-section__title">
        Microsoft 365 setup for {profile.mailbox}
      </h3>
      <p className="setup__intro">
        What an administrator does once, so people can open this shared mailbox in Mailscope by signing in as
        themselves. Done in the Entra admin center (steps 1–3) and Exchange Online PowerShell (step 4). No app
        secret and no service principal in Exchange: each person’s own permissions apply.
      </p>
      <ol className="setup__steps">
        <li>
          <h4>Register the app as a public client</h4>
          <p>
            Entra ID → <strong>App registrations</strong> → New registration, single tenant. Under{' '}
            <strong>Authentication</strong>, add the platform <strong>Mobile and desktop applications</strong>{' '}
            with the redirect URI <code>http://localhost</code> (the browser sign-in returns there), and set{' '}
            <strong>Allow public client flows</strong> to Yes (for signing in with a code). Its{' '}
            <strong>Application (client) ID</strong> is <code>{profile.clientId}</code> in this profile.
          </p>
        </li>
        <li>
          <h4>Add the delegated permission</h4>
          <p>
            API permissions → Add a permission → <strong>APIs my organization uses</strong> →{' '}
            <strong>Office 365 Exchange Online</strong> → <strong>Delegated permissions</strong> →{' '}
            <code>{permission}</code>. Not an application permission.
          </p>
        </li>
        <li>
          <h4>Consent for the organisation</h4>
          <p>
            <strong>Grant admin consent</strong> for the tenant, or send this link to an administrator
            (Global, Application or Cloud Application Administrator). Without consent the sign-in fails with{' '}
            <code>AADSTS65001</code>.
          </p>
          <div className="setup__link">
            <code className="setup__url" data-testid="admin-consent-url">
              {consent}
            </code>
            <CopyButton text={consent} label="Copy link" />
          </div>
        </li>
        <li>
          <h4>Give each person FullAccess on the shared mailbox</h4>
          <p>
            Run the script below in Exchange Online PowerShell as an Exchange administrator, once per person
            who signs in. A new permission can take up to an hour to apply.
          </p>
          <div className="setup__object-id">
            <label htmlFor={personInput} className="field-label">
              Person who signs in
            </label>
            <input
              id={personInput}
              className="text-input"
              type="text"
              value={person}
              spellCheck={false}
              autoComplete="off"
              placeholder="megan@contoso.com"
              aria-invalid={personInvalid ? true : undefined}
              aria-describedby={`${personInput}-help${personInvalid ? ` ${personInput}-error` : ''}`}
              onChange={(event) => setPerson(event.target.value)}
            />
            {personInvalid ? (
              <p id={`${personInput}-error`} className="field-error">
                Person: a sign-in address like megan@contoso.com.
              </p>
            ) : null}
            <p id={`${personInput}-help`} className="field-help">
              {signedIn
                ? 'The person signed in now. Change it to prepare the grant for a colleague.'
                : 'Their sign-in address (UPN). Left empty, the script keeps a placeholder to fill in.'}
            </p>
          </div>
        </li>
      </ol>
      <ScriptBlock script={script} />
    </section>
  );
}

function ScriptBlock({ script }: { script: { text: string | null; error: ErrorInfo | null } }) {
  return (
    <div className="setup__script">
      <div className="setup__script-bar">
        <span className="setup__script-title">Exchange Online PowerShell</span>
        <span className="setup__script-note">
          Mailscope never runs PowerShell: copy it to an administrator.
        </span>
        {script.text ? <CopyButton text={script.text} /> : null}
      </div>
      {script.error ? <ErrorNotice error={script.error} /> : null}
      {script.text ? (
        <pre className="setup__pre" data-testid="admin-script" tabIndex={0} aria-label="PowerShell script">
          {script.text}
        </pre>
      ) : !script.error ? (
        <Spinner label="Preparing the script…" />
      ) : null}
    </div>
  );
}
