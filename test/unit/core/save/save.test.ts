import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../../electron/core/engine';
import type { Host } from '../../../../electron/core/host';
import { SAVE_HANDLE_TTL_MS, SaveHandles } from '../../../../electron/core/save/save-handles';
import { createSaveMethods, insideFolder } from '../../../../electron/core/save/save-methods';
import { fullPath, numbered, openSaveTarget, writeError } from '../../../../electron/core/save/save-target';
import { MemorySecretStore } from '../../../../electron/core/secrets/secret-store';
import type { MailSource } from '../../../../electron/core/common/source';
import type { TransferProgressEvent } from '../../../../shared/events';
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

async function setup(options: { openFile?: boolean; desktop?: { dialogAnswers: (string | null)[] } } = {}) {
  const host: TestHost = {
    kind: options.desktop ? 'electron' : 'harness',
    version: '1.0.0',
    ...(options.desktop ? {} : { typedSavePaths: true }),
    openedFiles: [],
    async openExternal() {},
  };
  const answers = options.desktop?.dialogAnswers;
  if (answers) host.pickSaveTarget = async () => answers.shift() ?? null;
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

describe('where the desktop app saves', () => {
  it('refuses a path from the renderer: only a place its own dialog chose, by a one-time handle', async () => {
    const out = await tempDir();
    const chosen = join(out, 'chosen.eml');
    const { api, ref } = await setup({ desktop: { dialogAnswers: [chosen, out, null] } });

    // A compromised renderer naming a startup folder or a shell profile gets nowhere.
    for (const path of [join(out, 'evil.eml'), chosen]) {
      expect(await appErrorOf(api['messages.saveEml']({ ...ref, path, ifExists: 'replace' }))).toMatchObject({
        code: 'SAVE_TARGET_REFUSED',
      });
    }
    const part = await appErrorOf(
      api['messages.savePart']({ ...ref, partPath: '2', path: chosen, ifExists: 'fail' }),
    );
    expect(part.code).toBe('SAVE_TARGET_REFUSED');
    expect((await appErrorOf(api['messages.saveAll']({ ...ref, folder: out }))).code).toBe(
      'SAVE_TARGET_REFUSED',
    );
    expect(await readdir(out)).toEqual([]);

    // The dialog's answer reaches the page only as an opaque handle, never the path.
    const picked = await api['files.pickSaveTarget']({ kind: 'file', suggestedName: 'm.eml' });
    expect(picked.handle).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(JSON.stringify(picked)).not.toContain(out);
    const handle = picked.handle ?? '';
    // A file handle is not a folder handle.
    expect((await appErrorOf(api['messages.saveAll']({ ...ref, handle }))).code).toBe('SAVE_TARGET_REFUSED');
    // Kind mismatches use the handle up, so ask again.
    const again = await api['files.pickSaveTarget']({ kind: 'folder' });
    const file = (await api['files.pickSaveTarget']({ kind: 'file', suggestedName: 'm.eml' })).handle;
    expect(file).toBeNull(); // the dialog was cancelled
    expect(again.handle).not.toBeNull();
    expect(await readdir(out)).toEqual([]);

    const folderHandle = again.handle ?? '';
    const all = await api['messages.saveAll']({ ...ref, handle: folderHandle });
    expect(all.folder).toBe(out);
    expect((await appErrorOf(api['messages.saveAll']({ ...ref, handle: folderHandle }))).code).toBe(
      'SAVE_TARGET_REFUSED',
    );
  });

  it('a file handle saves once, where the dialog chose, and replaces only that file', async () => {
    const out = await tempDir();
    const chosen = join(out, 'chosen.eml');
    await writeFile(chosen, 'old');
    const { api, ref, raw } = await setup({ desktop: { dialogAnswers: [chosen] } });
    const handle = (await api['files.pickSaveTarget']({ kind: 'file', suggestedName: 'm.eml' })).handle ?? '';
    const saved = await api['messages.saveEml']({ ...ref, handle, ifExists: 'replace' });
    expect(saved).toEqual({ path: chosen, name: 'chosen.eml', bytes: raw.length });
    expect((await readFile(chosen)).equals(raw)).toBe(true);
    const twice = await appErrorOf(api['messages.saveEml']({ ...ref, handle, ifExists: 'replace' }));
    expect(twice).toMatchObject({
      code: 'SAVE_TARGET_REFUSED',
      message: 'That save location is no longer valid.',
    });
    expect(await readdir(out)).toEqual(['chosen.eml']);
  });

  it('forgets a handle after ten minutes, and one never chosen is refused', async () => {
    let now = 1_000_000;
    const handles = new SaveHandles(() => now);
    const kept = handles.issue('/home/me/Downloads/a.pdf', 'file');
    const late = handles.issue('/home/me/Downloads/b.pdf', 'file');
    expect(kept).not.toBe(late);
    expect(handles.take(kept, 'file')).toBe('/home/me/Downloads/a.pdf');
    now += SAVE_HANDLE_TTL_MS;
    expect(() => handles.take(late, 'file')).toThrow(
      expect.objectContaining({ code: 'SAVE_TARGET_REFUSED' }),
    );
    expect(() => handles.take('A'.repeat(32), 'file')).toThrow(
      expect.objectContaining({ code: 'SAVE_TARGET_REFUSED' }),
    );
  });
});

describe('the internet mark', () => {
  it('goes on every file written from a message: the .eml, a part, Save all, and a part opened', async () => {
    const { raw, view, ref, out } = await setup();
    const source = {
      openRaw: async () => ({ stream: Readable.from([raw]), size: raw.length }),
      getMessage: async () => view,
    } as unknown as MailSource;
    const marked: string[] = [];
    const opened: string[] = [];
    let markWorks = true;
    const save = createSaveMethods(
      {
        kind: 'harness',
        version: '0',
        typedSavePaths: true,
        openExternal: async () => {},
        openFile: async (path) => {
          opened.push(path);
        },
      },
      () => source,
      undefined,
      {
        markFile: async (path) => {
          marked.push(path);
          return markWorks;
        },
      },
    );
    const exe = view.attachments.find((a) => a.filename === 'invoicegpj.exe')?.partId ?? '';
    const eml = await save['messages.saveEml']({ ...ref, path: join(out, 'm.eml'), ifExists: 'fail' });
    const part = await save['messages.savePart']({
      ...ref,
      partPath: exe,
      path: join(out, 'x.exe'),
      ifExists: 'fail',
    });
    const folder = join(out, 'all');
    await mkdir(folder);
    const all = await save['messages.saveAll']({ ...ref, folder });
    await save['messages.openPart']({ ...ref, partPath: exe, confirmed: true });
    try {
      expect(marked).toEqual([eml.path, part.path, ...all.files.map((file) => file.path), opened[0]]);
      expect(all.files.length).toBeGreaterThan(1);

      // A file that cannot carry the mark is not handed to the OS to open.
      markWorks = false;
      const refused = await appErrorOf(save['messages.openPart']({ ...ref, partPath: exe, confirmed: true }));
      expect(refused).toMatchObject({
        code: 'UNSUPPORTED',
        message: expect.stringContaining('could not mark'),
      });
      expect(opened).toHaveLength(1);
      expect(existsSync(dirname(marked.at(-1) ?? ''))).toBe(false);
    } finally {
      await Promise.all(opened.map((path) => rm(dirname(path), { recursive: true, force: true })));
    }
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

  it('takes only a full path, resolved, and says what one looks like', async () => {
    expect(fullPath('/a/b/../c.txt', 'hint')).toBe('/a/c.txt');
    expect(() => fullPath('Downloads/c.txt', 'Like /home/you/c.txt.')).toThrow(
      expect.objectContaining({
        code: 'SAVE_PATH_INVALID',
        message: '“Downloads/c.txt” is not a full path.',
        hint: 'Like /home/you/c.txt.',
      }),
    );
    expect(await appErrorOf(openSaveTarget('report.pdf', 'fail'))).toMatchObject({
      code: 'SAVE_PATH_INVALID',
      hint: 'Enter the full path, starting at the root of a drive, for example /home/you/Downloads/report.pdf.',
    });
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
    const { Transfers } = await import('../../../../electron/core/transfers/transfers');
    const { createTransferMethods } = await import('../../../../electron/core/transfers/transfer-methods');
    const published: TransferProgressEvent[] = [];
    const transfers = new Transfers({ publish: (event) => published.push(event) });
    const cancel = createTransferMethods(transfers)['transfers.cancel'];
    const raw = readFileSync(new URL('../../../fixtures/attachments/hostile-names.eml', import.meta.url));
    const feed = new PassThrough();
    const source = {
      openRaw: async () => ({ stream: feed, size: raw.length }),
    } as unknown as MailSource;
    const save = createSaveMethods(
      { kind: 'harness', version: '0', typedSavePaths: true, openExternal: async () => {} },
      () => source,
      transfers,
    );
    const out = await tempDir();
    const path = join(out, 'big.pdf');
    const ref = { sourceId: 's', folderId: 'f', messageId: 'm' };
    const operationId = 'op-0123456789';

    const saving = save['messages.savePart']({ ...ref, partPath: '2', path, ifExists: 'fail', operationId });
    // Everything up to the middle of part 2 (the PDF): its file exists and is being written.
    const half = raw.indexOf('--b1', raw.indexOf('filename="../../etc/passwd"')) - 200;
    feed.write(raw.subarray(0, half));
    await expect.poll(() => published.at(-1)?.bytes).toBe(half);
    expect(published.at(-1)).toEqual({
      type: 'transfer.progress',
      operationId,
      bytes: half,
      total: raw.length,
      running: true,
    });
    await expect.poll(async () => (await readdir(out)).length).toBe(1);

    expect(await cancel({ operationId })).toEqual({ cancelled: true });
    expect((await appErrorOf(saving)).code).toBe('CANCELLED');
    expect(await readdir(out)).toEqual([]);
    expect(published.at(-1)).toMatchObject({ operationId, bytes: half, running: false });
    expect(await cancel({ operationId })).toEqual({ cancelled: false });
  });
});
