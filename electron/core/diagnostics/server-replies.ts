import type { Remedy } from '../../../shared/diagnostics';
import { delegatedRemedies } from '../auth/delegated/mailbox-refusal';

/**
 * What Exchange Online's IMAP/POP3 refusals mean. Exchange says almost nothing ("NO AUTHENTICATE
 * failed." covers half a dozen setup mistakes), so each reply maps to the causes in the order they
 * turn out to be true in practice, each with the command that fixes it, filled in with this
 * profile's values. By the time we get here the token step has already checked the token itself
 * (tenant, audience, roles), so what remains is the Exchange side.
 */

export interface ReplyContext {
  protocol: 'imap' | 'pop3';
  mailbox: string;
  /** From the token: the app (client) id and the service principal's object id. */
  appId?: string;
  objectId?: string;
  /**
   * Present for a delegated profile: the signed-in person (the token's upn; null if it has none).
   * Exchange then checks that person's FullAccess, and no service principal is involved.
   */
  person?: string | null;
}

export type ReplyKind = 'auth-failed' | 'not-connected' | 'throttled' | 'too-many-connections' | 'other';

export interface ReplyExplanation extends Remedy {
  kind: ReplyKind;
  otherCauses: Remedy[];
}

/** Classifies a server line (tagged reply, `* BYE`, or POP3 `-ERR`). */
export function classifyReply(line: string): ReplyKind {
  if (/User is authenticated but not connected/i.test(line)) return 'not-connected';
  if (
    /BYE Connection is closed|Connection is closed\. 13|too many (simultaneous |concurrent )?connections|\[LIMIT\]/i.test(
      line,
    )
  )
    return 'too-many-connections';
  if (/Server Unavailable|\[UNAVAILABLE\]|\[SYS\/TEMP\]|\[IN-USE\]|throttl/i.test(line)) return 'throttled';
  if (
    /AUTHENTICATE failed|LOGIN failed|\[AUTHENTICATIONFAILED\]|Authentication failure|\[AUTH\]|Authentication failed/i.test(
      line,
    )
  )
    return 'auth-failed';
  return 'other';
}

export function explainReply(line: string, ctx: ReplyContext): ReplyExplanation {
  const kind = classifyReply(line);
  const app = ctx.appId ?? '<application (client) id>';
  const sp = ctx.objectId ?? '<Enterprise application object id>';
  const protocolName = ctx.protocol === 'imap' ? 'IMAP' : 'POP';
  const registerSp: Remedy = {
    cause:
      'The app’s service principal is not registered in Exchange Online, or it was registered with the app registration’s object ID instead of the Enterprise application’s.',
    fix: `In Exchange Online PowerShell: New-ServicePrincipal -AppId ${app} -ObjectId ${sp} -DisplayName "Mailscope" (the object ID is the one under Entra → Enterprise applications, not App registrations; it equals the token’s oid). Check with: Get-ServicePrincipal | Where-Object AppId -eq ${app}`,
  };
  const fullAccess: Remedy = {
    cause: `The service principal has no FullAccess permission on ${ctx.mailbox}.`,
    fix: `Add-MailboxPermission -Identity ${ctx.mailbox} -User ${sp} -AccessRights FullAccess, then check with Test-ServicePrincipalAuthorization -Identity ${app} -Resource ${ctx.mailbox} (changes can take up to an hour to apply).`,
  };
  const protocolDisabled: Remedy = {
    cause: `${protocolName} is disabled for ${ctx.mailbox} (or for the whole organisation).`,
    fix: `Set-CASMailbox -Identity ${ctx.mailbox} -${protocolName === 'IMAP' ? 'Imap' : 'Pop'}Enabled $true (and check Get-CASMailboxPlan / the organisation's ${protocolName} setting).`,
  };
  const wrongMailbox: Remedy = {
    cause: `The mailbox address ${ctx.mailbox} is wrong: it must be the shared mailbox’s primary SMTP address.`,
    fix: `Check with Get-Mailbox -Identity ${ctx.mailbox} | Format-List PrimarySmtpAddress, and put that address in the profile.`,
  };
  if (ctx.person !== undefined && (kind === 'auth-failed' || kind === 'not-connected')) {
    const { remedies } = delegatedRemedies({
      protocol: ctx.protocol,
      mailbox: ctx.mailbox,
      person: ctx.person,
    });
    const [first, ...rest] = remedies;
    return {
      kind,
      cause:
        kind === 'not-connected'
          ? `Signed in, but Exchange cannot open ${ctx.mailbox}: ${first.cause}`
          : first.cause,
      fix: first.fix,
      otherCauses: rest,
    };
  }
  switch (kind) {
    case 'auth-failed': {
      const [first, ...rest] = [registerSp, fullAccess, protocolDisabled, wrongMailbox] as const;
      return { kind, ...first, otherCauses: rest };
    }
    case 'not-connected':
      return {
        kind,
        cause: `Signed in, but Exchange cannot open ${ctx.mailbox}: the service principal has no FullAccess on it, or the mailbox address is wrong.`,
        fix: fullAccess.fix,
        otherCauses: [wrongMailbox, registerSp],
      };
    case 'throttled':
      return {
        kind,
        cause: 'Exchange Online is throttling this mailbox or app for the moment.',
        fix: 'Wait a few minutes and try again; if it keeps happening, close other programs that use this mailbox.',
        otherCauses: [],
      };
    case 'too-many-connections':
      return {
        kind,
        cause: `Too many connections to ${ctx.mailbox} are open (Exchange allows about 20 ${protocolName} connections per mailbox).`,
        fix: 'Close other programs or Mailscope windows that use this mailbox, wait a few minutes, and try again.',
        otherCauses: [],
      };
    default:
      return {
        kind,
        cause: `The server refused: “${line.slice(0, 200)}”.`,
        fix: 'Check the server name and port (outlook.office365.com, 993 for IMAP, 995 for POP3), then the Exchange-side setup below.',
        otherCauses: [registerSp, fullAccess],
      };
  }
}
