import type { Envelope, ListSort } from '../../../shared/model';

/**
 * The orders a local folder can be listed in. Every order starts from the folder's newest-first
 * list, and the sort is stable, so messages that tie (same sender, same size) stay newest first.
 */

export interface Dated {
  envelope: Envelope;
  /** Epoch ms, or null for a message with no usable date. */
  time: number | null;
  /** Position in storage: the last tie-break, so equal dates keep a stable order. */
  position: number;
}

/** By time, newest first, undated last; then later-stored first. */
export function newestFirst(a: Dated, b: Dated): number {
  if (a.time !== b.time) {
    if (a.time === null) return 1;
    if (b.time === null) return -1;
    return b.time - a.time;
  }
  return b.position - a.position;
}

// Numeric so "Invoice 9" comes before "Invoice 10"; base sensitivity so case and accents do not split
// one sender into two runs.
const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** Reply and forward markers in the languages Exchange users meet most, repeated or numbered ("Re[2]:"). */
const REPLY_PREFIX =
  /^(?:\s*(?:re|fwd?|aw|wg|sv|vs|tr|rif|antw|r|enc|res|odp|doorst)(?:\s*\[\d+\])?\s*[:：]\s*)+/iu;

/** What a subject sorts by: without "Re:"/"Fwd:" markers, so a thread's messages sit together. */
export function subjectSortKey(subject: string): string {
  return subject.replace(REPLY_PREFIX, '').trim();
}

/** What a sender sorts by: the name people see in the list, else the address. */
export function senderSortKey(envelope: Envelope): string {
  const first = envelope.from[0];
  if (!first) return '';
  return (first.name.trim() || first.address.trim()).replace(/^["'\s]+|["'\s]+$/g, '');
}

/**
 * `newest` (the folder newest first) in the order asked for. Text keys compare with the user's
 * locale; an empty sender or subject goes last in either direction, where it is out of the way.
 */
export function sortEnvelopes(newest: readonly Envelope[], sort: ListSort): Envelope[] {
  if (sort.key === 'date') return sort.order === 'desc' ? [...newest] : [...newest].reverse();
  const sign = sort.order === 'asc' ? 1 : -1;
  if (sort.key === 'size') {
    return [...newest].sort((a, b) => sign * (a.size - b.size));
  }
  const keyOf = sort.key === 'from' ? senderSortKey : (e: Envelope) => subjectSortKey(e.subject);
  const keyed = newest.map((envelope) => ({ envelope, key: keyOf(envelope) }));
  keyed.sort((a, b) => {
    if (a.key === '' || b.key === '') return (a.key === '' ? 1 : 0) - (b.key === '' ? 1 : 0);
    return sign * collator.compare(a.key, b.key);
  });
  return keyed.map((entry) => entry.envelope);
}
