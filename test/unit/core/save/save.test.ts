import { readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../../electron/core/engine';
import type { Host } from '../../../../electron/core/host';
import { insideFolder } from '../../../../electron/core/save/save-methods';
import { numbered, openSaveTarget, writeError } from '../../../../electron/core/save/save-target';
import { MemorySecretStore } from '../../../../electron/core/secrets/secret-store';
import type { MailSource } from '../../../../electron/core/source';
import { appErrorOf, removeAfterTest, tempDir } from '../helpers';

const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(3000, 7), Buffer.from('\n%%EOF\n')]);
const EXE = Buffer.from('MZ\x90\x00this program cannot be run in DOS mode', 'latin1');

/**
 * A message whose sender chose every hostile attachment name there is: ../../etc/passwd, an RTLO
 * "invoice\u202Egpj.exe", CON, NUL.txt, a 300-character name, every character Windows refuses,
 * and a second "passwd". Its PDF is PDF above, its .exe is EXE.
 */
function hostileMessage(): Buffer {
  return readFileSync(new URL('../../../fixtures/attachments/hostile-names.eml', import.meta.url));
}

interface TestHost extends Host {
  openedFiles: string[];
}

async function setup(options: { openFile?: boolean } = {}) {
  const host: TestHost = {
    kind: 'harness',
    version: '1.0.0',
    openedFiles: [],
    async openExternal() {},
  };
  if (options.openFile) {
    host.openFile = async (path) => {
      host.openedFiles.push(path);
      // The engine's own temp folder for the opened file.
      removeAfterTest(dirname(path));
    };
  }
  const { api } = createEngine({
    host,
    samplePath: await tempDir(),
    profilesDir: await tempDir(),
    secrets: new MemorySecretStore(),
  });
  const dir = await tempDir();
  const raw = hostileMessage();
  const file = join(dir, 'hostile.eml');
  await writeFile(file, raw);
  const source = await api['sources.openPath']({ path: file });
  const folderId = source.folders[0]?.id ?? '';
  const page = await api['messages.list']({ sourceId: source.id, folderId, offset: 0, limit: 1 });
  const ref = { sourceId: source.id, folderId, messageId: page.items[0]?.id ?? '' };
  const view = await api['messages.get'](ref);
  return { api, host, ref, raw, view, out: await tempDir() };
}

