import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../electron/core/common/app-error';
import { type ExportCounts, runExport } from '../../../../electron/core/export/export-job';
import { UniqueNames } from '../../../../electron/core/export/file-names';
import { parseManifest, type ManifestRow } from '../../../../electron/core/export/manifest';
import type { ExportItem, MessageReader, ReadOutcome } from '../../../../electron/core/export/message-reader';
import { planResume } from '../../../../electron/core/export/resume';
import { unescapeMboxrd } from '../../../../electron/core/local/mbox-escape';
import {
  type ExportWriter,
  folderWriter,
  mboxWriter,
  zipWriter,
} from '../../../../electron/core/export/writers';
import { message, tempDir } from '../helpers';

const noMark = async () => true;

function item(uid: number): ExportItem {
  return { folderId: 'INBOX', messageId: `9:${uid}`, uid: String(uid), uidValidity: '9' };
}

/** Messages by UID; a missing one reads as deleted; `failAt` breaks the connection there. */
class FakeReader implements MessageReader {
  readonly fetched: string[] = [];
  constructor(
    private readonly bodies: Map<string, Buffer>,
    private readonly failAt?: string,
  ) {}
  async listFolder(): Promise<ExportItem[]> {
    return [...this.bodies.keys()].map((uid) => item(Number(uid)));
  }
  async read(
    items: readonly ExportItem[],
    each: (item: ExportItem, outcome: ReadOutcome) => Promise<void>,
  ): Promise<void> {
    for (const it of items) {
      if (it.uid === this.failAt) throw new AppError('CONNECTION_LOST');
      const body = this.bodies.get(it.uid);
      this.fetched.push(it.uid);
      if (!body) {
        await each(it, { error: new AppError('UNKNOWN_MESSAGE', 'gone') });
        continue;
      }
      // Odd ones whole, as a batch FETCH gives them; even ones in small pieces, so names and hashes
      // are made across chunk boundaries.
      if (Number(it.uid) % 2 === 1) {
        await each(it, { bytes: body });
        continue;
      }
      const pieces: Buffer[] = [];
      for (let i = 0; i < body.length; i += 7) pieces.push(body.subarray(i, i + 7));
      await each(it, { stream: Readable.from(pieces), size: body.length });
    }
  }
  async close(): Promise<void> {}
}

function corpus(count: number): Map<string, Buffer> {
  const bodies = new Map<string, Buffer>();
  for (let uid = 1; uid <= count; uid++) {
    bodies.set(
      String(uid),
      Buffer.from(
        message({
          subject: uid === 2 ? '=HYPERLINK("http://evil.example")' : `Invoice ${uid}`,
          messageId: `<m${uid}@contoso.example>`,
          body: uid === 3 ? 'From here on\r\n>From there\r\nno newline at the end' : `Body ${uid}\r\n`,
        }),
      ),
    );
  }
  return bodies;
}

async function exportFolder(
  folder: string,
  reader: FakeReader,
  items: ExportItem[],
  signal = new AbortController().signal,
) {
  const manifest = await readFile(join(folder, 'manifest.csv'), 'utf8').catch(() => '');
  const plan = await planResume(parseManifest(manifest), async (file) => {
    try {
      return createHash('sha256')
        .update(await readFile(join(folder, file)))
        .digest('hex');
    } catch {
      return null;
    }
  });
  const progress: { counts: ExportCounts; running: boolean }[] = [];
  const outcome = runExport({
    reader,
    writer: await folderWriter(folder, [...plan.done.values()], noMark),
    items,
    mailbox: 'finance@contoso.example',
    done: plan.done,
    names: new UniqueNames([...plan.done.values()].map((row) => row.file)),
    signal,
    intervalMs: 0,
    onProgress: (counts, running) => progress.push({ counts, running }),
  });
  return { outcome, progress };
}

const sha = (data: Buffer) => createHash('sha256').update(data).digest('hex');

