import { z } from 'zod';
import { ErrorInfo } from './errors';
import { Envelope } from './model';

/**
 * Finding messages beyond one folder: the same search run in every folder of a mailbox, and a
 * Message-ID looked up in every folder of several mailboxes. Both are fan-outs the renderer names
 * with an id of its own (`searchId`), follows through `search.folder` and `search.progress` events,
 * and may stop with `messages.cancelSearch({ searchId })`. A folder that fails is reported with its
 * error, never skipped in silence.
 */

/** The newest matches of a folder an event carries; the folder's own search shows the rest. */
export const FOLDER_HITS_ITEMS = 50;

/** Chosen by the renderer for a fan-out it follows and may cancel. */
export const SearchId = z
  .string()
  .regex(/^[A-Za-z0-9-]{8,64}$/, 'Expected a search id (letters, digits, dashes).');
export type SearchId = z.infer<typeof SearchId>;

/** How a fan-out names a folder of a source it searched. */
const folderPlace = {
  folderId: z.string(),
  /** Full display path ("Archive/2025"), as the results show the folder (headings, failure lines). */
  folderPath: z.string(),
};

/** A folder that could not be searched, and why. */
export const FolderFailure = z.object({ ...folderPlace, error: ErrorInfo });
export type FolderFailure = z.infer<typeof FolderFailure>;

/** What a search found in one folder: how many match, and the newest of them. */
export const FolderHits = z.object({
  sourceId: z.string(),
  ...folderPlace,
  total: z.number().int().nonnegative(),
  items: z.array(Envelope).max(FOLDER_HITS_ITEMS),
});
export type FolderHits = z.infer<typeof FolderHits>;

/** The end of a search in every folder: counts per folder (the events carried the envelopes). */
export const SearchAllResult = z.object({
  /** Folders the search was run in (every selectable one). */
  folders: z.number().int().nonnegative(),
  /** Folders done (found, found nothing, or failed) when it ended; below `folders` if cancelled. */
  done: z.number().int().nonnegative(),
  /** Messages that match, over every folder. */
  matches: z.number().int().nonnegative(),
  /** Folders with matches, in folder-tree order. */
  hits: z.array(z.object({ ...folderPlace, total: z.number().int() })),
  failed: z.array(FolderFailure),
  cancelled: z.boolean(),
});
export type SearchAllResult = z.infer<typeof SearchAllResult>;

/**
 * A Message-ID as pasted: with or without angle brackets, surrounding spaces ignored. What is
 * compared is the part inside the brackets, exactly (RFC 5322 §3.6.4: ids are compared as strings).
 */
export const MessageIdInput = z
  .string()
  .trim()
  .transform((value) => value.replace(/^<\s*/, '').replace(/\s*>$/, ''))
  .pipe(
    z
      .string()
      .min(3, 'Message-ID: paste an id like <1234@contoso.com>.')
      .max(900, 'Message-ID: that is longer than any mail header line allows.')
      .regex(/^[^\s<>]+@[^\s<>]+$/, 'Message-ID: paste an id like <1234@contoso.com> (one id, no spaces).'),
  );

/** Where to look: a profile's mailbox (opened if it is not) or a source already open (local mail). */
export const LookupTarget = z.union([
  z.object({ profileId: z.string().min(1).max(512) }).strict(),
  z.object({ sourceId: z.string().min(1).max(512) }).strict(),
]);
export type LookupTarget = z.infer<typeof LookupTarget>;

/** One mailbox's answer to a Message-ID lookup: where the message is, and where it was looked for. */
export const MailboxFinding = z.object({
  /** The profile's or the source's name. */
  name: z.string(),
  profileId: z.string().nullable(),
  /** The open source to show a found message from; null when the mailbox could not be opened. */
  sourceId: z.string().nullable(),
  /** Folders searched (found in, not found in, failed). */
  folders: z.number().int().nonnegative(),
  found: z.array(z.object({ ...folderPlace, envelope: Envelope })),
  failed: z.array(FolderFailure),
  /** The mailbox could not be opened at all (sign-in, network): nothing was searched. */
  error: ErrorInfo.optional(),
});
export type MailboxFinding = z.infer<typeof MailboxFinding>;

export const MessageIdResult = z.object({
  /** The id as compared, without angle brackets. */
  messageId: z.string(),
  mailboxes: z.array(MailboxFinding),
  cancelled: z.boolean(),
});
export type MessageIdResult = z.infer<typeof MessageIdResult>;

/** The same id, from a header as a source reports it (`<a@b>`, `a@b`), for comparing. */
export function bareMessageId(value: string | null | undefined): string | null {
  if (!value) return null;
  const bare = value.trim().replace(/^<\s*/, '').replace(/\s*>$/, '');
  return bare || null;
}