describe('saving from a message', () => {
  it('saves the message as .eml, byte for byte, and never overwrites without being told', async () => {
    const { api, ref, raw, out } = await setup();
    const path = join(out, 'message.eml');
    const saved = await api['messages.saveEml']({ ...ref, path, ifExists: 'fail' });
    expect(saved).toEqual({ path, name: 'message.eml', bytes: raw.length });
    expect((await readFile(path)).equals(raw)).toBe(true);

    const exists = await appErrorOf(api['messages.saveEml']({ ...ref, path, ifExists: 'fail' }));
    expect(exists.code).toBe('FILE_EXISTS');

    const copy = await api['messages.saveEml']({ ...ref, path, ifExists: 'keep-both' });
    expect(copy.name).toBe('message (1).eml');

    await writeFile(path, 'old');
    await api['messages.saveEml']({ ...ref, path, ifExists: 'replace' });
    expect((await readFile(path)).equals(raw)).toBe(true);
    // The replace went through a temporary file that is gone now.
    expect((await readdir(out)).sort()).toEqual(['message (1).eml', 'message.eml']);
  });

  it('saves one part decoded, equal to what mailparser decodes, and refuses parts that are not there', async () => {
    const { api, ref, raw, view, out } = await setup();
    const parsed = await simpleParser(raw);
    const pdf = view.attachments.find((attachment) => attachment.filename === 'passwd');
    expect(pdf).toBeDefined();
    const path = join(out, 'report.pdf');
    const saved = await api['messages.savePart']({
      ...ref,
      partPath: pdf?.partId ?? '',
      path,
      ifExists: 'fail',
    });
    expect(saved.bytes).toBe(PDF.length);
    const reference = parsed.attachments.find((attachment) => attachment.filename === '../../etc/passwd');
    expect((await readFile(path)).equals(reference?.content ?? Buffer.alloc(0))).toBe(true);

    // The quoted-printable body part: transfer-decoded, charset untouched.
    await api['messages.savePart']({ ...ref, partPath: '1', path: join(out, 'body.txt'), ifExists: 'fail' });
    expect(await readFile(join(out, 'body.txt'), 'utf8')).toBe('See attached café.');

    for (const partPath of ['9', '']) {
      const error = await appErrorOf(
        api['messages.savePart']({ ...ref, partPath, path: join(out, `x${partPath}.bin`), ifExists: 'fail' }),
      );
      expect(error.code).toBe('UNKNOWN_PART');
    }
    expect((await readdir(out)).sort()).toEqual(['body.txt', 'report.pdf']);
  });

  it('saves every attachment with a hostile name safely inside the chosen folder', async () => {
    const { api, ref, raw, out } = await setup();
    const folder = join(out, 'chosen');
    await mkdir(folder);
    const result = await api['messages.saveAll']({ ...ref, folder });
    const long = `${'a'.repeat(196)}.pdf`;
    expect(result.files.map((file) => file.name)).toEqual([
      'passwd',
      'invoicegpj.exe',
      '_CON',
      '_NUL.txt',
      long,
      'c_d_e_f_g_h_i_j.txt',
      'passwd (1)',
    ]);
    expect(result.files.every((file) => file.path === join(folder, file.name))).toBe(true);
    expect(result.files.map((file) => file.renamed)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
      true,
    ]);
    // Nothing landed anywhere but the chosen folder.
    expect(await readdir(out)).toEqual(['chosen']);
    expect((await readdir(folder)).sort()).toEqual(result.files.map((file) => file.name).sort());
    const parsed = await simpleParser(raw);
    for (const [index, file] of result.files.entries()) {
      const reference = parsed.attachments[index]?.content ?? Buffer.alloc(0);
      expect((await readFile(file.path)).equals(reference), file.name).toBe(true);
    }
    // Saving again keeps both rather than overwriting.
    const again = await api['messages.saveAll']({
      ...ref,
      folder,
      partPaths: [result.files[0]?.partPath ?? ''],
    });
    expect(again.files.map((file) => [file.name, file.renamed])).toEqual([['passwd (2)', true]]);
  });

  it('explains a missing folder, a relative path, a path that is a folder', async () => {
    const { api, ref, out } = await setup();
    const missing = await appErrorOf(
      api['messages.saveEml']({ ...ref, path: join(out, 'nope', 'm.eml'), ifExists: 'fail' }),
    );
    expect(missing).toMatchObject({
      code: 'PATH_NOT_FOUND',
      message: `The folder ${join(out, 'nope')} does not exist.`,
    });
    expect(
      (await appErrorOf(api['messages.saveEml']({ ...ref, path: 'm.eml', ifExists: 'fail' }))).code,
    ).toBe('SAVE_PATH_INVALID');
    expect((await appErrorOf(api['messages.saveEml']({ ...ref, path: out, ifExists: 'replace' }))).code).toBe(
      'SAVE_PATH_INVALID',
    );
    const all = await appErrorOf(api['messages.saveAll']({ ...ref, folder: join(out, 'nope') }));
    expect(all.code).toBe('PATH_NOT_FOUND');
    expect(await readdir(out)).toEqual([]);
  });

  it('maps disk-full, permission and name-length failures to errors that say what to do', () => {
    const fail = (code: string) => writeError(Object.assign(new Error(code), { code }), '/data/out/file.pdf');
    expect(fail('ENOSPC')).toMatchObject({ code: 'DISK_FULL' });
    expect(fail('EDQUOT')).toMatchObject({ code: 'DISK_FULL' });
    expect(fail('EACCES')).toMatchObject({
      code: 'PERMISSION_DENIED',
      message: 'Mailscope may not write to /data/out.',
    });
    expect(fail('EROFS')).toMatchObject({ code: 'PERMISSION_DENIED' });
    expect(fail('ENAMETOOLONG')).toMatchObject({ code: 'SAVE_PATH_INVALID' });
  });

  it('opens a part with the system app only where the host can, and asks first for executables', async () => {
    const harness = await setup();
    const attachment = harness.view.attachments.find((a) => a.filename === 'invoicegpj.exe');
    const partPath = attachment?.partId ?? '';
    const refused = await appErrorOf(
      harness.api['messages.openPart']({ ...harness.ref, partPath, confirmed: true }),
    );
    expect(refused.code).toBe('UNSUPPORTED');

    const desktop = await setup({ openFile: true });
    const ask = await appErrorOf(
      desktop.api['messages.openPart']({ ...desktop.ref, partPath, confirmed: false }),
    );
    expect(ask.code).toBe('CONFIRMATION_REQUIRED');
    expect(desktop.host.openedFiles).toEqual([]);
    expect(await desktop.api['messages.openPart']({ ...desktop.ref, partPath, confirmed: true })).toEqual({
      opened: true,
    });
    const [opened] = desktop.host.openedFiles;
    expect(opened).toMatch(/mailscope-open-[^/]+\/invoicegpj\.exe$/);
    expect((await readFile(opened ?? '')).equals(EXE)).toBe(true);
  });

  it('answers the default folder, and refuses a native dialog where there is none', async () => {
    const { api } = await setup();
    expect((await api['files.defaultFolder']({})).folder.length).toBeGreaterThan(0);
    expect((await appErrorOf(api['files.pickSaveTarget']({ kind: 'folder' }))).code).toBe('UNSUPPORTED');
  });
});

