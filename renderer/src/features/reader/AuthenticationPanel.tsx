import type { AuthenticationReport, AuthResultsHeader, AuthVerdict } from '../../../../shared/model';
import { ShieldIcon, WarningIcon } from '../../components/icons';
import { formatTimestamp, resultTone } from './inspection-format';

const METHOD_LABEL: Record<AuthVerdict['method'], string> = { spf: 'SPF', dkim: 'DKIM', dmarc: 'DMARC' };

/**
 * SPF, DKIM and DMARC as the receiving organisation judged them, with every other claim the
 * message carries shown for what it is: written by someone else, and not to be trusted.
 */
export function AuthenticationPanel({ report }: { report: AuthenticationReport }) {
  const trusted = report.results.filter((header) => header.trusted);
  const others = report.results.filter((header) => !header.trusted);
  return (
    <div className="auth" data-testid="auth-panel">
      <ul className="auth__verdicts" aria-label="Authentication verdicts">
        {report.verdicts.map((verdict) => (
          <li key={verdict.method} className="auth__verdict">
            <span className="auth__method">{METHOD_LABEL[verdict.method]}</span>
            <ResultBadge result={verdict.result} />
            <span className="auth__domain">{verdict.domain ?? ''}</span>
            {verdict.detail ? <span className="auth__detail">{verdict.detail}</span> : null}
          </li>
        ))}
      </ul>
      <p className="inspection__lead">
        <ShieldIcon size={13} />{' '}
        {trusted.length === 0
          ? 'No server recorded authentication results for this message.'
          : report.trustedAuthservId
            ? `Verdicts from ${report.trustedAuthservId}, the last server to check the message on arrival.`
            : 'Verdicts from the receiving server, which did not name itself (Exchange Online writes no authserv-id).'}
      </p>

      {report.results.map((header, index) => (
        <ResultsHeader key={index} header={header} />
      ))}

      {others.length > 0 ? (
        <p className="auth__caution">
          <WarningIcon size={13} /> Results marked “came with the message” were written by another server or
          by the sender, and anyone can write them.
        </p>
      ) : null}

      {report.dkimSignatures.length > 0 ? (
        <>
          <h4 className="inspection__heading">DKIM signatures</h4>
          <table className="inspection-table">
            <thead>
              <tr>
                <th scope="col">Domain (d=)</th>
                <th scope="col">Selector (s=)</th>
                <th scope="col">Algorithm (a=)</th>
                <th scope="col">Signed</th>
                <th scope="col">Headers signed</th>
              </tr>
            </thead>
            <tbody>
              {report.dkimSignatures.map((signature, index) => (
                <tr key={index}>
                  <td>{signature.domain ?? '—'}</td>
                  <td>{signature.selector ?? '—'}</td>
                  <td>{signature.algorithm ?? '—'}</td>
                  <td>{signature.signedAt ? formatTimestamp(signature.signedAt) : '—'}</td>
                  <td className="auth__signed">{signature.headers.join(', ') || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="field-help">
            Mailscope shows signatures; the verdict above is the receiving server’s check of them.
          </p>
        </>
      ) : null}

      {report.receivedSpf.length > 0 ? (
        <>
          <h4 className="inspection__heading">Received-SPF</h4>
          <ul className="auth__spf">
            {report.receivedSpf.map((spf, index) => (
              <li key={index}>
                <ResultBadge result={spf.result} /> {spf.comment ?? ''}
                {spf.properties.length ? (
                  <span className="auth__props">
                    {spf.properties.map((property) => `${property.name}=${property.value}`).join('; ')}
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}

function ResultsHeader({ header }: { header: AuthResultsHeader }) {
  return (
    <section
      className={`auth__header${header.trusted ? ' auth__header--trusted' : ''}`}
      aria-label={`${header.header} from ${header.authservId ?? 'an unnamed server'}`}
    >
      <p className="auth__header-title">
        <span className="auth__header-name">{header.header}</span>
        {header.instance !== null ? <span className="badge">i={header.instance}</span> : null}
        <span className="auth__authserv">{header.authservId ?? '(no authserv-id)'}</span>
        <span className={`auth__trust${header.trusted ? ' auth__trust--yes' : ''}`}>
          {header.trusted ? 'receiving organisation' : 'came with the message'}
        </span>
      </p>
      {header.results.length === 0 ? (
        <p className="muted">No results.</p>
      ) : (
        <ul className="auth__results">
          {header.results.map((result, index) => (
            <li key={index}>
              <span className="auth__result-method">{result.method}</span>
              <ResultBadge result={result.result} />
              {[
                ...result.properties.map((property) => `${property.name}=${property.value}`),
                ...(result.reason ? [`reason=${result.reason}`] : []),
              ].join(' ')}
              {result.comment ? <span className="auth__detail"> ({result.comment})</span> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function ResultBadge({ result }: { result: string }) {
  return <span className={`result-badge result-badge--${resultTone(result)}`}>{result}</span>;
}
