import type { Result } from '../../../shared/errors';
import type { ApiClient, Method, Request, Response } from '../../../shared/ipc';

type Answer<M extends Method> = Result<Response<M>> | Promise<Result<Response<M>>>;

/**
 * What a fake answers per method (a promise where the test decides when: a sign-in still waiting);
 * a method without a handler fails the test that calls it, except the event stream's long poll,
 * which by default never answers (no events) and is not recorded.
 */
export type FakeHandlers = { [M in Method]?: (request: Request<M>) => Answer<M> };

export interface FakeApi extends ApiClient {
  /** Every request, in order. */
  calls: { method: Method; request: unknown }[];
}

/** An ApiClient for component and store tests: scripted answers, and a record of what was asked. */
export function fakeApi(handlers: FakeHandlers): FakeApi {
  const calls: FakeApi['calls'] = [];
  return {
    calls,
    async invoke<M extends Method>(method: M, request: Request<M>): Promise<Result<Response<M>>> {
      if (method === 'events.next' && !handlers['events.next']) return new Promise(() => {});
      calls.push({ method, request });
      const handler = handlers[method] as ((request: Request<M>) => Answer<M>) | undefined;
      if (!handler) throw new Error(`fake API: no answer for ${method}`);
      return handler(request);
    },
  };
}