describe('an export to a folder of .eml files', () => {
  it('writes every message byte for byte, a manifest and SHA256SUMS that sha256sum -c accepts', async () => {
    const folder = await tempDir();
    const bodies = corpus(5);
    const items = [1, 2, 3, 4, 5, 6].map(item);
    const { outcome, progress } = await exportFolder(folder, new FakeReader(bodies), items);
    const result = await outcome;
    expect(result).toMatchObject({ total: 6, exported: 5, skipped: 0, failed: 1 });
    expect(result.failures).toEqual([
      { folderId: 'INBOX', messageId: '9:6', error: expect.objectContaining({ code: 'UNKNOWN_MESSAGE' }) },
    ]);
    const rows = parseManifest(await readFile(join(folder, 'manifest.csv'), 'utf8'));
    expect(rows.map((row) => row.uid)).toEqual(['1', '2', '3', '4', '5']);
    for (const row of rows) {
      const file = await readFile(join(folder, row.file));
      expect(file.equals(bodies.get(row.uid) ?? Buffer.alloc(0))).toBe(true);
      expect(row.sha256).toBe(sha(file));
      expect(row.size).toBe(String(file.length));
    }
    expect(rows[1]).toMatchObject({
      subject: '=HYPERLINK("http://evil.example")',
      message_id: '<m2@contoso.example>',
    });
    expect(await readFile(join(folder, 'manifest.csv'), 'utf8')).toContain(
      `"'=HYPERLINK(""http://evil.example"")"`,
    );
    expect(
      execFileSync('sha256sum', ['-c', '--strict', 'SHA256SUMS'], { cwd: folder, encoding: 'utf8' }),
    ).toMatch(/: OK\n/);
    const last = progress.at(-1);
    expect(last).toEqual({
      counts: { total: 6, exported: 5, skipped: 0, failed: 1, bytes: result.bytes, etaMs: 0 },
      running: false,
    });
  });

  it('resumes after a dropped connection: intact files are kept, nothing done is fetched again', async () => {
    const folder = await tempDir();
    const bodies = corpus(6);
    const items = [1, 2, 3, 4, 5, 6].map(item);
    const first = new FakeReader(bodies, '4');
    await expect((await exportFolder(folder, first, items)).outcome).rejects.toMatchObject({
      code: 'CONNECTION_LOST',
    });
    expect(first.fetched).toEqual(['1', '2', '3']);
    // An interrupted file, and a kept one someone changed since: both must be fetched again.
    const rows = parseManifest(await readFile(join(folder, 'manifest.csv'), 'utf8'));
    expect(rows.map((row) => row.uid)).toEqual(['1', '2', '3']);
    const changed = rows[1] as ManifestRow;
    await import('node:fs/promises').then((fs) => fs.appendFile(join(folder, changed.file), 'tampered'));

    const second = new FakeReader(bodies);
    const result = await (await exportFolder(folder, second, items)).outcome;
    expect(second.fetched).toEqual(['2', '4', '5', '6']);
    expect(result).toMatchObject({ total: 6, exported: 4, skipped: 2, failed: 0 });
    const all = parseManifest(await readFile(join(folder, 'manifest.csv'), 'utf8'));
    expect(all.map((row) => row.uid).sort()).toEqual(['1', '2', '3', '4', '5', '6']);
    expect((await readdir(folder)).filter((name) => name.endsWith('.eml'))).toHaveLength(6);
    for (const row of all)
      expect((await readFile(join(folder, row.file))).equals(bodies.get(row.uid) ?? Buffer.alloc(0))).toBe(
        true,
      );
    execFileSync('sha256sum', ['-c', '--strict', '--quiet', 'SHA256SUMS'], { cwd: folder });
  });

  it('stops on cancel and keeps what is complete for a resume', async () => {
    const folder = await tempDir();
    const bodies = corpus(3);
    const controller = new AbortController();
    const reader = new FakeReader(bodies);
    const original = reader.read.bind(reader);
    reader.read = (items, each) =>
      original(items, async (it, outcome) => {
        await each(it, outcome);
        if (it.uid === '2') controller.abort();
      });
    const run = await exportFolder(folder, reader, [1, 2, 3].map(item), controller.signal);
    await expect(run.outcome).rejects.toMatchObject({ code: 'CANCELLED' });
    const rows = parseManifest(await readFile(join(folder, 'manifest.csv'), 'utf8'));
    expect(rows.map((row) => row.uid)).toEqual(['1', '2']);
    expect(run.progress.at(-1)?.running).toBe(false);
  });
});

/** Every message of `bodies`, fresh, into `writer`. */
function exportAll(bodies: Map<string, Buffer>, writer: ExportWriter) {
  return runExport({
    reader: new FakeReader(bodies),
    writer,
    items: [...bodies.keys()].map((uid) => item(Number(uid))),
    mailbox: 'm',
    done: new Map(),
    names: new UniqueNames(),
    signal: new AbortController().signal,
    onProgress: () => undefined,
  });
}

describe('an export to one archive', () => {
  it('writes an mbox that reads back byte for byte, with the manifest and checksums beside it', async () => {
    const folder = await tempDir();
    const bodies = corpus(3);
    const result = await exportAll(
      bodies,
      await mboxWriter(folder, new Date(Date.UTC(2026, 0, 5, 8)), noMark),
    );
    expect(result.files.map((path) => path.slice(folder.length + 1))).toEqual(['manifest.csv', 'SHA256SUMS']);
    const mbox = await readFile(join(folder, 'messages.mbox'));
    expect(mbox.toString('latin1').startsWith('From MAILER-DAEMON Mon Jan  5 08:00:00 2026\n')).toBe(true);
    const messages = mbox
      .toString('latin1')
      .split(/^From MAILER-DAEMON .*\n/m)
      .slice(1)
      .map((text) => unescapeMboxrd(Buffer.from(text.replace(/\n$/, ''), 'latin1')));
    expect(messages).toHaveLength(3);
    messages.forEach((read, index) =>
      expect(read.equals(bodies.get(String(index + 1)) ?? Buffer.alloc(0))).toBe(true),
    );
    expect(mbox.toString('latin1')).toContain('\n>From here on\r\n>>From there');
    const rows = parseManifest(await readFile(join(folder, 'manifest.csv'), 'utf8'));
    expect(rows.map((row) => row.sha256)).toEqual(
      [1, 2, 3].map((uid) => sha(bodies.get(String(uid)) ?? Buffer.alloc(0))),
    );
    execFileSync('sha256sum', ['-c', '--strict', '--quiet', 'SHA256SUMS'], { cwd: folder });
  });

  it('writes a zip whose unpacked folder verifies with sha256sum -c', async () => {
    const folder = await tempDir();
    const bodies = corpus(3);
    const result = await exportAll(bodies, await zipWriter(folder, new Date(), noMark));
    expect(result.exported).toBe(3);
    const out = join(folder, 'unpacked');
    execFileSync('unzip', ['-q', join(folder, 'messages.zip'), '-d', out]);
    execFileSync('sha256sum', ['-c', '--strict', '--quiet', 'SHA256SUMS'], { cwd: out });
    const rows = parseManifest(await readFile(join(out, 'manifest.csv'), 'utf8'));
    for (const row of rows)
      expect((await readFile(join(out, row.file))).equals(bodies.get(row.uid) ?? Buffer.alloc(0))).toBe(true);
  });
});
