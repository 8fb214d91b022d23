import { useEffect, useState } from 'react';
import type { Result } from '../../../shared/errors';
import type { AppInfo } from '../../../shared/model';
import { useApi } from '../api-context';

/** app.getInfo once at start (and again on Retry): host capabilities and version. Null while asking. */
export function useAppInfo(): { info: Result<AppInfo> | null; retry: () => void } {
  const api = useApi();
  const [attempt, setAttempt] = useState(0);
  const [answer, setAnswer] = useState<{ attempt: number; result: Result<AppInfo> } | null>(null);

  useEffect(() => {
    let live = true;
    void api.invoke('app.getInfo', {}).then((result) => {
      if (live) setAnswer({ attempt, result });
    });
    return () => {
      live = false;
    };
  }, [api, attempt]);

  return {
    info: answer?.attempt === attempt ? answer.result : null,
    retry: () => setAttempt((n) => n + 1),
  };
}
