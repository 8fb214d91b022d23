import { z } from 'zod';
import { ErrorInfo } from './errors';
import { AuthenticationReport, CalendarEvent, ReceivedHop } from './inspection';
import { Profile } from './profile';

/**
 * Data that crosses IPC: plain JSON, dates as ISO strings, nothing a renderer could use to reach
 * a credential. Schemas are the single definition; types are inferred from them.
 */

export const Address = z.object({
  name: z.string(),
  address: z.string(),
});
export type Address = z.infer<typeof Address>;

export const FolderRole = z.enum(['inbox', 'sent', 'drafts', 'trash', 'junk', 'archive']);
export type FolderRole = z.infer<typeof FolderRole>;

export const Folder = z.object({
  /** Stable within its source; opaque to the renderer. */
  id: z.string(),
  /** Last path segment, decoded for display. */
  name: z.string(),
  /** Full display path, segments joined with '/'. */
  path: z.string(),
  parentId: z.string().nullable(),
  role: FolderRole.nullable(),
  total: z.number().int().nonnegative(),
  unread: z.number().int().nonnegative(),
  /**
   * True while total and unread are not known yet (a big IMAP mailbox shows its tree first):
   * they arrive as `folder.counts` events.
   */
  countsPending: z.boolean().optional(),
  /** False for a parent that only groups children (IMAP \Noselect, Maildir++ placeholders). */
  selectable: z.boolean(),
});
export type Folder = z.infer<typeof Folder>;

export const SourceKind = z.enum(['sample', 'maildir', 'mbox', 'eml', 'imap', 'pop3']);
export type SourceKind = z.infer<typeof SourceKind>;

/** What a message list can be ordered by. */
export const SortKey = z.enum(['date', 'from', 'subject', 'size']);
export type SortKey = z.infer<typeof SortKey>;

export const SortOrder = z.enum(['desc', 'asc']);
export type SortOrder = z.infer<typeof SortOrder>;

/** The order each key starts in when chosen: newest and largest first, senders and subjects A–Z. */
export const DEFAULT_SORT_ORDER: Readonly<Record<SortKey, SortOrder>> = {
  date: 'desc',
  from: 'asc',
  subject: 'asc',
  size: 'desc',
};

/** An order for messages.list; without one a folder is listed newest first. */
export const ListSort = z.object({ key: SortKey, order: SortOrder }).strict();
export type ListSort = z.infer<typeof ListSort>;

/**
 * What a source's message lists can do, so the UI offers only that: a local mailbox holds every
 * envelope and can sort and preview cheaply; a remote one pages from the server, which may not.
 */
export const ListCapabilities = z.object({
  /** Keys messages.list accepts in `sort` here; always includes 'date'. */
  sortKeys: z.array(SortKey).min(1),
  /** Both orders of each key (oldest first, Z–A…), not only DEFAULT_SORT_ORDER's. */
  reversible: z.boolean(),
  /** messages.list can add a line of body text to each envelope (`preview: true`). */
  preview: z.boolean(),
  /** Why something is not offered, in words for the user; null when everything is. */
  note: z.string().nullable(),
});
export type ListCapabilities = z.infer<typeof ListCapabilities>;

export const SourceSummary = z.object({
  id: z.string(),
  kind: SourceKind,
  /** What the sidebar shows: a folder or file name, or "Sample mailbox". */
  name: z.string(),
  /** Where it lives, for the tooltip and the status bar (a path for local sources). */
  location: z.string(),
  /** Folders in tree order (parents before children, siblings sorted for display). */
  folders: z.array(Folder),
  /** Things the user should know that did not stop the open (a truncated mbox, say). */
  notices: z.array(ErrorInfo),
  list: ListCapabilities,
});
export type SourceSummary = z.infer<typeof SourceSummary>;

/** The IMAP system flags the list shows (\Seen, \Flagged, \Answered, \Draft). */
const flag = z.boolean();
export const Flags = z.object({ seen: flag, flagged: flag, answered: flag, draft: flag });
export type Flags = z.infer<typeof Flags>;

/** What a list row and the reader both show of a message. */
const MessageSummary = z.object({
  id: z.string(),
  folderId: z.string(),
  subject: z.string(),
  from: z.array(Address),
  to: z.array(Address),
  cc: z.array(Address),
  /** ISO 8601, or null when the message has no parsable date. */
  date: z.string().nullable(),
  messageId: z.string().nullable(),
  size: z.number().int().nonnegative(),
  flags: Flags,
});

