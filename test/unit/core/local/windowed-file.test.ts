import { randomBytes } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readHeaderSection, readHeaderSectionFrom } from '../../../../electron/core/local/read-bytes';
import { WindowedFile } from '../../../../electron/core/local/windowed-file';
import { tempDir } from '../helpers';

describe('WindowedFile', () => {
  it('gives exactly the bytes asked for, within a window, across windows, at the end, and concurrently', async () => {
    const path = join(await tempDir(), 'data.bin');
    const data = randomBytes(3 * 1024 * 1024 + 123);
    await writeFile(path, data);
    const file = new WindowedFile(path);
    const ranges: [number, number][] = [
      [0, 10],
      [5, 70_000],
      [1024 * 1024 - 5, 1024 * 1024 + 5],
      [2 * 1024 * 1024, 2 * 1024 * 1024 + 1],
      [data.length - 50, data.length + 100],
      [100, 100],
      [10, 2_500_000],
    ];
    for (const [start, end] of ranges) {
      expect((await file.read(start, end)).equals(data.subarray(start, end)), `${start}-${end}`).toBe(true);
    }
    // Out of order and at once, as a concurrent listing asks.
    const shuffled = Array.from({ length: 200 }, (_, i) => ((i * 7919) % 200) * 15_000);
    const got = await Promise.all(shuffled.map((start) => file.read(start, start + 900)));
    got.forEach((bytes, i) => {
      const start = shuffled[i] ?? 0;
      expect(bytes.equals(data.subarray(start, start + 900))).toBe(true);
    });
    await file.close();
    // Closed is not broken: the next read opens it again.
    expect((await file.read(7, 9)).equals(data.subarray(7, 9))).toBe(true);
    await file.close();
  });

  it('fails a read of a missing file, and works once the file is there', async () => {
    const path = join(await tempDir(), 'later.bin');
    const file = new WindowedFile(path);
    await expect(file.read(0, 4)).rejects.toMatchObject({ code: 'ENOENT' });
    await writeFile(path, 'abcdef');
    expect((await file.read(1, 4)).toString()).toBe('bcd');
    await file.close();
    await rm(path);
  });

  it('reads a header section as readHeaderSection does', async () => {
    const path = join(await tempDir(), 'box.mbox');
    const long = `X-Long: ${'a'.repeat(40_000)}`;
    const text = `Subject: one\r\n${long}\r\n\r\nbody one\r\nSubject: two\r\n\r\nbody two\r\nSubject: cut`;
    await writeFile(path, text);
    const file = new WindowedFile(path);
    const second = text.indexOf('Subject: two');
    const third = text.indexOf('Subject: cut');
    for (const [start, end] of [
      [0, second],
      [second, third],
      [third, text.length],
    ] as const) {
      const viaWindow = await readHeaderSectionFrom(file, start, end);
      const direct = await readHeaderSection(path, start, end);
      expect(viaWindow.bytes.toString()).toBe(direct.bytes.toString());
    }
    await file.close();
  });
});
