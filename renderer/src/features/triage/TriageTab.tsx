import type { HeaderRef } from '../../../../shared/analysis';
import { ErrorNotice } from '../../components/Notice';
import { TriagePanel } from './TriagePanel';
import type { AnalysisState } from './use-analysis';

/** The Triage tab's content for each state of the analysis: asked for, running, failed, done. */
export function TriageTab({
  state,
  onHeader,
}: {
  state: AnalysisState;
  onHeader: (header: HeaderRef) => void;
}) {
  if (state.status === 'idle') {
    return (
      <p>
        <button type="button" className="button" onClick={state.start}>
          Analyse this message
        </button>
      </p>
    );
  }
  if (state.status === 'loading') return <p className="muted">Analysing the message…</p>;
  if (!state.result.ok) return <ErrorNotice compact error={state.result.error} testId="triage-error" />;
  return <TriagePanel analysis={state.result.value} onHeader={onHeader} />;
}
