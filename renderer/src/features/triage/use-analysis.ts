import { useCallback, useEffect, useState } from 'react';
import type { Analysis } from '../../../../shared/analysis';
import type { Result } from '../../../../shared/errors';
import { useApi } from '../../api-context';
import { type MessageRef, TRACKED_DOWNLOAD_BYTES } from '../reader/use-message';

/**
 * Messages below the size the reader downloads as a tracked transfer are analysed as they open; a
 * bigger one waits for the user to ask, since the engine reads its bytes again to analyse them.
 */
export const AUTO_ANALYSIS_BYTES = TRACKED_DOWNLOAD_BYTES - 1;

export type AnalysisState =
  | { status: 'idle'; start: () => void }
  | { status: 'loading' }
  | { status: 'done'; result: Result<Analysis> };

/**
 * The triage analysis of the message the reader shows (messages.analyze), one call per message
 * shared by the verdict line and the Triage tab. Small messages are analysed at once; a big one
 * only when asked, because the engine reads its bytes again to analyse them.
 */
export function useAnalysis(ref: MessageRef, size: number): AnalysisState {
  const api = useApi();
  const { sourceId, folderId, messageId } = ref;
  const key = `${sourceId}\u0000${folderId}\u0000${messageId}`;
  const [asked, setAsked] = useState<string | null>(size <= AUTO_ANALYSIS_BYTES ? key : null);
  const [answer, setAnswer] = useState<{ key: string; result: Result<Analysis> } | null>(null);
  const wanted = asked === key || size <= AUTO_ANALYSIS_BYTES;
  const start = useCallback(() => setAsked(key), [key]);

  useEffect(() => {
    if (!wanted) return;
    let live = true;
    void api.invoke('messages.analyze', { sourceId, folderId, messageId }).then((result) => {
      if (live) setAnswer({ key, result });
    });
    return () => {
      live = false;
    };
  }, [api, key, wanted, sourceId, folderId, messageId]);

  if (answer?.key === key) return { status: 'done', result: answer.result };
  return wanted ? { status: 'loading' } : { status: 'idle', start };
}
