import { useCallback, useEffect, useReducer, useState } from 'react';
import type { ErrorInfo } from '../../../shared/errors';
import type { SourceSummary } from '../../../shared/model';
import { api } from '../api';
import { envelopeStore } from '../features/messages/envelope-store';
import { OpenDialog } from '../features/open/OpenDialog';
import { Welcome } from '../features/welcome/Welcome';
import { isTyping } from './keys';
import { Shell } from './Shell';
import { ShortcutsDialog } from './ShortcutsDialog';
import { initialState, reducer } from './state';
import { useAppInfo } from './use-app-info';

/**
 * The app: the welcome screen until a source is open, then the three-pane shell. Owns the actions
 * that open and close sources, because both screens offer them, and the app-wide shortcuts.
 */
export function App() {
  const [state, dispatch] = useReducer(reducer, initialState);
  const { info, retry: retryInfo } = useAppInfo();
  const [dialog, setDialog] = useState<'open' | 'shortcuts' | null>(null);
  const [sample, setSample] = useState<{ busy: boolean; error: ErrorInfo | null }>({
    busy: false,
    error: null,
  });
  const [closing, setClosing] = useState<ReadonlySet<string>>(() => new Set());
  const [closeErrors, setCloseErrors] = useState<ReadonlyMap<string, ErrorInfo>>(() => new Map());

  const onOpened = useCallback((source: SourceSummary) => {
    dispatch({ type: 'source-opened', source });
    setDialog(null);
  }, []);

  const openSample = useCallback(async () => {
    setSample({ busy: true, error: null });
    const result = await api.invoke('sources.openSample', {});
    if (result.ok) {
      setSample({ busy: false, error: null });
      onOpened(result.value);
    } else {
      setSample({ busy: false, error: result.error });
    }
  }, [onOpened]);

  const closeSource = useCallback(async (sourceId: string) => {
    setClosing((prev) => new Set(prev).add(sourceId));
    setCloseErrors((prev) => {
      const next = new Map(prev);
      next.delete(sourceId);
      return next;
    });
    const result = await api.invoke('sources.close', { sourceId });
    setClosing((prev) => {
      const next = new Set(prev);
      next.delete(sourceId);
      return next;
    });
    // UNKNOWN_SOURCE: the engine no longer has it open, which is what closing wanted.
    if (result.ok || result.error.code === 'UNKNOWN_SOURCE') {
      envelopeStore.dropSource(sourceId);
      dispatch({ type: 'source-closed', sourceId });
    } else {
      setCloseErrors((prev) => new Map(prev).set(sourceId, result.error));
    }
  }, []);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (
        (event.ctrlKey || event.metaKey) &&
        !event.altKey &&
        !event.shiftKey &&
        event.key.toLowerCase() === 'o'
      ) {
        event.preventDefault();
        setDialog('open');
      } else if (
        event.key === '?' &&
        !event.ctrlKey &&
        !event.metaKey &&
        !event.altKey &&
        !isTyping(event.target)
      ) {
        event.preventDefault();
        setDialog((d) => d ?? 'shortcuts');
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  const appInfo = info?.ok ? info.value : null;

  return (
    <>
      {state.sources.length === 0 ? (
        <Welcome
          onOpenSample={() => void openSample()}
          onOpenPath={() => setDialog('open')}
          sampleState={sample}
          engineError={info && !info.ok ? info.error : null}
          onRetryEngine={retryInfo}
          version={appInfo?.version ?? null}
        />
      ) : (
        <Shell
          state={state}
          dispatch={dispatch}
          info={appInfo}
          onOpen={() => setDialog('open')}
          onOpenSample={() => void openSample()}
          sampleState={sample}
          onDismissSampleError={() => setSample({ busy: false, error: null })}
          onCloseSource={(id) => void closeSource(id)}
          closing={closing}
          closeErrors={closeErrors}
          onShowShortcuts={() => setDialog('shortcuts')}
        />
      )}
      {dialog === 'open' ? (
        <OpenDialog
          nativeDialogs={appInfo?.nativeDialogs ?? false}
          onClose={() => setDialog(null)}
          onOpened={onOpened}
        />
      ) : null}
      {dialog === 'shortcuts' ? <ShortcutsDialog onClose={() => setDialog(null)} /> : null}
    </>
  );
}
