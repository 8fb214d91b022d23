import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { errorInfo } from '../../../../../../shared/errors';
import { fakeApi } from '../../../fake-api';
import { click, fillToCredential, renderWizard, type } from './render-wizard';

describe('the credential step', () => {
  it('warns while typing when the secret is a Secret ID, and only then', () => {
    renderWizard(fakeApi({}));
    fillToCredential();
    type('Client secret Value', '3f2504e0-4f89-11d3-9a0c-0305e82c3301');
    const warning = screen.getByTestId('secret-id-warning');
    expect(warning.textContent).toMatch(/Secret ID/);
    expect(screen.getByLabelText('Client secret Value').getAttribute('aria-describedby')).toContain(
      warning.id,
    );
    type('Client secret Value', 'Abc8Q~x1y2z3-4_5.6789');
    expect(screen.queryByTestId('secret-id-warning')).toBeNull();
  });

  it('Save is off until a secret is given, then sends it and reports a refusal', async () => {
    const api = fakeApi({
      'profiles.save': () => ({
        ok: false,
        error: errorInfo('KEYCHAIN_UNAVAILABLE', 'The keychain is locked.'),
      }),
    });
    const { onSaved } = renderWizard(api);
    fillToCredential();
    const save = screen.getByTestId('wizard-save') as HTMLButtonElement;
    expect(save.disabled).toBe(true);
    type('Client secret Value', 'the-value');
    expect(save.disabled).toBe(false);
    click('Save');
    expect((await screen.findByTestId('save-error')).textContent).toContain('The keychain is locked.');
    expect(api.calls[0]).toMatchObject({
      method: 'profiles.save',
      request: { secret: { kind: 'client-secret', value: 'the-value' } },
    });
    expect(onSaved).not.toHaveBeenCalled();
  });

  it('without a keychain an app-only profile cannot be saved, a delegated one can', async () => {
    renderWizard(fakeApi({}), { available: false, message: 'No keychain here.' });
    fillToCredential();
    expect(screen.getByTestId('keychain-unavailable').textContent).toContain('No keychain here.');
    type('Client secret Value', 'the-value');
    expect((screen.getByTestId('wizard-save') as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText('Secrets cannot be stored without a keychain.')).toBeTruthy();
    fireEvent.click(screen.getByRole('radio', { name: /Delegated/ }));
    expect(screen.getByTestId('delegated-note')).toBeTruthy();
    await waitFor(() =>
      expect((screen.getByTestId('wizard-save') as HTMLButtonElement).disabled).toBe(false),
    );
  });
});
