import { randomBytes } from 'node:crypto';
import { open, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { errnoCode } from '../common/fs-errors';

const TEMP_SUFFIX = '.tmp';

/**
 * Replaces `path` with `data` so a reader (or the next start after a crash or power cut) sees
 * either the old file or the new one, never a torn mix: write a temp file in the same directory
 * (rename is only atomic within one filesystem), fsync it, rename it over the target, fsync the
 * directory so the rename itself is durable. Mode 0600: profiles are not secret, but they are the
 * user's business.
 */
export async function writeFileAtomic(path: string, data: string): Promise<void> {
  const temp = join(
    dirname(path),
    `${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`,
  );
  const handle = await open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(data, 'utf8');
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  try {
    await renameWithRetry(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncDirectory(dirname(path));
}

/** Deletes temp files a crash left behind (`<name>.<pid>.<random>.tmp`); they are never complete data. */
export async function removeStaleTemps(path: string): Promise<void> {
  const prefix = `${basename(path)}.`;
  let names: string[];
  try {
    names = await readdir(dirname(path));
  } catch {
    return;
  }
  const stale = names.filter((name) => name.startsWith(prefix) && name.endsWith(TEMP_SUFFIX));
  await Promise.all(stale.map((name) => rm(join(dirname(path), name), { force: true })));
}

/**
 * On Windows a rename over a file another process has open (an antivirus scan, an indexer) fails
 * with EPERM/EBUSY for a moment; a few retries ride that out. Elsewhere the first try succeeds.
 */
async function renameWithRetry(from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await rename(from, to);
      return;
    } catch (error) {
      const code = errnoCode(error);
      if (attempt >= 5 || (code !== 'EPERM' && code !== 'EBUSY' && code !== 'EACCES')) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** attempt));
    }
  }
}

/** fsync on a directory makes a rename durable on POSIX; Windows cannot open directories, which is fine there. */
async function syncDirectory(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // Not supported on this platform or filesystem: the rename is still atomic, just not yet durable.
  } finally {
    await handle?.close();
  }
}
