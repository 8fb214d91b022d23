import { type ReactNode, useEffect, useId, useState } from 'react';
import type { ErrorInfo } from '../../../../shared/errors';
import type { ProfileSummary } from '../../../../shared/model';
import { useApi } from '../../api-context';
import {
  adminConsentUrl,
  APP_PERMISSION,
  CLOUD_ENDPOINTS,
  DELEGATED_PERMISSION,
  type Protocol,
} from '../../../../shared/profile';
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
  const api = useApi();
  const [script, setScript] = useState<Script>({
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
  }, [api, profile.id, profile.updatedAt, servicePrincipalObjectId, person]);
  return script;
}

interface ScriptValue {
  value: string;
  setValue: (value: string) => void;
  invalid: boolean;
  /** The trimmed value once it is valid. */
  usable: string | undefined;
}

/** A value typed into the guide: the script uses it once it is valid, and a placeholder while empty. */
function useScriptValue(initial: string, valid: RegExp): ScriptValue {
  const [value, setValue] = useState(initial);
  const trimmed = value.trim();
  const invalid = trimmed !== '' && !valid.test(trimmed);
  return { value, setValue, invalid, usable: trimmed && !invalid ? trimmed : undefined };
}

export function SetupGuide({ profile }: { profile: ProfileSummary }) {
  return profile.credential === 'delegated' ? (
    <DelegatedSetup profile={profile} />
  ) : (
    <AppOnlySetup profile={profile} />
  );
}

function AppOnlySetup({ profile }: { profile: ProfileSummary }) {
  const objectId = useScriptValue('', GUID);
  const script = useAdminScript(profile, {
    ...(objectId.usable ? { servicePrincipalObjectId: objectId.usable } : {}),
  });

  return (
    <SetupFrame
      profile={profile}
      script={script}
      intro={
        <>
          What an administrator does once, so Mailscope may read this mailbox with app-only access. Done in
          the Entra admin center (steps 1–4) and Exchange Online PowerShell (step 5).
        </>
      }
    >
      <li>
        <h4>Register the app</h4>
        <p>
          Entra ID → <strong>App registrations</strong> → New registration: single tenant, no redirect URI.
          Its <strong>Application (client) ID</strong> is <code>{profile.clientId}</code> and the tenant{' '}
          <code>{profile.tenant}</code> in this profile.
        </p>
      </li>
      <li>
        <h4>{profile.credential === 'certificate' ? 'Upload the certificate' : 'Create a client secret'}</h4>
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
      <PermissionStep access="app-only" protocol={profile.protocol} />
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
        <ScriptField
          label="Enterprise application Object ID (optional)"
          field={objectId}
          placeholder="00000000-0000-0000-0000-000000000000"
          error="Object ID: a GUID like 0e5f7a41-3b2c-4d8e-9f10-2a3b4c5d6e7f."
        >
          Not the Object ID on the App registration page: that is a different object, and a service principal
          registered with it makes every login fail with <code>NO AUTHENTICATE failed</code>. Left empty, the
          script keeps a placeholder to fill in.
        </ScriptField>
      </li>
    </SetupFrame>
  );
}

