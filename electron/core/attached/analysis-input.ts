import { opensAsMessage } from '../../../shared/attached';
import {
  type AnalysisAttachment,
  type AnalysisInput,
  type AttachedMessageInput,
  MAX_ATTACHED_DEPTH,
  parseForAnalysis,
} from '../analysis';
import { AppError } from '../common/app-error';
import { sanitizeFilename } from '../mime/attachment-filename';
import { malformedMessage } from '../mime/malformed';
import { msgItem, tnefItem } from '../outlook/item-views';
import { isCompoundFile, readMsg } from '../outlook/msg-file';
import { itemHeaders, type OutlookItem } from '../outlook/outlook-view';
import { isTnef, readTnef } from '../outlook/tnef';
import type { Layer, LayerKind } from './layer';

/**
 * The triage analysis's input (electron/core/analysis, AnalysisInput) for a message of any kind the
 * reader opens: a .eml through the analysis's own parser, an Outlook item or a winmail.dat through
 * the readers here, with the headers in the order the reader's Headers table shows them, and every
 * attached message (a .msg or winmail.dat inside a .eml, an .eml or item inside an item) followed
 * to the same depth limit.
 */
export async function analysisInputOfLayer(layer: Promise<Layer> | Layer): Promise<AnalysisInput> {
  const { kind, bytes } = await layer;
  return inputOf(kind, bytes, 0);
}

export async function inputOf(kind: LayerKind, bytes: Buffer, depth: number): Promise<AnalysisInput> {
  if (kind === 'msg') {
    const msg = readMsg(bytes);
    return itemInput(
      msgItem(msg, bytes.length),
      msg.attachments.map((attachment) => ({ ...attachment, bytes: () => msg.content(attachment.path) })),
      depth,
    );
  }
  if (kind === 'tnef') {
    const tnef = readTnef(bytes);
    const item = tnefItem(tnef, bytes.length);
    return itemInput(
      item,
      item.files.map((file, index) => ({ ...file, bytes: () => tnef.files[index]?.data ?? Buffer.alloc(0) })),
      depth,
    );
  }
  try {
    return await parseForAnalysis(bytes, { depth, openAttached: openOutlookAttached });
  } catch (error) {
    throw malformedMessage(error);
  }
}

/** For the .eml parser: a .msg or winmail.dat attached to it, as a message of its own (null: not one). */
async function openOutlookAttached(
  attachment: AnalysisAttachment,
  depth: number,
): Promise<AnalysisInput | null> {
  const kind = outlookKind(attachment);
  if (!kind) return null;
  // A broken item stays an attachment (listed and hashed), as a broken attached .eml does.
  return inputOf(kind, toBuffer(attachment.bytes), depth).catch((error: unknown) => {
    if (error instanceof AppError) return null;
    throw error;
  });
}

function outlookKind(attachment: AnalysisAttachment): 'msg' | 'tnef' | null {
  const bytes = toBuffer(attachment.bytes);
  if (isTnef(bytes)) return 'tnef';
  if (isCompoundFile(bytes) && opensAsMessage(attachment.contentType, attachment.filename)) return 'msg';
  return null;
}

interface ItemFile {
  readonly filename: string;
  readonly contentType: string;
  readonly bytes: () => Buffer;
}

async function itemInput(
  item: OutlookItem,
  files: readonly ItemFile[],
  depth: number,
): Promise<AnalysisInput> {
  const attachments: AnalysisAttachment[] = [];
  const attachedMessages: AttachedMessageInput[] = [];
  for (const file of files) {
    const bytes = file.bytes();
    const attachment: AnalysisAttachment = {
      filename: sanitizeFilename(file.filename, file.contentType),
      contentType: file.contentType.toLowerCase(),
      size: bytes.length,
      bytes,
    };
    attachments.push(attachment);
    if (depth >= MAX_ATTACHED_DEPTH) continue;
    const kind =
      outlookKind(attachment) ?? (opensAsMessage(attachment.contentType, attachment.filename) ? 'eml' : null);
    if (!kind) continue;
    const message = await inputOf(kind, bytes, depth + 1).catch((error: unknown) => {
      if (error instanceof AppError) return null;
      throw error;
    });
    if (message) attachedMessages.push({ filename: attachment.filename, message });
  }
  return {
    headers: itemHeaders(item),
    html: item.html,
    text: item.text,
    attachments,
    attachedMessages,
    size: item.size,
  };
}

function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
