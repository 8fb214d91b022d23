import type { Header } from '../../../../shared/model';

/** Every header in message order, as the engine decoded it: the raw evidence helpdesk and security staff ask for. */
export function HeadersTable({ headers }: { headers: readonly Header[] }) {
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
            <tr key={index}>
              <th scope="row">{header.name}</th>
              <td>{header.value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
