import { act, configure, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Result } from '../../../../../shared/errors';
import type { ExportResult } from '../../../../../shared/export';
import type { ApiClient, Method, Request, Response } from '../../../../../shared/ipc';
import { ApiProvider } from '../../../../../renderer/src/api-context';
import { ExportDialog, type ExportScope } from '../../../../../renderer/src/features/export/ExportDialog';
import { progressLine, summaryLine, timeLeft } from '../../../../../renderer/src/features/export/export-text';
import { type FakeHandlers, fakeApi } from '../../fake-api';
import { fakeEvents } from '../../fake-events';

// The machine running the suite is shared and busy: give the dialog's async steps more than 1 s.
configure({ asyncUtilTimeout: 5000 });

/** A fake whose export.run answers only when the test says so. */
function withPendingRun(handlers: FakeHandlers) {
  const api = fakeApi(handlers);
  let finish: (result: Result<ExportResult>) => void = () => undefined;
  const client: ApiClient & { calls: typeof api.calls } = {
    calls: api.calls,
    invoke<M extends Method>(method: M, request: Request<M>): Promise<Result<Response<M>>> {
      if (method !== 'export.run') return api.invoke(method, request);
      api.calls.push({ method, request });
      return new Promise((resolve) => {
        finish = (result) => resolve(result as Result<Response<M>>);
      });
    },
  };
  return { api: client, finish: (result: Result<ExportResult>) => act(() => finish(result)) };
}

const scope: ExportScope = {
  sourceId: 'src-1',
  folder: { id: 'INBOX', name: 'Inbox', total: 27 },
  selectedId: '7:3',
  search: null,
};

const target = { target: 'T'.repeat(32), folder: '/cases/42', existing: 0 };

const done = (over: Partial<ExportResult> = {}): ExportResult => ({
  folder: '/cases/42',
  format: 'eml',
  files: ['/cases/42/manifest.csv', '/cases/42/SHA256SUMS'],
  total: 27,
  exported: 26,
  skipped: 0,
  failed: 1,
  bytes: 2_400_000,
  failures: [
    {
      folderId: 'INBOX',
      messageId: '7:99',
      error: { code: 'UNKNOWN_MESSAGE', message: 'The message is no longer in the folder.' },
    },
  ],
  ...over,
});

function show(api: ApiClient, nativeDialogs = false, chosen: ExportScope = scope) {
  const events = fakeEvents();
  let closed = 0;
  render(
    <ApiProvider api={api}>
      <ExportDialog scope={chosen} nativeDialogs={nativeDialogs} onClose={() => closed++} events={events} />
    </ApiProvider>,
  );
  return { events, closed: () => closed };
}

