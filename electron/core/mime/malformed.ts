import { AppError } from '../common/app-error';

/** The longest parser complaint quoted in a MESSAGE_MALFORMED message. */
const MAX_REASON_CHARS = 160;

/**
 * A parser's failure on one message, as the named error the user sees (MESSAGE_MALFORMED): what
 * the parser said, printable and short (it is about hostile bytes, never a dump of them).
 */
export function malformedMessage(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const reason = error instanceof Error ? error.message : String(error);
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  const clean = reason.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').trim();
  const short = clean.length > MAX_REASON_CHARS ? `${clean.slice(0, MAX_REASON_CHARS)}…` : clean;
  return new AppError(
    'MESSAGE_MALFORMED',
    `The message is malformed: Mailscope could not take its MIME structure apart${short ? ` (${short})` : ''}.`,
    undefined,
    { cause: error },
  );
}
