import { useCallback, useEffect, useRef, useState } from 'react';
import type { ErrorInfo } from '../../../../shared/errors';
import type { ProfilesState } from '../../../../shared/model';
import { useApi } from '../../api-context';

/** The profile list from the engine, reloaded on demand (after a save, a test, an import). */
export function useProfiles() {
  const api = useApi();
  const [state, setState] = useState<ProfilesState | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  // Answers may arrive out of order (a test finishing after a save): only the latest one counts.
  const latest = useRef(0);

  const refresh = useCallback(async (): Promise<ProfilesState | null> => {
    const ticket = ++latest.current;
    const result = await api.invoke('profiles.list', {});
    if (ticket !== latest.current) return null;
    if (result.ok) {
      setState(result.value);
      setError(null);
      return result.value;
    }
    setError(result.error);
    return null;
  }, [api]);

  useEffect(() => {
    const ticket = ++latest.current;
    void api.invoke('profiles.list', {}).then((result) => {
      if (ticket !== latest.current) return;
      if (result.ok) setState(result.value);
      setError(result.ok ? null : result.error);
    });
  }, [api]);

  return { state, error, refresh };
}
