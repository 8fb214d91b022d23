import { type ErrorCode, type ErrorInfo, errorInfo } from '../../../shared/errors';

/** A failure the user should hear about: thrown inside core, turned into a Result at the IPC edge. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly hint: string;
  /** A link to pass on (ErrorInfo.url): the admin-consent page, say. */
  readonly url: string | undefined;

  constructor(code: ErrorCode, message?: string, hint?: string, options?: { cause?: unknown; url?: string }) {
    const info = errorInfo(code, message, hint);
    super(info.message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.hint = info.hint ?? '';
    this.url = options?.url;
  }

  toInfo(): ErrorInfo {
    return {
      code: this.code,
      message: this.message,
      hint: this.hint,
      ...(this.url ? { url: this.url } : {}),
    };
  }
}

/**
 * Anything thrown, as something safe to show: AppErrors keep their text, everything else becomes
 * INTERNAL without its message or stack (they can carry paths, server replies or secrets).
 */
export function toErrorInfo(error: unknown): ErrorInfo {
  if (error instanceof AppError) return error.toInfo();
  return errorInfo('INTERNAL');
}
