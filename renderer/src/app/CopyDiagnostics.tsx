import { useState } from 'react';
import { useApi } from '../api-context';

/**
 * Help's "Copy diagnostics": the version, platform and last log lines (redacted by the engine) go
 * to the clipboard, for a bug report. The text never lives in renderer state, only on its way out.
 */
export function CopyDiagnostics() {
  const api = useApi();
  const [status, setStatus] = useState<string>('');
  const copy = async () => {
    const result = await api.invoke('app.diagnostics', {});
    if (!result.ok) {
      setStatus(`Could not collect diagnostics: ${result.error.message}`);
      return;
    }
    try {
      await navigator.clipboard.writeText(result.value.text);
      setStatus('Diagnostics copied: paste them into your report.');
    } catch {
      setStatus('The clipboard refused the text; try again from the window in front.');
    }
  };
  return (
    <div className="shortcuts__help">
      <button type="button" className="button" data-testid="copy-diagnostics" onClick={() => void copy()}>
        Copy diagnostics
      </button>
      <span role="status" data-testid="copy-diagnostics-status">
        {status}
      </span>
    </div>
  );
}
