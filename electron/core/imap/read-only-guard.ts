import type { ImapFlow } from 'imapflow';
import { AppError } from '../common/app-error';

/**
 * The read-only rule of DESIGN.md §3, enforced twice:
 * 1. `readOnlyClient()` hands the rest of core a view of ImapFlow whose mutating methods throw
 *    before doing anything, and whose `mailboxOpen` always EXAMINEs;
 * 2. `guardWire()` sits on imapflow's single command funnel (`exec`), so even a call that slips
 *    past the first layer (a new imapflow method, raw use of the client) can put only commands of
 *    an allow-list on the wire: no mutating command, no SELECT, no body fetch without PEEK.
 */

/**
 * The only IMAP commands that may reach the wire (folded: `UID FETCH` is FETCH): what Mailscope and
 * the imapflow calls it makes send, all of which read. An allow-list, as POP3's guard is: a command
 * nobody thought of (an extension's, a new imapflow feature's) is refused until it is added here on
 * purpose. Not here: SELECT (opens read-write, so a plain body FETCH would set \Seen; EXAMINE
 * only), STORE, COPY, MOVE, EXPUNGE, APPEND, CREATE, DELETE, RENAME, (UN)SUBSCRIBE, SETACL,
 * SETMETADATA, SETQUOTA, LOGIN (Mailscope signs in with OAuth only), and everything else.
 */
const ALLOWED_COMMANDS: ReadonlySet<string> = new Set([
  // Connection set-up and sign-in (RFC 3501/9051, ID 2971, ENABLE 5161, COMPRESS 4978).
  'CAPABILITY',
  'STARTTLS',
  'AUTHENTICATE',
  'ID',
  'ENABLE',
  'COMPRESS',
  'NAMESPACE',
  // Folders: LIST (XLIST on old Gmail-like servers), LSUB for subscriptions, STATUS for counts.
  'LIST',
  'XLIST',
  'LSUB',
  'STATUS',
  'EXAMINE',
  // Reading: FETCH is further checked for items that would set \Seen.
  'FETCH',
  'SEARCH',
  // Keeping alive and closing. CLOSE on an EXAMINEd mailbox expunges nothing (RFC 3501 §6.4.2).
  'NOOP',
  'IDLE',
  'CLOSE',
  'UNSELECT',
  'LOGOUT',
  // Quota is read-only (RFC 9208 GETQUOTA/GETQUOTAROOT).
  'GETQUOTA',
  'GETQUOTAROOT',
]);

/** ImapFlow methods that would send one of the commands above. */
export const FORBIDDEN_METHODS = [
  'messageFlagsSet',
  'messageFlagsAdd',
  'messageFlagsRemove',
  'setFlagColor',
  'messageDelete',
  'messageCopy',
  'messageMove',
  'append',
  'mailboxCreate',
  'mailboxRename',
  'mailboxDelete',
  'mailboxSubscribe',
  'mailboxUnsubscribe',
] as const;

export type ForbiddenMethod = (typeof FORBIDDEN_METHODS)[number];

/** The ImapFlow surface core may use: no method that writes. */
export type ReadOnlyImapFlow = Omit<ImapFlow, ForbiddenMethod>;

export class ReadOnlyViolation extends AppError {
  constructor(readonly operation: string) {
    super(
      'UNSUPPORTED',
      `Mailscope is read-only: it refused to send ${operation} to the server.`,
      'Mailscope never changes a mailbox. This is a bug in Mailscope if you see it.',
    );
    this.name = 'ReadOnlyViolation';
  }
}

interface Attribute {
  type?: unknown;
  value?: unknown;
  section?: unknown;
}

function isAttribute(value: unknown): value is Attribute {
  return typeof value === 'object' && value !== null;
}

/**
 * A FETCH item that would set \Seen: BODY[...] / BINARY[...] without .PEEK, RFC822 and RFC822.TEXT
 * (RFC 3501 §6.4.5). imapflow builds items as ATOMs; `section` marks the bracketed form.
 */