export const Envelope = MessageSummary.extend({
  hasAttachments: z.boolean(),
  /** The start of the body text, one line, when the list asked for it and the source offers it. */
  preview: z.string().max(400).optional(),
});
export type Envelope = z.infer<typeof Envelope>;

/** One page of a folder, newest first or as asked. `total` lets a virtual list size itself before loading. */
export const EnvelopePage = z.object({
  items: z.array(Envelope),
  offset: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
});
export type EnvelopePage = z.infer<typeof EnvelopePage>;

export const Header = z.object({ name: z.string(), value: z.string() });
export type Header = z.infer<typeof Header>;

export {
  AuthenticationReport,
  CalendarEvent,
  ReceivedHop,
  type AuthResult,
  type AuthResultsHeader,
  type AuthVerdict,
  type CalendarTime,
  type DkimSignature,
  type HopHost,
} from './inspection';

export const Attachment = z.object({
  /** MIME part path ("2", "1.3"), unique within the message. */
  partId: z.string(),
  /** Safe to show and to use as a file name: no path separators, controls or bidi overrides. */
  filename: z.string(),
  contentType: z.string(),
  size: z.number().int().nonnegative(),
  /** True for parts shown inside the body (cid: images) rather than offered as files. */
  inline: z.boolean(),
  contentId: z.string().nullable(),
});
export type Attachment = z.infer<typeof Attachment>;

/** A flattened MIME tree in document order; `depth` 0 is the message itself. */
export const MimePart = z.object({
  path: z.string(),
  depth: z.number().int().nonnegative(),
  contentType: z.string(),
  charset: z.string().nullable(),
  transferEncoding: z.string().nullable(),
  disposition: z.string().nullable(),
  filename: z.string().nullable(),
  /** Bytes of the encoded part body as it stands in the message. */
  size: z.number().int().nonnegative(),
  /** The part's own header fields, decoded for display (the message's for the root). */
  headers: z.array(Header),
  /** A leaf part: its decoded body can be saved. Containers (multipart, message/rfc822) hold parts. */
  leaf: z.boolean(),
});
export type MimePart = z.infer<typeof MimePart>;

/** An inline image the HTML body refers to by cid:, ready to show (data: URL). */
export const InlineImage = z.object({ contentId: z.string(), dataUrl: z.string() });
export type InlineImage = z.infer<typeof InlineImage>;

export const MessageView = MessageSummary.extend({
  bcc: z.array(Address),
  replyTo: z.array(Address),
  /** Every header in message order, unfolded and decoded for display. */
  headers: z.array(Header),
  text: z.string().nullable(),
  /** The message's own HTML, unsanitised: the renderer sanitises it and shows it sandboxed. */
  html: z.string().nullable(),
  inlineImages: z.array(InlineImage),
  attachments: z.array(Attachment),
  mimeTree: z.array(MimePart),
  /** The route, first hop first (see shared/inspection.ts). */
  received: z.array(ReceivedHop),
  authentication: AuthenticationReport,
  /** Calendar invitations in text/calendar parts, each event once. */
  calendar: z.array(CalendarEvent),
  notices: z.array(ErrorInfo),
});
export type MessageView = z.infer<typeof MessageView>;

export const AppInfo = z.object({
  version: z.string(),
  /** Where the UI runs: the Electron app, or the browser harness. */
  host: z.enum(['electron', 'harness']),
  platform: z.string(),
  /** The host can show native open dialogs (Browse…). */
  nativeDialogs: z.boolean(),
  /** Files above this size ask for confirmation before they are opened. */
  largeFileBytes: z.number().int().positive(),
});
export type AppInfo = z.infer<typeof AppInfo>;

/* ---- Mailbox profiles (Microsoft 365 shared mailboxes) ---- */

/** The last "Test connection" of a profile in this session: what the sidebar shows as its state. */
export const ConnectionCheck = z.object({
  status: z.enum(['ok', 'failed']),
  at: z.iso.datetime(),
  /** For a failure: the step that failed and its cause, short enough for a tooltip. */
  summary: z.string(),
});
export type ConnectionCheck = z.infer<typeof ConnectionCheck>;

