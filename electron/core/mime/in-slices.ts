import { Readable } from 'node:stream';

const SLICE_BYTES = 64 * 1024;

/**
 * A message held in memory as a stream of 64 KB slices (views, not copies). Piped into mailsplit or
 * mailparser, it lets their backpressure work: handed the whole buffer in one write, a splitter
 * queues every line of the message at once, which for a 25 MB message costs more memory than the
 * message itself.
 */
export function inSlices(raw: Buffer): Readable {
  function* slices(): Generator<Buffer> {
    for (let offset = 0; offset < raw.length; offset += SLICE_BYTES)
      yield raw.subarray(offset, offset + SLICE_BYTES);
  }
  return Readable.from(slices());
}
