import type { Tone } from '../../../shared/analysis';

/**
 * What Microsoft documents about the fields of its anti-spam stamps ("Anti-spam message headers in
 * Microsoft 365", "Spam confidence level", "Bulk complaint level", the Authentication-Results and
 * compauth reason table), in our own words. A value that is not here is "unknown": these tables
 * are never extended by guessing what an undocumented code might mean.
 */

export interface Meaning {
  readonly meaning: string;
  readonly tone: Tone;
}

export interface FieldSpec {
  readonly label: string;
  /** Documented values, upper-case keys (lookup is case-insensitive). */
  readonly values?: Readonly<Record<string, Meaning>>;
  /** A field whose value is data (an address, a name), not a code: what the value is. */
  readonly free?: (value: string) => Meaning;
}

export const UNKNOWN = 'unknown';

const info = (meaning: string): Meaning => ({ meaning, tone: 'info' });
const good = (meaning: string): Meaning => ({ meaning, tone: 'good' });
const warn = (meaning: string): Meaning => ({ meaning, tone: 'warn' });
const bad = (meaning: string): Meaning => ({ meaning, tone: 'bad' });
const recorded = (what: string) => (): Meaning => info(what);

const SCL_NOT_SPAM = good('Spam filtering found the message is not spam; delivered to the Inbox.');
const SCL_SPAM = warn(
  'Spam filtering marked the message as spam (Junk Email folder or quarantine, per policy).',
);

/** SCL values; 2, 3, 4, 7 and 8 are documented as not used, so they are left unknown. */
export const SCL_VALUES: Readonly<Record<string, Meaning>> = {
  '-1': info(
    'Spam filtering was skipped (a safe sender, a safe recipient, an allowed IP or a rule); delivered to the Inbox.',
  ),
  '0': SCL_NOT_SPAM,
  '1': SCL_NOT_SPAM,
  '5': SCL_SPAM,
  '6': SCL_SPAM,
  '9': bad('Spam filtering marked the message as high confidence spam.'),
};

const impersonationOnlyMdo = ' (Defender for Office 365)';

/** CAT: the category of protection policy applied to the message. */
const CAT_VALUES: Record<string, Meaning> = {
  AMP: bad('Anti-malware policy.'),
  BIMP: bad(`Brand impersonation${impersonationOnlyMdo}.`),
  BULK: warn('Bulk mail.'),
  DIMP: bad(`Domain impersonation${impersonationOnlyMdo}.`),
  FTBP: bad('Anti-malware common attachments filter (file type blocked).'),
  GIMP: bad(`Mailbox intelligence impersonation${impersonationOnlyMdo}.`),
  HPHSH: bad('High confidence phishing.'),
  HPHISH: bad('High confidence phishing.'),
  HSPM: bad('High confidence spam.'),
  INTOS: bad('Intra-organisation phishing.'),
  MALW: bad('Malware.'),
  OSPM: warn('Outbound spam.'),
  PHSH: bad('Phishing.'),
  SAP: bad(`Safe Attachments${impersonationOnlyMdo}.`),
  SPM: warn('Spam.'),
  SPOOF: bad('Spoofing.'),
  UIMP: bad(`User impersonation${impersonationOnlyMdo}.`),
  NONE: info('No protection policy category was applied.'),
};

/** SFV: the spam filtering verdict. */
const SFV_VALUES: Record<string, Meaning> = {
  BLK: warn(
    "Filtering was skipped and the message blocked: the sender is on the recipient's Blocked Senders list.",
  ),
  NSPM: good('Spam filtering marked the message as not spam; sent to the recipients.'),
  SFE: info(
    "Filtering was skipped and the message allowed: the sender is on the recipient's Safe Senders list.",
  ),
  SKA: info(
    'Spam filtering was skipped: the sender is on an allowed senders or domains list of an anti-spam policy.',
  ),
  SKB: warn('Marked as spam: the sender is on a blocked senders or domains list of an anti-spam policy.'),
  SKI: info("Filtering was skipped: like SFE, with a sender inside the recipient's organisation."),
  SKN: info('Marked as not spam before spam filtering (a mail flow rule, for example).'),
  SKQ: info('Released from quarantine and sent to the recipients.'),
  SKS: warn('Marked as spam before spam filtering (a mail flow rule, for example).'),
  SPM: warn('Spam filtering marked the message as spam.'),
};

