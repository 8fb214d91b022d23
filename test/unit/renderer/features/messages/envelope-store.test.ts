import { afterEach, describe, expect, it } from 'vitest';
import {
  envelopeAt,
  EnvelopeStore,
  firstPageError,
  PAGE_SIZE,
} from '../../../../../renderer/src/features/messages/envelope-store';
import { errorInfo, type Result } from '../../../../../shared/errors';
import type { ApiClient, Method, Request, Response } from '../../../../../shared/ipc';
import type { Envelope, EnvelopePage } from '../../../../../shared/model';

/**
 * The message list's page cache, in plain Node over a scripted mailbox: which pages it asks for,
 * what it keeps, and how it follows new mail without moving what the user is looking at.
 */

const envelope = (id: string) => ({ id }) as Envelope;

interface Call {
  request: Request<'messages.list'>;
  answer: (result: Result<EnvelopePage>) => void;
}

/** Every messages.list request waits until the test answers it. */
function scriptedApi() {
  const calls: Call[] = [];
  const api: ApiClient = {
    invoke<M extends Method>(method: M, request: Request<M>): Promise<Result<Response<M>>> {
      if (method !== 'messages.list') throw new Error(`unexpected ${method}`);
      return new Promise((resolve) => {
        calls.push({
          request: request as Request<'messages.list'>,
          answer: (result) => resolve(result as Result<Response<M>>),
        });
      });
    },
  };
  return { api, calls };
}

/** A folder of `total` messages, `m<n>` with m0 the newest: the page a request asks for. */
function page(call: Call, total: number, prefix = 'm'): Result<EnvelopePage> {
  const { offset, limit } = call.request;
  const items = Array.from({ length: Math.max(0, Math.min(limit, total - offset)) }, (_, i) =>
    envelope(`${prefix}${offset + i}`),
  );
  return { ok: true, value: { items, offset, total } };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

let unsubscribe = () => {};
afterEach(() => unsubscribe());

describe('EnvelopeStore', () => {
  it('fetches the pages covering the rows in view, once each', async () => {
    const { api, calls } = scriptedApi();
    const store = new EnvelopeStore(api);
    let changes = 0;
    unsubscribe = store.subscribe(() => changes++);

    store.ensure('s', 'inbox', 0, 10);
    expect(calls.map((c) => c.request.offset)).toEqual([0]);
    expect(store.snapshot('s', 'inbox').loading).toBe(1);
    calls[0]!.answer(page(calls[0]!, 250));
    await settle();

    const snapshot = store.snapshot('s', 'inbox');
    expect(snapshot.total).toBe(250);
    expect(envelopeAt(snapshot, 7)?.id).toBe('m7');
    expect(envelopeAt(snapshot, PAGE_SIZE)).toBeNull();
    expect(changes).toBe(2);

    store.ensure('s', 'inbox', 0, 150);
    store.ensure('s', 'inbox', 90, 150);
    expect(calls.map((c) => c.request.offset)).toEqual([0, PAGE_SIZE]);
  });

  it('keeps a failed page as its error, and Retry fetches only that page again', async () => {
    const { api, calls } = scriptedApi();
    const store = new EnvelopeStore(api);
    store.ensure('s', 'inbox', 0, 0);
    calls[0]!.answer(page(calls[0]!, 250));
    await settle();
    store.ensure('s', 'inbox', 100, 250);
    calls[1]!.answer({ ok: false, error: errorInfo('UNKNOWN_FOLDER') });
    calls[2]!.answer(page(calls[2]!, 250));
    await settle();
    expect(firstPageError(store.snapshot('s', 'inbox'))?.code).toBe('UNKNOWN_FOLDER');

    store.retry('s', 'inbox');
    expect(calls.slice(3).map((c) => c.request.offset)).toEqual([PAGE_SIZE]);
  });

  it('ignores an answer that arrives after the folder was refreshed', async () => {
    const { api, calls } = scriptedApi();
    const store = new EnvelopeStore(api);
    store.ensure('s', 'inbox', 0, 0);
    store.refresh('s', 'inbox');
    calls[1]!.answer(page(calls[1]!, 3, 'new'));
    calls[0]!.answer(page(calls[0]!, 5, 'old'));
    await settle();
    const snapshot = store.snapshot('s', 'inbox');
    expect(snapshot.total).toBe(3);
    expect(envelopeAt(snapshot, 0)?.id).toBe('new0');
  });

  it('keeps searches apart from the folder, and sends the parsed query and order', async () => {
    const { api, calls } = scriptedApi();
    const store = new EnvelopeStore(api);
    const sort = { key: 'subject', order: 'asc' } as const;
    store.ensure('s', 'inbox', 0, 0, { sort });
    store.ensure('s', 'inbox', 0, 0, { search: 'from:alice invoice', sort });
    expect(calls[1]!.request).toMatchObject({ query: { from: 'alice', text: 'invoice' }, sort });
    calls[0]!.answer(page(calls[0]!, 40));
    calls[1]!.answer(page(calls[1]!, 2, 'hit'));
    await settle();
    // Without a view: the folder as the list last showed it without a search (what the status bar counts).
    expect(store.snapshot('s', 'inbox').total).toBe(40);
    expect(store.snapshot('s', 'inbox', { search: 'from:alice invoice', sort }).total).toBe(2);
  });

  it('puts new mail on top and moves every loaded row down, saying by how much', async () => {
    const { api, calls } = scriptedApi();
    const store = new EnvelopeStore(api);
    store.ensure('s', 'inbox', 0, 0);
    calls[0]!.answer(page(calls[0]!, 150));
    await settle();

    const following = store.followNewMail('s', 'inbox');
    // Three new messages arrived: the old m0 is now at row 3.
    const items = [
      envelope('n0'),
      envelope('n1'),
      envelope('n2'),
      ...Array.from({ length: 97 }, (_, i) => envelope(`m${i}`)),
    ];
    calls[1]!.answer({ ok: true, value: { items, offset: 0, total: 153 } });
    await following;

    const snapshot = store.snapshot('s', 'inbox');
    expect(snapshot.total).toBe(153);
    expect(snapshot.shift?.added).toBe(3);
    expect(envelopeAt(snapshot, 0)?.id).toBe('n0');
    expect(envelopeAt(snapshot, 3)?.id).toBe('m0');
    // m97..m99 moved to rows 100..102, but page 1 is incomplete: it is fetched again when in view.
    expect(envelopeAt(snapshot, PAGE_SIZE)).toBeNull();
  });

  it('forgets a closed source', async () => {
    const { api, calls } = scriptedApi();
    const store = new EnvelopeStore(api);
    store.ensure('s', 'inbox', 0, 0);
    calls[0]!.answer(page(calls[0]!, 5));
    await settle();
    store.dropSource('s');
    expect(store.snapshot('s', 'inbox').total).toBeNull();
  });
});
