import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportProgressEvent } from '../../../shared/events';
import { createExportMethods } from '../../../electron/core/export/export-methods';
import { imapReader } from '../../../electron/core/export/imap-reader';
import { parseManifest } from '../../../electron/core/export/manifest';
import type { MessageReader } from '../../../electron/core/export/message-reader';
import type { ImapSource } from '../../../electron/core/imap/imap-source';
import { SaveHandles } from '../../../electron/core/save/save-handles';
import { Transfers } from '../../../electron/core/transfers/transfers';
import { CONTOSO, start, type Testbed } from '../../testbed/index';
import { openPop3Source } from '../../../electron/core/pop3/pop3-source';
import type { MailSource } from '../../../electron/core/common/source';
import { TokenProvider } from '../../../electron/core/auth/token-provider';
import { bedProfile, secretsFor } from '../../testbed/profiles';
import { bedSource } from '../imap/helpers';
import { expectUntouched } from '../untouched';

/**
 * Exporting evidence from real Dovecot: the files equal the server's bytes and verify with the
 * real sha256sum; an export cut by a server restart resumes without fetching anything twice; a
 * message that is gone is listed; and the mailbox is byte-identical afterwards.
 */

const host = { kind: 'harness' as const, version: '0', typedSavePaths: true, openExternal: async () => {} };
let bed: Testbed;
let source: ImapSource;
const folders: string[] = [];

/** Every message handed to the export, by id, and a hook run after each. */
class CountingReader implements MessageReader {
  readonly delivered: string[] = [];
  after: (count: number) => Promise<void> = async () => undefined;
  private readonly inner: MessageReader;
  constructor(imap: ImapSource, batch?: number) {
    this.inner = imapReader(imap, batch ? { batch } : {});
  }
  listFolder(folderId: string, signal: AbortSignal) {
    return this.inner.listFolder(folderId, signal);
  }
  read(...[items, each, signal]: Parameters<MessageReader['read']>) {
    return this.inner.read(
      items,
      async (item, outcome) => {
        await each(item, outcome);
        if (!('error' in outcome)) this.delivered.push(item.messageId);
        await this.after(this.delivered.length);
      },
      signal,
    );
  }
  close() {
    return this.inner.close();
  }
}

async function folder(): Promise<string> {
  const path = await mkdtemp(join(tmpdir(), 'mailscope-export-'));
  folders.push(path);
  return path;
}

function exporter(reader?: MessageReader, from: MailSource = source) {
  const events: ExportProgressEvent[] = [];
  const methods = createExportMethods(host, () => from, new Transfers(), {
    handles: new SaveHandles(),
    publish: (event) => events.push(event),
    markFile: async () => true,
    ...(reader ? { readerFor: () => reader } : {}),
  });
  return { methods, events };
}

beforeAll(async () => {
  bed = await start({ saslMechanisms: ['xoauth2'] });
  // One quick try per operation: a restart must end the first export, not be waited out.
  source = await bedSource(bed, CONTOSO.invoices, {
    session: { backoff: { attempts: 1, baseMs: 10, maxMs: 20 } },
  });
}, 60_000);

afterAll(async () => {
  await source?.close();
  await Promise.all(folders.map((path) => rm(path, { recursive: true, force: true })));
  if (bed) {
    expectUntouched(bed, [CONTOSO.invoices]);
    await bed.stop();
  }
});

