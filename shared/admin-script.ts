/**
 * The Exchange Online side of IMAP/POP3 access to a shared mailbox, as a PowerShell script with one
 * profile's values filled in: for app-only access the app's service principal, for delegated access
 * the person who signs in. The Setup screen shows it with a copy button and docs/admin-setup.md
 * explains it; Mailscope never runs PowerShell itself. Values are single-quoted, so nothing in them
 * is expanded.
 */

export interface AdminScriptInput {
  /** The profile's display name, used to label the service principal and scope. */
  name: string;
  mailbox: string;
  protocol: 'imap' | 'pop3';
  /** Application (client) ID of the app registration. */
  clientId: string;
  /** Tenant ID or verified domain. */
  tenant: string;
  /** App-only (the default): the app opens the mailbox. Delegated: a person signs in and opens it. */
  access?: 'app-only' | 'delegated';
  /** Delegated: the person to grant FullAccess (their sign-in address); default a placeholder. */
  person?: string;
  /** Delegated: Entra's admin-consent link for the app, to mention in the prerequisites. */
  consentUrl?: string;
  /**
   * Object ID of the Enterprise application (service principal) of that app, not the app
   * registration's own object ID: mixing the two up is the most common reason logins fail.
   */
  servicePrincipalObjectId?: string;
}

export const SERVICE_PRINCIPAL_PLACEHOLDER = '<Enterprise application Object ID>';
export const PERSON_PLACEHOLDER = '<sign-in address of the person>';

/** A PowerShell single-quoted literal: only the quote itself needs escaping, by doubling. */
export function psQuote(value: string): string {
  return `'${value.replace(/['\u2018\u2019\u201A\u201B]/g, "''")}'`;
}

/** What differs between app-only and delegated access; the rest of the script is the same. */
interface Access {
  /** The comment lines that open the script: what it is for, and what Entra must already have. */
  prerequisites: string[];
  /** The `$Name = 'value'` block, with its comments. */
  variables: string[];
  /** Numbered in order; each is a comment line, then its commands. */
  steps: [title: string, ...commands: string[]][];
  /** After the steps (optional extras). */
  epilogue?: string[];
}

export function adminScript(input: AdminScriptInput): string {
  const access = input.access === 'delegated' ? delegatedAccess(input) : appOnlyAccess(input);
  const lines = [
    ...access.prerequisites,
    '# Run as an Exchange administrator in PowerShell 7 or Windows PowerShell 5.1.',
    '',
    '# Once per computer:',
    'Install-Module -Name ExchangeOnlineManagement -Scope CurrentUser',
    '',
    'Import-Module ExchangeOnlineManagement',
    `Connect-ExchangeOnline -Organization ${psQuote(input.tenant)}`,
    '',
    ...access.variables,
    '',
    ...access.steps.flatMap(([title, ...commands], index) => [`# ${index + 1}. ${title}`, ...commands, '']),
    ...(access.epilogue ?? []),
  ];
  return lines.join('\n');
}

