import type { VerdictClaim } from '../../../../shared/analysis';
import { formatBytes } from '../../components/format';
import type { AnalysisState } from './use-analysis';

/**
 * The verdict line at the top of the reader: what the receiving side's stamps concluded, one
 * claim after another, each a button that shows the header it was read from. A message without
 * stamps has no line (the Triage tab says so).
 */
export function VerdictLine({
  state,
  size,
  onClaim,
}: {
  state: AnalysisState;
  size: number;
  onClaim: (claim: VerdictClaim) => void;
}) {
  // Nothing while it runs, and nothing for a message no one stamped: the line is there when it says something.
  if (state.status === 'loading') return null;
  if (state.status === 'idle') {
    return (
      <p className="verdict verdict--quiet" data-testid="verdict-line">
        <button type="button" className="button button--quiet" onClick={state.start}>
          Analyse this message ({formatBytes(size)})
        </button>
      </p>
    );
  }
  if (!state.result.ok) {
    // The Triage tab shows the error in full.
    return (
      <p className="verdict verdict--quiet" data-testid="verdict-line">
        Triage could not analyse this message: {state.result.error.message}
      </p>
    );
  }
  const { verdict } = state.result.value;
  if (verdict.claims.length === 0) return null;
  return (
    <p
      className={`verdict verdict--${verdict.tone}`}
      data-testid="verdict-line"
      aria-label={`Verdict: ${verdict.summary}`}
    >
      <span className="verdict__label">Verdict</span>
      {verdict.claims.map((claim, index) => (
        <span key={index} className="verdict__item">
          <button
            type="button"
            className={`verdict__claim verdict__claim--${claim.tone}`}
            title={`From ${claim.header.name}${claim.field ? ` (${claim.field})` : ''}: show the header`}
            onClick={() => onClaim(claim)}
          >
            {index === 0 ? capitalise(claim.text) : claim.text}
          </button>
          {index < verdict.claims.length - 1 ? <span aria-hidden="true">; </span> : null}
        </span>
      ))}
    </p>
  );
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
