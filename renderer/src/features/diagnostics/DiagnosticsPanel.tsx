import { useId } from 'react';
import type { DiagnosticReport, DiagnosticStep, StepStatus } from '../../../../shared/diagnostics';
import type { ErrorInfo } from '../../../../shared/errors';
import { ErrorNotice, Spinner } from '../../components/Notice';
import {
  CheckCircleIcon,
  FailCircleIcon,
  RefreshIcon,
  SkipCircleIcon,
  WarningIcon,
} from '../../components/icons';
import { richText } from './rich-text';
import './diagnostics.css';

/**
 * A connection test, step by step: what was checked, what was seen, and for the step that failed
 * the most likely cause and its fix in plain words. The wizard and the profile page share it.
 */

export type DiagnosticsState =
  | { kind: 'idle' }
  | { kind: 'running' }
  | { kind: 'done'; report: DiagnosticReport }
  | { kind: 'error'; error: ErrorInfo };

const STATUS_LABEL: Record<StepStatus, string> = {
  ok: 'Passed',
  failed: 'Failed',
  warning: 'Warning',
  skipped: 'Skipped',
};

function StatusIcon({ status }: { status: StepStatus }) {
  switch (status) {
    case 'ok':
      return <CheckCircleIcon size={18} className="diag-step__icon" />;
    case 'failed':
      return <FailCircleIcon size={18} className="diag-step__icon" />;
    case 'warning':
      return <WarningIcon size={18} className="diag-step__icon" />;
    case 'skipped':
      return <SkipCircleIcon size={18} className="diag-step__icon" />;
  }
}

export function reportSummary(report: DiagnosticReport): string {
  if (report.ok) return `Connected and opened INBOX read-only in ${report.durationMs} ms`;
  const failed = report.steps.find((step) => step.status === 'failed');
  return `Failed at: ${failed?.title ?? 'an unknown step'}`;
}

function Step({ step }: { step: DiagnosticStep }) {
  const showRemedy = step.status === 'failed' || step.status === 'warning';
  return (
    <li
      className={`diag-step diag-step--${step.status}`}
      data-testid={`diag-step-${step.id}`}
      data-status={step.status}
    >
      <div className="diag-step__head">
        <StatusIcon status={step.status} />
        <span className="diag-step__title">{step.title}</span>
        <span className="sr-only">: {STATUS_LABEL[step.status]}</span>
        {step.status !== 'skipped' ? <span className="diag-step__time">{step.durationMs} ms</span> : null}
      </div>
      {step.evidence.length ? (
        <ul className="diag-step__evidence" aria-label={`What was seen: ${step.title}`}>
          {step.evidence.map((line, index) => (
            <li key={index}>{line}</li>
          ))}
        </ul>
      ) : null}
      {showRemedy && (step.cause || step.fix) ? (
        <div className="diag-remedy" data-testid="diag-remedy">
          <RemedyLine part="cause" label="Cause" text={step.cause} />
          <RemedyLine part="fix" label="Fix" text={step.fix} />
          {step.otherCauses?.length ? (
            <div className="diag-remedy__other">
              <h4 className="diag-remedy__other-title">Other possible causes</h4>
              <ol>
                {step.otherCauses.map((remedy, index) => (
                  <li key={index}>
                    <span className="diag-remedy__other-cause">{richText(remedy.cause)}</span>{' '}
                    <span className="diag-remedy__other-fix">{richText(remedy.fix)}</span>
                  </li>
                ))}
              </ol>
            </div>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}

interface DiagnosticsPanelProps {
  state: DiagnosticsState;
  onRun: () => void;
  /** Why the test cannot run now (the form is incomplete, say); shown instead of Run again. */
  disabledReason?: string | null;
  idleText?: string;
  className?: string;
}

export function DiagnosticsPanel({
  state,
  onRun,
  disabledReason,
  idleText,
  className,
}: DiagnosticsPanelProps) {
  const headingId = useId();
  const report = state.kind === 'done' ? state.report : null;
  return (
    <section
      className={`diagnostics${className ? ` ${className}` : ''}`}
      aria-labelledby={headingId}
      aria-busy={state.kind === 'running'}
      data-testid="diagnostics"
      data-state={state.kind === 'done' ? (state.report.ok ? 'ok' : 'failed') : state.kind}
    >
      <div className="diagnostics__header">
        <h3 id={headingId} className="diagnostics__title">
          Connection test
        </h3>
        {report ? (
          <span className="diagnostics__server">
            {report.server} · {report.mailbox}
          </span>
        ) : null}
        {state.kind === 'done' || state.kind === 'error' ? (
          <button
            type="button"
            className="button button--quiet diagnostics__again"
            onClick={onRun}
            disabled={Boolean(disabledReason)}
            title={disabledReason ?? undefined}
          >
            <RefreshIcon />
            Run again
          </button>
        ) : null}
      </div>

      {state.kind === 'idle' ? (
        <p className="diagnostics__idle">
          {idleText ??
            'Test connection checks DNS, TCP, TLS, the token request, the token itself, the sign-in and opening INBOX read-only, and stops at the first problem with its cause and fix.'}
        </p>
      ) : null}

      {state.kind === 'running' ? (
        <div className="diagnostics__running" data-testid="diagnostics-running">
          <Spinner label="Testing the connection…" />
        </div>
      ) : null}

      {state.kind === 'error' ? <ErrorNotice error={state.error} testId="diagnostics-error" /> : null}

      {report ? (
        <>
          <p
            className={`diagnostics__summary diagnostics__summary--${report.ok ? 'ok' : 'failed'}`}
            role={report.ok ? 'status' : 'alert'}
            data-testid="diagnostics-summary"
          >
            {report.ok ? <CheckCircleIcon size={18} /> : <FailCircleIcon size={18} />}
            {reportSummary(report)}
          </p>
          <ol className="diag-steps" aria-label="Steps">
            {report.steps.map((step) => (
              <Step key={step.id} step={step} />
            ))}
          </ol>
        </>
      ) : null}
    </section>
  );
}

/** The cause or the fix of a failed step, when the engine named one. */
function RemedyLine({
  part,
  label,
  text,
}: {
  part: 'cause' | 'fix';
  label: string;
  text: string | undefined;
}) {
  if (!text) return null;
  return (
    <p className={`diag-remedy__${part}`}>
      <span className="diag-remedy__label">{label}</span>
      <span data-testid={`diag-${part}`}>{richText(text)}</span>
    </p>
  );
}
