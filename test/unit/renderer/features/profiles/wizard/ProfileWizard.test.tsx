import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { DiagnosticReport } from '../../../../../../shared/diagnostics';
import { fakeApi } from '../../../fake-api';
import { click, fillToCredential, renderWizard, type } from './render-wizard';

const FAILED_REPORT: DiagnosticReport = {
  profileId: '',
  profileName: 'Invoices',
  mailbox: 'invoices@contoso.com',
  protocol: 'imap',
  server: 'outlook.office365.com:993 (implicit TLS)',
  startedAt: '2026-01-01T00:00:00.000Z',
  durationMs: 40,
  ok: false,
  failedStep: 'token',
  steps: [
    { id: 'dns', title: 'Resolve server names (DNS)', status: 'ok', durationMs: 1, evidence: [] },
    {
      id: 'token',
      title: 'Get a token',
      status: 'failed',
      durationMs: 30,
      evidence: ['AADSTS7000215'],
      cause: 'The client secret is wrong.',
      fix: 'Paste the secret’s Value, not its ID.',
    },
  ],
};

describe('ProfileWizard', () => {
  it('keeps Next on a step with errors and shows them; the step is marked', async () => {
    renderWizard(fakeApi({}));
    click('Next');
    expect(screen.getByTestId('step-mailbox')).toBeTruthy();
    expect(screen.getByTestId('error-name').textContent).toMatch(/^Name:/);
    expect(screen.getByTestId('error-mailbox').textContent).toMatch(/^Mailbox:/);
    expect(screen.getByLabelText('Display name').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('button', { name: /^Mailbox\s*\(has errors\)$/ })).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('Display name')));
  });

  it('Test connection sends the unsaved draft with its secret and shows the failed step’s cause and fix', async () => {
    const api = fakeApi({ 'diagnostics.run': () => ({ ok: true, value: FAILED_REPORT }) });
    renderWizard(api);
    fillToCredential();
    type('Client secret Value', ' the-value ');
    click('Test connection');
    expect((await screen.findByTestId('diag-cause')).textContent).toBe('The client secret is wrong.');
    expect(screen.getByTestId('diag-fix').textContent).toBe('Paste the secret’s Value, not its ID.');
    expect(api.calls).toEqual([
      {
        method: 'diagnostics.run',
        request: {
          draft: expect.objectContaining({ name: 'Invoices', tenant: 'contoso.onmicrosoft.com' }),
          secret: { kind: 'client-secret', value: 'the-value' },
        },
      },
    ]);
  });

  it('a changed field drops a report that no longer describes the settings', async () => {
    renderWizard(fakeApi({ 'diagnostics.run': () => ({ ok: true, value: FAILED_REPORT }) }));
    fillToCredential();
    type('Client secret Value', 'the-value');
    click('Test connection');
    await screen.findByTestId('diag-cause');
    type('Client secret Value', 'another-value');
    expect(screen.queryByTestId('diag-cause')).toBeNull();
  });
});
