/**
 * Messages inside messages: an attached message (message/rfc822, a .eml file), an Outlook item
 * (.msg) or a winmail.dat (TNEF) opens inside the reader as a message of its own. It is addressed by
 * the outer message plus `attached`, the part paths to follow from the outer message inwards.
 */

/** How many levels deep the reader follows attached messages; a deeper one is ATTACHED_TOO_DEEP. */
export const MAX_ATTACHED_DEPTH = 8;

const OPENABLE_TYPES = new Set([
  'message/rfc822',
  'message/global',
  'application/vnd.ms-outlook',
  'application/ms-tnef',
  'application/vnd.ms-tnef',
]);

/** True for an attachment the reader can open as a message: by its type, or by its name when the type is generic. */
export function opensAsMessage(contentType: string, filename: string | null): boolean {
  if (OPENABLE_TYPES.has(contentType.toLowerCase())) return true;
  const name = (filename ?? '').toLowerCase();
  return name.endsWith('.eml') || name.endsWith('.msg') || name === 'winmail.dat';
}