describe('save targets', () => {
  it('numbers copies before the extension', () => {
    expect(numbered('/x/report.pdf', 1)).toBe('/x/report (1).pdf');
    expect(numbered('/x/archive.tar.gz', 2)).toBe('/x/archive.tar (2).gz');
    expect(numbered('/x/README', 3)).toBe('/x/README (3)');
  });

  it('never follows a symbolic link planted under the target name', async () => {
    const dir = await tempDir();
    const victim = join(dir, 'victim.txt');
    await writeFile(victim, 'precious');
    const { symlink } = await import('node:fs/promises');
    await symlink(victim, join(dir, 'planted.txt'));
    const target = await openSaveTarget(join(dir, 'planted.txt'), 'keep-both');
    expect(target.path).toBe(join(dir, 'planted (1).txt'));
    await target.abort();
    expect(await readFile(victim, 'utf8')).toBe('precious');
  });

  it('refuses a name that would leave the folder, whatever sanitising let through', () => {
    expect(insideFolder('/a/b', 'c.txt')).toBe('/a/b/c.txt');
    for (const name of ['../c.txt', '..', '.', '', 'd/../../e']) {
      expect(() => insideFolder('/a/b', name)).toThrow(/cannot be used as a file name/);
    }
  });
});

describe('progress and cancel', () => {
  it('reports bytes read of the total, and a cancelled save fails with CANCELLED and leaves no file', async () => {
    const { PassThrough } = await import('node:stream');
    const { createSaveMethods } = await import('../../../../electron/core/save/save-methods');
    const raw = readFileSync(new URL('../../../fixtures/attachments/hostile-names.eml', import.meta.url));
    const feed = new PassThrough();
    const source = {
      openRaw: async () => ({ stream: feed, size: raw.length }),
    } as unknown as MailSource;
    const save = createSaveMethods(
      { kind: 'harness', version: '0', openExternal: async () => {} },
      () => source,
    );
    const out = await tempDir();
    const path = join(out, 'big.pdf');
    const ref = { sourceId: 's', folderId: 'f', messageId: 'm' };
    const operationId = 'op-0123456789';

    const saving = save['messages.savePart']({ ...ref, partPath: '2', path, ifExists: 'fail', operationId });
    // Everything up to the middle of part 2 (the PDF): its file exists and is being written.
    const half = raw.indexOf('--b1', raw.indexOf('filename="../../etc/passwd"')) - 200;
    feed.write(raw.subarray(0, half));
    await expect.poll(async () => (await save['transfers.progress']({ operationId })).bytes).toBe(half);
    expect(await save['transfers.progress']({ operationId })).toEqual({
      bytes: half,
      total: raw.length,
      running: true,
    });
    await expect.poll(async () => (await readdir(out)).length).toBe(1);

    expect(await save['transfers.cancel']({ operationId })).toEqual({ cancelled: true });
    expect((await appErrorOf(saving)).code).toBe('CANCELLED');
    expect(await readdir(out)).toEqual([]);
    expect(await save['transfers.progress']({ operationId })).toMatchObject({ running: false });
    expect(await save['transfers.cancel']({ operationId })).toEqual({ cancelled: false });
  });
});
