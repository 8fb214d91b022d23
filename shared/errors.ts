import { z } from 'zod';

/**
 * Every failure that crosses IPC carries one of these codes. The catalogue gives the default
 * user-facing text; a thrower may replace the message with a more specific one (naming the path,
 * the field, the server reply) but the code decides how the UI reacts.
 */
export const ERROR_CODES = [
  'INVALID_REQUEST',
  'UNSUPPORTED',
  'PATH_NOT_FOUND',
  'PERMISSION_DENIED',
  'NOT_A_MAILBOX',
  'EMPTY_FILE',
  'BINARY_FILE',
  'FILE_TOO_LARGE',
  'MBOX_TRUNCATED',
  'MESSAGE_UNREADABLE',
  'MESSAGE_MALFORMED',
  'MSG_MALFORMED',
  'TNEF_MALFORMED',
  'NOT_AN_ATTACHED_MESSAGE',
  'ATTACHED_TOO_DEEP',
  'UNKNOWN_SOURCE',
  'UNKNOWN_FOLDER',
  'UNKNOWN_MESSAGE',
  'LINK_REFUSED',
  'UNKNOWN_PART',
  'FILE_EXISTS',
  'DISK_FULL',
  'SAVE_PATH_INVALID',
  'SAVE_TARGET_REFUSED',
  'CONFIRMATION_REQUIRED',
  'CANCELLED',
  'PROFILE_INVALID',
  'PROFILE_NOT_FOUND',
  'PROFILES_FILE_SET_ASIDE',
  'PROFILES_MIGRATED',
  'KEYCHAIN_UNAVAILABLE',
  'SECRET_MISSING',
  'SECRET_DAMAGED',
  'CERTIFICATE_INVALID',
  'TOKEN_REQUEST_FAILED',
  'SIGN_IN_REQUIRED',
  'SIGN_IN_CANCELLED',
  'SIGN_IN_EXPIRED',
  'CONSENT_REQUIRED',
  'MFA_REQUIRED',
  'ACCESS_BLOCKED',
  'MAIL_AUTH_FAILED',
  'MAILBOX_ACCESS_DENIED',
  'MAILBOX_ADDRESS_WRONG',
  'CONNECTION_FAILED',
  'TLS_UNTRUSTED',
  'SERVER_BUSY',
  'SERVER_TIMEOUT',
  'CONNECTION_LOST',
  'PROTOCOL_ERROR',
  'INTERNAL',
] as const;

export const ErrorCode = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ErrorInfo = z.object({
  code: ErrorCode,
  message: z.string(),
  hint: z.string().optional(),
  /** A link the person is asked to pass on or open (the admin-consent page), shown with Copy. */
  url: z.string().optional(),
});
export type ErrorInfo = z.infer<typeof ErrorInfo>;