/** The person a delegated sign-in belongs to: what the UI shows as "Signed in as …". */
export const SignedInAccount = z.object({
  /** The sign-in name (UPN), e.g. megan@contoso.com. */
  username: z.string(),
  /** Display name, when the identity platform gave one. */
  name: z.string().nullable(),
});
export type SignedInAccount = z.infer<typeof SignedInAccount>;

/**
 * Who is signed in for a delegated profile. Profiles with the same tenant, app (client ID) and
 * cloud share one sign-in: one person's tokens open every shared mailbox they may use.
 */
export const DelegatedSignIn = z.object({
  /** Equal for profiles that share the sign-in (opaque; not a secret). */
  signInId: z.string(),
  /** Null: nobody is signed in (never was, signed out, or the sign-in was removed). */
  account: SignedInAccount.nullable(),
});
export type DelegatedSignIn = z.infer<typeof DelegatedSignIn>;

export const ProfileSummary = Profile.extend({
  /** A client secret or certificate key is in the keychain (never the value itself); always true for delegated. */
  secretStored: z.boolean(),
  lastCheck: ConnectionCheck.nullable(),
  /** Delegated profiles: who is signed in. Null for app-only profiles. */
  signIn: DelegatedSignIn.nullable(),
});
export type ProfileSummary = z.infer<typeof ProfileSummary>;

export const SIGN_IN_METHODS = ['browser', 'device-code'] as const;
export const SignInMethod = z.enum(SIGN_IN_METHODS);
export type SignInMethod = z.infer<typeof SignInMethod>;

/**
 * A sign-in that has started: what the person needs to finish it. Never a token; the device code
 * itself stays in the main process (only the short user code the person types is here).
 */
export const SignInFlow = z.discriminatedUnion('method', [
  z.object({
    flowId: z.string(),
    method: z.literal('browser'),
    /** The sign-in page opened in the system browser, to open again or copy if it did not appear. */
    url: z.string(),
    /** False when the system browser could not be started: the person opens `url` themselves. */
    browserOpened: z.boolean(),
  }),
  z.object({
    flowId: z.string(),
    method: z.literal('device-code'),
    /** Where to enter the code (https://microsoft.com/devicelogin in the global cloud). */
    url: z.string(),
    userCode: z.string(),
    expiresAt: z.iso.datetime(),
  }),
]);
export type SignInFlow = z.infer<typeof SignInFlow>;

export const KeychainStatus = z.object({
  available: z.boolean(),
  message: z.string().optional(),
  hint: z.string().optional(),
});
export type KeychainStatus = z.infer<typeof KeychainStatus>;

export const ProfilesState = z.object({
  profiles: z.array(ProfileSummary),
  /** Things that happened while loading: a file set aside, an upgrade. */
  notices: z.array(ErrorInfo),
  keychain: KeychainStatus,
});
export type ProfilesState = z.infer<typeof ProfilesState>;

/**
 * A credential as the user enters it, sent once from the wizard to the main process, which puts
 * it in the keychain. It never travels the other way.
 */
export const SecretInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('client-secret'), value: z.string().min(1).max(4096) }).strict(),
  z
    .object({
      kind: z.literal('certificate-pem'),
      /** Certificate (and chain) PEM; may also hold the private key. */
      pem: z.string().min(1).max(262_144),
      /** The private key, when it is a separate file. */
      keyPem: z.string().max(262_144).optional(),
      /** For an encrypted private key. */
      passphrase: z.string().max(1024).optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('certificate-pfx'),
      pfxBase64: z.string().min(1).max(1_000_000),
      passphrase: z.string().max(1024),
    })
    .strict(),
]);
export type SecretInput = z.infer<typeof SecretInput>;

/** Public facts about a certificate, for the wizard to show as the user picks one. */
export const CertificateFacts = z.object({
  subject: z.string(),
  issuer: z.string(),
  thumbprintSha1: z.string(),
  thumbprintSha256: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
  keyBits: z.number().int().nullable(),
  warnings: z.array(z.string()),
});
export type CertificateFacts = z.infer<typeof CertificateFacts>;

export const ImportReport = z.object({
  imported: z.array(ProfileSummary),
  problems: z.array(
    z.object({ index: z.number().int(), name: z.string().nullable(), messages: z.array(z.string()) }),
  ),
  /** Entries that carried secret-looking fields, which were dropped. */
  ignoredSecretFields: z.number().int().nonnegative(),
});
export type ImportReport = z.infer<typeof ImportReport>;
