import type { ExportFailure } from '../../../../shared/export';
import { plural } from '../../components/format';

/** Shown at most; the rest are counted (the full list is in the export's result). */
const SHOWN = 200;

/** Each message that could not be exported, and why: the case file's list of what is missing. */
export function ExportFailures({ failures }: { failures: readonly ExportFailure[] }) {
  if (failures.length === 0) return null;
  return (
    <details className="export-failures" open data-testid="export-failures">
      <summary>{plural(failures.length, 'message was not exported', 'messages were not exported')}</summary>
      <ul className="export-failures__list">
        {failures.slice(0, SHOWN).map((failure) => (
          <li key={`${failure.folderId}\u0000${failure.messageId}`}>
            <span className="export-failures__ref">
              {failure.folderId} · {failure.messageId}
            </span>
            <span className="export-failures__why">{failure.error.message}</span>
          </li>
        ))}
      </ul>
      {failures.length > SHOWN ? <p className="field-help">…and {failures.length - SHOWN} more.</p> : null}
    </details>
  );
}
