import type { Analysis, ArcChain, DecodedStamp, HeaderRef, Indicator } from '../../../../shared/analysis';
import { IocCopy } from './IocCopy';

const STRENGTH_LABELS: Record<Indicator['strength'], string> = {
  strong: 'Strong',
  moderate: 'Worth a look',
  weak: 'Weak',
};

/**
 * The Triage tab: the indicators a person would check, each with its evidence (a header is a link
 * to its row), Microsoft 365's stamps decoded field by field, the ARC chain, and the indicators to
 * take away. It says once that nothing was looked up on the network.
 */
export function TriagePanel({
  analysis,
  onHeader,
}: {
  analysis: Analysis;
  onHeader: (header: HeaderRef) => void;
}) {
  return (
    <div className="triage" data-testid="triage-panel">
      <p className="triage__offline" data-testid="triage-offline">
        {analysis.offline.note}
      </p>
      <Indicators indicators={analysis.indicators} onHeader={onHeader} />
      {analysis.attachedMessages.map((attached) => (
        <section
          key={attached.label}
          className="triage__section"
          aria-label={`Attached message ${attached.label}`}
        >
          <h3 className="triage__heading">
            Attached message “{attached.label}”{attached.subject ? `: ${attached.subject}` : ''}
          </h3>
          <p className="muted">
            {attached.analysis.verdict.summary || 'No anti-spam verdict in its headers.'}
          </p>
          <Indicators indicators={attached.analysis.indicators} onHeader={null} />
        </section>
      ))}
      <Stamps stamps={analysis.stamps} onHeader={onHeader} />
      <Arc arc={analysis.arc} onHeader={onHeader} />
      <IocCopy iocs={analysis.iocs} />
    </div>
  );
}

function HeaderLink({
  header,
  onHeader,
}: {
  header: HeaderRef;
  onHeader: ((header: HeaderRef) => void) | null;
}) {
  if (!onHeader) return <code>{header.name}</code>;
  return (
    <button
      type="button"
      className="triage__header-link"
      onClick={() => onHeader(header)}
      title="Show this header"
    >
      {header.name}
    </button>
  );
}

function Indicators({
  indicators,
  onHeader,
}: {
  indicators: readonly Indicator[];
  onHeader: ((header: HeaderRef) => void) | null;
}) {
  return (
    <section className="triage__section" aria-labelledby={onHeader ? 'triage-indicators' : undefined}>
      {onHeader ? (
        <h3 id="triage-indicators" className="triage__heading">
          Indicators
        </h3>
      ) : null}
      {indicators.length === 0 ? (
        <p className="muted">Nothing here that a person would usually check.</p>
      ) : (
        <ul className="triage__indicators" data-testid="triage-indicators">
          {indicators.map((indicator, index) => (
            <li key={index} className={`triage__indicator triage__indicator--${indicator.strength}`}>
              <span className={`triage__strength triage__strength--${indicator.strength}`}>
                {STRENGTH_LABELS[indicator.strength]}
              </span>
              <span className="triage__title">{indicator.title}</span>
              <ul className="triage__evidence">
                {indicator.evidence.map((evidence, at) => (
                  <li key={at}>
                    <span dir="auto">{evidence.text}</span>
                    {evidence.header ? (
                      <>
                        {' '}
                        <HeaderLink header={evidence.header} onHeader={onHeader} />
                      </>
                    ) : null}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Stamps({
  stamps,
  onHeader,
}: {
  stamps: readonly DecodedStamp[];
  onHeader: (header: HeaderRef) => void;
}) {
  return (
    <section className="triage__section" aria-labelledby="triage-stamps">
      <h3 id="triage-stamps" className="triage__heading">
        Anti-spam stamps
      </h3>
      {stamps.length === 0 ? (
        <p className="muted">No Microsoft 365 anti-spam stamps in this message.</p>
      ) : null}
      {stamps.map((stamp) => (
        <table key={stamp.header.index} className="triage__stamp" data-testid={`stamp-${stamp.kind}`}>
          <caption>
            {stamp.title} <HeaderLink header={stamp.header} onHeader={onHeader} />
          </caption>
          <tbody>
            {stamp.fields.map((field, index) => (
              <tr key={index} className={`triage__field triage__field--${field.tone}`}>
                <th scope="row">
                  <code>{field.key}</code>
                </th>
                <td className="triage__value">
                  <code>{field.value || '(empty)'}</code>
                </td>
                <td>
                  <span className="triage__label">{field.label}</span>
                  <span className={field.known ? undefined : 'muted'}>{field.meaning}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </section>
  );
}

function Arc({ arc, onHeader }: { arc: ArcChain; onHeader: (header: HeaderRef) => void }) {
  return (
    <section className="triage__section" aria-labelledby="triage-arc">
      <h3 id="triage-arc" className="triage__heading">
        ARC chain{' '}
        {arc.status !== 'none' ? (
          <span
            className={`triage__strength triage__strength--${arc.status === 'broken' ? 'strong' : 'weak'}`}
          >
            {arc.status === 'broken' ? 'Broken' : 'Intact as written'}
          </span>
        ) : null}
      </h3>
      <p className="muted">{arc.note}</p>
      {arc.instances.length > 0 ? (
        <table className="triage__arc" data-testid="arc-chain">
          <thead>
            <tr>
              <th scope="col">i=</th>
              <th scope="col">Sealed by (cv=)</th>
              <th scope="col">Signed by</th>
              <th scope="col">What it claimed</th>
            </tr>
          </thead>
          <tbody>
            {arc.instances.map((hop) => (
              <tr key={hop.instance}>
                <th scope="row">{hop.instance}</th>
                <td>
                  {hop.seal ? (
                    <>
                      {hop.seal.domain ?? 'unknown'} (cv={hop.seal.cv ?? '?'}){' '}
                      <HeaderLink header={hop.seal.header} onHeader={onHeader} />
                    </>
                  ) : (
                    <span className="muted">no seal</span>
                  )}
                </td>
                <td>{hop.messageSignature?.domain ?? <span className="muted">none</span>}</td>
                <td>
                  {hop.results
                    ? hop.results.results.map((result) => `${result.method}=${result.result}`).join(', ') ||
                      'nothing'
                    : 'no results'}
                  {hop.problems.map((problem) => (
                    <span key={problem} className="triage__problem">
                      {' '}
                      {problem}
                    </span>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
