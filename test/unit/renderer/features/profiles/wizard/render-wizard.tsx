import { fireEvent, render, screen } from '@testing-library/react';
import { vi } from 'vitest';
import { ApiProvider } from '../../../../../../renderer/src/api-context';
import { ProfileWizard } from '../../../../../../renderer/src/features/profiles/ProfileWizard';
import type { KeychainStatus } from '../../../../../../shared/model';
import { type FakeApi } from '../../../fake-api';

/** The wizard against a fake API, and the steps a person takes through it. */
export function renderWizard(api: FakeApi, keychain: KeychainStatus = { available: true }) {
  const onSaved = vi.fn();
  const onClose = vi.fn();
  render(
    <ApiProvider api={api}>
      <ProfileWizard keychain={keychain} onClose={onClose} onSaved={onSaved} />
    </ApiProvider>,
  );
  return { onSaved, onClose };
}

export function type(label: string | RegExp, value: string): void {
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
}

export function click(name: string | RegExp): void {
  fireEvent.click(screen.getByRole('button', { name }));
}

/** Fills the first two steps with valid values and arrives on the credential step. */
export function fillToCredential(): void {
  type('Display name', 'Invoices');
  type('Shared mailbox address', 'invoices@contoso.com');
  click('Next');
  type('Tenant ID or domain', 'contoso.onmicrosoft.com');
  type('Application (client) ID', '0e5f7a41-3b2c-4d8e-9f10-2a3b4c5d6e7f');
  click('Next');
}
