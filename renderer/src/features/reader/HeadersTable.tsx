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
      <HeaderRows
        headers={headers}
        caption="All headers of this message, in the order they appear"
        namesClassName="headers-table__names"
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
          <tr key={index}>
            <th scope="row">{header.name}</th>
            <td>{header.value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
