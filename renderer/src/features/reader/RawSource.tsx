import {
  type KeyboardEvent,
  type ReactNode,
  type RefObject,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
} from 'react';
import type { Result } from '../../../../shared/errors';
import type { Response } from '../../../../shared/ipc';
import { useApi } from '../../api-context';
import { formatBytes } from '../../components/format';
import { ChevronIcon } from '../../components/icons';
import { ErrorNotice, Notice, Spinner } from '../../components/Notice';
import type { MessageRef } from './use-message';

/** Beyond this many matches the count says "10,000+" and only these are highlighted. */
const MAX_MATCHES = 10_000;

const FIND_STEPS = [
  { delta: -1, name: 'prev', label: 'Previous match (Shift+Enter)' },
  { delta: 1, name: 'next', label: 'Next match (Enter)' },
] as const;

/**
 * The message exactly as the server or file holds it: headers, MIME boundaries, encodings, with
 * find (Enter and Shift+Enter step through the matches, Escape clears, Ctrl/Cmd+F comes back).
 */
export function RawSource({ message }: { message: MessageRef }) {
  const api = useApi();
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
  }, [api, sourceId, folderId, messageId, attempt]);

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
          hint="Save as .eml to get the whole message."
        />
      ) : null}
      <SourceWithFind text={result.value.text} />
    </>
  );
}

function SourceWithFind({ text }: { text: string }) {
  const [query, setQuery] = useState('');
  const [current, setCurrent] = useState(0);
  const inputRef = useRef<HTMLInputElement>(null);
  const preRef = useRef<HTMLPreElement>(null);
  const currentRef = useRef<HTMLElement>(null);
  const inputId = useId();
  const lower = useMemo(() => text.toLowerCase(), [text]);
  const matches = useMemo(() => findAll(lower, query.toLowerCase()), [lower, query]);
  const count = matches.length;
  const position = count === 0 ? 0 : Math.min(current, count - 1);

  useEffect(() => {
    currentRef.current?.scrollIntoView({ block: 'center', inline: 'nearest' });
  }, [position, query]);

  const step = (delta: number) => {
    if (count === 0) return;
    setCurrent((position + delta + count) % count);
  };

  const onFindKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      step(event.shiftKey ? -1 : 1);
    } else if (event.key === 'Escape') {
      // Escape here must not close anything around the source.
      event.stopPropagation();
      event.preventDefault();
      if (query) setQuery('');
      else preRef.current?.focus();
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'f') {
      event.preventDefault();
      event.stopPropagation();
      inputRef.current?.focus();
      inputRef.current?.select();
    }
  };

  const status =
    query === ''
      ? ''
      : count === 0
        ? 'No matches'
        : `${position + 1} of ${count >= MAX_MATCHES ? `${count}+` : count}`;

  return (
    <div className="raw-source" onKeyDown={onKeyDown}>
      <div className="find-bar" role="search" aria-label="Find in source">
        <label htmlFor={inputId} className="sr-only">
          Find in source
        </label>
        <input
          ref={inputRef}
          id={inputId}
          className="text-input find-bar__input"
          type="search"
          placeholder="Find in source"
          value={query}
          spellCheck={false}
          autoComplete="off"
          onChange={(event) => {
            setQuery(event.target.value);
            setCurrent(0);
          }}
          onKeyDown={onFindKey}
          data-testid="source-find"
        />
        <span className="find-bar__count" role="status" aria-live="polite" data-testid="source-find-count">
          {status}
        </span>
        {FIND_STEPS.map(({ delta, name, label }) => (
          <button
            key={name}
            type="button"
            className={`icon-button icon-button--small find-bar__${name}`}
            aria-label={label}
            title={label}
            disabled={count === 0}
            onClick={() => step(delta)}
          >
            <ChevronIcon size={12} />
          </button>
        ))}
      </div>
      <pre
        ref={preRef}
        className="message__plain message__raw"
        tabIndex={0}
        aria-label="Message source"
        data-testid="raw-source"
      >
        {highlight(text, matches, query.length, position, currentRef)}
      </pre>
    </div>
  );
}

function findAll(haystack: string, needle: string): number[] {
  if (needle === '') return [];
  const found: number[] = [];
  for (
    let at = haystack.indexOf(needle);
    at !== -1 && found.length < MAX_MATCHES;
    at = haystack.indexOf(needle, at + needle.length)
  ) {
    found.push(at);
  }
  return found;
}

function highlight(
  text: string,
  matches: readonly number[],
  length: number,
  current: number,
  currentRef: RefObject<HTMLElement | null>,
): ReactNode {
  if (matches.length === 0) return text;
  const pieces: ReactNode[] = [];
  let cursor = 0;
  matches.forEach((start, index) => {
    if (start > cursor) pieces.push(text.slice(cursor, start));
    const isCurrent = index === current;
    pieces.push(
      <mark
        key={start}
        ref={isCurrent ? currentRef : undefined}
        className={isCurrent ? 'is-current' : undefined}
      >
        {text.slice(start, start + length)}
      </mark>,
    );
    cursor = start + length;
  });
  pieces.push(text.slice(cursor));
  return pieces;
}
