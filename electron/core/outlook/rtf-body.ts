import { decompressRTF } from '@kenjiuno/decompressrtf';
import { deEncapsulateSync } from 'rtf-stream-parser';

/**
 * Compressed RTF bigger than this is not expanded: Outlook bodies are far smaller, and the library
 * builds its output as an array of numbers, up to about nine entries per input byte.
 */
const MAX_COMPRESSED_RTF = 512 * 1024;
/** The header of MS-OXRTFCP declares the raw size; a claim above this is refused before allocating. */
const MAX_RTF_BYTES = 32 * 1024 * 1024;

export interface RtfBody {
  readonly html: string | null;
  readonly text: string | null;
}

/**
 * The body an Outlook item keeps only as compressed RTF (PR_RTF_COMPRESSED): decompressed with
 * @kenjiuno/decompressrtf and, when the RTF encapsulates HTML or plain text (what Outlook writes for
 * mail that was HTML or text), de-encapsulated with rtf-stream-parser. Rich text that encapsulates
 * nothing has no faithful HTML form here, so it gives null and the plain body is shown. Never throws:
 * a body that cannot be recovered is simply absent.
 */
export function rtfBody(compressed: Uint8Array | undefined | null): RtfBody | null {
  if (!compressed || compressed.length < 16 || compressed.length > MAX_COMPRESSED_RTF) return null;
  const header = Buffer.from(compressed.buffer, compressed.byteOffset, compressed.length);
  // The library loops to the size the header claims, not to the end of the bytes: check it first.
  if (header.readUInt32LE(0) + 4 > compressed.length || header.readUInt32LE(4) > MAX_RTF_BYTES) return null;
  try {
    const rtf = Buffer.from(decompressRTF(Array.from(compressed)));
    const result = deEncapsulateSync(rtf, {
      decode: decodeText,
      mode: 'either',
      outputMode: 'string',
      warn: () => undefined,
    });
    const body = typeof result.text === 'string' ? result.text : result.text.toString('utf8');
    return result.mode === 'html' ? { html: body, text: null } : { html: null, text: body };
  } catch {
    return null;
  }
}

/** Code-page text to a string; a code page the platform does not know reads as latin1. */
function decodeText(bytes: Buffer, encoding: string): string {
  try {
    return new TextDecoder(encoding).decode(bytes);
  } catch {
    return bytes.toString('latin1');
  }
}
