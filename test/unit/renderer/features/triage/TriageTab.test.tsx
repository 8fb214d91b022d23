import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { ApiProvider } from '../../../../../renderer/src/api-context';
import { MessageDisplay } from '../../../../../renderer/src/features/reader/MessageDisplay';
import type { InspectionTab } from '../../../../../renderer/src/features/reader/InspectionPanel';
import { TriagePanel } from '../../../../../renderer/src/features/triage/TriagePanel';
import { TriageTab } from '../../../../../renderer/src/features/triage/TriageTab';
import type { Analysis } from '../../../../../shared/analysis';
import type { MessageView } from '../../../../../shared/model';
import { fakeApi } from '../../fake-api';
import { MESSAGE_REF, messageView } from '../reader/message-view';
import { analysisOf, PHISH } from './analysis';

/** The reader with its inspection panel state, as Reader.tsx keeps it, over a fake API. */
function Reading({ view }: { view: MessageView }) {
  const [showHeaders, setShowHeaders] = useState(false);
  const [tab, setTab] = useState<InspectionTab>('triage');
  const prefs = {
    preferPlain: false,
    setPreferPlain: vi.fn(),
    showHeaders,
    setShowHeaders,
    inspectionTab: tab,
    setInspectionTab: setTab,
  };
  return <MessageDisplay view={view} message={MESSAGE_REF} prefs={prefs} />;
}

const HEADERS = [
  { name: 'Authentication-Results', value: 'dmarc=fail' },
  { name: 'X-Forefront-Antispam-Report', value: 'CAT:PHSH;SCL:5;CTRY:NG;' },
  { name: 'From', value: 'a@b.example' },
  { name: 'Reply-To', value: 'collect@evil-drop.example' },
];

function renderReader(analysis: Analysis, view: MessageView = messageView({ headers: HEADERS })) {
  const api = fakeApi({ 'messages.analyze': () => ({ ok: true, value: analysis }) });
  render(
    <ApiProvider api={api}>
      <Reading view={view} />
    </ApiProvider>,
  );
  return api;
}

describe('Triage', () => {
  it('shows the verdict line, and a claim shows its header marked in the Headers tab', async () => {
    const api = renderReader(PHISH);
    const line = await screen.findByTestId('verdict-line');
    await waitFor(() =>
      expect(line.textContent).toContain('Marked as phishing by Microsoft 365 (CAT:PHSH, SCL 5)'),
    );
    expect(line.textContent).toContain('DMARC failed; sender IP in NG');
    expect(api.calls).toEqual([{ method: 'messages.analyze', request: MESSAGE_REF }]);

    fireEvent.click(within(line).getByRole('button', { name: 'DMARC failed' }));
    const table = await screen.findByTestId('headers-table');
    const marked = table.querySelector('tr[aria-current="true"]');
    expect(marked?.textContent).toContain('Authentication-Results');
    expect(screen.getByRole('tab', { name: /Headers/ }).getAttribute('aria-selected')).toBe('true');
  });

  it('shows no verdict line when no one stamped a verdict; the Triage tab says so', async () => {
    const api = renderReader(analysisOf());
    await waitFor(() => expect(api.calls).toHaveLength(1));
    fireEvent.click(screen.getByRole('button', { name: 'Headers' }));
    fireEvent.click(await screen.findByRole('tab', { name: /Triage/ }));
    expect((await screen.findByTestId('triage-panel')).textContent).toMatch(
      /No Microsoft 365 anti-spam stamps/,
    );
    expect(screen.queryByTestId('verdict-line')).toBeNull();
  });

  it('asks before analysing a message above the automatic size', async () => {
    const api = renderReader(PHISH, messageView({ headers: HEADERS, size: 50 * 1024 * 1024 }));
    const start = screen.getByRole('button', { name: /Analyse this message \(50/ });
    expect(api.calls).toEqual([]);
    fireEvent.click(start);
    await waitFor(() => expect(screen.getByTestId('verdict-line').textContent).toContain('DMARC failed'));
    expect(api.calls).toHaveLength(1);
  });

  it('lists indicators with evidence, decoded stamps with unknown values, and says nothing was looked up', () => {
    const onHeader = vi.fn();
    render(<TriagePanel analysis={PHISH} onHeader={onHeader} />);
    expect(screen.getByTestId('triage-offline').textContent).toMatch(/Nothing is looked up on the network/);
    const indicators = screen.getByTestId('triage-indicators');
    expect(indicators.textContent).toContain('Worth a look');
    expect(indicators.textContent).toContain('Reply-To: collect@evil-drop.example');
    fireEvent.click(within(indicators).getByRole('button', { name: 'Reply-To' }));
    expect(onHeader).toHaveBeenCalledWith({ index: 3, name: 'Reply-To' });
    const stamp = screen.getByTestId('stamp-forefront-antispam-report');
    expect(stamp.textContent).toContain('Phishing.');
    expect(within(stamp).getAllByRole('row')[1]?.textContent).toContain('unknown');
    expect(screen.getByText(/has no ARC headers/)).toBeTruthy();
  });

  it('copies the IOCs defanged, all or one kind, and in the other formats', async () => {
    const writeText = vi.fn(async (_text: string) => undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    render(<TriagePanel analysis={PHISH} onHeader={vi.fn()} />);
    fireEvent.click(screen.getByTestId('ioc-copy-all'));
    await waitFor(() => expect(writeText).toHaveBeenCalledTimes(1));
    expect(writeText.mock.calls[0]).toEqual([
      expect.stringContaining(
        'hxxps://login[.]evil-drop[.]example/x\nevil-drop[.]example\n198[.]51[.]100[.]23\ncollect[@]evil-drop[.]example\n',
      ),
    ]);
    fireEvent.click(screen.getByTestId('ioc-copy-ip'));
    await waitFor(() => expect(writeText).toHaveBeenLastCalledWith('198[.]51[.]100[.]23'));
    fireEvent.change(screen.getByTestId('ioc-format'), { target: { value: 'json' } });
    fireEvent.click(screen.getByTestId('ioc-copy-url'));
    await waitFor(() =>
      expect(JSON.parse(String(writeText.mock.lastCall?.[0]))).toEqual({ urls: PHISH.iocs.urls }),
    );
  });

  it('shows an analysis that failed as an error', () => {
    render(
      <TriageTab
        state={{
          status: 'done',
          result: { ok: false, error: { code: 'MESSAGE_MALFORMED', message: 'Broken.' } },
        }}
        onHeader={vi.fn()}
      />,
    );
    expect(screen.getByTestId('triage-error').textContent).toContain('Broken.');
  });
});
