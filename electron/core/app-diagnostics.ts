import type { Api } from '../../shared/ipc';
import { redact } from './auth/redact';
import type { Host } from './host';
import type { LogFile } from './log-file';

/**
 * `app.diagnostics`: the text "Copy diagnostics" puts on the clipboard for a bug report: the app's
 * version, the host and platform, and the last lines of the log, redacted once more on the way out.
 */

/** How many log lines a report carries: enough for the last few faults, short enough to paste. */
export const DIAGNOSTICS_LOG_LINES = 200;

export function createAppDiagnostics(options: { host: Host; log?: LogFile }): Pick<Api, 'app.diagnostics'> {
  return {
    'app.diagnostics': async () => {
      const lines = options.log?.tail(DIAGNOSTICS_LOG_LINES) ?? [];
      const text = [
        `Mailscope ${options.host.version} (${options.host.kind})`,
        `Platform: ${process.platform} ${process.arch}, Node ${process.versions.node}`,
        `Log: ${lines.length ? `last ${lines.length} lines` : 'empty'}`,
        ...lines,
      ].join('\n');
      return { text: redact(text) };
    },
  };
}
