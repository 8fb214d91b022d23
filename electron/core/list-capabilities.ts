import { DEFAULT_SORT_ORDER, type ListCapabilities, type SourceKind } from '../../shared/model';
import { AppError } from './common/app-error';
import type { ListOptions, MailSource } from './common/source';

/**
 * What each source's message lists can do, and the check that messages.list asks for nothing more.
 * Remote sources page from the server, so they offer only what the server does cheaply: Exchange
 * Online's IMAP has no SORT extension (RFC 5256) and no PREVIEW (RFC 8970), and POP3 has neither
 * concept; sorting or previewing there would mean downloading every message's headers or body first.
 */

const REMOTE_NOTES: Partial<Record<SourceKind, string>> = {
  imap:
    'Exchange Online cannot sort over IMAP, and sorting here would mean downloading every header of ' +
    'the folder first. A preview line would mean downloading part of every message: sorting and ' +
    'previews are for local mailboxes.',
  pop3:
    'POP3 lists a maildrop only in the order mail arrived, and cannot preview a message without ' +
    'downloading it: sorting and previews are for local mailboxes.',
};

const NEWEST_FIRST_ONLY = 'This mailbox is listed newest first only.';

/** What the list offers for `source`: its own capabilities, or newest first only, saying why. */
export function listCapabilitiesOf(source: Pick<MailSource, 'kind' | 'list'>): ListCapabilities {
  if (source.list) return source.list;
  return {
    sortKeys: ['date'],
    reversible: false,
    preview: false,
    note: REMOTE_NOTES[source.kind] ?? NEWEST_FIRST_ONLY,
  };
}

/** Refuses a sort or preview the source does not offer, so a renderer bug shows instead of being ignored. */
export function checkListOptions(capabilities: ListCapabilities, options: ListOptions): void {
  const { sort } = options;
  const hint = capabilities.note ?? undefined;
  if (sort && !capabilities.sortKeys.includes(sort.key)) {
    throw new AppError('UNSUPPORTED', `This mailbox cannot list messages by ${sort.key}.`, hint);
  }
  if (sort && !capabilities.reversible && sort.order !== DEFAULT_SORT_ORDER[sort.key]) {
    throw new AppError(
      'UNSUPPORTED',
      sort.key === 'date'
        ? 'This mailbox can list messages newest first only.'
        : `This mailbox cannot reverse the order by ${sort.key}.`,
      hint,
    );
  }
  if (options.preview && !capabilities.preview) {
    throw new AppError('UNSUPPORTED', 'This mailbox has no preview line for its messages.', hint);
  }
}
