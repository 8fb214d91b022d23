import { type FormEvent, type RefObject, useMemo, useState } from 'react';
import type { ErrorInfo } from '../../../../../shared/errors';
import type { KeychainStatus, ProfileSummary } from '../../../../../shared/model';
import { useApi } from '../../../api-context';
import type { DiagnosticsState } from '../../diagnostics/DiagnosticsPanel';
import { type CertificateState, EMPTY_CERTIFICATE, certificateSecret } from '../CertificateInput';
import {
  blockedReason,
  clientSecret,
  credentialProblem,
  type DraftForm,
  diagnosticsRequest,
  EMPTY_FORM,
  type FieldName,
  formFromProfile,
  hasAdvancedSettings,
  isAdvancedField,
  isChoiceField,
  looksLikeSecretId,
  saveRequest,
  STEPS,
  type StepKey,
  stepErrors,
  validate,
} from '../draft-form';

/**
 * The wizard's state and what the user can do with it: the fields as typed, which ones the user
 * has been through (only those show errors), the step, the credential, and the Test connection and
 * Save round trips. The rules themselves are the pure functions of draft-form.ts.
 */
export function useDraft({
  profile,
  keychain,
  onSaved,
  formRef,
  reportRef,
}: {
  profile: ProfileSummary | undefined;
  keychain: KeychainStatus | null;
  onSaved: (profile: ProfileSummary) => void;
  /** Where "Next" and the step buttons move focus (to a `[data-field]` inside). */
  formRef: RefObject<HTMLFormElement | null>;
  /** Scrolled into view when a connection test starts and ends. */
  reportRef: RefObject<HTMLDivElement | null>;
}) {
  const api = useApi();
  const [form, setForm] = useState<DraftForm>(() => (profile ? formFromProfile(profile) : EMPTY_FORM));
  const [touched, setTouched] = useState<ReadonlySet<FieldName>>(() => new Set());
  const [step, setStep] = useState<StepKey>('mailbox');
  const [showAdvanced, setShowAdvanced] = useState(() => Boolean(profile && hasAdvancedSettings(form)));
  const [secret, setSecretValue] = useState('');
  const [secretTouched, setSecretTouched] = useState(false);
  const [certificate, setCertificateState] = useState<CertificateState>(EMPTY_CERTIFICATE);
  const [diagnostics, setDiagnostics] = useState<DiagnosticsState>({ kind: 'idle' });
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<ErrorInfo | null>(null);

  // The stored certificate's public facts travel with an edit that does not replace it, or the
  // profile would lose the chain it signs its assertions with.
  const keptCertificate =
    profile?.credential === 'certificate' && form.credential === 'certificate'
      ? profile.certificate
      : undefined;
  const validation = useMemo(() => validate(form, keptCertificate), [form, keptCertificate]);

  /** Editing with the secret field empty keeps the stored one, if there is one of the same kind. */
  const canKeepStored = Boolean(profile?.secretStored && profile.credential === form.credential);
  const delegated = form.credential === 'delegated';
  const newSecret =
    form.credential === 'client-secret'
      ? clientSecret(secret)
      : form.credential === 'certificate' && certificate.facts
        ? certificateSecret(certificate)
        : null;
  const problem = credentialProblem({
    credential: form.credential,
    newSecret,
    canKeepStored,
    certificateHasInput: certificate.hasInput,
    certificateParsed: Boolean(certificate.facts),
  });

  const keychainBlocks = keychain !== null && !keychain.available && !delegated;
  const canTest = validation.draft !== null && problem === null && diagnostics.kind !== 'running';
  const canSave = validation.draft !== null && problem === null && !keychainBlocks && !saving;
  const stepIndex = STEPS.findIndex((s) => s.key === step);
  const isLast = stepIndex === STEPS.length - 1;

  const errorFor = (field: FieldName): string | undefined =>
    touched.has(field) ? validation.errors[field] : undefined;
  const stepHasErrors = (key: StepKey): boolean =>
    stepErrors(key, validation.errors).some((field) => touched.has(field));

  /** A report about settings that have since changed would mislead: drop it. */
  const invalidateTest = () =>
    setDiagnostics((prev) => (prev.kind === 'done' || prev.kind === 'error' ? { kind: 'idle' } : prev));

  const update = <K extends FieldName>(field: K, value: DraftForm[K]) => {
    setForm((prev) => ({ ...prev, [field]: value }));
    invalidateTest();
    if (isChoiceField(field)) setTouched((prev) => new Set(prev).add(field));
    setSaveError(null);
  };
  const touch = (field: FieldName) =>
    setTouched((prev) => (prev.has(field) ? prev : new Set(prev).add(field)));

  const setSecret = (value: string) => {
    setSecretValue(value);
    setSaveError(null);
    invalidateTest();
  };
  const setCertificate = (next: CertificateState) => {
    setCertificateState(next);
    setSaveError(null);
    if (next.facts !== certificate.facts) invalidateTest();
  };

  // After the step renders: the field may be on a step that is not shown yet.
  const focusLater = (selector: string) =>
    setTimeout(() => formRef.current?.querySelector<HTMLElement>(selector)?.focus(), 0);

  const goTo = (key: StepKey) => {
    setStep(key);
    focusLater('[data-field]');
  };

  const next = () => {
    const fields = STEPS[stepIndex]?.fields ?? [];
    setTouched((prev) => new Set([...prev, ...fields]));
    const bad = stepErrors(step, validation.errors)[0];
    if (bad) {
      if (isAdvancedField(bad)) setShowAdvanced(true);
      focusLater(`[data-field="${bad}"]`);
      return;
    }
    const following = STEPS[stepIndex + 1];
    if (following) goTo(following.key);
  };

  const back = () => {
    const previous = STEPS[stepIndex - 1];
    if (previous) goTo(previous.key);
  };

  const revealAll = () => {
    setTouched(new Set(STEPS.flatMap((s) => s.fields)));
    setSecretTouched(true);
  };

  const test = async () => {
    revealAll();
    if (!validation.draft || problem) return;
    setDiagnostics({ kind: 'running' });
    setTimeout(() => reportRef.current?.scrollIntoView({ block: 'nearest' }), 0);
    const result = await api.invoke(
      'diagnostics.run',
      diagnosticsRequest(validation.draft, newSecret, profile?.id),
    );
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
    if (!validation.draft || problem || keychainBlocks) return;
    setSaving(true);
    setSaveError(null);
    const result = await api.invoke('profiles.save', saveRequest(validation.draft, newSecret, profile?.id));
    setSaving(false);
    if (result.ok) onSaved(result.value);
    else setSaveError(result.error);
  };

  return {
    form,
    step,
    stepIndex,
    isLast,
    validation,
    errorFor,
    stepHasErrors,
    update,
    touch,
    showAdvanced,
    toggleAdvanced: () => setShowAdvanced((v) => !v),
    secret,
    setSecret,
    secretTouched,
    touchSecret: () => setSecretTouched(true),
    secretIdWarning: form.credential === 'client-secret' && looksLikeSecretId(secret),
    certificate,
    setCertificate,
    keptCertificate,
    canKeepStored,
    credentialProblem: problem,
    diagnostics,
    canTest,
    canSave,
    saving,
    saveError,
    blockedReason: !canSave && !saving ? blockedReason(validation, problem, keychainBlocks) : '',
    goTo,
    next,
    back,
    test,
    save,
  };
}

export type Draft = ReturnType<typeof useDraft>;
