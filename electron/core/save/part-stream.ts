import { once } from 'node:events';
import { type Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Splitter, type SplitterChunk } from '@zone-eu/mailsplit';
import { AppError } from '../common/app-error';
import { malformedMessage } from '../mime/malformed';
import { isLeafNode, type MimeNode, partPathOf } from '../mime/mime-tree';

/** Where one part's decoded bytes go, opened only when the part is reached. */
export type PartSink = (node: MimeNode) => Promise<Writable>;

export interface DecodedPart {
  readonly partPath: string;
  readonly bytes: number;
}

/**
 * Streams a message once through mailsplit (mailparser's own splitter) and writes the body of each
 * wanted leaf part, transfer-decoded by the splitter's own decoder (base64, quoted-printable), to
 * its sink as it goes: an attachment is never held whole in memory, and several are saved in one
 * pass. Parts are named by their tree paths (MessageView.mimeTree); a sink is opened only when its
 * part is reached, so a path the message does not have (see missingParts) leaves no file behind.
 */
export async function decodeParts(
  raw: Readable,
  wanted: ReadonlyMap<string, PartSink>,
): Promise<DecodedPart[]> {
  const splitter = new Splitter();
  // The splitter's own refusals (too many parts, a header too big) are about the message, not the disk.
  let splitFailure: unknown;
  // (Its typings declare only 'data'; it is a Transform stream, so 'error' is there too.)
  (splitter as unknown as NodeJS.EventEmitter).once('error', (error: unknown) => (splitFailure = error));
  const feeding = pipeline(raw, splitter);
  // Awaited below; a failure may arrive while the loop waits elsewhere, which must not count as unhandled.
  feeding.catch(() => undefined);
  const done: DecodedPart[] = [];
  let current: {
    node: MimeNode;
    path: string;
    decoder: Writable;
    writing: Promise<void>;
    bytes: number;
  } | null = null;

  const finishCurrent = async () => {
    if (!current) return;
    const finished = current;
    current = null;
    finished.decoder.end();
    await finished.writing;
    done.push({ partPath: finished.path, bytes: finished.bytes });
  };

  try {
    // The splitter's typings declare only its 'data' event; iterating it also surfaces errors.
    const chunks: AsyncIterable<SplitterChunk> = splitter;
    for await (const chunk of chunks) {
      if (chunk.type === 'node') {
        await finishCurrent();
        const path = partPathOf(chunk);
        const sink = wanted.get(path);
        if (!sink || !isLeafNode(chunk)) continue;
        const decoder = chunk.getDecoder();
        const out = await sink(chunk);
        const state = { node: chunk, path, decoder, writing: Promise.resolve(), bytes: 0 };
        decoder.on('data', (data: Buffer) => {
          state.bytes += data.length;
        });
        state.writing = pipeline(decoder, out);
        state.writing.catch(() => undefined);
        current = state;
        continue;
      }
      if (chunk.type === 'body' && current && chunk.node === current.node) {
        if (!current.decoder.write(chunk.value)) await once(current.decoder, 'drain');
      }
    }
    await finishCurrent();
    await feeding;
  } catch (error) {
    const failed = current as { decoder: Writable; writing: Promise<void> } | null;
    failed?.decoder.destroy();
    await failed?.writing.catch(() => undefined);
    raw.destroy();
    await feeding.catch(() => undefined);
    throw error === splitFailure ? malformedMessage(error) : error;
  }
  return done;
}

/** The paths asked for that the message did not have as leaf parts. */
export function missingParts(wanted: Iterable<string>, decoded: readonly DecodedPart[]): string[] {
  const found = new Set(decoded.map((part) => part.partPath));
  return [...wanted].filter((path) => !found.has(path));
}

export function unknownPart(path: string): AppError {
  return new AppError(
    'UNKNOWN_PART',
    path === ''
      ? 'The message body is a container of parts; save one of its parts instead.'
      : `This message has no part ${path} with content to save.`,
  );
}
