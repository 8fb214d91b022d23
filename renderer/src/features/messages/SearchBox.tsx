import { useEffect, useRef } from 'react';
import { isTyping, modalOpen } from '../../lib/keys';

interface SearchBoxProps {
  folderName: string;
  /** The search as typed. */
  value: string;
  onChange: (value: string) => void;
  /** Enter: run the search as typed now. */
  onSubmit: () => void;
  /** Escape with text in the box: clear it (and stop a search still running). */
  onClear: () => void;
  /** This folder, or every folder of the mailbox (absent: no choice offered). */
  scope?: SearchScope;
  onScopeChange?: (scope: SearchScope) => void;
}

export type SearchScope = 'folder' | 'all';

const SCOPES: readonly (readonly [SearchScope, string])[] = [
  ['folder', 'This folder'],
  ['all', 'All folders'],
];

/** The folder's search field. "/" (outside text fields, as in most mail clients) or Ctrl/Cmd+F jumps to it. */
export function SearchBox({
  folderName,
  value,
  onChange,
  onSubmit,
  onClear,
  scope,
  onScopeChange,
}: SearchBoxProps) {
  const inputRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (event.defaultPrevented || modalOpen()) return;
      const mod = event.ctrlKey || event.metaKey;
      const find = mod && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'f';
      const slash = event.key === '/' && !mod && !event.altKey && !isTyping(event.target);
      if (!find && !slash) return;
      event.preventDefault();
      inputRef.current?.focus();
      inputRef.current?.select();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <form
      className="message-list__search"
      role="search"
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit();
      }}
    >
      <input
        ref={inputRef}
        type="search"
        className="text-input message-list__search-input"
        aria-label={scope === 'all' ? 'Search all folders' : `Search ${folderName}`}
        placeholder={
          scope === 'all'
            ? 'Search every folder, then Enter   from:  subject:  has:attachment'
            : 'Search   from:  subject:  has:attachment  after:2026-10-01'
        }
        value={value}
        spellCheck={false}
        data-testid="message-search"
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape' && value) {
            event.preventDefault();
            onClear();
          }
        }}
      />
      {scope && onScopeChange ? (
        <div
          className="segmented search-scope"
          role="group"
          aria-label="Search in"
          data-testid="search-scope"
        >
          {SCOPES.map(([value, label]) => (
            <button
              key={value}
              type="button"
              className="segmented__item"
              aria-pressed={scope === value}
              onClick={() => onScopeChange(value)}
            >
              {label}
            </button>
          ))}
        </div>
      ) : null}
    </form>
  );
}