function hasSeenSettingItem(attributes: unknown): boolean {
  if (!Array.isArray(attributes)) return false;
  for (const item of attributes as unknown[]) {
    if (Array.isArray(item)) {
      if (hasSeenSettingItem(item)) return true;
      continue;
    }
    if (!isAttribute(item) || typeof item.value !== 'string') continue;
    const value = item.value.toUpperCase();
    if ((value === 'BODY' || value === 'BINARY') && item.section !== undefined) return true;
    if (value === 'RFC822' || value === 'RFC822.TEXT') return true;
  }
  return false;
}

/**
 * The command a tagged request carries, with "UID " folded in: `UID STORE` is a STORE. imapflow
 * passes `UID FETCH` as one string; a bare `UID` with the command as first atom is handled too.
 * (CLOSE is allowed: the only mailbox ever selected is EXAMINEd, and CLOSE expunges nothing there.)
 */
function commandOf(command: string, attributes: unknown): string {
  const upper = command
    .trim()
    .toUpperCase()
    .replace(/^UID\s+/, '');
  if (upper !== 'UID') return upper;
  const first = Array.isArray(attributes) ? (attributes as unknown[])[0] : undefined;
  return isAttribute(first) && typeof first.value === 'string' ? first.value.toUpperCase() : upper;
}

/** Why a command may not be sent, or null if it may. */
export function refusalReason(command: string, attributes: unknown): string | null {
  const name = commandOf(command, attributes);
  if (!ALLOWED_COMMANDS.has(name)) return /^[A-Z0-9.-]{1,40}$/.test(name) ? name : 'an unknown command';
  if (name === 'FETCH' && hasSeenSettingItem(attributes)) return 'FETCH without BODY.PEEK';
  return null;
}

type Exec = (command: string, attributes?: unknown, options?: unknown) => Promise<unknown>;

const GUARDED = Symbol('mailscope.readOnlyGuard');

/**
 * Wraps the client's command funnel so refused commands reject before a byte is written. imapflow
 * declares `exec` internal, so it is found and checked at run time rather than through its types.
 */
export function guardWire(client: ImapFlow): void {
  if (Reflect.get(client, GUARDED) === true) return;
  const original: unknown = Reflect.get(client, 'exec');
  if (typeof original !== 'function') {
    // Without the funnel we cannot prove read-only: refuse to use this imapflow at all.
    throw new AppError('INTERNAL', 'This imapflow version has no command funnel to guard.');
  }
  const exec = original as Exec;
  const guarded: Exec = (command, attributes, options) => {
    const reason = refusalReason(command, attributes);
    if (reason) return Promise.reject(new ReadOnlyViolation(reason));
    return exec.call(client, command, attributes, options);
  };
  Reflect.set(client, 'exec', guarded);
  Reflect.set(client, GUARDED, true);
}

/**
 * The client as core sees it: mutating methods throw ReadOnlyViolation (synchronously rejected
 * promises), `mailboxOpen` always asks for EXAMINE. Also installs the wire guard.
 */
export function readOnlyClient(client: ImapFlow): ReadOnlyImapFlow {
  guardWire(client);
  const forbidden: ReadonlySet<string> = new Set(FORBIDDEN_METHODS);
  return new Proxy(client, {
    get(target, property, receiver) {
      if (typeof property === 'string' && forbidden.has(property)) {
        return () => Promise.reject(new ReadOnlyViolation(property));
      }
      if (property === 'mailboxOpen') {
        const open = target.mailboxOpen.bind(target);
        return (path: string | string[], options?: Parameters<ImapFlow['mailboxOpen']>[1]) =>
          open(path, { ...options, readOnly: true });
      }
      const value: unknown = Reflect.get(target, property, receiver);
      // Methods run against the real client, not the proxy (imapflow keeps private state).
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
    set() {
      return false;
    },
  });
}
