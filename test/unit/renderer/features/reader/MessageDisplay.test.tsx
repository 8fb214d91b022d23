import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ApiProvider } from '../../../../../renderer/src/api-context';
import { MessageDisplay } from '../../../../../renderer/src/features/reader/MessageDisplay';
import type { Request } from '../../../../../shared/ipc';
import type { MessageView } from '../../../../../shared/model';
import { fakeApi, type FakeApi } from '../../fake-api';
import { analysisOf } from '../triage/analysis';
import { MESSAGE_REF, messageView, readingPrefs } from './message-view';

/**
 * A fetched message in the reader, against a fake API: the remote-content banner counts what the
 * sanitiser blocked, and "Load remote content" lets it through for this message only.
 */

const TRACKED_HTML =
  '<p>Hello</p><img src="https://tracker.example/open.gif"><img src="https://cdn.example/logo.png">';

function framesApi(): FakeApi {
  return fakeApi({
    'frames.put': () => ({ ok: true, value: { url: 'about:blank' } }),
    'messages.analyze': () => ({ ok: true, value: analysisOf() }),
  });
}

function renderMessage(api: FakeApi, view: MessageView) {
  render(
    <ApiProvider api={api}>
      <MessageDisplay view={view} message={MESSAGE_REF} prefs={readingPrefs()} />
    </ApiProvider>,
  );
}

const framed = (api: FakeApi) =>
  api.calls
    .filter((call) => call.method === 'frames.put')
    .map((call) => call.request as Request<'frames.put'>);

describe('MessageDisplay', () => {
  it('blocks remote content, counts it in the banner, and loads it when asked', async () => {
    const api = framesApi();
    renderMessage(api, messageView({ html: TRACKED_HTML }));
    const banner = screen.getByTestId('remote-banner');
    expect(banner.textContent).toContain('2 remote images and styles');
    await waitFor(() => expect(framed(api)).toHaveLength(1));
    expect(framed(api)[0]?.allowRemote).toBe(false);
    expect(framed(api)[0]?.html).not.toMatch(/tracker\.example|cdn\.example/);

    fireEvent.click(screen.getByRole('button', { name: 'Load remote content' }));
    expect(screen.queryByTestId('remote-banner')).toBeNull();
    await waitFor(() => expect(framed(api)).toHaveLength(2));
    expect(framed(api)[1]?.allowRemote).toBe(true);
    expect(framed(api)[1]?.html).toContain('https://tracker.example/open.gif');
  });

  it('says one remote item in the singular', async () => {
    const api = framesApi();
    renderMessage(api, messageView({ html: '<img src="https://tracker.example/open.gif">' }));
    expect(screen.getByTestId('remote-banner').textContent).toContain('1 remote image or style');
    await waitFor(() => expect(framed(api)).toHaveLength(1));
  });

  it('shows no banner for a message without remote content', async () => {
    const api = framesApi();
    renderMessage(api, messageView({ html: '<p>Nothing to fetch</p>' }));
    await waitFor(() => expect(framed(api)).toHaveLength(1));
    expect(screen.queryByTestId('remote-banner')).toBeNull();
  });

  it('shows the header block and the plain text when there is no HTML', () => {
    renderMessage(framesApi(), messageView());
    expect(screen.getByRole('heading', { name: 'Invoice 4711' })).toBeTruthy();
    expect(screen.getByTestId('reader-plain').textContent).toBe('Please find the invoice attached.');
    expect(screen.queryByTestId('remote-banner')).toBeNull();
  });
});
