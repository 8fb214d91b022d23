import type { DiagnosticReport, DiagnosticStep } from '../../shared/diagnostics';

/**
 * The human text of `mailscope doctor`: one line per step with its mark and timing, the evidence
 * indented under it, and for a failure the cause and fix, most likely first. Plain text (no
 * colours) so it pastes into a ticket unchanged.
 */

const MARK: Record<DiagnosticStep['status'], string> = { ok: '✓', failed: '✗', warning: '!', skipped: '–' };

export function formatReport(report: DiagnosticReport): string {
  const lines: string[] = [];
  const protocol = report.protocol === 'imap' ? 'IMAP' : 'POP3';
  lines.push(`Mailscope doctor: ${report.profileName} <${report.mailbox}>, ${protocol} ${report.server}`);
  lines.push('');
  for (const step of report.steps) {
    const timing = step.status === 'skipped' ? '(skipped)' : `${step.durationMs} ms`;
    lines.push(`${MARK[step.status]} ${step.title}  ${timing}`);
    for (const item of step.evidence) lines.push(`    ${item}`);
    if (step.cause) lines.push(`  ${step.status === 'warning' ? 'Note' : 'Cause'}: ${step.cause}`);
    if (step.fix) lines.push(`  Fix:   ${step.fix}`);
    if (step.otherCauses?.length) {
      lines.push('  Other possible causes, most likely first:');
      step.otherCauses.forEach((other, index) => {
        lines.push(`    ${index + 2}. ${other.cause}`);
        lines.push(`       Fix: ${other.fix}`);
      });
    }
  }
  lines.push('');
  const failed = report.steps.find((s) => s.status === 'failed');
  lines.push(
    failed
      ? `Result: failed at “${failed.title}” after ${report.durationMs} ms.`
      : `Result: all checks passed in ${report.durationMs} ms.`,
  );
  return `${lines.join('\n')}\n`;
}
