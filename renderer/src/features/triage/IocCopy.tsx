import { useState } from 'react';
import { IOC_KINDS, type IocKind, type Iocs } from '../../../../shared/analysis';
import { formatIocs, type IocFormat, iocCounts } from '../../../../shared/ioc-format';
import { CopyButton } from '../../components/CopyButton';

const KIND_LABELS: Record<IocKind, string> = {
  url: 'URLs',
  domain: 'Domains',
  ip: 'IP addresses',
  email: 'Email addresses',
  attachment: 'Attachments',
};

const FORMAT_LABELS: Record<IocFormat, string> = {
  plain: 'Plain',
  defanged: 'Defanged',
  csv: 'CSV',
  json: 'JSON',
};

/**
 * The indicators to take away: counted by kind, each kind listed, and copied (all, or one kind) as
 * plain lines, defanged lines, CSV or JSON, formatted by the same pure functions as the report.
 */
export function IocCopy({ iocs }: { iocs: Iocs }) {
  const [format, setFormat] = useState<IocFormat>('defanged');
  const counts = iocCounts(iocs);
  const total = IOC_KINDS.reduce((sum, kind) => sum + counts[kind], 0);
  return (
    <section className="triage__section" aria-labelledby="triage-iocs">
      <h3 id="triage-iocs" className="triage__heading">
        Indicators to take away
      </h3>
      <div className="triage__copybar">
        <label className="triage__format">
          Copy as{' '}
          <select
            value={format}
            onChange={(event) => setFormat(event.target.value as IocFormat)}
            data-testid="ioc-format"
          >
            {(Object.keys(FORMAT_LABELS) as IocFormat[]).map((value) => (
              <option key={value} value={value}>
                {FORMAT_LABELS[value]}
              </option>
            ))}
          </select>
        </label>
        <CopyButton
          text={formatIocs(iocs, format)}
          label={`Copy all (${total})`}
          className="button button--small"
          testId="ioc-copy-all"
        />
      </div>
      {total === 0 ? (
        <p className="muted">No URLs, domains, addresses or attachments in this message.</p>
      ) : null}
      <ul className="triage__ioc-kinds">
        {IOC_KINDS.filter((kind) => counts[kind] > 0).map((kind) => (
          <li key={kind} className="triage__ioc-kind" data-testid={`iocs-${kind}`}>
            <span className="triage__ioc-name">
              {KIND_LABELS[kind]} <span className="inspection__note">{counts[kind]}</span>
            </span>
            <CopyButton
              text={formatIocs(iocs, format, [kind])}
              label={`Copy ${KIND_LABELS[kind].toLowerCase()}`}
              className="button button--small button--quiet"
              testId={`ioc-copy-${kind}`}
            />
            <details className="triage__iocs">
              <summary>Show</summary>
              <pre className="triage__ioc-list">
                {formatIocs(iocs, format === 'defanged' ? 'defanged' : 'plain', [kind])}
              </pre>
            </details>
          </li>
        ))}
      </ul>
    </section>
  );
}
