import { useId, useRef } from 'react';
import type { KeychainStatus, ProfileSummary } from '../../../../shared/model';
import { Modal } from '../../components/Modal';
import { ErrorNotice, Notice } from '../../components/Notice';
import { DiagnosticsPanel } from '../diagnostics/DiagnosticsPanel';
import { CredentialStep } from './wizard/CredentialStep';
import { MailboxStep } from './wizard/MailboxStep';
import { MicrosoftStep } from './wizard/MicrosoftStep';
import { StepNav } from './wizard/StepNav';
import { useDraft } from './wizard/use-draft';
import { WizardFooter } from './wizard/WizardFooter';
import './wizard.css';

/**
 * Add or edit a shared mailbox, in three steps (mailbox, Microsoft 365, credential). Every field is
 * checked against the shared ProfileDraft schema as the user goes, so the messages are the
 * engine's own; Test connection runs the real diagnostics on the unsaved draft. The state and its
 * rules live in use-draft.ts and draft-form.ts; each step is a component of wizard/.
 */

interface ProfileWizardProps {
  /** Absent: add a new profile. */
  profile?: ProfileSummary;
  keychain: KeychainStatus | null;
  onClose: () => void;
  onSaved: (profile: ProfileSummary) => void;
}

export function ProfileWizard({ profile, keychain, onClose, onSaved }: ProfileWizardProps) {
  const firstField = useRef<HTMLInputElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const reportRef = useRef<HTMLDivElement>(null);
  const draft = useDraft({ profile, keychain, onSaved, formRef, reportRef });
  const idPrefix = useId();
  const { step, validation, diagnostics } = draft;

  return (
    <Modal
      title={profile ? `Edit ${profile.name}` : 'Add shared mailbox'}
      description="Read a Microsoft 365 shared mailbox over IMAP or POP3 with OAuth 2.0, as an app or signed in as yourself. Nothing is ever changed in it."
      onClose={onClose}
      initialFocus={firstField}
      testId="profile-wizard"
      className="modal--wide wizard"
    >
      <StepNav draft={draft} />

      <form ref={formRef} className="wizard-form" onSubmit={(event) => void draft.save(event)} noValidate>
        {step === 'mailbox' ? (
          <MailboxStep draft={draft} idPrefix={idPrefix} firstField={firstField} />
        ) : null}
        {step === 'microsoft' ? <MicrosoftStep draft={draft} idPrefix={idPrefix} /> : null}
        {step === 'credential' ? (
          <CredentialStep draft={draft} idPrefix={idPrefix} keychain={keychain} />
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
              onRun={() => void draft.test()}
              disabledReason={draft.canTest ? null : 'Complete the form first.'}
              className="wizard__report"
            />
          ) : null}
        </div>

        {draft.saveError ? <ErrorNotice error={draft.saveError} testId="save-error" /> : null}

        <WizardFooter draft={draft} onClose={onClose} />
      </form>
    </Modal>
  );
}