describe('ExportDialog', () => {
  it('exports the folder to a typed folder, shows counts, bytes and time left, then the result and its errors', async () => {
    const { api, finish } = withPendingRun({
      'files.defaultFolder': () => ({ ok: true, value: { folder: '/home/me/Downloads', separator: '/' } }),
      'export.prepare': () => ({ ok: true, value: target }),
    });
    const { events } = show(api);
    const input = await screen.findByDisplayValue('/home/me/Downloads');
    fireEvent.change(input, { target: { value: '/cases/42' } });
    fireEvent.click(screen.getByRole('radio', { name: /One .zip file/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Export' }));
    await screen.findByTestId('export-progress');
    expect(api.calls.find((call) => call.method === 'export.prepare')?.request).toEqual({
      folder: '/cases/42',
    });
    const run = api.calls.find((call) => call.method === 'export.run')?.request as Request<'export.run'>;
    expect(run).toMatchObject({
      target: target.target,
      format: 'zip',
      selection: { kind: 'folder', sourceId: 'src-1', folderId: 'INBOX' },
    });
    events.say({
      type: 'export.progress',
      operationId: run.operationId,
      total: 27,
      exported: 10,
      skipped: 0,
      failed: 1,
      bytes: 1_048_576,
      etaMs: 95_000,
      running: true,
    });
    expect(screen.getByTestId('export-progress').textContent).toContain(
      '11 of 27 messages · 1.0 MB · about 2 min left',
    );
    expect(screen.getByRole('progressbar', { name: 'Export progress' })).toHaveProperty('value', 11);
    finish({ ok: true, value: done() });
    const result = await screen.findByTestId('export-done');
    expect(result.textContent).toContain('Exported 26 messages');
    expect(result.textContent).toContain('1 could not be exported');
    expect(screen.getByTestId('export-failures').textContent).toContain(
      'The message is no longer in the folder.',
    );
  });

  it('offers Resume when the folder holds an earlier export, and Cancel stops a running one', async () => {
    const { api, finish } = withPendingRun({
      'files.defaultFolder': () => ({ ok: true, value: { folder: '/cases/42', separator: '/' } }),
      'export.prepare': () => ({ ok: true, value: { ...target, existing: 12 } }),
      'transfers.cancel': () => ({ ok: true, value: { cancelled: true } }),
    });
    show(api);
    await screen.findByDisplayValue('/cases/42');
    fireEvent.click(screen.getByRole('button', { name: 'Export' }));
    const offer = await screen.findByTestId('export-resume');
    expect(offer.textContent).toContain('already holds an export of 12 messages');
    expect(api.calls.some((call) => call.method === 'export.run')).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: 'Resume' }));
    await screen.findByTestId('export-progress');
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    const run = api.calls.find((call) => call.method === 'export.run')?.request as Request<'export.run'>;
    expect(api.calls.at(-1)).toEqual({
      method: 'transfers.cancel',
      request: { operationId: run.operationId },
    });
    finish({ ok: false, error: { code: 'CANCELLED', message: 'Cancelled.' } });
    const stopped = await screen.findByTestId('export-stopped');
    expect(stopped.textContent).toContain('Export cancelled.');
    expect(stopped.textContent).toContain('exported so far are kept');
    // Resume runs again into the same folder.
    fireEvent.click(screen.getByRole('button', { name: 'Resume' }));
    await waitFor(() => expect(api.calls.filter((call) => call.method === 'export.run')).toHaveLength(2));
  });

  it('in the desktop app takes the folder from the system dialog, as a handle, never a typed path', async () => {
    const { api, finish } = withPendingRun({
      'files.pickSaveTarget': () => ({ ok: true, value: { handle: 'H'.repeat(32) } }),
      'export.prepare': () => ({ ok: true, value: target }),
    });
    show(api, true);
    expect(screen.queryByRole('textbox')).toBeNull();
    fireEvent.click(screen.getByRole('radio', { name: 'The open message' }));
    fireEvent.click(screen.getByRole('button', { name: 'Choose folder and export…' }));
    await screen.findByTestId('export-progress');
    expect(api.calls.find((call) => call.method === 'files.pickSaveTarget')?.request).toEqual({
      kind: 'folder',
    });
    expect(api.calls.find((call) => call.method === 'export.prepare')?.request).toEqual({
      handle: 'H'.repeat(32),
    });
    expect(api.calls.find((call) => call.method === 'export.run')?.request).toMatchObject({
      selection: { kind: 'messages', messages: [{ folderId: 'INBOX', messageId: '7:3' }] },
    });
    finish({ ok: true, value: done({ failed: 0, failures: [], exported: 1, total: 1 }) });
    expect((await screen.findByTestId('export-done')).textContent).toContain('Exported 1 message');
    expect(screen.queryByTestId('export-failures')).toBeNull();
  });

  it('exports every result of the search in effect, gathered page by page', async () => {
    const envelopes = (from: number, count: number) =>
      Array.from({ length: count }, (_, i) => ({ id: `7:${from + i}` }));
    const { api } = withPendingRun({
      'files.defaultFolder': () => ({ ok: true, value: { folder: '/cases/42', separator: '/' } }),
      'export.prepare': () => ({ ok: true, value: target }),
      'messages.list': (request) =>
        ({
          ok: true,
          value: {
            items: envelopes(request.offset, request.offset === 0 ? 500 : 20),
            offset: request.offset,
            total: 520,
          },
        }) as Result<Response<'messages.list'>>,
    });
    show(api, false, { ...scope, search: { text: 'from:billing', total: 520 } });
    expect(screen.getByRole('radio', { name: /Search results \(520 messages\)/ })).toHaveProperty(
      'checked',
      true,
    );
    await screen.findByDisplayValue('/cases/42');
    fireEvent.click(screen.getByRole('button', { name: 'Export' }));
    await screen.findByTestId('export-progress');
    const lists = api.calls.filter((call) => call.method === 'messages.list').map((call) => call.request);
    expect(lists).toEqual([
      { sourceId: 'src-1', folderId: 'INBOX', offset: 0, limit: 500, query: { from: 'billing' } },
      { sourceId: 'src-1', folderId: 'INBOX', offset: 500, limit: 500, query: { from: 'billing' } },
    ]);
    const run = api.calls.find((call) => call.method === 'export.run')?.request as Request<'export.run'>;
    expect(run.selection.kind === 'messages' && run.selection.messages.length).toBe(520);
  });

  it('offers the results of a search in all folders, and has the engine export every match of it', async () => {
    const { api } = withPendingRun({
      'files.defaultFolder': () => ({ ok: true, value: { folder: '/cases/42', separator: '/' } }),
      'export.prepare': () => ({ ok: true, value: target }),
    });
    show(api, false, { ...scope, searchAll: { text: 'from:billing', total: 1234, cancelled: false } });
    expect(
      screen.getByRole('radio', { name: /Search results in all folders \(1,234 messages\)/ }),
    ).toHaveProperty('checked', true);
    await screen.findByDisplayValue('/cases/42');
    fireEvent.click(screen.getByRole('button', { name: 'Export' }));
    await screen.findByTestId('export-progress');
    // No paging in the page: the selection is the search itself.
    expect(api.calls.some((call) => call.method === 'messages.list')).toBe(false);
    const run = api.calls.find((call) => call.method === 'export.run')?.request as Request<'export.run'>;
    expect(run.selection).toEqual({ kind: 'search', sourceId: 'src-1', query: { from: 'billing' } });
  });

  it('does not offer all folders without such a search', async () => {
    show(
      fakeApi({
        'files.defaultFolder': () => ({ ok: true, value: { folder: '/cases/42', separator: '/' } }),
      }),
      false,
      { ...scope, searchAll: null },
    );
    await screen.findByDisplayValue('/cases/42');
    expect(screen.queryByRole('radio', { name: /all folders/ })).toBeNull();
    expect(screen.getByRole('radio', { name: /This folder/ })).toHaveProperty('checked', true);
  });
});

describe('export texts', () => {
  it('says time left the way people do, and sums up an outcome', () => {
    expect(timeLeft(null)).toBe('estimating time left…');
    expect(timeLeft(2_000)).toBe('almost done');
    expect(timeLeft(42_000)).toBe('about 42 s left');
    expect(timeLeft(3 * 3_600_000 + 5 * 60_000)).toBe('about 3 h 5 min left');
    expect(summaryLine({ exported: 3, skipped: 1, failed: 0, bytes: 2048 })).toBe(
      'Exported 3 messages (2.0 KB); 1 was already there, unchanged.',
    );
    expect(
      progressLine({
        type: 'export.progress',
        operationId: 'x',
        total: 10_000,
        exported: 1200,
        skipped: 34,
        failed: 0,
        bytes: 0,
        etaMs: null,
        running: true,
      }),
    ).toBe('1,234 of 10,000 messages · 0 B · estimating time left…');
  });
});