export const ERROR_CATALOG: Record<ErrorCode, { message: string; hint: string }> = {
  INVALID_REQUEST: {
    message: 'The request was not understood.',
    hint: 'This is a bug in Mailscope: please report what you did just before it.',
  },
  UNSUPPORTED: {
    message: 'This action is not available here.',
    hint: 'Some actions (native file dialogs, for example) need the desktop app.',
  },
  PATH_NOT_FOUND: {
    message: 'Nothing exists at that path.',
    hint: 'Check the spelling, or use Browse… to pick the file or folder.',
  },
  PERMISSION_DENIED: {
    message: 'Mailscope may not read that path.',
    hint: 'Ask for read access to it, or copy it somewhere you can read.',
  },
  NOT_A_MAILBOX: {
    message: 'That is not a mailbox Mailscope can open.',
    hint: 'Open a single .eml message, an mbox file, or a Maildir folder (one that holds cur/ and new/).',
  },
  EMPTY_FILE: {
    message: 'The file is empty (0 bytes).',
    hint: 'The message may not have been saved completely: export it again from its mail client.',
  },
  BINARY_FILE: {
    message: 'The file holds binary data, not an e-mail message.',
    hint: 'Open a .eml message or an mbox file; an Outlook .msg or .pst file must be exported as .eml or mbox first.',
  },
  FILE_TOO_LARGE: {
    message: 'The file is very large.',
    hint: 'Opening it may take a while and use a lot of memory. Confirm to open it anyway.',
  },
  MBOX_TRUNCATED: {
    message: 'The mbox file ends in the middle of a message.',
    hint: 'It was probably copied or exported incompletely. The complete messages are shown; export it again to see the rest.',
  },
  MESSAGE_UNREADABLE: {
    message: 'The message could not be read.',
    hint: 'The file may have been moved or changed since the folder was opened: refresh the folder.',
  },
  MESSAGE_MALFORMED: {
    message: 'The message is malformed: Mailscope could not take its MIME structure apart.',
    hint: 'Its headers and source are shown below, exactly as received. The sender’s mail program, or someone on purpose, produced a broken message; the rest of the mailbox is unaffected.',
  },
  MSG_MALFORMED: {
    message: 'This Outlook item (.msg) is malformed: Mailscope could not read it.',
    hint: 'Nothing in it was run or shown. The rest of the message is unaffected; save the file to examine it with another tool.',
  },
  TNEF_MALFORMED: {
    message: 'This winmail.dat (TNEF) is malformed: Mailscope could not read it completely.',
    hint: 'Nothing in it was run or shown. The rest of the message is unaffected; save the file to examine it with another tool.',
  },
  NOT_AN_ATTACHED_MESSAGE: {
    message: 'That attachment is not a message Mailscope can open inside the reader.',
    hint: 'Messages (.eml, message/rfc822), Outlook items (.msg) and winmail.dat open here; save other files instead.',
  },
  ATTACHED_TOO_DEEP: {
    message: 'This attached message is nested too deeply to open.',
    hint: 'Mailscope opens attached messages a limited number of levels deep; save this one and open the file instead.',
  },
  UNKNOWN_SOURCE: {
    message: 'That mailbox is no longer open.',
    hint: 'Open it again from the sidebar.',
  },
  UNKNOWN_FOLDER: {
    message: 'That folder does not exist in this mailbox.',
    hint: 'The mailbox may have changed since it was opened: open it again.',
  },
  UNKNOWN_MESSAGE: {
    message: 'That message does not exist in this folder.',
    hint: 'The folder may have changed since it was opened: refresh it.',
  },
  LINK_REFUSED: {
    message: 'Mailscope opens only web (http, https) and mailto links.',
    hint: 'Copy the link target if you need to inspect it.',
  },
  UNKNOWN_PART: {
    message: 'That part does not exist in this message.',
    hint: 'The message may have changed since it was opened: open it again.',
  },
  FILE_EXISTS: {
    message: 'A file with that name already exists.',
    hint: 'Replace it, keep both (the new file gets a number), or choose another name.',
  },
  DISK_FULL: {
    message: 'There is not enough space on the disk to save the file.',
    hint: 'Free some space or save to another drive; nothing was left half-written.',
  },
  SAVE_PATH_INVALID: {
    message: 'Mailscope cannot save to that path.',
    hint: 'Enter the full path of a file in a folder that exists, for example /home/you/Downloads/report.pdf.',
  },
  SAVE_TARGET_REFUSED: {
    message: 'Mailscope saves only to the place you choose in its save dialog.',
    hint: 'Choose Save again and pick the place in the dialog.',
  },
  CONFIRMATION_REQUIRED: {
    message: 'This file could run programs on your computer.',
    hint: 'Open it only if you trust the sender and expected this file; saving it is safer.',
  },
  CANCELLED: {
    message: 'Stopped before it finished, as asked.',
    hint: 'Nothing was changed and nothing was left half-written. Run it again whenever you are ready.',
  },
  PROFILE_INVALID: {
    message: 'Some settings of this mailbox are not valid.',
    hint: 'Correct the fields named above and save again.',
  },
  PROFILE_NOT_FOUND: {
    message: 'That mailbox profile no longer exists.',
    hint: 'It may have been removed in another window: reload the profile list.',
  },
  PROFILES_FILE_SET_ASIDE: {
    message: 'The saved mailbox profiles could not be read, so the file was set aside.',
    hint: 'Add your mailboxes again, or import an export of them. The kept file may help to recover the settings by hand.',
  },
  PROFILES_MIGRATED: {
    message: 'Your mailbox profiles were upgraded to this version of Mailscope.',
    hint: 'A copy of the old file was kept next to it.',
  },
  KEYCHAIN_UNAVAILABLE: {
    message: 'No operating-system keychain is reachable, so Mailscope cannot store secrets.',
    hint: 'Mailscope never stores secrets in plain text. Unlock or start your keychain (Keychain Access, Windows Credential Manager, GNOME Keyring) and try again.',
  },
  SECRET_MISSING: {
    message: 'This mailbox has no secret or certificate stored yet.',
    hint: 'Edit the mailbox and enter its client secret or certificate.',
  },
  SECRET_DAMAGED: {
    message: 'The secret stored for this mailbox is damaged.',
    hint: 'Edit the mailbox and enter its client secret or certificate again.',
  },
  CERTIFICATE_INVALID: {
    message: 'The certificate cannot be used.',
    hint: 'Give the certificate with its private key, as PEM or as a PFX file with its passphrase.',
  },
  TOKEN_REQUEST_FAILED: {
    message: 'Microsoft Entra ID refused the token request.',
    hint: 'Run Test connection: the diagnostics name the cause and the fix.',
  },
  SIGN_IN_REQUIRED: {
    message: 'Sign in to open this mailbox.',
    hint: 'Use Sign in on the mailbox’s page: Mailscope opens it with your own Microsoft 365 account.',
  },
  SIGN_IN_CANCELLED: {
    message: 'The sign-in was cancelled.',
    hint: 'Sign in again when you are ready.',
  },
  SIGN_IN_EXPIRED: {
    message: 'The sign-in took too long and expired.',
    hint: 'Start the sign-in again and finish it within a few minutes.',
  },
  CONSENT_REQUIRED: {
    message: 'Your organisation has not approved Mailscope’s access to mail yet.',
    hint: 'Send the admin-consent link to an administrator; once they accept it, sign in again.',
  },
  MFA_REQUIRED: {
    message: 'Your organisation requires multi-factor authentication for this sign-in.',
    hint: 'Sign in again and complete the verification your organisation asks for.',
  },
  ACCESS_BLOCKED: {
    message: 'A Conditional Access policy of your organisation blocked this sign-in.',
    hint: 'Sign in from a device or network your organisation allows, or ask IT which policy applies.',
  },
  MAIL_AUTH_FAILED: {
    message: 'The mail server refused the sign-in.',
    hint: 'Run Test connection on this mailbox: it names the cause (permission, FullAccess, protocol disabled) and the fix.',
  },
  MAILBOX_ACCESS_DENIED: {
    message: 'You are signed in, but Exchange would not open this shared mailbox for you.',
    hint: 'Your account needs FullAccess on the shared mailbox: ask an Exchange administrator to grant it.',
  },
  MAILBOX_ADDRESS_WRONG: {
    message: 'The shared mailbox address looks mistyped.',
    hint: 'Edit the mailbox and enter the shared mailbox’s primary address.',
  },
  CONNECTION_FAILED: {
    message: 'The mail server could not be reached.',
    hint: 'Check the server name and port, and that a firewall lets IMAP (993) or POP3 (995) through.',
  },
  TLS_UNTRUSTED: {
    message: 'The secure connection to the server failed.',
    hint: 'Its certificate was not trusted or the TLS handshake failed: check the server name and the trusted certificate authorities.',
  },
  SERVER_BUSY: {
    message: 'The mail server is busy or limiting connections.',
    hint: 'Wait a minute and try again; Exchange Online throttles clients that open many connections.',
  },
  SERVER_TIMEOUT: {
    message: 'The mail server stopped answering.',
    hint: 'Try again; if it keeps happening, check the network.',
  },
  CONNECTION_LOST: {
    message: 'The connection to the mail server was lost.',
    hint: 'Mailscope reconnects on the next action; refresh to try now.',
  },
  PROTOCOL_ERROR: {
    message: 'The server answered in a way the protocol does not allow.',
    hint: 'Check that the port belongs to the protocol of this profile (993 for IMAP, 995 for POP3).',
  },
  INTERNAL: {
    message: 'Something went wrong inside Mailscope.',
    hint: 'Try again; if it keeps happening, report it with what you did just before.',
  },
};

/** The default ErrorInfo for a code, with optional overrides. */
export function errorInfo(code: ErrorCode, message?: string, hint?: string): ErrorInfo {
  const base = ERROR_CATALOG[code];
  return { code, message: message ?? base.message, hint: hint ?? base.hint };
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

export function resultSchema<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: ErrorInfo }),
  ]);
}
