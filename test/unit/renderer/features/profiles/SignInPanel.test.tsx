import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ApiProvider } from '../../../../../renderer/src/api-context';
import { SignInPanel } from '../../../../../renderer/src/features/profiles/SignInPanel';
import { errorInfo } from '../../../../../shared/errors';
import type { ProfileSummary, SignInFlow } from '../../../../../shared/model';
import { fakeApi, type FakeHandlers } from '../../fake-api';
import { profileSummary } from './profile-summary';

/** A delegated profile's sign-in panel: each step of signing in and out goes to the API in context. */

const PROFILE = profileSummary({ credential: 'delegated', signIn: { signInId: 'si-1', account: null } });
const MEGAN = { username: 'megan@contoso.com', name: 'Megan Bowen' };

function renderPanel(handlers: FakeHandlers, profile: ProfileSummary = PROFILE) {
  const api = fakeApi(handlers);
  const onChanged = vi.fn();
  render(
    <ApiProvider api={api}>
      <SignInPanel profile={profile} sharedWith={[]} keychain={{ available: true }} onChanged={onChanged} />
    </ApiProvider>,
  );
  return { api, onChanged };
}

/** An auth.wait that answers only when the test says so. */
function pendingWait() {
  let finish: (account: typeof MEGAN | null) => void = () => undefined;
  const answer = new Promise<typeof MEGAN | null>((resolve) => (finish = resolve));
  return { answer, finish: (account: typeof MEGAN | null) => finish(account) };
}

describe('SignInPanel', () => {
  it('signs in with the browser: the link to open again while waiting, then who is signed in', async () => {
    const wait = pendingWait();
    const flow: SignInFlow = {
      flowId: 'f1',
      method: 'browser',
      url: 'https://login.example/authorize',
      browserOpened: true,
    };
    const { api, onChanged } = renderPanel({
      'auth.start': () => ({ ok: true, value: flow }),
      'auth.wait': () =>
        wait.answer.then((account) =>
          account ? { ok: true, value: { account } } : { ok: false, error: errorInfo('SIGN_IN_CANCELLED') },
        ),
      'links.open': () => ({ ok: true, value: { opened: true } }),
    });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in with browser' }));
    const step = await screen.findByTestId('sign-in-browser');
    expect(within(step).getByTestId('sign-in-url').textContent).toBe(flow.url);
    fireEvent.click(within(step).getByRole('button', { name: 'Open again' }));

    wait.finish(MEGAN);
    expect((await screen.findByTestId('signed-in-as')).textContent).toContain('megan@contoso.com');
    expect(onChanged).toHaveBeenCalledTimes(1);
    expect(api.calls.map((call) => call.method)).toEqual(['auth.start', 'auth.wait', 'links.open']);
    expect(api.calls[0]!.request).toEqual({ profileId: PROFILE.id, method: 'browser' });
  });

  it('shows why a sign-in could not start', async () => {
    renderPanel({ 'auth.start': () => ({ ok: false, error: errorInfo('CONSENT_REQUIRED') }) });
    fireEvent.click(screen.getByRole('button', { name: 'Use a code instead' }));
    expect((await screen.findByTestId('sign-in-error')).textContent).toContain(
      errorInfo('CONSENT_REQUIRED').message,
    );
    expect(screen.getByTestId('signed-out')).toBeTruthy();
  });

  it('signs out only after the confirmation', async () => {
    const signedIn = { ...PROFILE, signIn: { signInId: 'si-1', account: MEGAN } };
    const { api, onChanged } = renderPanel(
      { 'auth.signOut': () => ({ ok: true, value: { signedOut: true } }) },
      signedIn,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    const dialog = screen.getByTestId('sign-out-dialog');
    expect(api.calls).toEqual([]);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Sign out' }));
    await vi.waitFor(() => expect(onChanged).toHaveBeenCalledTimes(1));
    expect(api.calls).toEqual([{ method: 'auth.signOut', request: { profileId: PROFILE.id } }]);
  });
});
