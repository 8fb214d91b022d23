import type { Remedy } from '../../../../shared/diagnostics';
import type { Profile, Protocol } from '../../../../shared/profile';
import { AppError } from '../../common/app-error';
import type { ListOptions, MailSource } from '../../common/source';

/**
 * Why Exchange refuses a person's valid token for a shared mailbox, and what to do. Exchange says
 * the same thing whether the account lacks FullAccess or the address is not a mailbox at all
 * (`NO AUTHENTICATE failed.`, or a login that succeeds and then `BAD User is authenticated but not
 * connected.`), so the one signal we have is the address itself: a domain other than the signed-in
 * account's is most likely a typo. Used by the IMAP/POP3 sources of delegated profiles and by the
 * diagnostics' sign-in step, so both say the same.
 */

export interface DelegatedRefusalContext {
  protocol: Protocol;
  mailbox: string;
  /** The signed-in person's sign-in name (from the token or the cache); null if unknown. */
  person: string | null;
}

export interface DelegatedRemedies {
  /** The address's domain differs from the person's: the typo explanation comes first. */
  addressLooksWrong: boolean;
  /** Most likely first. */
  remedies: [Remedy, ...Remedy[]];
}

export function delegatedRemedies(ctx: DelegatedRefusalContext): DelegatedRemedies {
  const person = ctx.person ?? '<your sign-in address>';
  const mailboxDomain = domainOf(ctx.mailbox);
  const personDomain = ctx.person ? domainOf(ctx.person) : undefined;
  const addressLooksWrong = Boolean(mailboxDomain && personDomain && mailboxDomain !== personDomain);
  const protocolName = ctx.protocol === 'imap' ? 'IMAP' : 'POP';
  const fullAccess: Remedy = {
    cause: `${person} has no FullAccess on ${ctx.mailbox}, so Exchange will not open it for that account.`,
    fix: `Ask an Exchange administrator to run: ${fullAccessCommand(ctx.mailbox, person)} (it can take up to an hour to apply), then try again.`,
  };
  const wrongAddress: Remedy = {
    cause: addressLooksWrong
      ? `${ctx.mailbox} is probably mistyped: its domain (${mailboxDomain}) is not the one of the signed-in account (${personDomain}).`
      : `${ctx.mailbox} may not be the shared mailbox’s address (a typo, or an alias instead of the primary address).`,
    fix: `Edit this mailbox and enter the shared mailbox’s primary address (Exchange admin center → Recipients → Mailboxes, or Get-Mailbox -Identity '<name>' | Format-List PrimarySmtpAddress).`,
  };
  const protocolDisabled: Remedy = {
    cause: `${protocolName} is disabled for ${ctx.mailbox}.`,
    fix: `Set-CASMailbox -Identity ${ctx.mailbox} -${protocolName === 'IMAP' ? 'Imap' : 'Pop'}Enabled $true`,
  };
  return {
    addressLooksWrong,
    remedies: addressLooksWrong
      ? [wrongAddress, fullAccess, protocolDisabled]
      : [fullAccess, wrongAddress, protocolDisabled],
  };
}

/** The error a person sees when Exchange would not open the shared mailbox with their token. */
export function delegatedRefusal(profile: Profile, person: string | null, cause?: unknown): AppError {
  const { addressLooksWrong, remedies } = delegatedRemedies({
    protocol: profile.protocol,
    mailbox: profile.mailbox,
    person,
  });
  const [first] = remedies;
  const who = person ?? 'your account';
  if (addressLooksWrong) {
    return new AppError(
      'MAILBOX_ADDRESS_WRONG',
      `Exchange would not open ${profile.mailbox} for ${who}: ${first.cause}`,
      `${first.fix} If the address is right, ${who} needs FullAccess on it: ${fullAccessCommand(profile.mailbox, person ?? '<your sign-in address>')}.`,
      { cause },
    );
  }
  return new AppError(
    'MAILBOX_ACCESS_DENIED',
    `Signed in as ${who}, but Exchange did not open ${profile.mailbox}: ${first.cause}`,
    `${first.fix} Also check that ${profile.mailbox} is the shared mailbox’s primary address.`,
    { cause },
  );
}

/** A refusal of the mailbox itself (the token was fine), as the IMAP and POP3 sources report it. */
export function isMailboxRefusal(error: unknown): boolean {
  if (!(error instanceof AppError)) return false;
  return error.code === 'MAIL_AUTH_FAILED' || /authenticated but not connected/i.test(error.message);
}

/**
 * The source of a delegated profile, with Exchange's refusals explained for the person signed in
 * (the sources themselves word them for app-only access).
 */
export function withDelegatedRefusals(
  source: MailSource,
  profile: Profile,
  person: () => Promise<string | null>,
): MailSource {
  const explain = async (error: unknown): Promise<never> => {
    if (!isMailboxRefusal(error)) throw error;
    throw delegatedRefusal(profile, await person().catch(() => null), error);
  };
  const guard =
    <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
    (...args: A): Promise<R> =>
      call(...args).catch(explain);
  const refresh = source.refresh?.bind(source);
  const subscribe = source.subscribe?.bind(source);
  const cancelSearch = source.cancelSearch?.bind(source);
  const openRaw = source.openRaw?.bind(source);
  const parseRaw = source.parseRaw?.bind(source);
  return {
    kind: source.kind,
    name: source.name,
    location: source.location,
    get notices() {
      return source.notices;
    },
    listFolders: guard(() => source.listFolders()),
    ...(source.list ? { list: source.list } : {}),
    ...(source.pooled ? { pooled: source.pooled } : {}),
    listEnvelopes: guard((folderId: string, offset: number, limit: number, options?: ListOptions) =>
      source.listEnvelopes(folderId, offset, limit, options),
    ),
    getMessage: guard((folderId: string, messageId: string) => source.getMessage(folderId, messageId)),
    getRaw: guard((folderId: string, messageId: string) => source.getRaw(folderId, messageId)),
    search: guard(
      (
        folderId: string,
        query: Parameters<MailSource['search']>[1],
        offset: number,
        limit: number,
        options?: ListOptions,
      ) => source.search(folderId, query, offset, limit, options),
    ),
    ...(refresh ? { refresh: guard((folderId: string) => refresh(folderId)) } : {}),
    // Not refusals, just passed on: connection news and stopping a search.
    ...(subscribe ? { subscribe } : {}),
    ...(cancelSearch ? { cancelSearch } : {}),
    ...(openRaw
      ? { openRaw: guard((folderId: string, messageId: string) => openRaw(folderId, messageId)) }
      : {}),
    ...(parseRaw
      ? {
          parseRaw: guard((folderId: string, messageId: string, raw: Buffer) =>
            parseRaw(folderId, messageId, raw),
          ),
        }
      : {}),
    close: () => source.close(),
  };
}

function fullAccessCommand(mailbox: string, person: string): string {
  return `Add-MailboxPermission -Identity ${mailbox} -User ${person} -AccessRights FullAccess -AutoMapping $false`;
}

function domainOf(address: string): string | undefined {
  const at = address.lastIndexOf('@');
  return at > 0 ? address.slice(at + 1).toLowerCase() : undefined;
}
