import { type KeyboardEvent, useMemo, useState } from 'react';
import type { MimePart } from '../../../../shared/model';
import { useApi } from '../../api-context';
import { formatBytes } from '../../components/format';
import { ChevronIcon, DownloadIcon } from '../../components/icons';
import { useOpenAttached } from './attached-context';
import type { MessageSaveProps } from './use-save';
import { withMember } from '../../lib/tree-state';
import { useRovingFocus } from '../../components/use-roving-focus';
import { HeaderRows } from './HeadersTable';

/**
 * The message's MIME structure as an expandable tree (WAI-ARIA tree pattern: arrows move, Right
 * opens, Left closes or goes to the parent, Home/End), with the focused part's own headers, size
 * and encoding beside it and "Save part" for any part with content: its decoded bytes.
 */

const EXTENSIONS: Record<string, string> = {
  'text/plain': '.txt',
  'text/html': '.html',
  'text/calendar': '.ics',
  'text/csv': '.csv',
  'message/rfc822': '.eml',
  'message/delivery-status': '.txt',
  'application/pdf': '.pdf',
  'image/png': '.png',
  'image/jpeg': '.jpg',
  'image/gif': '.gif',
};

export function partFileName(part: MimePart): string {
  if (part.filename) return part.filename;
  const label = part.path === '' ? 'message' : `part-${part.path.replace(/\./g, '-')}`;
  return `${label}${EXTENSIONS[part.contentType.toLowerCase()] ?? '.bin'}`;
}

interface Row {
  part: MimePart;
  index: number;
  parent: number | null;
  hasChildren: boolean;
}

