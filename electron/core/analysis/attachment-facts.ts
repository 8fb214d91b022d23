import { createHash, webcrypto } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import type { AttachmentIoc } from '../../../shared/analysis';
import type { AnalysisAttachment } from './input';

/** An attachment's IOC, plus what its first bytes say for the indicators. */
export interface AttachmentFacts extends AttachmentIoc {
  /** file-type's extension for the content ("pdf", "docx", "cfb", "exe"), null when unknown. */
  readonly detectedExtension: string | null;
  /** A ZIP whose first entry is encrypted (general purpose bit 0): it needs a password to open. */
  readonly encryptedZip: boolean;
  /** An Office Open XML or ZIP container holding a VBA project (macros). */
  readonly vbaProject: boolean;
  readonly bytes: Uint8Array;
}

const ZIP_LOCAL_HEADER = [0x50, 0x4b, 0x03, 0x04];

/**
 * Hashes (MD5, SHA-1, SHA-256: each digest takes one pass over the bytes already in memory) and the
 * type the content really is, from its first bytes (file-type; it reads a ZIP's entry names to tell
 * a .docx from a .jar). Nothing is written anywhere and nothing is run.
 */
export async function attachmentFacts(
  attachment: AnalysisAttachment,
  label: string,
  origin: string,
): Promise<AttachmentFacts> {
  const { bytes } = attachment;
  // SHA-1 and SHA-256 through WebCrypto run on libuv's thread pool, beside the MD5 and the rest
  // that run here: on a big message with many attachments that hides most of the hashing's cost.
  const shas = Promise.all([webDigest('SHA-1', bytes), webDigest('SHA-256', bytes)]);
  const md5 = createHash('md5').update(bytes).digest('hex');
  const detected = bytes.length > 0 ? await fileTypeFromBuffer(bytes).catch(() => undefined) : undefined;
  const zip = startsWith(bytes, ZIP_LOCAL_HEADER);
  const [sha1, sha256] = await shas;
  return {
    filename: attachment.filename,
    label,
    contentType: attachment.contentType,
    size: attachment.size,
    detectedType: detected?.mime ?? null,
    md5,
    sha1,
    sha256,
    origin,
    detectedExtension: detected?.ext ?? null,
    // APPNOTE 4.4.4: bit 0 of the general purpose flag (offset 6) marks an encrypted entry.
    encryptedZip: zip && bytes.length > 7 && ((bytes[6] ?? 0) & 1) === 1,
    vbaProject:
      zip && Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes('vbaProject.bin'),
    bytes,
  };
}

async function webDigest(algorithm: 'SHA-1' | 'SHA-256', bytes: Uint8Array): Promise<string> {
  return Buffer.from(await webcrypto.subtle.digest(algorithm, bytes)).toString('hex');
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, index) => bytes[index] === byte);
}

/** The attachment part of an IOC (the facts minus what only the indicators need). */
export function toAttachmentIoc(facts: AttachmentFacts): AttachmentIoc {
  const { filename, label, contentType, size, detectedType, md5, sha1, sha256, origin } = facts;
  return { filename, label, contentType, size, detectedType, md5, sha1, sha256, origin };
}
