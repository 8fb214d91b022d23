import type { HopHost, ReceivedHop } from '../../../../shared/model';
import { WarningIcon } from '../../components/icons';
import { formatDelay, formatExact, formatTimestamp } from './inspection-format';

/**
 * The Received chain as a table, first server first: who handed the message to whom, when, how
 * long it waited, and whether that hop was encrypted. A negative delay (a later server's clock
 * behind an earlier one's) is shown as it is, and flagged.
 */
export function RouteTable({ hops }: { hops: readonly ReceivedHop[] }) {
  if (hops.length === 0) {
    return (
      <p className="inspection__empty">
        This message has no Received headers: it never crossed a mail server.
      </p>
    );
  }
  const total = totalDelay(hops);
  return (
    <div className="route" data-testid="route-table">
      <p className="inspection__lead">
        {hops.length === 1 ? '1 hop' : `${hops.length} hops`}, first server first
        {total !== null ? ` · ${formatDelay(total).replace(/^\+/, '')} from first to last` : ''}.
      </p>
      <table className="inspection-table">
        <caption className="sr-only">Servers the message passed through, in order</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">From</th>
            <th scope="col">By</th>
            <th scope="col">Protocol</th>
            <th scope="col">Received</th>
            <th scope="col">Delay</th>
          </tr>
        </thead>
        <tbody>
          {hops.map((hop) => (
            <tr key={hop.index} title={hop.raw}>
              <td className="inspection-table__num">{hop.index}</td>
              <td>
                <Host host={hop.from} />
              </td>
              <td>
                <Host host={hop.by} />
              </td>
              <td>
                <span className="route__protocol">{hop.protocol ?? '—'}</span>
                <Tls hop={hop} />
              </td>
              <td>
                {hop.date ? (
                  <time dateTime={hop.date} title={formatTimestamp(hop.date)}>
                    {formatExact(hop.date)}
                  </time>
                ) : (
                  <span className="muted" title={hop.dateText ?? undefined}>
                    {hop.dateText ? 'Unreadable date' : 'No date'}
                  </span>
                )}
              </td>
              <td
                className={`inspection-table__num${hop.delayMs !== null && hop.delayMs < 0 ? ' route__negative' : ''}`}
              >
                {hop.delayMs !== null && hop.delayMs < 0 ? (
                  <span title="This server's clock says it received the message before the previous server sent it: one of the clocks is wrong, or a header was forged.">
                    <WarningIcon size={12} /> {formatDelay(hop.delayMs)}
                  </span>
                ) : (
                  formatDelay(hop.delayMs)
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Host({ host }: { host: HopHost | null }) {
  if (!host) return <span className="muted">—</span>;
  return (
    <span className="route__host" title={host.detail ?? undefined}>
      {host.name ? <span className="route__name">{host.name}</span> : null}
      {host.ip ? <span className="route__ip">{host.ip}</span> : null}
      {!host.name && !host.ip ? <span className="muted">{host.detail ?? '—'}</span> : null}
    </span>
  );
}

function Tls({ hop }: { hop: ReceivedHop }) {
  if (hop.tls === null) return null;
  const detail = [hop.tlsVersion, hop.cipher].filter(Boolean).join(', ');
  return hop.tls ? (
    <span className="tls-badge tls-badge--on" title={detail || 'Encrypted (the protocol says TLS)'}>
      TLS{hop.tlsVersion ? ` ${hop.tlsVersion.replace(/^TLS[v_]?/i, '').replace('_', '.')}` : ''}
    </span>
  ) : (
    <span className="tls-badge tls-badge--off" title="This hop was not encrypted">
      No TLS
    </span>
  );
}

function totalDelay(hops: readonly ReceivedHop[]): number | null {
  const dated = hops.filter((hop) => hop.date !== null);
  const first = dated[0]?.date;
  const last = dated.at(-1)?.date;
  if (!first || !last || dated.length < 2) return null;
  return Date.parse(last) - Date.parse(first);
}
