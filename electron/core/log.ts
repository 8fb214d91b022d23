import { inspect } from 'node:util';
import { redact } from './auth/redact';

/**
 * The process log (stderr). An unexpected error can carry anything it met on the way: a server's
 * reply, a request body with `client_secret=`, an `Authorization: Bearer` header in an HTTP client's
 * error object, so every line goes through `redact` whole (message, stack, cause and own properties),
 * never the error object itself.
 */

export type LogWriter = (line: string) => void;

const stderr: LogWriter = (line) => console.error(line);

/** The log line for `context` and an optional error, credentials redacted. */
export function logLine(context: string, error?: unknown): string {
  if (error === undefined) return redact(context);
  const detail =
    error instanceof Error || typeof error === 'object'
      ? inspect(error, { depth: 4, breakLength: Infinity })
      : String(error);
  return redact(`${context} ${detail}`);
}

export function logError(context: string, error?: unknown, write: LogWriter = stderr): void {
  write(logLine(context, error));
}

/** Dispatch's `onInternalError` for a process: `<prefix>: internal error in <method>: <redacted error>`. */
export function internalErrorLogger(
  prefix: string,
  write: LogWriter = stderr,
): (method: string, error: unknown) => void {
  return (method, error) => logError(`${prefix}: internal error in ${method}:`, error, write);
}
