import type { KeychainStatus } from '../../../../../shared/model';
import { Notice } from '../../../components/Notice';
import { CertificateInput } from '../CertificateInput';
import type { CredentialChoice } from '../draft-form';
import { DraftRadioGroup } from './DraftFields';
import type { Draft } from './use-draft';

const CREDENTIAL_OPTIONS = [
  {
    value: 'client-secret',
    title: 'Client secret',
    description: 'App registration → Certificates & secrets → Client secrets.',
  },
  {
    value: 'certificate',
    title: 'Certificate',
    description: 'A certificate uploaded to the app registration, with its private key here.',
  },
  {
    value: 'delegated',
    title: 'Delegated (sign in as yourself)',
    description: 'Your own Microsoft 365 account, with FullAccess on the shared mailbox.',
  },
] as const satisfies readonly { value: CredentialChoice; title: string; description: string }[];

/** Step 3: how Mailscope signs in, and the secret or certificate it signs in with. */
export function CredentialStep({
  draft,
  idPrefix,
  keychain,
}: {
  draft: Draft;
  idPrefix: string;
  keychain: KeychainStatus | null;
}) {
  const { form } = draft;
  return (
    <fieldset className="wizard-section" data-testid="step-credential">
      <legend className="sr-only">Credential</legend>
      {keychain && !keychain.available ? (
        <Notice
          tone="error"
          live="none"
          testId="keychain-unavailable"
          title={keychain.message ?? 'No keychain is reachable, so Mailscope cannot store secrets.'}
          hint={keychain.hint}
        />
      ) : keychain?.message ? (
        <Notice
          tone="info"
          live="none"
          compact
          testId="keychain-note"
          title={keychain.message}
          hint={keychain.hint}
        />
      ) : null}
      <DraftRadioGroup
        draft={draft}
        idPrefix={idPrefix}
        name="credential"
        legend="How Mailscope signs in"
        options={CREDENTIAL_OPTIONS}
      />

      {form.credential === 'delegated' ? (
        <Notice
          tone="info"
          live="none"
          testId="delegated-note"
          title="No secret to enter: you sign in after saving."
          hint={`The mailbox’s page then offers “Sign in with browser” (your default browser opens Microsoft’s sign-in page) or a code to enter on any device. The app registration must be a public client with the delegated permission ${form.protocol === 'imap' ? 'IMAP.AccessAsUser.All' : 'POP.AccessAsUser.All'}; Setup shows the details. Profiles of the same tenant and app share one sign-in.`}
        />
      ) : form.credential === 'client-secret' ? (
        <SecretField draft={draft} idPrefix={idPrefix} />
      ) : (
        <CertificateInput
          state={draft.certificate}
          onChange={draft.setCertificate}
          stored={draft.keptCertificate ?? null}
          canKeepStored={draft.canKeepStored}
        />
      )}
    </fieldset>
  );
}

/** The client secret's Value: a password field that warns when what was pasted is the Secret ID. */
function SecretField({ draft, idPrefix }: { draft: Draft; idPrefix: string }) {
  const id = `${idPrefix}-secret`;
  const helpId = `${id}-help`;
  const warnId = `${id}-warn`;
  const { secret, secretIdWarning, secretTouched, credentialProblem, canKeepStored } = draft;
  return (
    <div className="wizard-field" data-testid="field-secret">
      <label htmlFor={id} className="field-label">
        Client secret Value
      </label>
      <input
        id={id}
        data-field="secret"
        className="text-input"
        type="password"
        value={secret}
        autoComplete="off"
        spellCheck={false}
        placeholder={canKeepStored ? '(unchanged)' : ''}
        aria-invalid={secretTouched && credentialProblem ? true : undefined}
        aria-describedby={[secretIdWarning ? warnId : null, helpId].filter(Boolean).join(' ')}
        onChange={(event) => draft.setSecret(event.target.value)}
        onBlur={draft.touchSecret}
      />
      {secretIdWarning ? (
        <p id={warnId} className="field-warning" role="alert" data-testid="secret-id-warning">
          This looks like a Secret ID (a GUID), not the secret’s Value. Entra will refuse it (AADSTS7000215):
          copy the Value column instead.
        </p>
      ) : null}
      {secretTouched && credentialProblem && !secret ? (
        <p className="field-error">{credentialProblem}</p>
      ) : null}
      <p id={helpId} className="field-help">
        Paste the secret’s <strong>Value</strong>, not its Secret ID. Entra shows the Value only once, when
        the secret is created.
        {canKeepStored ? ' Leave empty to keep the secret already stored in the keychain.' : ''} It goes
        straight to the operating system’s keychain and is never shown again.
      </p>
    </div>
  );
}
