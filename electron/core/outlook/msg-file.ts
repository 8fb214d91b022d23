import * as msgreader from '@kenjiuno/msgreader';
import type { FieldsData } from '@kenjiuno/msgreader';
import { AppError } from '../common/app-error';
import { compoundFileProblem } from './cfb-check';

/**
 * An Outlook item (.msg, MS-OXMSG) read with @kenjiuno/msgreader: its fields, and its attachments'
 * bytes on demand. An embedded message (an item attached to an item) comes back as a .msg file of its
 * own, which msgreader writes from the storage it was kept in, so it opens the same way.
 */

/** The compound-file signature every .msg starts with. */
const CFB_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
/** Outlook's own limit is far lower; a file claiming more is not worth walking. */
export const MAX_MSG_ATTACHMENTS = 500;

export function isCompoundFile(bytes: Buffer): boolean {
  return bytes.length >= 8 && bytes.subarray(0, 8).equals(CFB_SIGNATURE);
}

export interface MsgAttachment {
  /** 1-based, in the item's order: the part path the view gives it. */
  readonly path: string;
  readonly filename: string;
  readonly contentType: string;
  readonly size: number;
  readonly contentId: string | null;
  /** An Outlook item attached to this one: its content is a .msg file. */
  readonly embedded: boolean;
}

export interface MsgFile {
  readonly fields: FieldsData;
  readonly attachments: readonly MsgAttachment[];
  /** The bytes of one attachment (an embedded item as a .msg file). */
  content(path: string): Buffer;
}

// The package is CommonJS with its class on `default`; under ESM interop that is one level deeper.
type ReaderClass = typeof msgreader.default;
const Reader: ReaderClass =
  (msgreader.default as unknown as { default?: ReaderClass }).default ?? msgreader.default;

export function msgMalformed(reason: string, cause?: unknown): AppError {
  const clean = reason.replace(/[^\x20-\x7e]+/g, ' ').slice(0, 160);
  return new AppError(
    'MSG_MALFORMED',
    `This Outlook item (.msg) is malformed: Mailscope could not read it (${clean}).`,
    undefined,
    cause === undefined ? undefined : { cause },
  );
}

export function readMsg(bytes: Buffer): MsgFile {
  if (!isCompoundFile(bytes)) throw msgMalformed('it is not an Outlook compound file');
  const problem = compoundFileProblem(bytes);
  if (problem) throw msgMalformed(problem);
  let properties = 0;
  let reader: InstanceType<ReaderClass>;
  let fields: FieldsData;
  try {
    reader = new Reader(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer);
    reader.parserConfig = { propertyObserver: () => void properties++ };
    fields = reader.getFileData();
  } catch (error) {
    throw msgMalformed(error instanceof Error ? error.message : 'unknown error', error);
  }
  if (fields.error) throw msgMalformed(fields.error);
  // msgreader reads a cut or foreign compound file as an item with nothing in it.
  if (properties === 0) throw msgMalformed('it holds no message properties');
  const list = fields.attachments ?? [];
  if (list.length > MAX_MSG_ATTACHMENTS) throw msgMalformed(`it claims ${list.length} attachments`);
  const attachments = list.map((attachment, index) => describe(attachment, index));
  const opened = reader;
  return {
    fields,
    attachments,
    content(path) {
      const index = Number(path) - 1;
      const attachment = list[index];
      if (!/^\d+$/.test(path) || !attachment) {
        throw new AppError('UNKNOWN_PART', `This Outlook item has no attachment ${path}.`);
      }
      try {
        return Buffer.from(opened.getAttachment(attachment).content);
      } catch (error) {
        throw msgMalformed(error instanceof Error ? error.message : 'unreadable attachment', error);
      }
    },
  };
}

/**
 * A field as a string, or undefined. msgreader types a value by the type in its stream's name, which
 * the file chooses: a "string" field can arrive as bytes, so every field read is checked.
 */
export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** A binary field, or undefined (see str). */
export function bin(value: unknown): Uint8Array | undefined {
  return value instanceof Uint8Array ? value : undefined;
}

function describe(attachment: FieldsData, index: number): MsgAttachment {
  const embedded = attachment.innerMsgContent === true;
  const name = embedded
    ? `${str(attachment.name) || str(attachment.innerMsgContentFields?.subject) || 'Attached item'}.msg`
    : str(attachment.fileName) ||
      str(attachment.fileNameShort) ||
      str(attachment.name) ||
      `attachment-${index + 1}`;
  const length = attachment.contentLength;
  return {
    path: String(index + 1),
    filename: name,
    contentType: embedded
      ? 'application/vnd.ms-outlook'
      : str(attachment.attachMimeTag) || 'application/octet-stream',
    size: !embedded && typeof length === 'number' && length >= 0 ? length : 0,
    contentId: str(attachment.pidContentId) ?? null,
    embedded,
  };
}
