import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExportMethods } from '../../../electron/core/export/export-methods';
import { parseManifest } from '../../../electron/core/export/manifest';
import { createFindMethods } from '../../../electron/core/find/find-methods';
import type { ImapSource } from '../../../electron/core/imap/imap-source';
import { SaveHandles } from '../../../electron/core/save/save-handles';
import { Transfers } from '../../../electron/core/transfers/transfers';
import { CONTOSO, start, type Testbed } from '../../testbed/index';
import { bedSource } from '../imap/helpers';
import { TokenProvider } from '../../../electron/core/auth/token-provider';
import type { MailSource } from '../../../electron/core/common/source';
import { openPop3Source } from '../../../electron/core/pop3/pop3-source';
import { bedProfile, secretsFor } from '../../testbed/profiles';
import { expectUntouched } from '../untouched';

/**
 * Exporting every result of a search in all folders from real Dovecot: the engine runs the search
 * folder by folder itself, so the export holds every match (not only the newest a result list
 * shows), as many as messages.searchAll counts, each file the server's bytes, verified by sha256sum.
 */

const host = { kind: 'harness' as const, version: '0', typedSavePaths: true, openExternal: async () => {} };
let bed: Testbed;
let source: ImapSource;
const outs: string[] = [];

beforeAll(async () => {
  bed = await start({ saslMechanisms: ['xoauth2'] });
  source = await bedSource(bed, CONTOSO.invoices);
}, 60_000);

afterAll(async () => {
  await source?.close();
  await Promise.all(outs.map((path) => rm(path, { recursive: true, force: true })));
  if (bed) {
    expectUntouched(bed, [CONTOSO.invoices]);
    await bed.stop();
  }
});

function exporterOf(from: MailSource) {
  return createExportMethods(host, () => from, new Transfers(), {
    handles: new SaveHandles(),
    publish: () => undefined,
    markFile: async () => true,
  });
}

async function outFolder(): Promise<string> {
  const path = await mkdtemp(join(tmpdir(), 'mailscope-export-all-'));
  outs.push(path);
  return path;
}

describe('exporting a search in all folders', () => {
  it('exports every match of every folder, as many as searchAll counts, verified by sha256sum -c', async () => {
    const query = { text: 'a' };
    const unused = () => Promise.reject(new Error('not in this test'));
    const { methods: find } = createFindMethods({
      sourceOf: () => source,
      openProfile: unused,
      profileName: unused,
      publish: () => undefined,
    });
    const searched = await find['messages.searchAll']({ sourceId: 'imap', query, searchId: 'export-all-1' });
    expect(searched).toMatchObject({ failed: [], cancelled: false });
    expect(searched.hits.length).toBeGreaterThan(1);
    const exporter = exporterOf(source);
    const out = await outFolder();
    const target = await exporter['export.prepare']({ folder: out });
    const result = await exporter['export.run']({
      target: target.target,
      format: 'eml',
      selection: { kind: 'search', sourceId: 'imap', query },
      operationId: 'export-all-run-1',
    });
    expect(result).toMatchObject({ total: searched.matches, exported: searched.matches, failed: 0 });

    const checked = execFileSync('sha256sum', ['-c', '--strict', 'SHA256SUMS'], {
      cwd: out,
      encoding: 'utf8',
    });
    expect(checked.trim().split('\n')).toHaveLength(searched.matches);
    const rows = parseManifest(await readFile(join(out, 'manifest.csv'), 'utf8'));
    expect(rows).toHaveLength(searched.matches);
    // Each folder with matches, with exactly its count, in folder-tree order.
    const perFolder = new Map<string, number>();
    for (const row of rows) perFolder.set(row.folder, (perFolder.get(row.folder) ?? 0) + 1);
    expect([...perFolder]).toEqual(searched.hits.map((hit) => [hit.folderId, hit.total]));
    for (const row of rows) {
      const server = await source.getRaw(row.folder, `${row.uidvalidity}:${row.uid}`);
      expect((await readFile(join(out, row.file))).equals(server), row.file).toBe(true);
    }
  }, 120_000);

  it('over POP3 searches its one Inbox the same way (RETR, never DELE)', async () => {
    const profile = bedProfile(bed, { mailbox: CONTOSO.invoices, protocol: 'pop3' });
    const tokens = new TokenProvider({ secrets: await secretsFor(bed, profile), trust: { ca: bed.ca.pem } });
    const pop3 = openPop3Source(profile, { tokens, trust: { ca: bed.ca.pem } });
    try {
      const query = { subject: 'invoice' };
      const expected = (await pop3.search('inbox', query, 0, 10_000)).total;
      expect(expected).toBeGreaterThan(0);
      const exporter = exporterOf(pop3);
      const target = await exporter['export.prepare']({ folder: await outFolder() });
      const result = await exporter['export.run']({
        target: target.target,
        format: 'eml',
        selection: { kind: 'search', sourceId: 'pop3', query },
        operationId: 'export-all-pop3-1',
      });
      expect(result).toMatchObject({ total: expected, exported: expected, failed: 0 });
      execFileSync('sha256sum', ['-c', '--strict', '--quiet', 'SHA256SUMS'], { cwd: target.folder });
      for (const row of parseManifest(await readFile(join(target.folder, 'manifest.csv'), 'utf8'))) {
        expect(row.folder).toBe('inbox');
        const server = await pop3.getRaw('inbox', row.uid);
        expect((await readFile(join(target.folder, row.file))).equals(server), row.file).toBe(true);
      }
    } finally {
      await pop3.close();
    }
  }, 60_000);
});
