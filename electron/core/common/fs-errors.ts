import { AppError } from './app-error';

/** The errno code of a Node fs error, if it is one. */
export function errnoCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code: unknown = error.code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

/**
 * A filesystem failure as the AppError the user should see. Only the codes that say something
 * about the path the user chose are translated; anything else is a bug or an OS oddity and stays
 * as it is, so it surfaces as INTERNAL (without its message, which names local paths).
 */
export function toFsAppError(error: unknown, path: string): unknown {
  switch (errnoCode(error)) {
    case 'ENOENT':
    case 'ENOTDIR':
      return new AppError('PATH_NOT_FOUND', `Nothing exists at ${path}.`, undefined, { cause: error });
    case 'EACCES':
    case 'EPERM':
      return new AppError('PERMISSION_DENIED', `Mailscope may not read ${path}.`, undefined, {
        cause: error,
      });
    default:
      return error;
  }
}

/** Runs an fs operation on `path`, turning the failures a user can act on into AppErrors. */
export async function withFsErrors<T>(path: string, operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw toFsAppError(error, path);
  }
}
