import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../../electron/core/engine';
import type { Host } from '../../../../electron/core/host';
import { parseManifest } from '../../../../electron/core/export/manifest';
import { MemorySecretStore } from '../../../../electron/core/secrets/secret-store';
import { maildir, message, put, tempDir } from '../helpers';

/** The export methods as the service assembles them, on a local Maildir: destinations, events, cancel. */

async function setup(host: Partial<Host>) {
  const samplePath = await tempDir();
  await maildir(samplePath);
  for (let i = 1; i <= 4; i++) {
    await put(samplePath, `cur/17000000${i}0.M${i}P1.sample,S=100:2,S`, message({ subject: `Local ${i}` }));
  }
  const { api } = createEngine({
    host: { kind: 'harness', version: '1', openExternal: async () => {}, ...host },
    samplePath,
    profilesDir: await tempDir(),
    secrets: new MemorySecretStore(),
  });
  const sample = await api['sources.openSample']({});
  return { api, sample, samplePath };
}

describe('export through the service', () => {
  it('exports a local folder to a typed path in the harness, with progress events', async () => {
    const { api, sample, samplePath } = await setup({ typedSavePaths: true });
    const out = await tempDir();
    const target = await api['export.prepare']({ folder: out });
    expect(target).toMatchObject({ folder: out, existing: 0 });
    const folderId = sample.folders[0]?.id ?? '';
    const result = await api['export.run']({
      target: target.target,
      format: 'eml',
      selection: { kind: 'folder', sourceId: sample.id, folderId },
      operationId: 'export-local-1',
    });
    expect(result).toMatchObject({ total: 4, exported: 4, failed: 0, folder: out });
    execFileSync('sha256sum', ['-c', '--strict', '--quiet', 'SHA256SUMS'], { cwd: out });
    const rows = parseManifest(await readFile(join(out, 'manifest.csv'), 'utf8'));
    expect(rows.map((row) => row.subject)).toEqual(['Local 1', 'Local 2', 'Local 3', 'Local 4']);
    expect(rows[0]?.mailbox).toBe(samplePath);
    const batch = await api['events.next']({ after: 0, waitMs: 0 });
    const progress = batch.events.filter((event) => event.type === 'export.progress');
    expect(progress.at(-1)).toMatchObject({ operationId: 'export-local-1', exported: 4, running: false });

    // Into the same folder again: everything is there already, nothing is read.
    const again = await api['export.run']({
      target: target.target,
      format: 'eml',
      selection: { kind: 'folder', sourceId: sample.id, folderId },
      operationId: 'export-local-2',
    });
    expect(again).toMatchObject({ total: 4, exported: 0, skipped: 4 });
    expect((await api['export.prepare']({ folder: out })).existing).toBe(4);
  });

  it('takes a desktop destination only from the host dialog, as a handle', async () => {
    const out = await tempDir();
    const { api } = await setup({ pickSaveTarget: async () => out });
    await expect(api['export.prepare']({ folder: out })).rejects.toMatchObject({
      code: 'SAVE_TARGET_REFUSED',
    });
    const { handle } = await api['files.pickSaveTarget']({ kind: 'folder' });
    expect(handle).not.toBeNull();
    const target = await api['export.prepare']({ handle: handle ?? '' });
    expect(target.folder).toBe(out);
    // A handle is good once.
    await expect(api['export.prepare']({ handle: handle ?? '' })).rejects.toMatchObject({
      code: 'SAVE_TARGET_REFUSED',
    });
    await expect(
      api['export.run']({
        target: 'x'.repeat(32),
        format: 'eml',
        selection: { kind: 'folder', sourceId: 'none', folderId: 'x' },
        operationId: 'export-bad-1',
      }),
    ).rejects.toMatchObject({ code: 'SAVE_TARGET_REFUSED' });
  });
});
