import { useEffect, useState } from 'react';
import { CheckCircleIcon, CopyIcon } from './icons';

/**
 * Copies one piece of text (a code, a link, a script) to the clipboard and says so for a moment,
 * visibly and to screen readers. If the clipboard refuses, the button says that instead, so the
 * person knows to select the text by hand.
 */
export function CopyButton({
  text,
  label = 'Copy',
  className = 'button',
  testId,
}: {
  text: string;
  label?: string;
  className?: string;
  testId?: string;
}) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');

  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 2500);
    return () => clearTimeout(timer);
  }, [state]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed');
    }
  };

  return (
    <>
      <button
        type="button"
        className={className}
        onClick={() => void copy()}
        data-testid={testId}
        title={state === 'failed' ? 'The clipboard refused: select the text and copy it by hand.' : undefined}
      >
        {state === 'copied' ? <CheckCircleIcon /> : <CopyIcon />}
        {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : label}
      </button>
      <span className="sr-only" role="status">
        {state === 'copied' ? 'Copied to the clipboard.' : state === 'failed' ? 'The clipboard refused.' : ''}
      </span>
    </>
  );
}
