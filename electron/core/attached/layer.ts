import { Writable } from 'node:stream';
import { MAX_ATTACHED_DEPTH, opensAsMessage } from '../../../shared/attached';
import type { MessageView } from '../../../shared/model';
import { AppError } from '../common/app-error';
import { inSlices } from '../mime/in-slices';
import { type MessageMeta, parseMessage } from '../mime/parse-message';
import { msgView, tnefView } from '../outlook/item-views';
import { isCompoundFile, readMsg } from '../outlook/msg-file';
import { isTnef, readTnef } from '../outlook/tnef';
import { decodeParts, unknownPart } from '../save/part-stream';

/** What a message is made of: MIME (.eml), an Outlook item (.msg) or a winmail.dat (TNEF). */
export type LayerKind = 'eml' | 'msg' | 'tnef';

/** One attachment's decoded bytes and what it says it is. */
export interface PartBytes {
  readonly bytes: Buffer;
  readonly filename: string | null;
  readonly contentType: string;
}

/**
 * One message at some depth: its bytes as they stand in the message around it (or as stored, at the
 * top), its view, and its attachments' bytes. Everything works on bytes already in memory: opening an
 * attached message never fetches anything again.
 */
export interface Layer {
  readonly kind: LayerKind;
  readonly bytes: Buffer;
  view(meta: MessageMeta): Promise<MessageView>;
  part(path: string): Promise<PartBytes>;
}

export function layerOf(kind: LayerKind, bytes: Buffer): Layer {
  switch (kind) {
    case 'eml':
      return {
        kind,
        bytes,
        view: (meta) => parseMessage(bytes, meta),
        part: (path) => mimePart(bytes, path),
      };
    case 'msg':
      return itemLayer(kind, bytes, msgView, (path) => {
        const msg = readMsg(bytes);
        const attachment = msg.attachments.find((candidate) => candidate.path === path);
        if (!attachment) return undefined;
        return {
          bytes: msg.content(path),
          filename: attachment.filename,
          contentType: attachment.contentType,
        };
      });
    case 'tnef':
      return itemLayer(kind, bytes, tnefView, (path) => {
        const file = readTnef(bytes).files[Number(path) - 1];
        if (!/^\d+$/.test(path) || !file) return undefined;
        const contentType = file.contentType ?? 'application/octet-stream';
        return { bytes: file.data, filename: file.filename, contentType };
      });
  }
}

/**
 * An Outlook item (.msg, TNEF) as a layer: its own reader's view, and the attachment `find` gives
 * for a path (undefined: no such part).
 */
function itemLayer(
  kind: LayerKind,
  bytes: Buffer,
  view: (bytes: Buffer, meta: MessageMeta) => MessageView,
  find: (path: string) => PartBytes | undefined,
): Layer {
  return {
    kind,
    bytes,
    view: async (meta) => view(bytes, meta),
    part: async (path) => {
      const part = find(path);
      if (!part) throw unknownPart(path);
      return part;
    },
  };
}

/**
 * The message at the end of `attached` (part paths from `top` inwards). Each step's part must be a
 * message of a kind the reader opens, told by its bytes (a compound file, the TNEF signature) and its
 * type or name; anything else is NOT_AN_ATTACHED_MESSAGE, never parsed as a guess.
 */
export async function openAttached(top: Layer, attached: readonly string[]): Promise<Layer> {
  if (attached.length > MAX_ATTACHED_DEPTH) {
    throw new AppError(
      'ATTACHED_TOO_DEEP',
      `This attached message is ${attached.length} levels deep; Mailscope opens at most ${MAX_ATTACHED_DEPTH}.`,
    );
  }
  let layer = top;
  for (const path of attached) {
    const part = await layer.part(path);
    layer = layerOf(kindOfPart(part, path), part.bytes);
  }
  return layer;
}

function kindOfPart(part: PartBytes, path: string): LayerKind {
  const type = part.contentType.toLowerCase();
  if (isTnef(part.bytes)) return 'tnef';
  if (opensAsMessage(type, part.filename)) {
    if (isCompoundFile(part.bytes)) return 'msg';
    if (type === 'application/vnd.ms-outlook' || /\.msg$/i.test(part.filename ?? '')) return 'msg';
    if (type.includes('tnef') || /^winmail\.dat$/i.test(part.filename ?? '')) return 'tnef';
    return 'eml';
  }
  throw new AppError(
    'NOT_AN_ATTACHED_MESSAGE',
    `Part ${path} (${part.contentType}) is not a message Mailscope can open inside the reader.`,
  );
}

/** One leaf part of a MIME message, transfer-decoded, through the same splitter saving uses. */
async function mimePart(raw: Buffer, path: string): Promise<PartBytes> {
  const chunks: Buffer[] = [];
  let found: { filename: string | null; contentType: string } | null = null;
  const decoded = await decodeParts(
    inSlices(raw),
    new Map([
      [
        path,
        async (node) => {
          found = { filename: node.filename || null, contentType: node.contentType || 'text/plain' };
          return new Writable({
            write(chunk: Buffer, _encoding, done) {
              chunks.push(chunk);
              done();
            },
          });
        },
      ],
    ]),
  );
  const head = found as { filename: string | null; contentType: string } | null;
  if (!head || decoded.length === 0) throw unknownPart(path);
  return { bytes: Buffer.concat(chunks), ...head };
}
