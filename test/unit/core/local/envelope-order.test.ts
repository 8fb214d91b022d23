import { describe, expect, it } from 'vitest';
import { senderSortKey, sortEnvelopes, subjectSortKey } from '../../../../electron/core/local/envelope-order';
import type { Envelope } from '../../../../shared/model';

function envelope(
  id: string,
  fields: { from?: string; name?: string; subject?: string; size?: number },
): Envelope {
  return {
    id,
    folderId: 'f',
    subject: fields.subject ?? '',
    from: fields.from === undefined ? [] : [{ name: fields.name ?? '', address: fields.from }],
    to: [],
    cc: [],
    date: null,
    messageId: null,
    size: fields.size ?? 0,
    flags: { seen: true, flagged: false, answered: false, draft: false },
    hasAttachments: false,
  };
}

// Newest first, as the folder lists it.
const newest = [
  envelope('n1', { from: 'zoe@example.com', subject: 'Re: Invoice 10', size: 300 }),
  envelope('n2', { from: 'adam@example.com', name: 'Émile', subject: 'invoice 9', size: 100 }),
  envelope('n3', { from: 'bob@example.com', name: 'bob', subject: '', size: 300 }),
  envelope('n4', { subject: 'AW: Fwd: Budget', size: 50 }),
  envelope('n5', { from: 'carl@example.com', name: 'Bob', subject: 'Budget', size: 7000 }),
];
const ids = (list: Envelope[]) => list.map((e) => e.id);

describe('sortEnvelopes', () => {
  it('date: newest first as given, or reversed', () => {
    expect(ids(sortEnvelopes(newest, { key: 'date', order: 'desc' }))).toEqual([
      'n1',
      'n2',
      'n3',
      'n4',
      'n5',
    ]);
    expect(ids(sortEnvelopes(newest, { key: 'date', order: 'asc' }))).toEqual(['n5', 'n4', 'n3', 'n2', 'n1']);
  });

  it('size: ties keep newest first in both directions', () => {
    expect(ids(sortEnvelopes(newest, { key: 'size', order: 'desc' }))).toEqual([
      'n5',
      'n1',
      'n3',
      'n2',
      'n4',
    ]);
    expect(ids(sortEnvelopes(newest, { key: 'size', order: 'asc' }))).toEqual(['n4', 'n2', 'n1', 'n3', 'n5']);
  });

  it('from: by the name shown, ignoring case and accents; no sender goes last either way', () => {
    // bob and Bob tie (base sensitivity) and keep newest first; Émile sorts as Emile.
    expect(ids(sortEnvelopes(newest, { key: 'from', order: 'asc' }))).toEqual(['n3', 'n5', 'n2', 'n1', 'n4']);
    expect(ids(sortEnvelopes(newest, { key: 'from', order: 'desc' }))).toEqual([
      'n1',
      'n2',
      'n3',
      'n5',
      'n4',
    ]);
  });

  it('subject: without reply markers, numbers in numeric order; no subject goes last', () => {
    expect(ids(sortEnvelopes(newest, { key: 'subject', order: 'asc' }))).toEqual([
      'n4',
      'n5',
      'n2',
      'n1',
      'n3',
    ]);
    expect(ids(sortEnvelopes(newest, { key: 'subject', order: 'desc' }))).toEqual([
      'n1',
      'n2',
      'n4',
      'n5',
      'n3',
    ]);
  });

  it('never reorders the list it was given', () => {
    const before = ids(newest);
    sortEnvelopes(newest, { key: 'subject', order: 'asc' });
    sortEnvelopes(newest, { key: 'date', order: 'asc' });
    expect(ids(newest)).toEqual(before);
  });
});

describe('sort keys', () => {
  it.each([
    ['Re: Hello', 'Hello'],
    ['RE: re: Fwd: Hello', 'Hello'],
    ['Re[2]: Hello', 'Hello'],
    ['AW: WG: Angebot', 'Angebot'],
    ['SV: Tilbud', 'Tilbud'],
    ['Réunion', 'Réunion'],
    ['Regarding: the plan', 'Regarding: the plan'],
    ['  Fw : spaced', 'spaced'],
  ])('subject %j sorts as %j', (subject, key) => {
    expect(subjectSortKey(subject)).toBe(key);
  });

  it('a sender sorts by name, else address, without quotes', () => {
    expect(senderSortKey(envelope('a', { from: 'x@example.com', name: '"Quoted Name"' }))).toBe(
      'Quoted Name',
    );
    expect(senderSortKey(envelope('b', { from: 'x@example.com' }))).toBe('x@example.com');
    expect(senderSortKey(envelope('c', {}))).toBe('');
  });
});
