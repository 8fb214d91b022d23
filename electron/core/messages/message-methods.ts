import type { Api } from '../../../shared/ipc';
import { isEmptySearch } from '../../../shared/search';
import type { AttachedMessages } from '../attached/attached-messages';
import { AppError } from '../common/app-error';
import type { FrameStore } from '../frames';
import { checkListOptions, listCapabilitiesOf } from '../list-capabilities';
import { sourceText } from '../mime/source-text';
import type { ListOptions, MailSource } from '../common/source';
import type { Transfers } from '../transfers/transfers';

type MessageMethodNames =
  'messages.list' | 'messages.cancelSearch' | 'messages.get' | 'messages.raw' | 'frames.put';

/** The Source view shows this much of a message; a longer one is cut, and the view says so. */
const RAW_VIEW_BYTES = 2 * 1024 * 1024;

/**
 * Reading messages from an open source: listing and searching a folder, one message for the reader
 * (a big one as a tracked transfer), its raw source, and its body as a document for the frame.
 */
export function createMessageMethods(
  sourceOf: (id: string) => MailSource,
  transfers: Transfers,
  /** Message documents for the frame origin; without one (or before its origin is known) frames.put refuses. */
  frames: FrameStore | undefined,
  /** Messages inside messages (shared/attached.ts); without it a request naming one is refused. */
  nested?: AttachedMessages,
): Pick<Api, MessageMethodNames> {
  const attachedOnly = () => {
    if (!nested) throw new AppError('UNSUPPORTED', 'This host cannot open attached messages.');
    return nested;
  };
  return {
    'messages.list': async ({ sourceId, folderId, offset, limit, query, sort, preview }) => {
      const source = sourceOf(sourceId);
      const options: ListOptions = { ...(sort ? { sort } : {}), ...(preview ? { preview } : {}) };
      checkListOptions(listCapabilitiesOf(source), options);
      return query && !isEmptySearch(query)
        ? source.search(folderId, query, offset, limit, options)
        : source.listEnvelopes(folderId, offset, limit, options);
    },

    'messages.cancelSearch': async ({ sourceId, folderId }) => ({
      cancelled: sourceOf(sourceId).cancelSearch?.(folderId) ?? false,
    }),

    'messages.get': async ({ sourceId, folderId, messageId, attached, operationId }) => {
      if (attached) return attachedOnly().view({ sourceId, folderId, messageId }, attached);
      const source = sourceOf(sourceId);
      if (!operationId || !source.openRaw || !source.parseRaw) return source.getMessage(folderId, messageId);
      // A big message from a server: fetched as a counted, cancellable stream, then parsed.
      const raw = await source.openRaw(folderId, messageId);
      const tracked = transfers.track(operationId, raw.stream, raw.size);
      try {
        const chunks: Buffer[] = [];
        for await (const chunk of tracked.stream as AsyncIterable<Buffer>) chunks.push(chunk);
        const bytes = Buffer.concat(chunks);
        // Its attached messages then open from these bytes, without a second download.
        nested?.remember({ sourceId, folderId, messageId }, bytes);
        return await source.parseRaw(folderId, messageId, bytes);
      } finally {
        tracked.done();
      }
    },

    'messages.raw': async ({ sourceId, folderId, messageId, attached }) => {
      const raw = attached
        ? (await attachedOnly().layer({ sourceId, folderId, messageId }, attached)).bytes
        : await sourceOf(sourceId).getRaw(folderId, messageId);
      const shown = raw.subarray(0, RAW_VIEW_BYTES);
      return {
        text: sourceText(shown),
        size: raw.length,
        truncated: raw.length > shown.length,
      };
    },

    'frames.put': async ({ html, allowRemote }) => {
      if (!frames?.origin) {
        throw new AppError('UNSUPPORTED', 'This host cannot show message bodies in a frame of their own.');
      }
      return { url: frames.urlFor(frames.put({ html, allowRemote })) };
    },
  };
}
