import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ApiProvider } from '../../../../../renderer/src/api-context';
import { MessageToolbar } from '../../../../../renderer/src/features/reader/MessageToolbar';
import type { SaveRequest } from '../../../../../renderer/src/features/reader/use-save';
import type { MessageView } from '../../../../../shared/model';
import { fakeApi, type FakeApi } from '../../fake-api';
import { MESSAGE_REF, messageView, messageViewState } from './message-view';

/** The reader's toolbar: each button does its one thing, and saving goes to the API in context. */

function renderToolbar(api: FakeApi, view: MessageView = messageView()) {
  const state = messageViewState();
  const save = vi.fn<(request: SaveRequest) => void>();
  render(
    <ApiProvider api={api}>
      <MessageToolbar
        view={view}
        message={MESSAGE_REF}
        body={{ mode: 'html', switchable: true }}
        state={state}
        linkCount={2}
        save={save}
      />
    </ApiProvider>,
  );
  return { state, save };
}

const button = (name: string | RegExp) => screen.getByRole('button', { name });

describe('MessageToolbar', () => {
  it('Save as .eml saves this message through the API, under a file name made from the subject', async () => {
    const api = fakeApi({
      'messages.saveEml': () => ({
        ok: true,
        value: { name: 'x.eml', path: '/tmp/x.eml', bytes: 2048 },
      }),
    });
    const { save } = renderToolbar(api, messageView({ subject: 'Re: Q3 / Q4 numbers?' }));
    fireEvent.click(button('Save as .eml'));
    expect(save).toHaveBeenCalledTimes(1);
    const request = save.mock.calls[0]![0];
    if (request.kind !== 'file') throw new Error('expected a single-file save');
    expect(request.suggestedName).toBe('Re Q3 Q4 numbers.eml');

    const result = await request.run({ path: '/tmp/x.eml' }, 'keep-both', 'op-1');
    expect(result.ok).toBe(true);
    expect(api.calls).toEqual([
      {
        method: 'messages.saveEml',
        request: { ...MESSAGE_REF, path: '/tmp/x.eml', ifExists: 'keep-both', operationId: 'op-1' },
      },
    ]);
  });

  it('saves an Outlook item (an attached .msg) as what it is, a .msg', () => {
    const root = {
      path: '',
      depth: 0,
      contentType: 'application/vnd.ms-outlook',
      charset: null,
      transferEncoding: null,
      disposition: null,
      filename: null,
      size: 7168,
      headers: [],
      leaf: false,
    };
    const item = messageView({ subject: 'Mailbox full', mimeTree: [root] });
    const { save } = renderToolbar(fakeApi({}), item);
    fireEvent.click(button('Save as .msg'));
    const request = save.mock.calls[0]![0];
    if (request.kind !== 'file') throw new Error('expected a single-file save');
    expect(request.suggestedName).toBe('Mailbox full.msg');
  });

  it('switches between HTML and plain text, and toggles headers, source and links', () => {
    const { state } = renderToolbar(fakeApi({}));
    expect(button('HTML').getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(button('Plain text'));
    expect(state.setPreferPlain).toHaveBeenLastCalledWith(true);
    fireEvent.click(button('Headers'));
    expect(state.setShowHeaders).toHaveBeenLastCalledWith(true);
    fireEvent.click(button('Source'));
    expect(state.setShowSource).toHaveBeenLastCalledWith(true);
    fireEvent.click(button('Links (2)'));
    expect(state.setShowLinks).toHaveBeenLastCalledWith(true);
  });

  it('copies the Message-ID and says so', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    try {
      renderToolbar(fakeApi({}));
      fireEvent.click(button('Copy Message-ID'));
      expect(writeText).toHaveBeenCalledWith('<4711@fabrikam.com>');
      expect(await screen.findByText('Message-ID copied')).toBeTruthy();
    } finally {
      Reflect.deleteProperty(navigator, 'clipboard');
    }
  });
});
