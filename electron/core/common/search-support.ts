import { AppError } from './app-error';

/** Sources that search the envelopes they hold cannot look inside bodies: say so, name the way out. */
export function bodySearchUnsupported(what: string): AppError {
  return new AppError(
    'UNSUPPORTED',
    `${what} is searched by sender, recipients, subject, date and size; body: needs the message text.`,
    'Remove the body: term, or open the mailbox over IMAP, where the server searches message text.',
  );
}
