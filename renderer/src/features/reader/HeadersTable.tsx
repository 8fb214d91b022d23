import { useEffect, useRef } from 'react';
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
      <table className="headers-table">
        <caption className="sr-only">All headers of this message, in the order they appear</caption>
        <colgroup>
          <col className="headers-table__names" />
          <col />
        </colgroup>
        <tbody>
          {headers.map((header, index) => (
            <tr
              key={index}
              ref={index === highlight ? highlighted : undefined}
              className={index === highlight ? 'is-highlighted' : undefined}
              aria-current={index === highlight ? 'true' : undefined}
            >
              <th scope="row">{header.name}</th>
              <td>{header.value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
