import { AppError } from '../common/app-error';
import { parseMessageId } from '../imap/envelopes';
import { examine } from '../imap/folder-ops';
import type { ImapSource } from '../imap/imap-source';
import type { ReadOnlyImapFlow } from '../imap/read-only-guard';
import { isConnectionLoss, isThrottled } from '../imap/server-busy';
import type { ExportItem, MessageReader, ReadOutcome } from './message-reader';

/**
 * UIDs per FETCH: one command brings this many messages (bodies still arrive one at a time, held
 * back while the disk catches up), and a retry after a drop asks again for at most the rest of one.
 */
const BATCH = 2000;
/**
 * Messages up to this size come whole in the batch's FETCH (imapflow holds each one in memory until
 * it is written); bigger ones stream in slices, so memory stays bounded whatever the message.
 */
const WHOLE_MAX_BYTES = 4 * 1024 * 1024;
const SLICE_BYTES = 1024 * 1024;

/**
 * Reads messages for an export on a session of the mailbox's connection budget (source.pool: never
 * the browsing connection, so the user goes on browsing, and never more sessions than the profile
 * allows), with EXAMINE and BODY.PEEK only, through the same read-only guard as browsing. A batch is
 * one pipelined UID FETCH; after a dropped connection the session retries the batch from the first
 * message not yet handed over, so nothing is fetched twice.
 */
export function imapReader(source: ImapSource, options: { batch?: number } = {}): MessageReader {
  const batchSize = options.batch ?? BATCH;
  const pool = source.pool;

  return {
    listFolder(folderId, signal) {
      return pool.run(
        async (client) => {
          const { mailbox } = await examine(client, folderId);
          if (mailbox.exists === 0) return [];
          const found = await client.search({ all: true }, { uid: true });
          const uids = (Array.isArray(found) ? found : []).sort((a, b) => a - b);
          const validity = String(mailbox.uidValidity);
          return uids.map((uid) => ({
            folderId,
            messageId: `${validity}:${uid}`,
            uid: String(uid),
            uidValidity: validity,
          }));
        },
        { signal },
      );
    },

    async read(items, each, signal) {
      const byFolder = new Map<string, ExportItem[]>();
      for (const item of items) {
        const list = byFolder.get(item.folderId) ?? [];
        list.push(item);
        byFolder.set(item.folderId, list);
      }
      for (const [folderId, list] of byFolder) {
        for (let start = 0; start < list.length; start += batchSize) {
          const batch = list.slice(start, start + batchSize);
          const handed = new Set<ExportItem>();
          const give = async (item: ExportItem, outcome: ReadOutcome) => {
            handed.add(item);
            await each(item, outcome);
          };
          await pool.run((client) => readBatch(client, folderId, batch, handed, give), { signal });
        }
      }
    },

    // The pool belongs to the source: its sessions stay for the next fan-out and log out when idle.
    close: async () => undefined,
  };

  async function readBatch(
    client: ReadOnlyImapFlow,
    folderId: string,
    batch: readonly ExportItem[],
    handed: ReadonlySet<ExportItem>,
    give: (item: ExportItem, outcome: ReadOutcome) => Promise<void>,
  ): Promise<void> {
    const pending = batch.filter((item) => !handed.has(item));
    if (pending.length === 0) return;
    const { mailbox } = await examine(client, folderId);
    const byUid = new Map<number, ExportItem>();
    for (const item of pending) {
      const ref = safeRef(item.messageId);
      if (!ref || ref.uidValidity !== mailbox.uidValidity) await give(item, { error: gone() });
      else byUid.set(ref.uid, item);
    }
    if (byUid.size === 0) return;
    // Sizes first (one cheap round trip): which messages may come whole, which must stream.
    const sizes = new Map<number, number>();
    for (const row of await client.fetchAll(uidSet(byUid.keys()), { uid: true, size: true }, { uid: true })) {
      sizes.set(row.uid, row.size ?? 0);
    }
    const whole = [...byUid.keys()].filter((uid) => (sizes.get(uid) ?? Infinity) <= WHOLE_MAX_BYTES);
    if (whole.length > 0) {
      try {
        // source: true is BODY.PEEK[] (the guard refuses a FETCH that would set \Seen).
        for await (const row of client.fetch(uidSet(whole), { uid: true, source: true }, { uid: true })) {
          const item = byUid.get(row.uid);
          if (!item || handed.has(item) || !row.source) continue;
          await give(item, { bytes: row.source });
        }
      } catch (error) {
        // A refusal of the batch (one bad message spoils a FETCH): the rest go one by one below,
        // so only the message the server will not send is listed as failed.
        if (error instanceof AppError || isConnectionLoss(error) || isThrottled(error)) throw error;
      }
    }
    for (const [uid, item] of byUid) {
      if (handed.has(item)) continue;
      // Not in the FETCH answer: expunged since it was chosen.
      if (!sizes.has(uid)) {
        await give(item, { error: gone() });
        continue;
      }
      await give(item, await streamed(client, uid));
    }
  }
}

async function streamed(client: ReadOnlyImapFlow, uid: number): Promise<ReadOutcome> {
  try {
    const download = await client.download(String(uid), undefined, { uid: true, chunkSize: SLICE_BYTES });
    if (!download.content) return { error: gone() };
    return { stream: download.content, size: download.meta.expectedSize ?? null };
  } catch (error) {
    if (isConnectionLoss(error) || isThrottled(error)) throw error;
    return { error: refused(error) };
  }
}

function safeRef(messageId: string): { uidValidity: bigint; uid: number } | null {
  try {
    return parseMessageId(messageId);
  } catch {
    return null;
  }
}

/** `1:500,502,510:512`: runs as ranges, so a command stays short however many UIDs it names. */
export function uidSet(uids: Iterable<number>): string {
  const sorted = [...uids].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length;) {
    const first = sorted[i] as number;
    let last = first;
    while (i + 1 < sorted.length && sorted[i + 1] === last + 1) last = sorted[++i] as number;
    parts.push(first === last ? String(first) : `${first}:${last}`);
    i++;
  }
  return parts.join(',');
}

function gone(): AppError {
  return new AppError(
    'UNKNOWN_MESSAGE',
    'The message is no longer in the folder (deleted or moved since it was chosen).',
  );
}

function refused(cause: unknown): AppError {
  const reply: unknown =
    typeof cause === 'object' && cause !== null ? Reflect.get(cause, 'responseText') : '';
  return new AppError(
    'MESSAGE_UNREADABLE',
    `The server refused to send the message${typeof reply === 'string' && reply ? `: ${reply.slice(0, 200)}` : '.'}`,
    undefined,
    { cause },
  );
}
