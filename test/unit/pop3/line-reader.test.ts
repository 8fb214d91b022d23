import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { Pop3Error } from '../../../electron/core/pop3/errors';
import { LineReader, newBlock, unstuff } from '../../../electron/core/pop3/line-reader';
import { stuffed } from './fake-server';

/** A message with every dot case RFC 1939 §3 has, a bare CR, and UTF-8 to split mid-sequence. */
const TRICKY = Buffer.from(
  [
    'From: a@contoso.example',
    'Subject: Zürich € dots',
    '',
    '.leading dot',
    '..two dots',
    '.',
    ' .',
    '...',
    '.\rbare CR after a dot',
    'a\rb',
    'end',
    '',
  ].join('\r\n'),
  'utf8',
);

/** Feeds `pieces` as separate 'data' events, then reads one status line and one block. */
async function readAll(pieces: Buffer[]): Promise<{ status: string; body: Buffer; next: string }> {
  const socket = new PassThrough();
  const reader = new LineReader(socket, { idleTimeoutMs: 1000 });
  for (const p of pieces) socket.write(p);
  const status = (await reader.readLine()).toString('latin1');
  const block = newBlock();
  const parts: Buffer[] = [];
  for (let c = await reader.readBlockChunk(block); c; c = await reader.readBlockChunk(block)) parts.push(c);
  const next = (await reader.readLine()).toString('latin1');
  return { status, body: Buffer.concat(parts), next };
}

const WIRE = Buffer.concat([Buffer.from('+OK 999 octets\r\n'), stuffed(TRICKY), Buffer.from('+OK next\r\n')]);

describe('LineReader: CRLF framing and dot-unstuffing, byte-exact', () => {
  it('stuffing then unstuffing gives the message back exactly', async () => {
    expect(await readAll([WIRE])).toEqual({ status: '+OK 999 octets', body: TRICKY, next: '+OK next' });
  });

  it('splitting the response at every single byte boundary changes nothing', async () => {
    for (let cut = 1; cut < WIRE.length; cut++) {
      const got = await readAll([WIRE.subarray(0, cut), WIRE.subarray(cut)]);
      expect(got.body.equals(TRICKY), `cut at ${cut}`).toBe(true);
      expect(got.status).toBe('+OK 999 octets');
      expect(got.next).toBe('+OK next');
    }
  });

  it('splitting it at every pair of boundaries changes nothing', async () => {
    for (let a = 1; a < WIRE.length; a++) {
      for (let b = a + 1; b < WIRE.length; b++) {
        const got = await readAll([WIRE.subarray(0, a), WIRE.subarray(a, b), WIRE.subarray(b)]);
        if (!got.body.equals(TRICKY) || got.next !== '+OK next') throw new Error(`cuts at ${a}, ${b}`);
      }
    }
  });

  it('one byte per chunk changes nothing', async () => {
    const bytes = [...WIRE].map((b) => Buffer.from([b]));
    expect(await readAll(bytes)).toEqual({ status: '+OK 999 octets', body: TRICKY, next: '+OK next' });
  });

  it('unstuff hands back views of the chunk (no copy) and the bytes after the terminator', () => {
    const block = newBlock();
    const chunk = Buffer.from('abc\r\n..x\r\n.\r\n+OK');
    const { data, rest } = unstuff(block, chunk);
    expect(Buffer.concat(data).toString()).toBe('abc\r\n.x\r\n');
    expect(data[0]?.buffer).toBe(chunk.buffer);
    expect(rest?.toString()).toBe('+OK');
    expect(block.phase).toBe('done');
  });

  it('a line longer than the limit is a protocol error, not unbounded memory', async () => {
    const socket = new PassThrough();
    const reader = new LineReader(socket, { idleTimeoutMs: 1000, maxLineLength: 100 });
    socket.write(Buffer.alloc(200, 0x41));
    await expect(reader.readLine()).rejects.toMatchObject({ kind: 'protocol' });
  });

  it('waiting longer than the idle timeout fails with a typed timeout', async () => {
    const reader = new LineReader(new PassThrough(), { idleTimeoutMs: 50 });
    const error = await reader.readLine().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Pop3Error);
    expect(error).toMatchObject({ kind: 'timeout', code: 'SERVER_TIMEOUT' });
  });

  it('pauses the socket past the high-water mark and resumes as the reader catches up', async () => {
    const socket = new PassThrough();
    const reader = new LineReader(socket, { idleTimeoutMs: 1000, highWaterMark: 1000 });
    socket.write(Buffer.alloc(600, 0x41));
    socket.write(Buffer.alloc(600, 0x42));
    await new Promise((r) => setImmediate(r));
    expect(socket.isPaused()).toBe(true);
    socket.write(Buffer.from('\r\n'));
    const block = newBlock();
    await reader.readBlockChunk(block);
    await reader.readBlockChunk(block);
    expect(socket.isPaused()).toBe(false);
  });
});
