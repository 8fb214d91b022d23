import type { ImapFlow } from 'imapflow';
import { expect, it, vi } from 'vitest';
import { guardWire, refusalReason } from '../../../electron/core/imap/read-only-guard';

/**
 * The wire guard's rule on the shapes imapflow passes to its command funnel (commands/*.js):
 * `exec('UID STORE', …)`, `exec('FETCH', [{ type: 'SEQUENCE' }, [items…]])`, where a body item is
 * `{ type: 'ATOM', value: 'BODY.PEEK', section: […] }` (commands/fetch.js, setBodyPeek).
 */

const seq = { type: 'SEQUENCE', value: '1:*' };

it.each([
  ['STORE', 'STORE'],
  ['UID STORE', 'STORE'],
  ['uid copy', 'COPY'],
  ['UID MOVE', 'MOVE'],
  ['EXPUNGE', 'EXPUNGE'],
  ['UID EXPUNGE', 'EXPUNGE'],
  ['APPEND', 'APPEND'],
  ['CREATE', 'CREATE'],
  ['DELETE', 'DELETE'],
  ['RENAME', 'RENAME'],
  ['SUBSCRIBE', 'SUBSCRIBE'],
  ['UNSUBSCRIBE', 'UNSUBSCRIBE'],
  ['SELECT', 'SELECT'],
  // An allow-list: commands nobody listed are refused, whatever they do.
  ['XFOO', 'XFOO'],
  ['UID XFOO', 'XFOO'],
  ['SETACL', 'SETACL'],
  ['SETMETADATA', 'SETMETADATA'],
  ['GETMETADATA', 'GETMETADATA'],
  ['LOGIN', 'LOGIN'],
  ['UID', 'an unknown command'],
  ['X\r\nSTORE', 'an unknown command'],
])('refuses %s', (command, reason) => {
  expect(refusalReason(command, [seq])).toBe(reason);
});

it.each([
  'EXAMINE',
  'UID FETCH',
  'ID',
  'ENABLE',
  'NAMESPACE',
  'LSUB',
  'XLIST',
  'UNSELECT',
  'GETQUOTAROOT',
  'LIST',
  'STATUS',
  'NOOP',
  'IDLE',
  'UID SEARCH',
  'CAPABILITY',
  'AUTHENTICATE',
  'LOGOUT',
  'CLOSE',
])('lets %s through', (command) => {
  expect(refusalReason(command, [])).toBeNull();
});

it('lets BODY.PEEK, ENVELOPE and BODYSTRUCTURE fetches through', () => {
  const items = [
    { type: 'ATOM', value: 'UID' },
    { type: 'ATOM', value: 'ENVELOPE' },
    { type: 'ATOM', value: 'BODYSTRUCTURE' },
    { type: 'ATOM', value: 'BODY.PEEK', section: [] },
    { type: 'ATOM', value: 'BINARY.PEEK', section: [{ type: 'ATOM', value: '1' }] },
  ];
  expect(refusalReason('UID FETCH', [seq, items])).toBeNull();
});

it('refuses fetches that would set \\Seen: BODY[], BINARY[], RFC822, RFC822.TEXT', () => {
  for (const item of [
    { type: 'ATOM', value: 'BODY', section: [] },
    { type: 'ATOM', value: 'BINARY', section: [{ type: 'ATOM', value: '2' }] },
    { type: 'ATOM', value: 'RFC822' },
    { type: 'ATOM', value: 'RFC822.TEXT' },
  ]) {
    expect(refusalReason('FETCH', [seq, [{ type: 'ATOM', value: 'UID' }, item]])).toBe(
      'FETCH without BODY.PEEK',
    );
  }
});

it('refuses an unlisted command before a byte reaches the wire', async () => {
  const exec = vi.fn(() => Promise.resolve({}));
  const client = { exec } as unknown as ImapFlow;
  guardWire(client);
  const guarded = Reflect.get(client, 'exec') as (command: string, attributes?: unknown) => Promise<unknown>;
  for (const command of ['XFOO', 'UID STORE', 'UID MOVE', 'SETACL']) {
    await expect(guarded(command, [seq])).rejects.toMatchObject({ name: 'ReadOnlyViolation' });
  }
  expect(exec).not.toHaveBeenCalled();
  await guarded('UID FETCH', [seq, [{ type: 'ATOM', value: 'UID' }]]);
  expect(exec).toHaveBeenCalledTimes(1);
});
