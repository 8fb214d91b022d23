import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ApiProvider } from '../../../../../renderer/src/api-context';
import { MessageToolbar } from '../../../../../renderer/src/features/reader/MessageToolbar';
import type { SaveRequest } from '../../../../../renderer/src/features/reader/use-save';
import { fakeApi, type FakeApi } from '../../fake-api';
import { MESSAGE_REF, messageView, messageViewState } from './message-view';

/** "Save report…": choose whether to mask recipients, then the normal save flow saves the report. */

function renderToolbar(api: FakeApi, subject = 'Action required: invoice INV-2291') {
  const save = vi.fn<(request: SaveRequest) => void>();
  render(
    <ApiProvider api={api}>
      <MessageToolbar
        view={messageView({ subject })}
        message={MESSAGE_REF}
        body={{ mode: 'html', switchable: true }}
        state={messageViewState()}
        linkCount={0}
        save={save}
      />
    </ApiProvider>,
  );
  return save;
}

const saved = {
  ok: true as const,
  value: {
    name: 'r.html',
    path: '/tmp/r.html',
    bytes: 10,
    json: { name: 'r.json', path: '/tmp/r.json', bytes: 5 },
  },
};

describe('Save report…', () => {
  it('asks about masking, then saves the report through the save flow with the choice made', async () => {
    const api = fakeApi({ 'messages.saveReport': () => saved });
    const save = renderToolbar(api);
    fireEvent.click(screen.getByRole('button', { name: 'Save report…' }));
    const dialog = screen.getByTestId('save-report-dialog');
    expect(dialog.textContent).toContain('loads nothing from the internet');
    const mask = screen.getByRole('checkbox', {
      name: /mask the recipients’ addresses/i,
    }) as HTMLInputElement;
    expect(mask.checked).toBe(false);
    fireEvent.click(mask);
    fireEvent.click(screen.getByRole('button', { name: 'Save…' }));

    expect(screen.queryByTestId('save-report-dialog')).toBeNull();
    expect(save).toHaveBeenCalledTimes(1);
    const request = save.mock.calls[0]![0];
    if (request.kind !== 'file') throw new Error('expected a single-file save');
    expect(request.suggestedName).toBe('Action required invoice INV-2291 - triage report.html');
    const result = await request.run({ handle: 'h'.repeat(20) }, 'replace', 'op-12345');
    expect(result).toEqual(saved);
    expect(api.calls).toEqual([
      {
        method: 'messages.saveReport',
        request: {
          ...MESSAGE_REF,
          handle: 'h'.repeat(20),
          ifExists: 'replace',
          maskRecipients: true,
          operationId: 'op-12345',
        },
      },
    ]);
  });

  it('does not mask unless asked, and Cancel saves nothing', async () => {
    const api = fakeApi({ 'messages.saveReport': () => saved });
    const save = renderToolbar(api, '');
    fireEvent.click(screen.getByRole('button', { name: 'Save report…' }));
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(save).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Save report…' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save…' }));
    const request = save.mock.calls[0]![0];
    if (request.kind !== 'file') throw new Error('expected a single-file save');
    expect(request.suggestedName).toBe('message - triage report.html');
    await request.run({ path: '/tmp/r.html' }, 'fail', 'op-12345');
    expect(api.calls[0]?.request).toMatchObject({ path: '/tmp/r.html', maskRecipients: false });
  });
});