/** The documented fields of X-Forefront-Antispam-Report. */
export const FOREFRONT_FIELDS: Readonly<Record<string, FieldSpec>> = {
  CIP: { label: 'Connecting IP address', free: recorded('The IP address that connected to Microsoft 365.') },
  CTRY: {
    label: 'Source country',
    free: recorded(
      'The country of the connecting IP address (not necessarily where the message was first sent from).',
    ),
  },
  LANG: { label: 'Language', free: recorded('The language the message is written in, as a country code.') },
  SCL: { label: 'Spam confidence level (SCL)', values: SCL_VALUES },
  SRV: {
    label: 'Bulk mail',
    values: {
      BULK: warn('Identified as bulk mail by spam filtering and the bulk complaint level threshold.'),
    },
  },
  IPV: {
    label: 'IP reputation',
    values: {
      CAL: info('Spam filtering was skipped: the source IP address is on the IP Allow List.'),
      NLI: info('The IP address was not found on any IP reputation list.'),
    },
  },
  SFV: { label: 'Spam filtering verdict (SFV)', values: SFV_VALUES },
  CAT: { label: 'Protection category (CAT)', values: CAT_VALUES },
  SFTY: {
    label: 'Phishing safety tip (SFTY)',
    values: {
      '9.19': bad('Domain impersonation: the sending domain tries to pass as a protected domain.'),
      '9.20': bad(
        'User impersonation: the sender tries to pass as a user of the organisation or a protected user.',
      ),
      '9.25': warn('First contact safety tip: may indicate a suspicious or phishing message.'),
    },
  },
  H: { label: 'HELO/EHLO name', free: recorded('The name the connecting server gave in HELO or EHLO.') },
  PTR: {
    label: 'Reverse DNS (PTR)',
    free: recorded('The PTR record of the source IP address, as Microsoft 365 looked it up.'),
  },
  DIR: {
    label: 'Direction',
    values: { INB: info('Inbound.'), OUT: info('Outbound.'), INT: info('Internal.') },
  },
  'X-CUSTOMSPAM': {
    label: 'Advanced Spam Filter option',
    free: () => warn('The message matched this Advanced Spam Filter (ASF) setting.'),
  },
  // Present in most stamps, but Microsoft keeps its meaning for its own diagnostics.
  SFS: { label: 'Spam filter rules (undocumented, for Microsoft diagnostics)' },
};

const BCL_VALUES: Record<string, Meaning> = {
  '0': good('Not from a bulk sender.'),
  ...Object.fromEntries(
    ['1', '2', '3'].map((v) => [v, info('From a bulk sender that draws few complaints.')]),
  ),
  ...Object.fromEntries(
    ['4', '5', '6', '7'].map((v) => [v, warn('From a bulk sender that draws a mixed number of complaints.')]),
  ),
  ...Object.fromEntries(['8', '9'].map((v) => [v, warn('From a bulk sender that draws many complaints.')])),
};

const PCL_VALUES: Record<string, Meaning> = {
  ...Object.fromEntries(
    ['0', '1', '2', '3'].map((v) => [v, good('The content is not likely to be phishing.')]),
  ),
  ...Object.fromEntries(
    ['4', '5', '6', '7', '8'].map((v) => [v, bad('The content is likely to be phishing.')]),
  ),
};

/** The documented fields of X-Microsoft-Antispam. */
export const MICROSOFT_ANTISPAM_FIELDS: Readonly<Record<string, FieldSpec>> = {
  BCL: { label: 'Bulk complaint level (BCL)', values: BCL_VALUES },
  PCL: { label: 'Phishing confidence level (PCL)', values: PCL_VALUES },
};

/** Authentication-Results methods as Microsoft 365 writes them. */
export const AUTH_RESULT_VALUES: Readonly<Record<string, Readonly<Record<string, Meaning>>>> = {
  spf: {
    PASS: good('The sending IP address is allowed to send for the MAIL FROM domain.'),
    FAIL: bad('The sending IP address is not allowed to send for the MAIL FROM domain (hard fail).'),
    SOFTFAIL: warn('The domain says the sending IP address is probably not allowed (soft fail).'),
    NEUTRAL: info('The domain makes no statement about the sending IP address.'),
    NONE: warn('The domain publishes no SPF record.'),
    TEMPERROR: warn('A temporary error while checking SPF.'),
    PERMERROR: warn("A permanent error: the domain's SPF record is invalid."),
  },
  dkim: {
    PASS: good('A DKIM signature of the message verified.'),
    FAIL: bad('The DKIM signature did not verify.'),
    NONE: info('The message carries no DKIM signature.'),
  },
  dmarc: {
    PASS: good('The message passed DMARC.'),
    FAIL: bad('The message failed DMARC.'),
    BESTGUESSPASS: info('The domain publishes no DMARC record, but the message would have passed one.'),
    NONE: info('The sending domain publishes no DMARC record.'),
    TEMPERROR: warn('A temporary error while checking DMARC.'),
    PERMERROR: warn("A permanent error: the domain's DMARC record is invalid."),
  },
  compauth: {
    PASS: good('Composite authentication passed: Microsoft 365 considers the sender authentic.'),
    FAIL: bad('Composite authentication failed: Microsoft 365 considers the sender spoofed.'),
    SOFTPASS: info('Composite authentication soft-passed.'),
    NONE: info('Composite authentication was not checked or was bypassed.'),
  },
};

