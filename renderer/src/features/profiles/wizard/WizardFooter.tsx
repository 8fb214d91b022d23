import { PlayIcon } from '../../../components/icons';
import { Spinner } from '../../../components/Notice';
import type { Draft } from './use-draft';

/** Test connection, what is still missing, and Cancel / Back / Next / Save. */
export function WizardFooter({ draft, onClose }: { draft: Draft; onClose: () => void }) {
  const { canTest, canSave, saving, isLast } = draft;
  return (
    <div className="wizard-footer">
      <button
        type="button"
        className="button"
        onClick={() => void draft.test()}
        disabled={!canTest}
        title={canTest ? undefined : (draft.credentialProblem ?? 'Correct the fields marked in red first.')}
      >
        {draft.diagnostics.kind === 'running' ? <Spinner size={14} /> : <PlayIcon />}
        Test connection
      </button>
      <span className="wizard-footer__status" aria-live="polite">
        {draft.blockedReason}
      </span>
      <button type="button" className="button" onClick={onClose}>
        Cancel
      </button>
      {draft.stepIndex > 0 ? (
        <button type="button" className="button" onClick={draft.back}>
          Back
        </button>
      ) : null}
      {!isLast ? (
        <button type="button" className="button button--primary" onClick={draft.next}>
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
  );
}
