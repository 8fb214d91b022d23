import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ApiProvider } from '../../../../../renderer/src/api-context';
import { ProfilePage } from '../../../../../renderer/src/features/profiles/ProfilePage';
import { errorInfo } from '../../../../../shared/errors';
import type { ProfileSummary, SourceSummary } from '../../../../../shared/model';
import { fakeApi, type FakeHandlers } from '../../fake-api';
import { profileSummary } from './profile-summary';

/** A profile's page: its actions go to the API in context, and their failures show on the page. */

const PROFILE = profileSummary();

function renderPage(handlers: FakeHandlers) {
  const api = fakeApi(handlers);
  const props = {
    onView: vi.fn(),
    onAutoTested: vi.fn(),
    onEdit: vi.fn(),
    onDuplicated: vi.fn<(profile: ProfileSummary) => void>(),
    onRemoved: vi.fn<(id: string) => void>(),
    onChanged: vi.fn(),
    onOpened: vi.fn<(source: SourceSummary) => void>(),
  };
  render(
    <ApiProvider api={api}>
      <ProfilePage
        profile={PROFILE}
        sharedWith={[]}
        keychain={{ available: true }}
        view="overview"
        autoTest={false}
        {...props}
      />
    </ApiProvider>,
  );
  return { api, props };
}

const button = (name: string) => screen.getByRole('button', { name });

describe('ProfilePage', () => {
  it('Open mailbox opens this profile and hands the source on', async () => {
    const source: SourceSummary = {
      id: 's1',
      kind: 'imap',
      name: 'Invoices',
      location: 'invoices@contoso.com',
      folders: [],
      notices: [],
      list: { sortKeys: ['date'], reversible: false, preview: false, note: null },
    };
    const { api, props } = renderPage({ 'sources.openProfile': () => ({ ok: true, value: source }) });
    fireEvent.click(button('Open mailbox'));
    await vi.waitFor(() => expect(props.onOpened).toHaveBeenCalledWith(source));
    expect(api.calls).toEqual([{ method: 'sources.openProfile', request: { profileId: PROFILE.id } }]);
  });

  it('shows why an action failed, and clears it on the next try', async () => {
    const copy = profileSummary({ id: '7f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f', name: 'Invoices (copy)' });
    const answers = [
      { ok: false as const, error: errorInfo('PROFILE_NOT_FOUND') },
      { ok: true as const, value: copy },
    ];
    const { props } = renderPage({ 'profiles.duplicate': () => answers.shift()! });
    fireEvent.click(button('Duplicate'));
    expect((await screen.findByTestId('profile-action-error')).textContent).toContain(
      errorInfo('PROFILE_NOT_FOUND').message,
    );
    fireEvent.click(button('Duplicate'));
    await vi.waitFor(() => expect(props.onDuplicated).toHaveBeenCalledWith(copy));
    expect(screen.queryByTestId('profile-action-error')).toBeNull();
  });

  it('removes only after the confirmation; a profile gone already counts as removed', async () => {
    const { api, props } = renderPage({
      'profiles.remove': () => ({ ok: false, error: errorInfo('PROFILE_NOT_FOUND') }),
    });
    fireEvent.click(button('Remove'));
    expect(api.calls).toEqual([]);
    fireEvent.click(within(screen.getByTestId('remove-dialog')).getByRole('button', { name: 'Remove' }));
    await vi.waitFor(() => expect(props.onRemoved).toHaveBeenCalledWith(PROFILE.id));
    expect(screen.queryByTestId('remove-dialog')).toBeNull();
    expect(screen.queryByTestId('profile-action-error')).toBeNull();
  });
});