/** DMARC `action=` as Microsoft 365 records it. */
export const DMARC_ACTIONS: Readonly<Record<string, Meaning>> = {
  NONE: info('No action: the policy is p=none, or the message passed.'),
  QUARANTINE: warn('The DMARC policy (p=quarantine) was applied.'),
  REJECT: bad('The DMARC policy (p=reject) was applied.'),
  OREJECT: warn(
    'Override reject: the domain asks for p=reject; Microsoft 365 marked the message as spam instead.',
  ),
  'PCT.QUARANTINE': info('p=quarantine with pct below 100: this message was let through anyway.'),
  'PCT.REJECT': info('p=reject with pct below 100: this message was let through anyway.'),
};

/** The compauth reason codes: exact codes first, then classes by the first digit ("1xx"). */
export function compauthReason(code: string): Meaning | null {
  const exact: Record<string, Meaning> = {
    '000': bad('Failed explicit authentication: DMARC failed and the domain asks for quarantine or reject.'),
    '001': bad(
      'Failed implicit authentication: the domain publishes no authentication records, or only weak ones.',
    ),
    '002': bad('The organisation forbids this sender and domain pair from sending spoofed mail.'),
    '010': bad(
      "DMARC failed with quarantine or reject, and the domain is one of the organisation's own accepted domains.",
    ),
  };
  if (exact[code]) return exact[code];
  if (!/^\d{3}$/.test(code)) return null;
  switch (code[0]) {
    case '1':
    case '7':
      return good('Passed authentication (the last two digits are internal to Microsoft 365).');
    case '2':
      return info('Soft-passed implicit authentication (the last two digits are internal).');
    case '3':
      return info('Not checked for composite authentication.');
    case '4':
    case '9':
      return info('Composite authentication was bypassed (the last two digits are internal).');
    case '6':
      return bad(
        "Failed implicit authentication, and the domain is one of the organisation's own accepted domains.",
      );
    default:
      return null;
  }
}

/** X-MS-Exchange-CrossTenant-* and related organisation stamps: what each header records. */
export const CROSS_TENANT_HEADERS: Readonly<Record<string, FieldSpec>> = {
  'x-ms-exchange-crosstenant-id': {
    label: 'Tenant (organisation) ID',
    free: recorded('The Microsoft 365 tenant that processed the message.'),
  },
  'x-ms-exchange-crosstenant-originalarrivaltime': {
    label: 'Arrival time in the tenant',
    free: recorded('When the message first reached the tenant.'),
  },
  'x-ms-exchange-crosstenant-network-message-id': {
    label: 'Network message ID',
    free: recorded('The ID message trace knows the message by.'),
  },
  'x-ms-exchange-crosstenant-fromentityheader': {
    label: 'Where the message came from',
    values: {
      INTERNET: info('From the internet (outside the organisation).'),
      HOSTED: info('From a mailbox hosted in Exchange Online.'),
      HYBRIDONPREM: info("From the organisation's on-premises Exchange (hybrid)."),
    },
  },
  'x-ms-exchange-crosstenant-authas': {
    label: 'How the sender authenticated',
    values: {
      ANONYMOUS: info('The sending server did not authenticate (mail from the internet).'),
      INTERNAL: info('An authenticated sender inside the organisation.'),
      PARTNER: info('A partner organisation (a connector with mutual TLS).'),
    },
  },
  'x-ms-exchange-crosstenant-authsource': {
    label: 'Authenticating server',
    free: recorded('The server that authenticated the sender.'),
  },
  'x-ms-exchange-crosstenant-mailboxtype': {
    label: 'Mailbox type',
    free: recorded('The kind of mailbox that sent the message.'),
  },
  'x-ms-exchange-crosstenant-userprincipalname': {
    label: 'Sender (UPN)',
    free: recorded('The signed-in account that sent the message.'),
  },
  'x-ms-exchange-crosstenant-originalattributedtenantconnectingip': {
    label: 'Connecting IP attributed to the tenant',
    free: recorded('The connecting address Microsoft 365 attributed to the sending tenant.'),
  },
};
