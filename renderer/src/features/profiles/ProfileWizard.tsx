import { type ChangeEvent, type FormEvent, type ReactNode, useId, useMemo, useRef, useState } from 'react';
import type { ErrorInfo } from '../../../../shared/errors';
import type { KeychainStatus, ProfileSummary, SecretInput } from '../../../../shared/model';
import { CLOUD_ENDPOINTS, type CloudKind, DEFAULT_PORTS } from '../../../../shared/profile';
import { api } from '../../api';
import { Modal } from '../../components/Modal';
import { ErrorNotice, Notice, Spinner } from '../../components/Notice';
import { ChevronIcon, PlayIcon } from '../../components/icons';
import { DiagnosticsPanel, type DiagnosticsState } from '../diagnostics/DiagnosticsPanel';
import {
  CLOUD_LABELS,
  type DraftForm,
  EMPTY_FORM,
  type FieldName,
  formFromProfile,
  looksLikeSecretId,
  validate,
} from './draft-form';
import {
  CertificateInput,
  type CertificateState,
  EMPTY_CERTIFICATE,
  certificateSecret,
} from './CertificateInput';
import './wizard.css';

/**
 * Add or edit a shared mailbox, in three steps (mailbox, Microsoft 365, credential). Every field is
 * checked against the shared ProfileDraft schema as the user goes, so the messages are the
 * engine's own; Test connection runs the real diagnostics on the unsaved draft.
 */

type StepKey = 'mailbox' | 'microsoft' | 'credential';

const STEPS: { key: StepKey; title: string; fields: FieldName[] }[] = [
  { key: 'mailbox', title: 'Mailbox', fields: ['name', 'mailbox', 'protocol'] },
  {
    key: 'microsoft',
    title: 'Microsoft 365',
    fields: [
      'tenant',
      'clientId',
      'cloud',
      'authorityHost',
      'exchangeHost',
      'serverHost',
      'port',
      'tlsMode',
      'proxy',
    ],
  },
  { key: 'credential', title: 'Credential', fields: ['credential'] },
];

interface ProfileWizardProps {
  /** Absent: add a new profile. */
  profile?: ProfileSummary;
  keychain: KeychainStatus | null;
  onClose: () => void;
  onSaved: (profile: ProfileSummary) => void;
}