export function MimeTree({ parts, message, save }: { parts: readonly MimePart[] } & MessageSaveProps) {
  const api = useApi();
  const rows = useMemo(() => toRows(parts), [parts]);
  const [collapsed, setCollapsed] = useState<ReadonlySet<number>>(() => new Set());
  const [focused, setFocused] = useState(0);
  const openerFor = useOpenAttached();

  const visible = rows.filter((row) => {
    for (let parent = row.parent; parent !== null; parent = rows[parent]?.parent ?? null) {
      if (collapsed.has(parent)) return false;
    }
    return true;
  });
  const current = rows[focused] ?? rows[0];
  const roving = useRovingFocus<number, HTMLLIElement>(current?.index);
  if (!current) return <p className="inspection__empty">This message has no MIME structure.</p>;

  const focus = (index: number) => {
    setFocused(index);
    roving.focus(index);
  };
  const toggle = (index: number, open: boolean) =>
    setCollapsed((previous) => withMember(previous, index, !open));

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    const position = visible.findIndex((row) => row.index === current.index);
    const row = visible[position];
    if (!row) return;
    let handled = true;
    switch (event.key) {
      case 'ArrowDown':
        focus(visible[Math.min(position + 1, visible.length - 1)]?.index ?? row.index);
        break;
      case 'ArrowUp':
        focus(visible[Math.max(position - 1, 0)]?.index ?? row.index);
        break;
      case 'Home':
        focus(visible[0]?.index ?? row.index);
        break;
      case 'End':
        focus(visible[visible.length - 1]?.index ?? row.index);
        break;
      case 'ArrowRight':
        if (row.hasChildren && collapsed.has(row.index)) toggle(row.index, true);
        else if (row.hasChildren) focus(row.index + 1);
        break;
      case 'ArrowLeft':
        if (row.hasChildren && !collapsed.has(row.index)) toggle(row.index, false);
        else if (row.parent !== null) focus(row.parent);
        break;
      case 'Enter':
      case ' ':
        if (row.hasChildren) toggle(row.index, collapsed.has(row.index));
        break;
      default:
        handled = false;
    }
    if (handled) event.preventDefault();
  };

  const part = current.part;
  const openHere = part.path === '' ? null : openerFor(part.contentType, part.filename);
  return (
    <div className="mime" data-testid="mime-tree">
      <ul className="mime__tree" role="tree" aria-label="MIME structure" onKeyDown={onKeyDown}>
        {visible.map((row) => (
          <li
            key={row.index}
            role="treeitem"
            aria-level={row.part.depth + 1}
            aria-expanded={row.hasChildren ? !collapsed.has(row.index) : undefined}
            aria-selected={row.index === current.index}
            aria-label={`${row.part.path === '' ? 'Message' : `Part ${row.part.path}`}: ${row.part.contentType}${row.part.filename ? `, ${row.part.filename}` : ''}, ${formatBytes(row.part.size)}`}
            {...roving.itemProps(row.index)}
            className="mime__item"
            style={{ paddingInlineStart: `${0.4 + row.part.depth * 1.1}rem` }}
            onClick={() => focus(row.index)}
            data-part-path={row.part.path}
          >
            {row.hasChildren ? (
              <span
                className={`mime__twisty${collapsed.has(row.index) ? '' : ' is-open'}`}
                aria-hidden="true"
                onClick={(event) => {
                  event.stopPropagation();
                  toggle(row.index, collapsed.has(row.index));
                }}
              >
                <ChevronIcon size={12} />
              </span>
            ) : (
              <span className="mime__twisty" aria-hidden="true" />
            )}
            <span className="mime__path">{row.part.path === '' ? 'message' : row.part.path}</span>
            <span className="mime__type">{row.part.contentType}</span>
            {row.part.filename ? (
              <span className="mime__filename" dir="auto">
                {row.part.filename}
              </span>
            ) : null}
            <span className="mime__size">{formatBytes(row.part.size)}</span>
          </li>
        ))}
      </ul>

      <section
        className="mime__details"
        aria-label={`Details of ${part.path === '' ? 'the message' : `part ${part.path}`}`}
      >
        <dl className="mime__facts">
          <dt>Part</dt>
          <dd>{part.path === '' ? '(message body)' : part.path}</dd>
          <dt>Type</dt>
          <dd>
            {part.contentType}
            {part.charset ? `; charset=${part.charset}` : ''}
          </dd>
          <dt>Encoding</dt>
          <dd>{part.transferEncoding ?? '7bit (none declared)'}</dd>
          <dt>Size</dt>
          <dd title={`${part.size.toLocaleString()} bytes as encoded in the message`}>
            {formatBytes(part.size)} encoded
          </dd>
          {part.disposition ? (
            <>
              <dt>Disposition</dt>
              <dd>{part.disposition}</dd>
            </>
          ) : null}
          {part.filename ? (
            <>
              <dt>File name</dt>
              <dd dir="auto">{part.filename}</dd>
            </>
          ) : null}
        </dl>
        {openHere ? (
          <button
            type="button"
            className="button mime__view"
            data-testid="mime-view"
            onClick={() => openHere(part.path, part.filename ?? `Part ${part.path}`)}
          >
            View as a message
          </button>
        ) : null}
        {part.leaf ? (
          <button
            type="button"
            className="button"
            onClick={() =>
              save({
                kind: 'file',
                what: `part ${part.path}`,
                suggestedName: partFileName(part),
                run: (to, ifExists, operationId) =>
                  api.invoke('messages.savePart', {
                    ...message,
                    partPath: part.path,
                    ...to,
                    ifExists,
                    operationId,
                  }),
              })
            }
          >
            <DownloadIcon size={14} />
            Save part…
          </button>
        ) : (
          <p className="field-help">A container: save one of the parts inside it.</p>
        )}
        {part.headers.length > 0 ? (
          <HeaderRows headers={part.headers} caption="Headers of this part" className="mime__headers" />
        ) : null}
      </section>
    </div>
  );
}

function toRows(parts: readonly MimePart[]): Row[] {
  const rows: Row[] = [];
  const stack: number[] = [];
  parts.forEach((part, index) => {
    while (stack.length > 0 && (parts[stack[stack.length - 1] ?? 0]?.depth ?? 0) >= part.depth) stack.pop();
    const parent = stack.length > 0 ? (stack[stack.length - 1] ?? null) : null;
    rows.push({ part, index, parent, hasChildren: (parts[index + 1]?.depth ?? -1) > part.depth });
    stack.push(index);
  });
  return rows;
}
