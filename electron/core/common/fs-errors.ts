import type { ErrorCode } from '../../../shared/errors';
import { AppError } from './app-error';

/** The errno code of a Node fs error, if it is one. */
export function errnoCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code: unknown = error.code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

/** What an errno means to the user, for the one path it happened on. */
export interface FsMeaning {
  readonly code: ErrorCode;
  readonly message: string;
  /** Absent: the code's own hint (shared/errors.ts). */
  readonly hint?: string;
}

/**
 * `error` as the AppError `meanings` gives for its errno, with the fs error as its cause. An errno
 * not listed is a bug or an OS oddity and stays as it is, so it surfaces as INTERNAL (without its
 * message, which names local paths).
 */
export function fsAppError(error: unknown, meanings: Readonly<Record<string, FsMeaning>>): unknown {
  const errno = errnoCode(error);
  const meaning = errno !== undefined && Object.hasOwn(meanings, errno) ? meanings[errno] : undefined;
  return meaning ? new AppError(meaning.code, meaning.message, meaning.hint, { cause: error }) : error;
}

/**
 * A failure to read `path` as the AppError the user should see: only the codes that say something
 * about the path the user chose are translated.
 */
export function toFsAppError(error: unknown, path: string): unknown {
  const missing: FsMeaning = { code: 'PATH_NOT_FOUND', message: `Nothing exists at ${path}.` };
  const denied: FsMeaning = { code: 'PERMISSION_DENIED', message: `Mailscope may not read ${path}.` };
  return fsAppError(error, { ENOENT: missing, ENOTDIR: missing, EACCES: denied, EPERM: denied });
}

/** Runs an fs operation on `path`, turning the failures a user can act on into AppErrors. */
export async function withFsErrors<T>(path: string, operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw toFsAppError(error, path);
  }
}
