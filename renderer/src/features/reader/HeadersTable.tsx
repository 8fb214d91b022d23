import { type Ref, useEffect, useRef } from 'react';
import type { Header } from '../../../../shared/model';

/** Every header in message order, as the engine decoded it: the raw evidence helpdesk and security staff ask for. */
export function HeadersTable({
  headers,
  highlight = null,
}: {
  headers: readonly Header[];
  /** The row to show and mark (a triage claim's header), by its index in `headers`. */
  highlight?: number | null;
}) {
  const highlighted = useRef<HTMLTableRowElement>(null);
  useEffect(() => {
    highlighted.current?.scrollIntoView({ block: 'nearest' });
  }, [highlight]);
  if (headers.length === 0) return <p className="headers-empty">This message has no headers.</p>;
  return (
    <div
      className="headers-panel"
      data-testid="headers-table"
      tabIndex={0}
      role="region"
      aria-label="All headers"
    >
      <HeaderRows
        headers={headers}
        caption="All headers of this message, in the order they appear"
        namesClassName="headers-table__names"
        highlight={highlight}
        highlightRef={highlighted}
      />
    </div>
  );
}

/** Headers as a two-column table (name, value), in the order given: a message's or one part's. */
export function HeaderRows(props: {
  headers: readonly Header[];
  caption: string;
  className?: string;
  namesClassName?: string;
  /** The row to mark (by index), and the ref that lets the caller scroll it into view. */
  highlight?: number | null;
  highlightRef?: Ref<HTMLTableRowElement>;
}) {
  return (
    <table className={`headers-table${props.className ? ` ${props.className}` : ''}`}>
      <caption className="sr-only">{props.caption}</caption>
      <colgroup>
        <col className={props.namesClassName} />
        <col />
      </colgroup>
      <tbody>
        {props.headers.map((header, index) => (
          <tr
            key={index}
            ref={index === props.highlight ? props.highlightRef : undefined}
            className={index === props.highlight ? 'is-highlighted' : undefined}
            aria-current={index === props.highlight ? 'true' : undefined}
          >
            <th scope="row">{header.name}</th>
            <td>{header.value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
