import { fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiProvider } from '../../../../../renderer/src/api-context';
import { OpenDialog } from '../../../../../renderer/src/features/open/OpenDialog';
import { errorInfo } from '../../../../../shared/errors';
import type { SourceSummary } from '../../../../../shared/model';
import { fakeApi, type FakeHandlers } from '../../fake-api';

/** The Open dialog: a typed path (or Browse…) goes to sources.openPath; errors stay in the dialog. */

const MBOX: SourceSummary = {
  id: 's1',
  kind: 'mbox',
  name: 'export.mbox',
  location: '/mail/export.mbox',
  folders: [],
  notices: [],
  list: { sortKeys: ['date'], reversible: false, preview: false, note: null },
};

afterEach(() => localStorage.clear());

function renderDialog(handlers: FakeHandlers, props: { nativeDialogs?: boolean; initialPath?: string } = {}) {
  const api = fakeApi(handlers);
  const onOpened = vi.fn<(source: SourceSummary) => void>();
  render(
    <ApiProvider api={api}>
      <OpenDialog
        nativeDialogs={props.nativeDialogs ?? false}
        initialPath={props.initialPath}
        onClose={() => undefined}
        onOpened={onOpened}
      />
    </ApiProvider>,
  );
  return { api, onOpened };
}

const pathField = () => screen.getByLabelText(/Path to a .eml or Outlook .msg file/);

describe('OpenDialog', () => {
  it('opens the typed path, trimmed, and remembers it among the recent paths', async () => {
    const { api, onOpened } = renderDialog({ 'sources.openPath': () => ({ ok: true, value: MBOX }) });
    fireEvent.change(pathField(), { target: { value: '  /mail/export.mbox ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Open' }));
    await vi.waitFor(() => expect(onOpened).toHaveBeenCalledWith(MBOX));
    expect(api.calls).toEqual([{ method: 'sources.openPath', request: { path: '/mail/export.mbox' } }]);
    expect(localStorage.getItem('mailscope.recentPaths.v1')).toContain('/mail/export.mbox');
  });

  it('asks for a path rather than sending an empty one', () => {
    const { api } = renderDialog({});
    fireEvent.click(screen.getByRole('button', { name: 'Open' }));
    expect(screen.getByTestId('open-error').textContent).toContain('Enter the path of a file or folder.');
    expect(api.calls).toEqual([]);
  });

  it('shows the engine’s error in the dialog and marks the field', async () => {
    renderDialog(
      { 'sources.openPath': () => ({ ok: false, error: errorInfo('PATH_NOT_FOUND') }) },
      { initialPath: '/nowhere' },
    );
    expect((await screen.findByTestId('open-error')).textContent).toContain(
      errorInfo('PATH_NOT_FOUND').message,
    );
    expect(pathField().getAttribute('aria-invalid')).toBe('true');
  });

  it('opens a large file only after Open anyway', async () => {
    const { api, onOpened } = renderDialog(
      {
        'sources.openPath': (request) =>
          request.allowLarge ? { ok: true, value: MBOX } : { ok: false, error: errorInfo('FILE_TOO_LARGE') },
      },
      { initialPath: '/mail/huge.mbox' },
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Open anyway' }));
    await vi.waitFor(() => expect(onOpened).toHaveBeenCalledWith(MBOX));
    expect(api.calls.map((call) => call.request)).toEqual([
      { path: '/mail/huge.mbox' },
      { path: '/mail/huge.mbox', allowLarge: true },
    ]);
  });

  it('offers Browse… only with native dialogs, and opens what was picked', async () => {
    const { api, onOpened } = renderDialog(
      {
        'sources.pickPath': () => ({ ok: true, value: { path: '/mail/export.mbox' } }),
        'sources.openPath': () => ({ ok: true, value: MBOX }),
      },
      { nativeDialogs: true },
    );
    fireEvent.click(screen.getByRole('button', { name: /Browse file/ }));
    await vi.waitFor(() => expect(onOpened).toHaveBeenCalledWith(MBOX));
    expect(api.calls.map((call) => call.method)).toEqual(['sources.pickPath', 'sources.openPath']);
  });

  it('has no Browse… where the host has no native dialogs', () => {
    renderDialog({});
    expect(screen.queryByRole('button', { name: /Browse/ })).toBeNull();
  });
});