describe('exporting from an IMAP mailbox', () => {
  it('exports a search result that sha256sum -c verifies, byte for byte as the server holds it, listing a message gone', async () => {
    const found = await source.search('INBOX', {}, 0, 1000);
    expect(found.items.length).toBeGreaterThan(5);
    const picked = found.items.slice(0, 8).map((envelope) => ({ folderId: 'INBOX', messageId: envelope.id }));
    const validity = picked[0]?.messageId.split(':')[0] ?? '1';
    // A message deleted since the search: a UID the folder does not have.
    const gone = { folderId: 'INBOX', messageId: `${validity}:999999` };
    const { methods, events } = exporter();
    const target = await methods['export.prepare']({ folder: await folder() });
    expect(target.existing).toBe(0);
    const result = await methods['export.run']({
      target: target.target,
      format: 'eml',
      selection: { kind: 'messages', sourceId: 'imap', messages: [...picked, gone] },
      operationId: 'export-search-1',
    });
    expect(result).toMatchObject({ total: 9, exported: 8, skipped: 0, failed: 1 });
    expect(result.failures).toEqual([
      {
        folderId: 'INBOX',
        messageId: gone.messageId,
        error: expect.objectContaining({ code: 'UNKNOWN_MESSAGE' }),
      },
    ]);
    const out = execFileSync('sha256sum', ['-c', '--strict', 'SHA256SUMS'], {
      cwd: target.folder,
      encoding: 'utf8',
    });
    expect(out.trim().split('\n')).toHaveLength(8);
    const rows = parseManifest(await readFile(join(target.folder, 'manifest.csv'), 'utf8'));
    for (const row of rows) {
      const server = await source.getRaw('INBOX', `${row.uidvalidity}:${row.uid}`);
      expect((await readFile(join(target.folder, row.file))).equals(server), row.file).toBe(true);
      expect(row).toMatchObject({ folder: 'INBOX', uidvalidity: validity, size: String(server.length) });
    }
    expect(events.at(-1)).toMatchObject({ type: 'export.progress', exported: 8, failed: 1, running: false });
    // Through the mailbox's connection budget, never the browsing session.
    expect(source.pool.stats.created).toBeGreaterThanOrEqual(1);
    expect(source.pool.stats.peak).toBeLessThanOrEqual(source.pool.limit);
  });

  it('resumes an export cut by a Dovecot restart and fetches nothing twice', async () => {
    const dovecot = bed.dovecot;
    if (!dovecot) throw new Error('no Dovecot');
    const path = await folder();
    // Small batches: the server's answer to one FETCH must not be all in the socket already.
    const first = new CountingReader(source, 3);
    first.after = async (count) => {
      if (count === 5) await dovecot.kill();
    };
    const run1 = exporter(first);
    const target = await run1.methods['export.prepare']({ folder: path });
    const selection = { kind: 'folder' as const, sourceId: 'imap', folderId: 'INBOX' };
    await expect(
      run1.methods['export.run']({
        target: target.target,
        format: 'eml',
        selection,
        operationId: 'export-cut-1',
      }),
    ).rejects.toMatchObject({ code: expect.stringMatching(/CONNECTION|SERVER/) });
    await dovecot.relaunch();
    const kept = parseManifest(await readFile(join(path, 'manifest.csv'), 'utf8'));
    expect(kept.length).toBeGreaterThanOrEqual(5);
    expect(kept.length).toBeLessThanOrEqual(6);

    const second = new CountingReader(source);
    const run2 = exporter(second);
    const again = await run2.methods['export.prepare']({ folder: path });
    expect(again.existing).toBe(kept.length);
    const result = await run2.methods['export.run']({
      target: again.target,
      format: 'eml',
      selection,
      operationId: 'export-cut-2',
    });
    const done = new Set(kept.map((row) => `${row.uidvalidity}:${row.uid}`));
    expect(second.delivered.filter((id) => done.has(id))).toEqual([]);
    expect(result).toMatchObject({ skipped: kept.length, exported: result.total - kept.length, failed: 0 });
    expect(new Set(second.delivered).size).toBe(second.delivered.length);
    execFileSync('sha256sum', ['-c', '--strict', '--quiet', 'SHA256SUMS'], { cwd: path });
    const rows = parseManifest(await readFile(join(path, 'manifest.csv'), 'utf8'));
    expect(rows).toHaveLength(result.total);
    for (const row of rows) {
      const server = await source.getRaw('INBOX', `${row.uidvalidity}:${row.uid}`);
      expect((await readFile(join(path, row.file))).equals(server), row.file).toBe(true);
    }
  }, 60_000);

  it('exports a POP3 maildrop the same way (RETR, never DELE)', async () => {
    const profile = bedProfile(bed, { mailbox: CONTOSO.invoices, protocol: 'pop3' });
    const tokens = new TokenProvider({ secrets: await secretsFor(bed, profile), trust: { ca: bed.ca.pem } });
    const pop3 = openPop3Source(profile, { tokens, trust: { ca: bed.ca.pem } });
    try {
      const { methods } = exporter(undefined, pop3);
      const target = await methods['export.prepare']({ folder: await folder() });
      const result = await methods['export.run']({
        target: target.target,
        format: 'eml',
        selection: { kind: 'folder', sourceId: 'pop3', folderId: 'inbox' },
        operationId: 'export-pop3-1',
      });
      expect(result.failed).toBe(0);
      expect(result.exported).toBe((await pop3.listEnvelopes('inbox', 0, 1)).total);
      execFileSync('sha256sum', ['-c', '--strict', '--quiet', 'SHA256SUMS'], { cwd: target.folder });
      for (const row of parseManifest(await readFile(join(target.folder, 'manifest.csv'), 'utf8'))) {
        expect(row.uidvalidity).toBe('');
        const server = await pop3.getRaw('inbox', row.uid);
        expect((await readFile(join(target.folder, row.file))).equals(server), row.file).toBe(true);
      }
    } finally {
      await pop3.close();
    }
  });
});
