import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDispatch } from '../../../electron/core/dispatch';
import { internalErrorLogger, logLine } from '../../../electron/core/log';
import type { Api } from '../../../shared/ipc';

const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwczovL291dGxvb2sub2ZmaWNlMzY1LmNvbSJ9.c2lnbmF0dXJlLWJ5dGVz';
const SECRET = 'Zx8Q~very-secret-value_123';

function failingApi(error: unknown): Api {
  return {
    'app.getInfo': () => Promise.reject(error),
  } as unknown as Api;
}

function leakyError(): Error {
  const error = new Error(`token request failed: Authorization: Bearer ${JWT}`, {
    cause: new Error(`body was grant_type=client_credentials&client_secret=${SECRET}`),
  });
  // HTTP clients attach the request to their errors; it must not reach the log either.
  Object.assign(error, { request: { headers: { authorization: `Bearer ${JWT}` } } });
  return error;
}

describe('the process log', () => {
  afterEach(() => vi.restoreAllMocks());

  it('redacts a logged internal error: message, cause and attached properties', async () => {
    const lines: string[] = [];
    const dispatch = createDispatch(failingApi(leakyError()), {
      onInternalError: internalErrorLogger('mailscope', (line) => lines.push(line)),
    });
    await dispatch('app.getInfo', {});
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^mailscope: internal error in app\.getInfo: /);
    expect(lines[0]).toContain('token request failed');
    expect(lines[0]).toContain('[redacted');
    expect(lines[0]).not.toContain(JWT.slice(0, 30));
    expect(lines[0]).not.toContain(SECRET);
  });

  it('is what dispatch does by default, on stderr', async () => {
    const stderr = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await createDispatch(failingApi(leakyError()))('app.getInfo', {});
    const logged = stderr.mock.calls.map((call) => call.map(String).join(' ')).join('\n');
    expect(logged).toContain('internal error in app.getInfo');
    expect(logged).not.toContain(SECRET);
    expect(logged).not.toContain(JWT.slice(0, 30));
  });

  it('redacts plain values and context text too', () => {
    expect(logLine('mailscope: failed:', `client_secret=${SECRET}`)).not.toContain(SECRET);
    expect(logLine(`mailscope harness: Bearer ${JWT}`)).not.toContain(JWT.slice(0, 30));
  });
});
