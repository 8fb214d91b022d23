import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ApiProvider } from '../../../../../renderer/src/api-context';
import { AttachmentList } from '../../../../../renderer/src/features/reader/AttachmentList';
import type { SaveRequest } from '../../../../../renderer/src/features/reader/use-save';
import { errorInfo } from '../../../../../shared/errors';
import type { Attachment } from '../../../../../shared/model';
import { fakeApi, type FakeApi, type FakeHandlers } from '../../fake-api';
import { MESSAGE_REF } from './message-view';

/** The reader's attachment tiles: save one or all, open one, and ask first before running a program. */

function attachment(change: Partial<Attachment> = {}): Attachment {
  return {
    partId: '2',
    filename: 'invoice.pdf',
    contentType: 'application/pdf',
    size: 2048,
    inline: false,
    contentId: null,
    ...change,
  };
}

function renderList(
  handlers: FakeHandlers,
  attachments: Attachment[],
): { api: FakeApi; save: ReturnType<typeof vi.fn> } {
  const api = fakeApi(handlers);
  const save = vi.fn<(request: SaveRequest) => void>();
  render(
    <ApiProvider api={api}>
      <AttachmentList attachments={attachments} message={MESSAGE_REF} save={save} />
    </ApiProvider>,
  );
  return { api, save };
}

const saved = { name: 'invoice.pdf', path: '/tmp/invoice.pdf', bytes: 2048 };

describe('AttachmentList', () => {
  it('shows nothing for a message without attachments', () => {
    renderList({}, []);
    expect(screen.queryByTestId('attachments')).toBeNull();
  });

  it('saves one attachment through the API in context, by its part', async () => {
    const { api, save } = renderList({ 'messages.savePart': () => ({ ok: true, value: saved }) }, [
      attachment(),
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'Save invoice.pdf' }));
    const request = save.mock.calls[0]![0] as SaveRequest;
    if (request.kind !== 'file') throw new Error('expected a single-file save');
    expect(request.suggestedName).toBe('invoice.pdf');
    expect((await request.run({ path: '/tmp/invoice.pdf' }, 'fail', 'op-1')).ok).toBe(true);
    expect(api.calls).toEqual([
      {
        method: 'messages.savePart',
        request: {
          ...MESSAGE_REF,
          partPath: '2',
          path: '/tmp/invoice.pdf',
          ifExists: 'fail',
          operationId: 'op-1',
        },
      },
    ]);
  });

  it('offers Save all for more than one, with every part', async () => {
    const value = { folder: '/tmp', files: [{ ...saved, partPath: '2', renamed: false }] };
    const { api, save } = renderList({ 'messages.saveAll': () => ({ ok: true, value }) }, [
      attachment(),
      attachment({ partId: '3', filename: 'b.txt', contentType: 'text/plain' }),
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'Save all…' }));
    const request = save.mock.calls[0]![0] as SaveRequest;
    if (request.kind !== 'folder') throw new Error('expected a save to a folder');
    await request.run({ folder: '/tmp' }, 'op-2');
    expect(api.calls[0]).toEqual({
      method: 'messages.saveAll',
      request: { ...MESSAGE_REF, folder: '/tmp', operationId: 'op-2', partPaths: ['2', '3'] },
    });
  });

  it('asks before opening a program, and opens it only once confirmed', async () => {
    const { api } = renderList(
      {
        'messages.openPart': (request) =>
          request.confirmed
            ? { ok: true, value: { opened: true } }
            : { ok: false, error: errorInfo('CONFIRMATION_REQUIRED') },
      },
      [attachment({ filename: 'setup.exe', contentType: 'application/x-msdownload' })],
    );
    expect(screen.getByText(/Can run programs/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: "Open setup.exe with the system's app" }));
    const dialog = await screen.findByTestId('open-confirm');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Open anyway' }));
    await vi.waitFor(() => expect(screen.queryByTestId('open-confirm')).toBeNull());
    expect(api.calls.map((call) => (call.request as { confirmed: boolean }).confirmed)).toEqual([
      false,
      true,
    ]);
  });

  it('shows why an attachment did not open', async () => {
    renderList({ 'messages.openPart': () => ({ ok: false, error: errorInfo('UNKNOWN_PART') }) }, [
      attachment(),
    ]);
    fireEvent.click(screen.getByRole('button', { name: "Open invoice.pdf with the system's app" }));
    expect(await screen.findByTestId('attachment-open-error')).toBeTruthy();
  });
});
