import { act } from '@testing-library/react';
import type { Result } from '../../../../../shared/errors';
import type { AppEvent } from '../../../../../shared/events';
import type { ApiClient, Method, Request, Response } from '../../../../../shared/ipc';
import type { Envelope } from '../../../../../shared/model';
import type { SearchEvents } from '../../../../../renderer/src/features/find/use-search-all';

/**
 * Stand-ins for the find components' tests: an API whose answers the test gives when it wants
 * (a fan-out's answer comes after its events), and an event stream it drives by hand.
 */

export interface ScriptedApi extends ApiClient {
  calls: { method: Method; request: unknown }[];
  /** Settles the oldest unanswered call of `method`. */
  answer<M extends Method>(method: M, result: Result<Response<M>>): Promise<void>;
}

export function scriptedApi(): ScriptedApi {
  const calls: ScriptedApi['calls'] = [];
  const pending: { method: Method; settle: (result: unknown) => void }[] = [];
  return {
    calls,
    invoke<M extends Method>(method: M, request: Request<M>): Promise<Result<Response<M>>> {
      calls.push({ method, request });
      if (method === 'messages.cancelSearch')
        return Promise.resolve({ ok: true, value: { cancelled: true } } as Result<Response<M>>);
      return new Promise((resolve) => pending.push({ method, settle: resolve as (result: unknown) => void }));
    },
    async answer(method, result) {
      const at = pending.findIndex((call) => call.method === method);
      const call = pending.splice(at, 1)[0];
      if (!call) throw new Error(`no call of ${method} waits for an answer`);
      await act(async () => call.settle(result));
    },
  };
}

export function fakeEvents(): SearchEvents & { say: (event: AppEvent) => void } {
  const listeners = new Set<(event: AppEvent) => void>();
  return {
    listen(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    say: (event) => act(() => listeners.forEach((listener) => listener(event))),
  };
}

export function envelope(folderId: string, n: number, subject = `Invoice ${n}`): Envelope {
  return {
    id: `${folderId}:${n}`,
    folderId,
    subject,
    from: [{ name: `Sender ${n}`, address: `sender${n}@contoso.com` }],
    to: [],
    cc: [],
    date: '2026-01-05T10:00:00.000Z',
    messageId: `<m${n}@contoso.com>`,
    size: 1000,
    flags: { seen: true, flagged: false, answered: false, draft: false },
    hasAttachments: false,
  };
}

/** A `search.folder` event of folder `folderId` in the search `searchId` of source src-1. */
export function hits(
  searchId: string,
  folderId: string,
  folderPath: string,
  total: number,
  items: Envelope[],
): AppEvent {
  return { type: 'search.folder', searchId, sourceId: 'src-1', folderId, folderPath, total, items };
}
