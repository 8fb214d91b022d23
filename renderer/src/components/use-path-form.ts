import { type Dispatch, type RefObject, type SetStateAction, useRef, useState } from 'react';
import type { ErrorCode, ErrorInfo, Result } from '../../../shared/errors';

/** Where a typed-path form (`PathField`) stands. */
export type PathFormState =
  | { kind: 'idle' }
  | { kind: 'busy' }
  | { kind: 'error'; error: ErrorInfo }
  /** The engine asks first (a file too large, a name taken): the form offers the ways on. */
  | { kind: 'ask'; error: ErrorInfo; path: string };

export interface PathForm<T> {
  /** What is typed; null until the dialog has a first value to show (a default folder, say). */
  path: string | null;
  setPath: Dispatch<SetStateAction<string | null>>;
  state: PathFormState;
  setState: (state: PathFormState) => void;
  inputRef: RefObject<HTMLInputElement | null>;
  /** Runs `run` on the typed path, trimmed; an empty one shows `empty` without asking the engine. */
  submit: (typed: string, run: (path: string) => Promise<Result<T>>) => Promise<void>;
  /** Back to typing: the question or error goes, the input has the focus. */
  reset: () => void;
}

/**
 * The steps every typed-path dialog takes: refuse an empty path, show the work, hand on success,
 * turn the engine's `ask` error into a question, and put any other error next to the input with
 * the focus back in it so the path can be fixed.
 */
export function usePathForm<T>(options: {
  initial: string | null;
  empty: ErrorInfo;
  ask?: ErrorCode;
  onDone: (value: T, path: string) => void;
}): PathForm<T> {
  const [path, setPath] = useState(options.initial);
  const [state, setState] = useState<PathFormState>({ kind: 'idle' });
  const inputRef = useRef<HTMLInputElement>(null);
  const focus = () => inputRef.current?.focus();

  const submit = async (typed: string, run: (path: string) => Promise<Result<T>>) => {
    const trimmed = typed.trim();
    if (!trimmed) {
      setState({ kind: 'error', error: options.empty });
      return focus();
    }
    setState({ kind: 'busy' });
    const result = await run(trimmed);
    if (result.ok) return options.onDone(result.value, trimmed);
    if (result.error.code === options.ask)
      return setState({ kind: 'ask', error: result.error, path: trimmed });
    setState({ kind: 'error', error: result.error });
    focus();
  };

  const reset = () => {
    setState({ kind: 'idle' });
    // After the question's buttons leave the page, or the focus would go with them.
    setTimeout(focus, 0);
  };

  return { path, setPath, state, setState, inputRef, submit, reset };
}