function appOnlyAccess(input: AdminScriptInput): Access {
  const protocol = protocolName(input);
  const permission = input.protocol === 'imap' ? 'IMAP.AccessAsApp' : 'POP.AccessAsApp';
  const spId = input.servicePrincipalObjectId?.trim() || SERVICE_PRINCIPAL_PLACEHOLDER;
  const label = `Mailscope - ${input.name}`;
  return {
    prerequisites: [
      `# Mailscope: app-only ${protocol} access to ${input.mailbox}`,
      `# Prerequisites in Microsoft Entra ID: the app registration ${input.clientId} has the application`,
      `# permission Office 365 Exchange Online > ${permission}, with admin consent granted.`,
    ],
    variables: [
      `$AppId = ${psQuote(input.clientId)}`,
      '# Entra admin center > Enterprise applications > (this app) > Overview > Object ID.',
      '# Not the Object ID shown under App registrations: that one is refused at sign-in.',
      `$ServicePrincipalId = ${psQuote(spId)}`,
      `$Mailbox = ${psQuote(input.mailbox)}`,
    ],
    steps: [
      [
        'Register the app in Exchange Online (once per app; skip if Get-ServicePrincipal lists it).',
        `New-ServicePrincipal -AppId $AppId -ObjectId $ServicePrincipalId -DisplayName ${psQuote(label)}`,
      ],
      [
        'Let it open this mailbox. Read-only use is up to the client: Mailscope never changes mail.',
        'Add-MailboxPermission -Identity $Mailbox -User $ServicePrincipalId -AccessRights FullAccess -AutoMapping $false',
      ],
      [`${protocol} must be enabled on the mailbox.`, enableProtocol(input)],
      [
        'Check.',
        'Get-ServicePrincipal -Identity $ServicePrincipalId | Format-List DisplayName, AppId, ObjectId',
        'Get-MailboxPermission -Identity $Mailbox -User $ServicePrincipalId',
        'Test-ServicePrincipalAuthorization -Identity $ServicePrincipalId -Resource $Mailbox',
      ],
    ],
    epilogue: [
      '# Optional. IMAP and POP3 app access is already limited to the mailboxes granted FullAccess above.',
      '# If this app also holds Microsoft Graph mail permissions, scope those to the same mailbox with',
      '# RBAC for Applications instead of a tenant-wide grant:',
      `# New-ManagementScope -Name ${psQuote(`${label} scope`)} -RecipientRestrictionFilter ${psQuote(opathEquals('PrimarySmtpAddress', input.mailbox))}`,
      `# New-ManagementRoleAssignment -App $ServicePrincipalId -Role 'Application Mail.Read' -CustomResourceScope ${psQuote(`${label} scope`)}`,
      '',
    ],
  };
}

function delegatedAccess(input: AdminScriptInput): Access {
  const protocol = protocolName(input);
  const permission = input.protocol === 'imap' ? 'IMAP.AccessAsUser.All' : 'POP.AccessAsUser.All';
  const person = input.person?.trim() || PERSON_PLACEHOLDER;
  return {
    prerequisites: [
      `# Mailscope: delegated ${protocol} access to ${input.mailbox}: a person signs in as themselves.`,
      `# Prerequisites in Microsoft Entra ID: the app registration ${input.clientId} is a public client`,
      '# (platform "Mobile and desktop applications" with the redirect URI http://localhost, and',
      '# "Allow public client flows" on) with the delegated permission',
      `# Office 365 Exchange Online > ${permission}, consented for the organisation${input.consentUrl ? ':' : '.'}`,
      ...(input.consentUrl ? [`#   ${input.consentUrl}`] : []),
      '# No service principal is registered in Exchange: the person’s own permissions apply.',
    ],
    variables: [
      `$Mailbox = ${psQuote(input.mailbox)}`,
      '# The person who signs in to Mailscope; repeat step 1 for each colleague.',
      `$Person = ${psQuote(person)}`,
    ],
    steps: [
      [
        'Let the person open the shared mailbox. Read-only use is up to the client: Mailscope never changes mail.',
        'Add-MailboxPermission -Identity $Mailbox -User $Person -AccessRights FullAccess -AutoMapping $false',
      ],
      [`${protocol} must be enabled on the shared mailbox.`, enableProtocol(input)],
      [
        'Check (a new permission can take up to an hour to apply).',
        'Get-MailboxPermission -Identity $Mailbox -User $Person',
        `Get-CASMailbox -Identity $Mailbox | Format-List ${enabledProperty(input)}`,
      ],
    ],
  };
}

function protocolName(input: AdminScriptInput): string {
  return input.protocol === 'imap' ? 'IMAP' : 'POP3';
}

function enabledProperty(input: AdminScriptInput): string {
  return input.protocol === 'imap' ? 'ImapEnabled' : 'PopEnabled';
}

function enableProtocol(input: AdminScriptInput): string {
  return `Set-CASMailbox -Identity $Mailbox -${enabledProperty(input)} $true`;
}

/** An OPATH equality filter; OPATH quotes like PowerShell, so a quote in the value is doubled. */
function opathEquals(property: string, value: string): string {
  return `${property} -eq '${value.replace(/'/g, "''")}'`;
}
