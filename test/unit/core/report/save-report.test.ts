import { readFileSync } from 'node:fs';
import { copyFile, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../../electron/core/engine';
import type { Host } from '../../../../electron/core/host';
import { MemorySecretStore } from '../../../../electron/core/secrets/secret-store';
import { TRIAGE_FOLDER } from '../../../fixtures/triage/make';
import { appErrorOf, tempDir } from '../helpers';

/** The app's engine with the phish report open from a file, as a harness (typed paths) or the desktop. */
async function setup(desktop?: { dialogAnswers: (string | null)[] }) {
  const host: Host = {
    kind: desktop ? 'electron' : 'harness',
    version: '1.2.3',
    ...(desktop ? {} : { typedSavePaths: true }),
    async openExternal() {},
  };
  if (desktop) host.pickSaveTarget = async () => desktop.dialogAnswers.shift() ?? null;
  const { api } = createEngine({
    host,
    samplePath: await tempDir(),
    profilesDir: await tempDir(),
    secrets: new MemorySecretStore(),
  });
  const file = join(await tempDir(), 'phish-report.eml');
  await copyFile(join(TRIAGE_FOLDER, 'phish-report.eml'), file);
  const source = await api['sources.openPath']({ path: file });
  const folderId = source.folders[0]?.id ?? '';
  const page = await api['messages.list']({ sourceId: source.id, folderId, offset: 0, limit: 1 });
  return {
    api,
    ref: { sourceId: source.id, folderId, messageId: page.items[0]?.id ?? '' },
    out: await tempDir(),
  };
}

describe('messages.saveReport', () => {
  it('writes the HTML page and the same report as JSON beside it', async () => {
    const { api, ref, out } = await setup();
    const path = join(out, 'report.html');
    const saved = await api['messages.saveReport']({ ...ref, path, ifExists: 'fail', maskRecipients: false });
    const page = await readFile(path, 'utf8');
    const json = JSON.parse(await readFile(join(out, 'report.json'), 'utf8')) as {
      generator: string;
      message: { subject: string };
      analysis: unknown;
    };
    expect(saved).toEqual({
      path,
      name: 'report.html',
      bytes: Buffer.byteLength(page),
      json: {
        path: join(out, 'report.json'),
        name: 'report.json',
        bytes: readFileSync(join(out, 'report.json')).length,
      },
    });
    expect(page).toMatch(/^<!doctype html>/);
    expect(page).toContain('default-src &#39;none&#39;');
    expect(json.generator).toBe('Mailscope 1.2.3');
    expect(json.message.subject).toBe('Phish report: Action required: invoice INV-2291');
    // The analysis in the file is the one messages.analyze gives.
    expect(json.analysis).toEqual(JSON.parse(JSON.stringify(await api['messages.analyze'](ref))));
  });

  it('reports an attached message on its own, as the reader opens it', async () => {
    const { api, ref, out } = await setup();
    const path = join(out, 'inner.html');
    await api['messages.saveReport']({
      ...ref,
      attached: ['2'],
      path,
      ifExists: 'fail',
      maskRecipients: false,
    });
    const json = JSON.parse(await readFile(join(out, 'inner.json'), 'utf8')) as {
      message: { subject: string };
      analysis: { attachedMessages: { subject: string }[] };
    };
    expect(json.message.subject).toBe('Action required: invoice INV-2291');
    expect(json.analysis.attachedMessages.map((attached) => attached.subject)).toEqual([
      'Invoice INV-2291 overdue',
    ]);
  });

  it('masks the recipients when asked', async () => {
    const { api, ref, out } = await setup();
    const path = join(out, 'masked.html');
    await api['messages.saveReport']({ ...ref, path, ifExists: 'fail', maskRecipients: true });
    const both = (await readFile(path, 'utf8')) + (await readFile(join(out, 'masked.json'), 'utf8'));
    expect(both).not.toMatch(/adele@contoso|phishing-reports@contoso/);
    expect(both).toContain('[recipient 1]@contoso.example');
  });

  it('never replaces a file without being told, and its JSON never replaces one at all', async () => {
    const { api, ref, out } = await setup();
    const path = join(out, 'report.html');
    await api['messages.saveReport']({ ...ref, path, ifExists: 'fail', maskRecipients: false });
    const exists = await appErrorOf(
      api['messages.saveReport']({ ...ref, path, ifExists: 'fail', maskRecipients: false }),
    );
    expect(exists.code).toBe('FILE_EXISTS');
    const replaced = await api['messages.saveReport']({
      ...ref,
      path,
      ifExists: 'replace',
      maskRecipients: true,
    });
    expect(replaced.name).toBe('report.html');
    expect(replaced.json.name).toBe('report (1).json');
    expect((await readdir(out)).sort()).toEqual(['report (1).json', 'report.html', 'report.json']);
  });

  it('in the desktop app writes only where its own dialog chose, by a one-time handle', async () => {
    const { api, ref, out } = await setup({ dialogAnswers: [join(await tempDir(), 'chosen.html')] });
    const refused = await appErrorOf(
      api['messages.saveReport']({
        ...ref,
        path: join(out, 'typed.html'),
        ifExists: 'fail',
        maskRecipients: false,
      }),
    );
    expect(refused.code).toBe('SAVE_TARGET_REFUSED');
    const { handle } = await api['files.pickSaveTarget']({ kind: 'file', suggestedName: 'report.html' });
    expect(handle).not.toBeNull();
    const saved = await api['messages.saveReport']({
      ...ref,
      handle: handle ?? '',
      ifExists: 'replace',
      maskRecipients: false,
    });
    expect(saved.name).toBe('chosen.html');
    expect(saved.json.name).toBe('chosen.json');
    const again = await appErrorOf(
      api['messages.saveReport']({
        ...ref,
        handle: handle ?? '',
        ifExists: 'replace',
        maskRecipients: false,
      }),
    );
    expect(again.code).toBe('SAVE_TARGET_REFUSED');
    expect(await readdir(out)).toEqual([]);
  });
});