function DelegatedSetup({ profile }: { profile: ProfileSummary }) {
  const signedIn = profile.signIn?.account?.username ?? '';
  const person = useScriptValue(signedIn, ADDRESS);
  const script = useAdminScript(profile, { ...(person.usable ? { person: person.usable } : {}) });
  const authorityHost =
    profile.cloud.kind === 'custom'
      ? profile.cloud.authorityHost
      : CLOUD_ENDPOINTS[profile.cloud.kind].authorityHost;
  const consent = adminConsentUrl(authorityHost, profile.tenant, profile.clientId);

  return (
    <SetupFrame
      profile={profile}
      script={script}
      intro={
        <>
          What an administrator does once, so people can open this shared mailbox in Mailscope by signing in
          as themselves. Done in the Entra admin center (steps 1–3) and Exchange Online PowerShell (step 4).
          No app secret and no service principal in Exchange: each person’s own permissions apply.
        </>
      }
    >
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
      <PermissionStep access="delegated" protocol={profile.protocol} />
      <li>
        <h4>Consent for the organisation</h4>
        <p>
          <strong>Grant admin consent</strong> for the tenant, or send this link to an administrator (Global,
          Application or Cloud Application Administrator). Without consent the sign-in fails with{' '}
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
          Run the script below in Exchange Online PowerShell as an Exchange administrator, once per person who
          signs in. A new permission can take up to an hour to apply.
        </p>
        <ScriptField
          label="Person who signs in"
          field={person}
          placeholder="megan@contoso.com"
          error="Person: a sign-in address like megan@contoso.com."
        >
          {signedIn
            ? 'The person signed in now. Change it to prepare the grant for a colleague.'
            : 'Their sign-in address (UPN). Left empty, the script keeps a placeholder to fill in.'}
        </ScriptField>
      </li>
    </SetupFrame>
  );
}

type Script = { text: string | null; error: ErrorInfo | null };

/** What both set-ups share: the heading, the intro, the numbered steps, and the script. */
function SetupFrame({
  profile,
  intro,
  script,
  children,
}: {
  profile: ProfileSummary;
  intro: ReactNode;
  script: Script;
  children: ReactNode;
}) {
  return (
    <section className="setup" aria-labelledby="setup-title" data-testid="setup-guide">
      <h3 id="setup-title" className="profile-section__title">
        Microsoft 365 setup for {profile.mailbox}
      </h3>
      <p className="setup__intro">{intro}</p>
      <ol className="setup__steps">{children}</ol>
      <ScriptBlock script={script} />
    </section>
  );
}

const PERMISSION_STEPS = {
  'app-only': {
    title: 'Add the API permission',
    kind: 'Application permissions',
    permissions: APP_PERMISSION,
    note: 'Not Microsoft Graph, and not a delegated permission.',
  },
  delegated: {
    title: 'Add the delegated permission',
    kind: 'Delegated permissions',
    permissions: DELEGATED_PERMISSION,
    note: 'Not an application permission.',
  },
};

/** The Exchange Online permission the app registration needs: application or delegated. */
function PermissionStep({ access, protocol }: { access: keyof typeof PERMISSION_STEPS; protocol: Protocol }) {
  const step = PERMISSION_STEPS[access];
  return (
    <li>
      <h4>{step.title}</h4>
      <p>
        API permissions → Add a permission → <strong>APIs my organization uses</strong> →{' '}
        <strong>Office 365 Exchange Online</strong> → <strong>{step.kind}</strong> →{' '}
        <code>{step.permissions[protocol]}</code>
        {`. ${step.note}`}
      </p>
    </li>
  );
}

/** The one value the script is filled in with (an object ID, a person), checked as it is typed. */
function ScriptField({
  label,
  field,
  placeholder,
  error,
  children,
}: {
  label: string;
  field: ScriptValue;
  placeholder: string;
  /** Shown under the field while what is typed is not valid. */
  error: string;
  /** The help under the field. */
  children: ReactNode;
}) {
  const input = useId();
  return (
    <div className="setup__object-id">
      <label htmlFor={input} className="field-label">
        {label}
      </label>
      <input
        id={input}
        className="text-input"
        type="text"
        value={field.value}
        spellCheck={false}
        autoComplete="off"
        placeholder={placeholder}
        aria-invalid={field.invalid ? true : undefined}
        aria-describedby={`${input}-help${field.invalid ? ` ${input}-error` : ''}`}
        onChange={(event) => field.setValue(event.target.value)}
      />
      {field.invalid ? (
        <p id={`${input}-error`} className="field-error">
          {error}
        </p>
      ) : null}
      <p id={`${input}-help`} className="field-help">
        {children}
      </p>
    </div>
  );
}

function ScriptBlock({ script }: { script: Script }) {
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
