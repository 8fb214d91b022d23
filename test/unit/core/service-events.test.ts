import { describe, expect, it } from 'vitest';
import { createDispatch } from '../../../electron/core/dispatch';
import { createService } from '../../../electron/core/service';
import type { MailSource } from '../../../electron/core/common/source';
import type { SourceEvent } from '../../../shared/events';
import { ProfileDraft } from '../../../shared/profile';
import { draft } from '../profiles/fixtures';
import { serviceOptions } from './helpers';

/** A remote source in miniature: it only knows how to tell its listener things. */
function talkingSource() {
  const listeners = new Set<(event: SourceEvent) => void>();
  let closed = false;
  const source: MailSource = {
    kind: 'imap',
    name: 'Support',
    location: 'support@contoso.com on imap.example:993',
    notices: [],
    listFolders: async () => [],
    listEnvelopes: async () => ({ items: [], offset: 0, total: 0 }),
    getMessage: () => Promise.reject(new Error('not here')),
    getRaw: () => Promise.reject(new Error('not here')),
    search: async () => ({ items: [], offset: 0, total: 0 }),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      closed = true;
    },
  };
  return {
    source,
    say: (event: SourceEvent) => listeners.forEach((listener) => listener(event)),
    listening: () => listeners.size,
    isClosed: () => closed,
  };
}

async function setup() {
  const remote = talkingSource();
  const api = createService(await serviceOptions({ openMailbox: () => remote.source }));
  const dispatch = createDispatch(api);
  const saved = await api['profiles.save']({
    draft: ProfileDraft.parse(draft()),
    secret: { kind: 'client-secret', value: 'x'.repeat(40) },
  });
  const opened = await api['sources.openProfile']({ profileId: saved.id });
  return { api, dispatch, remote, sourceId: opened.id };
}

describe('events.next through the service', () => {
  it('carries what an open source says, tagged with its id, through the validating dispatch', async () => {
    const { dispatch, remote, sourceId } = await setup();
    const waiting = dispatch('events.next', { after: 0, waitMs: 20_000 });
    remote.say({ type: 'source.status', state: 'reconnecting', attempt: 2, retryInMs: 400 });
    const first = await waiting;
    expect(first).toEqual({
      ok: true,
      value: {
        cursor: 1,
        events: [{ type: 'source.status', sourceId, state: 'reconnecting', attempt: 2, retryInMs: 400 }],
        missed: false,
      },
    });
    remote.say({ type: 'folder.changed', folderId: 'INBOX', total: 12 });
    expect(await dispatch('events.next', { after: 1, waitMs: 0 })).toMatchObject({
      ok: true,
      value: { cursor: 2, events: [{ type: 'folder.changed', sourceId, folderId: 'INBOX', total: 12 }] },
    });
  });

  it('stops listening when the source closes', async () => {
    const { api, remote, sourceId } = await setup();
    expect(remote.listening()).toBe(1);
    await api['sources.close']({ sourceId });
    expect(remote.listening()).toBe(0);
    expect(remote.isClosed()).toBe(true);
  });

  it('refuses a wait longer than the contract allows, naming the field', async () => {
    const { dispatch } = await setup();
    const answer = await dispatch('events.next', { after: 0, waitMs: 600_000 });
    expect(answer.ok).toBe(false);
    if (!answer.ok) expect(answer.error.message).toMatch(/waitMs/);
  });
});
