import { z } from 'zod';
import type { Envelope } from './model';

/**
 * Search in a folder, as typed in the list's search box: free words match the sender, the
 * recipients and the subject; `from:`, `to:`, `subject:`, `body:`, `after:`/`before:` (YYYY-MM-DD),
 * `has:attachment`, `is:unread` and `larger:` (bytes, or with kb/mb) narrow it. IMAP runs it on the
 * server; POP3 and local sources filter the envelopes they already hold.
 */

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Dates are written YYYY-MM-DD, like 2026-11-24.');
const Term = z.string().trim().min(1).max(256);

export const SearchQuery = z
  .object({
    text: Term.optional(),
    from: Term.optional(),
    to: Term.optional(),
    subject: Term.optional(),
    body: Term.optional(),
    since: Day.optional(),
    before: Day.optional(),
    hasAttachment: z.boolean().optional(),
    unseen: z.boolean().optional(),
    largerThan: z.number().int().nonnegative().optional(),
  })
  .strict();
export type SearchQuery = z.infer<typeof SearchQuery>;

const SIZE = /^(\d+(?:\.\d+)?)(kb|k|mb|m|gb|g|b)?$/i;
const UNITS: Record<string, number> = {
  b: 1,
  k: 1024,
  kb: 1024,
  m: 1024 ** 2,
  mb: 1024 ** 2,
  g: 1024 ** 3,
  gb: 1024 ** 3,
};

/** Splits on spaces outside double quotes, so `subject:"price list"` is one term. */
function terms(input: string): string[] {
  return [...input.matchAll(/(\w+:)?"([^"]*)"|\S+/g)].map((m) =>
    m[2] !== undefined ? `${m[1] ?? ''}${m[2]}` : m[0],
  );
}

/** What the user typed, as a query; a term it cannot read is kept as free text rather than lost. */
export function parseSearch(input: string): SearchQuery {
  const query: SearchQuery = {};
  const words: string[] = [];
  for (const term of terms(input)) {
    const match = /^(from|to|subject|body|after|since|before|has|is|larger):(.+)$/i.exec(term);
    const key = match?.[1]?.toLowerCase();
    const value = match?.[2]?.trim() ?? '';
    if (key === 'from' || key === 'to' || key === 'subject' || key === 'body') query[key] = value;
    else if ((key === 'after' || key === 'since') && Day.safeParse(value).success) query.since = value;
    else if (key === 'before' && Day.safeParse(value).success) query.before = value;
    else if (key === 'has' && /^attachments?$/i.test(value)) query.hasAttachment = true;
    else if (key === 'is' && /^unread$/i.test(value)) query.unseen = true;
    else if (key === 'larger' && SIZE.test(value)) {
      const [, amount, unit] = SIZE.exec(value) ?? [];
      query.largerThan = Math.round(Number(amount) * (UNITS[(unit ?? 'b').toLowerCase()] ?? 1));
    } else words.push(term);
  }
  if (words.length) query.text = words.join(' ');
  return query;
}

export function isEmptySearch(query: SearchQuery): boolean {
  return Object.keys(query).length === 0;
}

function contains(haystack: string, needle: string | undefined): boolean {
  return needle === undefined || haystack.toLowerCase().includes(needle.toLowerCase());
}

function people(addresses: Envelope['from']): string {
  return addresses.map((a) => `${a.name} ${a.address}`).join(' ');
}

/**
 * For sources that hold their envelopes (local files, a POP3 maildrop): does this one match?
 * A body term cannot be answered from envelopes; such sources refuse it before calling this.
 */
export function envelopeMatches(envelope: Envelope, query: SearchQuery): boolean {
  const from = people(envelope.from);
  const to = people([...envelope.to, ...envelope.cc]);
  const day = envelope.date?.slice(0, 10) ?? null;
  return (
    contains(`${from} ${to} ${envelope.subject}`, query.text) &&
    contains(from, query.from) &&
    contains(to, query.to) &&
    contains(envelope.subject, query.subject) &&
    (query.since === undefined || (day !== null && day >= query.since)) &&
    (query.before === undefined || (day !== null && day < query.before)) &&
    (query.hasAttachment !== true || envelope.hasAttachments) &&
    (query.unseen !== true || !envelope.flags.seen) &&
    (query.largerThan === undefined || envelope.size > query.largerThan)
  );
}
