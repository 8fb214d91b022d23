import { useEffect, useState } from 'react';
import type { Result } from '../../../../shared/errors';
import type { Response } from '../../../../shared/ipc';
import { api } from '../../api';
import { formatBytes } from '../../components/format';
import { ErrorNotice, Notice, Spinner } from '../../components/Notice';
import type { MessageRef } from './use-message';

/** The message exactly as the server or file holds it: headers, MIME boundaries, encodings. */
export function RawSource({ message }: { message: MessageRef }) {
  const [result, setResult] = useState<Result<Response<'messages.raw'>> | null>(null);
  const [attempt, setAttempt] = useState(0);

  const { sourceId, folderId, messageId } = message;
  useEffect(() => {
    let current = true;
    void api.invoke('messages.raw', { sourceId, folderId, messageId }).then((answer) => {
      if (current) setResult(answer);
    });
    return () => {
      current = false;
    };
  }, [sourceId, folderId, messageId, attempt]);

  if (!result) return <Spinner label="Loading the source…" />;
  if (!result.ok) return <ErrorNotice error={result.error} onRetry={() => setAttempt((n) => n + 1)} />;
  return (
    <>
      {result.value.truncated ? (
        <Notice
          tone="info"
          compact
          live="none"
          title={`Showing the first ${formatBytes(result.value.text.length)} of ${formatBytes(result.value.size)}.`}
        />
      ) : null}
      <pre
        className="message__plain message__raw"
        tabIndex={0}
        aria-label="Message source"
        data-testid="raw-source"
      >
        {result.value.text}
      </pre>
    </>
  );
}
