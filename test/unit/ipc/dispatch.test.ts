import { describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../electron/core/common/app-error';
import { createDispatch } from '../../../electron/core/dispatch';
import type { Api } from '../../../shared/ipc';
import { METHODS } from '../../../shared/ipc';
import { ERROR_CATALOG, ERROR_CODES } from '../../../shared/errors';

const info = { version: '1', host: 'harness', platform: 'linux', nativeDialogs: false, largeFileBytes: 10 };

function apiWith(overrides: Partial<Record<keyof Api, (request: unknown) => Promise<unknown>>>): Api {
  return overrides as unknown as Api;
}

describe('dispatch: the one gate between an untrusted caller and the Api', () => {
  it('runs a method and returns its answer as a Result', async () => {
    const dispatch = createDispatch(apiWith({ 'app.getInfo': async () => info }));
    await expect(dispatch('app.getInfo', {})).resolves.toEqual({ ok: true, value: info });
  });

  it('refuses unknown methods, including prototype names', async () => {
    const dispatch = createDispatch(apiWith({}));
    for (const method of ['fs.readFile', 'constructor', '__proto__', 42, null]) {
      const result = await dispatch(method, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    }
  });

  it('refuses malformed payloads before the method runs, naming the field', async () => {
    const list = vi.fn();
    const dispatch = createDispatch(apiWith({ 'messages.list': list }));
    const result = await dispatch('messages.list', { sourceId: 's', folderId: 'f', offset: -1, limit: 50 });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'INVALID_REQUEST', message: expect.stringContaining('offset') },
    });
    const extra = await dispatch('messages.list', {
      sourceId: 's',
      folderId: 'f',
      offset: 0,
      limit: 5,
      path: '/etc',
    });
    expect(extra).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    expect(list).not.toHaveBeenCalled();
  });

  it("keeps an AppError's message and hint", async () => {
    const dispatch = createDispatch(
      apiWith({
        'sources.openPath': async () => {
          throw new AppError('PATH_NOT_FOUND', 'Nothing exists at /tmp/x.eml.');
        },
      }),
    );
    await expect(dispatch('sources.openPath', { path: '/tmp/x.eml' })).resolves.toEqual({
      ok: false,
      error: {
        code: 'PATH_NOT_FOUND',
        message: 'Nothing exists at /tmp/x.eml.',
        hint: ERROR_CATALOG.PATH_NOT_FOUND.hint,
      },
    });
  });

  it('hides the text and stack of unexpected errors, and reports them to the log', async () => {
    const onInternalError = vi.fn();
    const dispatch = createDispatch(
      apiWith({
        'app.getInfo': async () => {
          throw new Error('ECONNRESET at /home/ops/secret-path with Bearer eyJabc');
        },
      }),
      { onInternalError },
    );
    const result = await dispatch('app.getInfo', {});
    expect(result).toEqual({ ok: false, error: { code: 'INTERNAL', ...ERROR_CATALOG.INTERNAL } });
    expect(JSON.stringify(result)).not.toMatch(/secret|Bearer|ECONNRESET/);
    expect(onInternalError).toHaveBeenCalledWith('app.getInfo', expect.any(Error));
  });

  it('strips anything outside the response schema, so nothing can ride along', async () => {
    const dispatch = createDispatch(
      apiWith({ 'app.getInfo': async () => ({ ...info, accessToken: 'eyJ.secret' }) }),
    );
    const result = await dispatch('app.getInfo', {});
    expect(JSON.stringify(result)).not.toContain('secret');
  });

  it('reports a response that breaks the contract as INTERNAL, not as data', async () => {
    const dispatch = createDispatch(apiWith({ 'app.getInfo': async () => ({ version: 1 }) }));
    await expect(dispatch('app.getInfo', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'INTERNAL' },
    });
  });

  it('has a message and a hint for every error code, and a schema for every method', () => {
    for (const code of ERROR_CODES) {
      expect(ERROR_CATALOG[code].message.length, code).toBeGreaterThan(10);
      expect(ERROR_CATALOG[code].hint.length, code).toBeGreaterThan(10);
    }
    expect(new Set(METHODS).size).toBe(METHODS.length);
  });
});
