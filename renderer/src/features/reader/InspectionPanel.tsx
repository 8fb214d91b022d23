import { type KeyboardEvent, useId } from 'react';
import type { MessageView } from '../../../../shared/model';
import { TriageTab } from '../triage/TriageTab';
import type { AnalysisState } from '../triage/use-analysis';
import { AuthenticationPanel } from './AuthenticationPanel';
import { HeadersTable } from './HeadersTable';
import { MimeTree } from './MimeTree';
import { RouteTable } from './RouteTable';
import { resultTone } from './inspection-format';
import type { MessageSaveProps } from './use-save';
import type { MessageViewState } from './reader-view';
import { useRovingFocus } from '../../components/use-roving-focus';

export type InspectionTab = 'headers' | 'route' | 'authentication' | 'mime' | 'triage';

/**
 * What ops staff inspect: every header, the route, the authentication verdicts, the MIME
 * structure and the triage analysis, as tabs (WAI-ARIA tabs: arrows move between them, Tab goes into the panel). The
 * chosen tab sticks from message to message.
 */
export function InspectionPanel({
  view,
  message,
  save,
  analysis,
  state,
}: MessageSaveProps & {
  view: MessageView;
  analysis: AnalysisState;
  /** The chosen tab, and the header marked in the Headers tab (a triage claim's). */
  state: Pick<MessageViewState, 'inspectionTab' | 'setInspectionTab' | 'highlightHeader' | 'showHeader'>;
}) {
  const { inspectionTab: tab, setInspectionTab: onTab } = state;
  const baseId = useId();
  const roving = useRovingFocus<InspectionTab, HTMLButtonElement>(tab);
  const failing = view.authentication.verdicts.filter(
    (verdict) => resultTone(verdict.result) === 'fail',
  ).length;
  const tabs: { id: InspectionTab; label: string; note?: string }[] = [
    { id: 'headers', label: 'Headers', note: String(view.headers.length) },
    { id: 'route', label: 'Route', note: String(view.received.length) },
    { id: 'authentication', label: 'Authentication', ...(failing ? { note: `${failing} failed` } : {}) },
    { id: 'mime', label: 'MIME tree', note: String(view.mimeTree.length) },
    { id: 'triage', label: 'Triage', ...triageNote(analysis) },
  ];

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const position = tabs.findIndex((item) => item.id === tab);
    const next =
      event.key === 'ArrowRight'
        ? tabs[(position + 1) % tabs.length]
        : event.key === 'ArrowLeft'
          ? tabs[(position - 1 + tabs.length) % tabs.length]
          : event.key === 'Home'
            ? tabs[0]
            : event.key === 'End'
              ? tabs[tabs.length - 1]
              : undefined;
    if (!next) return;
    event.preventDefault();
    onTab(next.id);
    roving.focus(next.id);
  };

  return (
    <section className="inspection" aria-label="Message details" data-testid="inspection">
      <div className="inspection__tabs" role="tablist" aria-label="Message details" onKeyDown={onKeyDown}>
        {tabs.map((item) => (
          <button
            key={item.id}
            type="button"
            role="tab"
            id={`${baseId}-tab-${item.id}`}
            aria-selected={item.id === tab}
            aria-controls={`${baseId}-panel`}
            {...roving.itemProps(item.id)}
            className={`inspection__tab${(item.id === 'authentication' && failing) || (item.id === 'triage' && strongIndicators(analysis)) ? ' inspection__tab--alert' : ''}`}
            onClick={() => onTab(item.id)}
          >
            {item.label}
            {item.note ? <span className="inspection__note">{item.note}</span> : null}
          </button>
        ))}
      </div>
      <div
        className="inspection__panel"
        role="tabpanel"
        id={`${baseId}-panel`}
        aria-labelledby={`${baseId}-tab-${tab}`}
        tabIndex={tab === 'route' || tab === 'authentication' || tab === 'triage' ? 0 : -1}
      >
        {tab === 'headers' ? <HeadersTable headers={view.headers} highlight={state.highlightHeader} /> : null}
        {tab === 'route' ? <RouteTable hops={view.received} /> : null}
        {tab === 'authentication' ? <AuthenticationPanel report={view.authentication} /> : null}
        {tab === 'mime' ? <MimeTree parts={view.mimeTree} message={message} save={save} /> : null}
        {tab === 'triage' ? <TriageTab state={analysis} onHeader={state.showHeader} /> : null}
      </div>
    </section>
  );
}

function strongIndicators(analysis: AnalysisState): number {
  return analysis.status === 'done' && analysis.result.ok
    ? analysis.result.value.indicators.filter((indicator) => indicator.strength === 'strong').length
    : 0;
}

function triageNote(analysis: AnalysisState): { note?: string } {
  if (analysis.status !== 'done' || !analysis.result.ok) return {};
  const strong = strongIndicators(analysis);
  const count = analysis.result.value.indicators.length;
  return strong ? { note: `${strong} strong` } : count ? { note: String(count) } : {};
}
