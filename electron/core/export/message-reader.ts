import { type Readable } from 'node:stream';
import { AppError } from '../common/app-error';
import type { MailSource } from '../common/source';

/** One message to export, as the manifest names it. */
export interface ExportItem {
  readonly folderId: string;
  readonly messageId: string;
  /** The IMAP UID, or the source's own id where there is none (POP3, local files). */
  readonly uid: string;
  /** The folder's UIDVALIDITY (IMAP); empty elsewhere. */
  readonly uidValidity: string;
}

/**
 * A message: whole (a batch FETCH brings most so), as a stream (read it to the end before
 * returning), or why this one message could not be read.
 */
export type ReadOutcome =
  | { readonly bytes: Buffer }
  | { readonly stream: Readable; readonly size: number | null }
  | { readonly error: AppError };

/**
 * Reads many messages for an export. `read` calls `each` once per item, in an order of its
 * choosing, and waits for it; a failure of one message (gone, refused) is an outcome, a failure of
 * the connection or of `each` ends the read.
 */
export interface MessageReader {
  /** Every message of the folder, oldest first. */
  listFolder(folderId: string, signal: AbortSignal): Promise<ExportItem[]>;
  read(
    items: readonly ExportItem[],
    each: (item: ExportItem, outcome: ReadOutcome) => Promise<void>,
    signal: AbortSignal,
  ): Promise<void>;
  close(): Promise<void>;
}

/** Errors that concern one message: reported in the export's error list, the others go on. */
export function isMessageError(error: unknown): error is AppError {
  return (
    error instanceof AppError && (error.code === 'UNKNOWN_MESSAGE' || error.code === 'MESSAGE_UNREADABLE')
  );
}

const PAGE = 1000;

/**
 * Any MailSource, one message after another through openRaw (or getRaw): POP3 maildrops and local
 * files, where a message is one RETR or one file read anyway.
 */
export function sourceReader(source: MailSource): MessageReader {
  return {
    async listFolder(folderId, signal) {
      const ids: string[] = [];
      for (let offset = 0; ; offset += PAGE) {
        if (signal.aborted) throw new AppError('CANCELLED');
        const page = await source.listEnvelopes(folderId, offset, PAGE);
        ids.push(...page.items.map((envelope) => envelope.id));
        if (page.items.length === 0 || offset + PAGE >= page.total) break;
      }
      // Lists come newest first; an export reads like the folder, oldest first.
      return ids.reverse().map((messageId) => ({ folderId, messageId, uid: messageId, uidValidity: '' }));
    },

    async read(items, each, signal) {
      for (const item of items) {
        if (signal.aborted) throw new AppError('CANCELLED');
        let outcome: ReadOutcome;
        try {
          if (source.openRaw) {
            outcome = await source.openRaw(item.folderId, item.messageId);
          } else {
            outcome = { bytes: await source.getRaw(item.folderId, item.messageId) };
          }
        } catch (error) {
          if (!isMessageError(error)) throw error;
          outcome = { error };
        }
        await each(item, outcome);
      }
    },

    close: async () => undefined,
  };
}
