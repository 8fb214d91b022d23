import { randomBytes } from 'node:crypto';
import { type FileHandle, lstat, open, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, extname, isAbsolute, join, resolve } from 'node:path';
import type { WriteStream } from 'node:fs';
import { AppError } from '../common/app-error';
import { fsAppError, type FsMeaning } from '../common/fs-errors';

export type IfExists = 'fail' | 'replace' | 'keep-both';

/** A file being written: stream into `stream`, then `commit()`, or `abort()` to leave nothing behind. */
export interface SaveTarget {
  readonly stream: WriteStream;
  /** Where the file will be once committed (after keep-both, a numbered name). */
  readonly path: string;
  commit(): Promise<void>;
  abort(): Promise<void>;
}

/** "name (1).ext" up to this number; past it the folder is full of copies and we say so. */
const MAX_COPIES = 999;

/**
 * Opens `path` for writing without ever overwriting silently. `fail` and `keep-both` create the
 * file exclusively (O_EXCL: an existing file, or a symbolic link planted under that name, is never
 * followed or replaced); `replace` writes a hidden temporary file beside it and renames it over the
 * old one at commit, so an interrupted save leaves the old file as it was.
 */
export async function openSaveTarget(path: string, ifExists: IfExists): Promise<SaveTarget> {
  const target = fullPath(
    path,
    'Enter the full path, starting at the root of a drive, for example /home/you/Downloads/report.pdf.',
  );
  const folder = dirname(target);
  await requireFolder(folder);
  if (await isFolder(target)) {
    throw new AppError(
      'SAVE_PATH_INVALID',
      `${target} is a folder.`,
      'Add a file name at the end of the path.',
    );
  }
  if (ifExists === 'replace') {
    // Short on purpose: the target's own name may already use most of the 255 bytes a name can have.
    const temporary = join(folder, `.mailscope-${randomBytes(8).toString('hex')}.part`);
    const handle = await create(temporary);
    return writeTarget(
      handle,
      target,
      async () => {
        try {
          await rename(temporary, target);
        } catch (error) {
          await unlink(temporary).catch(() => undefined);
          throw writeError(error, target);
        }
      },
      temporary,
    );
  }
  for (let copy = 0; copy <= MAX_COPIES; copy++) {
    const candidate = copy === 0 ? target : numbered(target, copy);
    try {
      const handle = await create(candidate);
      return writeTarget(handle, candidate, async () => undefined, candidate);
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'FILE_EXISTS') throw error;
      if (ifExists === 'fail') throw error;
    }
  }
  throw new AppError(
    'FILE_EXISTS',
    `${basename(target)} and ${MAX_COPIES} numbered copies already exist in ${folder}.`,
    'Choose another folder or name.',
  );
}

/** "report.pdf" → "report (2).pdf"; "archive.tar.gz" → "archive.tar (2).gz"; ".env" stays whole. */
export function numbered(path: string, copy: number): string {
  const name = basename(path);
  const extension = extname(name);
  const stem = extension && extension !== name ? name.slice(0, -extension.length) : name;
  return join(dirname(path), `${stem} (${copy})${extension === name ? '' : extension}`);
}

function writeTarget(
  handle: FileHandle,
  path: string,
  finish: () => Promise<void>,
  written: string,
): SaveTarget {
  const stream = handle.createWriteStream();
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    if (!stream.closed) {
      await new Promise<void>((done) => {
        stream.once('close', () => done());
        stream.destroy();
      });
    }
  };
  return {
    stream,
    path,
    async commit() {
      await close();
      await finish();
    },
    async abort() {
      await close();
      await unlink(written).catch(() => undefined);
    },
  };
}

async function create(path: string): Promise<FileHandle> {
  try {
    return await open(path, 'wx', 0o644);
  } catch (error) {
    throw writeError(error, path);
  }
}

/** A folder that exists (PATH_NOT_FOUND, PERMISSION_DENIED or SAVE_PATH_INVALID otherwise). */
export async function requireFolder(folder: string): Promise<void> {
  let stats;
  try {
    stats = await stat(folder);
  } catch (error) {
    throw writeError(error, folder, 'folder');
  }
  if (!stats.isDirectory()) {
    throw new AppError(
      'SAVE_PATH_INVALID',
      `${folder} is a file, not a folder.`,
      'Choose a folder to save in.',
    );
  }
}

async function isFolder(path: string): Promise<boolean> {
  try {
    return (await lstat(path)).isDirectory();
  } catch {
    return false;
  }
}

/**
 * `path` resolved, when it is a full path; SAVE_PATH_INVALID when it is not (a relative one would
 * land wherever the app happens to run). `hint` says what a full path looks like for this use.
 */
export function fullPath(path: string, hint: string): string {
  if (!isAbsolute(path)) {
    throw new AppError('SAVE_PATH_INVALID', `“${path.slice(0, 200)}” is not a full path.`, hint);
  }
  return resolve(path);
}

/** A write failure as the AppError that tells the user what to do. */
export function writeError(error: unknown, path: string, what: 'file' | 'folder' = 'file'): unknown {
  const folder = what === 'folder' ? path : dirname(path);
  const missing: FsMeaning = {
    code: 'PATH_NOT_FOUND',
    message: `The folder ${folder} does not exist.`,
    hint: 'Create the folder first, or choose one that exists.',
  };
  const denied: FsMeaning = {
    code: 'PERMISSION_DENIED',
    message: `Mailscope may not write to ${folder}.`,
    hint: 'Choose a folder you can write to, such as Downloads or Documents.',
  };
  const full: FsMeaning = {
    code: 'DISK_FULL',
    message: `There is not enough space to save ${basename(path)}.`,
  };
  const unusable: FsMeaning = { code: 'SAVE_PATH_INVALID', message: `Mailscope cannot save to ${path}.` };
  return fsAppError(error, {
    EEXIST: { code: 'FILE_EXISTS', message: `${basename(path)} already exists in ${dirname(path)}.` },
    ENOENT: missing,
    ENOTDIR: missing,
    EACCES: denied,
    EPERM: denied,
    EROFS: denied,
    ENOSPC: full,
    EDQUOT: full,
    ENAMETOOLONG: {
      code: 'SAVE_PATH_INVALID',
      message: 'That file name or path is too long.',
      hint: 'Choose a shorter name.',
    },
    EISDIR: unusable,
    EINVAL: unusable,
  });
}