export function ProfileWizard({ profile, keychain, onClose, onSaved }: ProfileWizardProps) {
  const editing = Boolean(profile);
  const [form, setForm] = useState<DraftForm>(() => (profile ? formFromProfile(profile) : EMPTY_FORM));
  const [touched, setTouched] = useState<ReadonlySet<FieldName>>(() => new Set());
  const [step, setStep] = useState<StepKey>('mailbox');
  const [showAdvanced, setShowAdvanced] = useState(() =>
    Boolean(profile && (form.serverHost || form.port || form.tlsMode !== 'implicit' || form.proxy)),
  );
  const [secret, setSecret] = useState('');
  const [secretTouched, setSecretTouched] = useState(false);
  const [certificate, setCertificate] = useState<CertificateState>(EMPTY_CERTIFICATE);
  const [diagnostics, setDiagnostics] = useState<DiagnosticsState>({ kind: 'idle' });
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<ErrorInfo | null>(null);
  const firstField = useRef<HTMLInputElement>(null);
  const reportRef = useRef<HTMLDivElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const idPrefix = useId();

  // The stored certificate's public facts travel with an edit that does not replace it, or the
  // profile would lose the chain it signs its assertions with.
  const keptCertificate =
    profile?.credential === 'certificate' && form.credential === 'certificate'
      ? profile.certificate
      : undefined;
  const validation = useMemo(() => validate(form, keptCertificate), [form, keptCertificate]);

  const sameCredentialKind = profile ? profile.credential === form.credential : false;
  /** Editing with the secret field empty keeps the stored one, if there is one of the same kind. */
  const canKeepStored = Boolean(profile?.secretStored && sameCredentialKind);

  const delegated = form.credential === 'delegated';
  const newSecret: SecretInput | null =
    form.credential === 'client-secret'
      ? secret.trim()
        ? { kind: 'client-secret', value: secret.trim() }
        : null
      : form.credential === 'certificate' && certificate.facts
        ? certificateSecret(certificate)
        : null;

  // A delegated profile takes no secret: the person signs in on its page once it is saved.
  const credentialProblem: string | null = delegated
    ? null
    : form.credential === 'client-secret'
      ? !newSecret && !canKeepStored
        ? 'Client secret: paste the secret’s Value.'
        : null
      : certificate.hasInput && !certificate.facts
        ? 'Certificate: check the certificate before saving (it must parse, with its private key).'
        : !newSecret && !canKeepStored
          ? 'Certificate: paste or choose the certificate with its private key.'
          : null;

  const keychainBlocks = keychain !== null && !keychain.available && !delegated;
  const canTest = validation.draft !== null && credentialProblem === null && diagnostics.kind !== 'running';
  const canSave = validation.draft !== null && credentialProblem === null && !keychainBlocks && !saving;

  const errorFor = (field: FieldName): string | undefined =>
    touched.has(field) ? validation.errors[field] : undefined;

  /** A report about settings that have since changed would mislead: drop it. */
  const invalidateTest = () =>
    setDiagnostics((prev) => (prev.kind === 'done' || prev.kind === 'error' ? { kind: 'idle' } : prev));

  const update = <K extends FieldName>(field: K, value: DraftForm[K]) => {
    setForm((prev) => ({ ...prev, [field]: value }));
    invalidateTest();
    // A choice (radio, select) is made, not typed: check it at once.
    if (field === 'protocol' || field === 'cloud' || field === 'tlsMode' || field === 'credential')
      setTouched((prev) => new Set(prev).add(field));
    setSaveError(null);
  };
  const touch = (field: FieldName) =>
    setTouched((prev) => (prev.has(field) ? prev : new Set(prev).add(field)));

  const stepErrors = (key: StepKey): FieldName[] =>
    STEPS.find((s) => s.key === key)?.fields.filter((field) => validation.errors[field]) ?? [];

  const focusField = (field: FieldName) => {
    // After the step renders: the field may be on a step that is not shown yet.
    setTimeout(() => formRef.current?.querySelector<HTMLElement>(`[data-field="${field}"]`)?.focus(), 0);
  };

  const goTo = (key: StepKey) => {
    setStep(key);
    setTimeout(() => formRef.current?.querySelector<HTMLElement>('[data-field]')?.focus(), 0);
  };

  const next = () => {
    const current = STEPS.findIndex((s) => s.key === step);
    const fields = STEPS[current]?.fields ?? [];
    setTouched((prev) => new Set([...prev, ...fields]));
    const bad = stepErrors(step)[0];
    if (bad) {
      if (bad === 'serverHost' || bad === 'port' || bad === 'tlsMode' || bad === 'proxy')
        setShowAdvanced(true);
      focusField(bad);
      return;
    }
    const following = STEPS[current + 1];
    if (following) goTo(following.key);
  };

  const back = () => {
    const current = STEPS.findIndex((s) => s.key === step);
    const previous = STEPS[current - 1];
    if (previous) goTo(previous.key);
  };

  const revealAll = () => {
    setTouched(new Set(STEPS.flatMap((s) => s.fields)));
    setSecretTouched(true);
  };

  const test = async () => {
    revealAll();
    if (!validation.draft || credentialProblem) return;
    setDiagnostics({ kind: 'running' });
    setTimeout(() => reportRef.current?.scrollIntoView({ block: 'nearest' }), 0);
    const request = newSecret
      ? { draft: validation.draft, secret: newSecret, ...(profile ? { profileId: profile.id } : {}) }
      : { draft: validation.draft, profileId: profile?.id ?? '' };
    const result = await api.invoke('diagnostics.run', request);
    setDiagnostics(
      result.ok ? { kind: 'done', report: result.value } : { kind: 'error', error: result.error },
    );
    // Put what the admin must read in view: the failed step's cause and fix, else the summary.
    setTimeout(() => {
      const report = reportRef.current;
      const failed = report?.querySelector('[data-status="failed"]');
      if (failed) failed.scrollIntoView({ block: 'center' });
      else report?.scrollIntoView({ block: 'nearest' });
    }, 0);
  };

  const save = async (event?: FormEvent) => {
    event?.preventDefault();
    // Enter in a field of an earlier step means "next", as in any wizard.
    if (event && !isLast) {
      next();
      return;
    }
    revealAll();
    if (!validation.draft || credentialProblem || keychainBlocks) return;
    setSaving(true);
    setSaveError(null);
    const result = await api.invoke('profiles.save', {
      ...(profile ? { id: profile.id } : {}),
      draft: validation.draft,
      ...(newSecret ? { secret: newSecret } : {}),
    });
    setSaving(false);
    if (result.ok) {
      onSaved(result.value);
    } else {
      setSaveError(result.error);
    }
  };

  const stepIndex = STEPS.findIndex((s) => s.key === step);
  const isLast = stepIndex === STEPS.length - 1;
  const secretIdWarning = form.credential === 'client-secret' && looksLikeSecretId(secret);

  const field = (name: FieldName) => {
    const error = errorFor(name);
    const errorId = `${idPrefix}-${name}-error`;
    const helpId = `${idPrefix}-${name}-help`;
    return {
      id: `${idPrefix}-${name}`,
      error,
      errorId,
      helpId,
      inputProps: {
        id: `${idPrefix}-${name}`,
        'data-field': name,
        'aria-invalid': error ? true : undefined,
        onBlur: () => touch(name),
      },
    };
  };

  const textField = (
    name: Exclude<FieldName, 'protocol' | 'cloud' | 'tlsMode' | 'credential'>,
    label: string,
    options: {
      help?: ReactNode;
      placeholder?: string;
      mono?: boolean;
      autoFocus?: boolean;
      inputMode?: 'numeric';
    } = {},
  ) => {
    const f = field(name);
    const describedBy = [f.error ? f.errorId : null, options.help ? f.helpId : null]
      .filter(Boolean)
      .join(' ');
    return (
      <div className="wizard-field" data-testid={`field-${name}`}>
        <label htmlFor={f.id} className="field-label">
          {label}
        </label>
        <input
          {...f.inputProps}
          ref={options.autoFocus ? firstField : undefined}
          className={`text-input${options.mono === false ? ' text-input--ui' : ''}`}
          type="text"
          value={form[name]}
          placeholder={options.placeholder}
          spellCheck={false}
          autoComplete="off"
          autoCapitalize="off"
          inputMode={options.inputMode}
          aria-describedby={describedBy || undefined}
          onChange={(event: ChangeEvent<HTMLInputElement>) => update(name, event.target.value)}
        />
        {f.error ? (
          <p id={f.errorId} className="field-error" data-testid={`error-${name}`}>
            {f.error}
          </p>
        ) : null}
        {options.help ? (
          <p id={f.helpId} className="field-help">
            {options.help}
          </p>
        ) : null}
      </div>
    );
  };

  const defaults = form.cloud === 'custom' ? null : CLOUD_ENDPOINTS[form.cloud];
  const defaultHost =
    form.cloud === 'custom' ? form.exchangeHost.trim() || 'the Exchange host' : defaults?.exchangeHost;

  const secretId = `${idPrefix}-secret`;
  const secretHelpId = `${idPrefix}-secret-help`;
  const secretWarnId = `${idPrefix}-secret-warn`;

  return (
    <Modal
      title={editing ? `Edit ${profile?.name ?? 'shared mailbox'}` : 'Add shared mailbox'}
      description="Read a Microsoft 365 shared mailbox over IMAP or POP3 with OAuth 2.0, as an app or signed in as yourself. Nothing is ever changed in it."
      onClose={onClose}
      initialFocus={firstField}
      testId="profile-wizard"
      className="modal--wide wizard"
    >
      <nav aria-label="Steps" className="wizard-steps">
        <ol>
          {STEPS.map((s, index) => {
            const errors = STEPS[index]?.fields.some((name) => touched.has(name) && validation.errors[name]);
            return (
              <li key={s.key}>
                <button
                  type="button"
                  className={`wizard-steps__item${s.key === step ? ' is-current' : ''}${errors ? ' has-errors' : ''}`}
                  aria-current={s.key === step ? 'step' : undefined}
                  onClick={() => goTo(s.key)}
                >
                  <span className="wizard-steps__number" aria-hidden="true">
                    {index + 1}
                  </span>
                  {s.title}
                  {errors ? <span className="sr-only"> (has errors)</span> : null}
                </button>
              </li>
            );
          })}
        </ol>
      </nav>

      <form ref={formRef} className="wizard-form" onSubmit={(event) => void save(event)} noValidate>
        {step === 'mailbox' ? (
          <fieldset className="wizard-section" data-testid="step-mailbox">
            <legend className="sr-only">Mailbox</legend>
            {textField('name', 'Display name', {
              autoFocus: true,
              mono: false,
              placeholder: 'Invoices',
              help: 'How this mailbox is listed in Mailscope.',
            })}
            {textField('mailbox', 'Shared mailbox address', {
              placeholder: 'invoices@contoso.com',
              help: 'The primary SMTP address of the shared mailbox (not your own).',
            })}
            <fieldset className="wizard-field wizard-radios" data-testid="field-protocol">
              <legend className="field-label">Protocol</legend>
              {(['imap', 'pop3'] as const).map((protocol) => (
                <label key={protocol} className="radio">
                  <input
                    type="radio"
                    name={`${idPrefix}-protocol`}
                    value={protocol}
                    data-field={protocol === form.protocol ? 'protocol' : undefined}
                    checked={form.protocol === protocol}
                    onChange={() => update('protocol', protocol)}
                  />
                  <span>
                    <span className="radio__title">{protocol === 'imap' ? 'IMAP' : 'POP3'}</span>
                    <span className="radio__desc">
                      {protocol === 'imap'
                        ? `All folders, opened read-only. Needs ${delegated ? 'IMAP.AccessAsUser.All' : 'IMAP.AccessAsApp'}.`
                        : `The Inbox only; never deletes. Needs ${delegated ? 'POP.AccessAsUser.All' : 'POP.AccessAsApp'}.`}
                    </span>
                  </span>
                </label>
              ))}
            </fieldset>
          </fieldset>
        ) : null}

        {step === 'microsoft' ? (
          <fieldset className="wizard-section" data-testid="step-microsoft">
            <legend className="sr-only">Microsoft 365</legend>
            <div className="wizard-row">
              {textField('tenant', 'Tenant ID or domain', {
                placeholder: 'contoso.onmicrosoft.com',
                help: 'Entra admin center → Overview → Tenant ID, or a verified domain.',
              })}
              {textField('clientId', 'Application (client) ID', {
                placeholder: '00000000-0000-0000-0000-000000000000',
                help: 'App registrations → your app → Overview.',
              })}
            </div>
            <div className="wizard-field" data-testid="field-cloud">
              <label htmlFor={field('cloud').id} className="field-label">
                Cloud
              </label>
              <select
                {...field('cloud').inputProps}
                className="select"
                value={form.cloud}
                onChange={(event) => update('cloud', event.target.value as CloudKind)}
              >
                {(Object.keys(CLOUD_LABELS) as CloudKind[]).map((kind) => (
                  <option key={kind} value={kind}>
                    {CLOUD_LABELS[kind]}
                  </option>
                ))}
              </select>
              <p className="field-help">
                {defaults
                  ? `Tokens from ${defaults.authorityHost}, for ${defaults.exchangeHost}.`
                  : 'For a sovereign cloud Mailscope does not list, or a test environment.'}
              </p>
            </div>
            {form.cloud === 'custom' ? (
              <div className="wizard-row">
                {textField('authorityHost', 'Authority host', {
                  placeholder: 'login.microsoftonline.com',
                  help: 'Where tokens come from: host, or host:port.',
                })}
                {textField('exchangeHost', 'Exchange host', {
                  placeholder: 'outlook.office365.com',
                  help: 'The token is for https://<this host>/.default.',
                })}
              </div>
            ) : null}

            <button
              type="button"
              className="disclosure"
              aria-expanded={showAdvanced}
              aria-controls={`${idPrefix}-advanced`}
              onClick={() => setShowAdvanced((v) => !v)}
            >
              <ChevronIcon className="disclosure__chevron" />
              Advanced: server, port, TLS, proxy
            </button>
            {showAdvanced ? (
              <div id={`${idPrefix}-advanced`} className="wizard-advanced">
                <div className="wizard-row wizard-row--server">
                  {textField('serverHost', 'Server host', {
                    placeholder: defaultHost ?? '',
                    help: `Empty: ${defaultHost ?? 'the cloud’s Exchange host'}.`,
                  })}
                  {textField('port', 'Port', {
                    placeholder: String(DEFAULT_PORTS[form.protocol][form.tlsMode]),
                    inputMode: 'numeric',
                    help: `Empty: ${DEFAULT_PORTS[form.protocol][form.tlsMode]}.`,
                  })}
                </div>
                <fieldset
                  className="wizard-field wizard-radios wizard-radios--inline"
                  data-testid="field-tlsMode"
                >
                  <legend className="field-label">TLS</legend>
                  {(['implicit', 'starttls'] as const).map((mode) => (
                    <label key={mode} className="radio">
                      <input
                        type="radio"
                        name={`${idPrefix}-tls`}
                        value={mode}
                        checked={form.tlsMode === mode}
                        onChange={() => update('tlsMode', mode)}
                      />
                      <span className="radio__title">
                        {mode === 'implicit'
                          ? `Implicit TLS (${DEFAULT_PORTS[form.protocol].implicit})`
                          : `STARTTLS (${DEFAULT_PORTS[form.protocol].starttls})`}
                      </span>
                    </label>
                  ))}
                </fieldset>
                {textField('proxy', 'Proxy for token requests', {
                  placeholder: 'http://proxy.contoso.com:8080',
                  help: 'Empty: the HTTPS_PROXY environment variable, if set.',
                })}
              </div>
            ) : null}
          </fieldset>
        ) : null}

        {step === 'credential' ? (
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
            <fieldset className="wizard-field wizard-radios" data-testid="field-credential">
              <legend className="field-label">How Mailscope signs in</legend>
              {(['client-secret', 'certificate'] as const).map((kind) => (
                <label key={kind} className="radio">
                  <input
                    type="radio"
                    name={`${idPrefix}-credential`}
                    value={kind}
                    data-field={kind === form.credential ? 'credential' : undefined}
                    checked={form.credential === kind}
                    onChange={() => update('credential', kind)}
                  />
                  <span>
                    <span className="radio__title">
                      {kind === 'client-secret' ? 'Client secret' : 'Certificate'}
                    </span>
                    <span className="radio__desc">
                      {kind === 'client-secret'
                        ? 'App registration → Certificates & secrets → Client secrets.'
                        : 'A certificate uploaded to the app registration, with its private key here.'}
                    </span>
                  </span>
                </label>
              ))}
              <label className="radio">
                <input
                  type="radio"
                  name={`${idPrefix}-credential`}
                  value="delegated"
                  data-field={form.credential === 'delegated' ? 'credential' : undefined}
                  checked={delegated}
                  onChange={() => update('credential', 'delegated')}
                />
                <span>
                  <span className="radio__title">Delegated (sign in as yourself)</span>
                  <span className="radio__desc">
                    Your own Microsoft 365 account, with FullAccess on the shared mailbox.
                  </span>
                </span>
              </label>
            </fieldset>

            {delegated ? (
              <Notice
                tone="info"
                live="none"
                testId="delegated-note"
                title="No secret to enter: you sign in after saving."
                hint={`The mailbox’s page then offers “Sign in with browser” (your default browser opens Microsoft’s sign-in page) or a code to enter on any device. The app registration must be a public client with the delegated permission ${form.protocol === 'imap' ? 'IMAP.AccessAsUser.All' : 'POP.AccessAsUser.All'}; Setup shows the details. Profiles of the same tenant and app share one sign-in.`}
              />
            ) : form.credential === 'client-secret' ? (
              <div className="wizard-field" data-testid="field-secret">
                <label htmlFor={secretId} className="field-label">
                  Client secret Value
                </label>
                <input
                  id={secretId}
                  data-field="secret"
                  className="text-input"
                  type="password"
                  value={secret}
                  autoComplete="off"
                  spellCheck={false}
                  placeholder={canKeepStored ? '(unchanged)' : ''}
                  aria-invalid={secretTouched && credentialProblem ? true : undefined}
                  aria-describedby={[secretIdWarning ? secretWarnId : null, secretHelpId]
                    .filter(Boolean)
                    .join(' ')}
                  onChange={(event) => {
                    setSecret(event.target.value);
                    setSaveError(null);
                    invalidateTest();
                  }}
                  onBlur={() => setSecretTouched(true)}
                />
                {secretIdWarning ? (
                  <p id={secretWarnId} className="field-warning" role="alert" data-testid="secret-id-warning">
                    This looks like a Secret ID (a GUID), not the secret’s Value. Entra will refuse it
                    (AADSTS7000215): copy the Value column instead.
                  </p>
                ) : null}
                {secretTouched && credentialProblem && !secret ? (
                  <p className="field-error">{credentialProblem}</p>
                ) : null}
                <p id={secretHelpId} className="field-help">
                  Paste the secret’s <strong>Value</strong>, not its Secret ID. Entra shows the Value only
                  once, when the secret is created.
                  {canKeepStored ? ' Leave empty to keep the secret already stored in the keychain.' : ''} It
                  goes straight to the operating system’s keychain and is never shown again.
                </p>
              </div>
            ) : (
              <CertificateInput
                state={certificate}
                onChange={(next) => {
                  setCertificate(next);
                  setSaveError(null);
                  if (next.facts !== certificate.facts) invalidateTest();
                }}
                stored={keptCertificate ?? null}
                canKeepStored={canKeepStored}
              />
            )}
          </fieldset>
        ) : null}

        {validation.other.length ? (
          <Notice
            tone="error"
            live="none"
            compact
            title="Some settings are not valid"
            hint={validation.other.join(' ')}
          />
        ) : null}

        <div ref={reportRef}>
          {diagnostics.kind !== 'idle' ? (
            <DiagnosticsPanel
              state={diagnostics}
              onRun={() => void test()}
              disabledReason={canTest ? null : 'Complete the form first.'}
              className="wizard__report"
            />
          ) : null}
        </div>

        {saveError ? <ErrorNotice error={saveError} testId="save-error" /> : null}

        <div className="wizard-footer">
          <button
            type="button"
            className="button"
            onClick={() => void test()}
            disabled={!canTest}
            title={canTest ? undefined : (credentialProblem ?? 'Correct the fields marked in red first.')}
          >
            {diagnostics.kind === 'running' ? <Spinner size={14} /> : <PlayIcon />}
            Test connection
          </button>
          <span className="wizard-footer__status" aria-live="polite">
            {!canSave && !saving
              ? keychainBlocks
                ? 'Secrets cannot be stored without a keychain.'
                : validation.draft === null
                  ? `${Object.keys(validation.errors).length} field${Object.keys(validation.errors).length === 1 ? '' : 's'} to complete`
                  : (credentialProblem ?? '')
              : ''}
          </span>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          {stepIndex > 0 ? (
            <button type="button" className="button" onClick={back}>
              Back
            </button>
          ) : null}
          {!isLast ? (
            <button type="button" className="button button--primary" onClick={next}>
              Next
            </button>
          ) : null}
          <button
            type="submit"
            className={`button${isLast ? ' button--primary' : ''}`}
            disabled={!canSave}
            data-testid="wizard-save"
          >
            {saving ? <Spinner size={14} /> : null}
            {saving ? 'Saving…' : 'Save'}
          </button>
        </div>
      </form>
    </Modal>
  );
}
