import { open } from 'node:fs/promises';
import type { RawStream } from '../common/source';
import type { HeaderSection } from './local-mailbox';
import type { WindowedFile } from './windowed-file';

/** Headers larger than this are cut: no real message needs more, and a hostile one must not cost RAM. */
export const HEADER_CAP_BYTES = 256 * 1024;
const HEADER_CHUNK_BYTES = 16 * 1024;
const BLANK_LINE = /\r?\n\r?\n/;

/** Bytes [start, end) of a file. */
export async function readRange(path: string, start: number, end: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(Math.max(0, end - start));
    let filled = 0;
    while (filled < buffer.length) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, start + filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return filled === buffer.length ? buffer : buffer.subarray(0, filled);
  } finally {
    await handle.close();
  }
}

/**
 * The header section of the message stored at [start, end) of a file (end null: to end of file),
 * read in small chunks until the first blank line, so listing a folder never reads message bodies.
 * A section cut by the cap or by the end of the message gets a blank line appended, so a parser
 * sees a well-formed (if shortened) header.
 */
export async function readHeaderSection(
  path: string,
  start = 0,
  end: number | null = null,
): Promise<HeaderSection> {
  const handle = await open(path, 'r');
  try {
    const stats = await handle.stat();
    const bytes = await collectHeader(
      async (position, length) => {
        const chunk = Buffer.alloc(length);
        const { bytesRead } = await handle.read(chunk, 0, length, position);
        return chunk.subarray(0, bytesRead);
      },
      start,
      Math.min(end ?? stats.size, start + HEADER_CAP_BYTES),
    );
    return { bytes, size: end === null ? stats.size : null, mtimeMs: stats.mtimeMs };
  } finally {
    await handle.close();
  }
}

/**
 * A file as a stream, opened before it is returned so a missing or unreadable file fails here, with
 * its errno, rather than later inside whatever consumes the stream.
 */
export async function openFileStream(path: string): Promise<RawStream> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    return { stream: handle.createReadStream(), size };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/** The same from a file read through one WindowedFile (the messages of one mbox). */
export async function readHeaderSectionFrom(
  file: WindowedFile,
  start: number,
  end: number,
): Promise<HeaderSection> {
  const bytes = await collectHeader(
    (position, length) => file.read(position, position + length),
    start,
    Math.min(end, start + HEADER_CAP_BYTES),
  );
  return { bytes, size: null, mtimeMs: file.mtimeMs };
}

async function collectHeader(
  readChunk: (position: number, length: number) => Promise<Buffer>,
  start: number,
  limit: number,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let position = start;
  let collected = Buffer.alloc(0);
  while (position < limit) {
    const chunk = await readChunk(position, Math.min(HEADER_CHUNK_BYTES, limit - position));
    if (chunk.length === 0) break;
    chunks.push(chunk);
    position += chunk.length;
    collected = Buffer.concat(chunks);
    // Search the whole buffer as text: the blank line can straddle two chunks.
    const match = BLANK_LINE.exec(collected.toString('latin1'));
    if (match) return collected.subarray(0, match.index + match[0].length);
  }
  return Buffer.concat([collected, Buffer.from('\r\n\r\n')]);
}
