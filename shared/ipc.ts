import { z } from 'zod';
import type { Method } from './channels';
import type { Result } from './errors';
import { Analysis } from './analysis';
import { DiagnosticReport } from './diagnostics';
import { EventBatch, MAX_EVENT_WAIT_MS } from './events';
import {
  AppInfo,
  CertificateFacts,
  EnvelopePage,
  ImportReport,
  ListSort,
  MessageView,
  ProfilesState,
  ProfileSummary,
  SecretInput,
  SignedInAccount,
  SignInFlow,
  SignInMethod,
  SourceSummary,
} from './model';
import { ProfileDraft } from './profile';
import { SearchQuery } from './search';

/**
 * The contract between the renderer and the main process (or the harness): one entry per method,
 * a zod schema for what the renderer sends and one for what it gets back. Requests are parsed
 * strictly on the trusted side, because the renderer is not trusted; responses are parsed too, so
 * nothing outside the schema (a token, a path it should not see) can ride along.
 */

const id = z.string().min(1).max(512);
const Empty = z.object({}).strict();
/** A MIME part path as MessageView.mimeTree and Attachment.partId give it ("", "1", "2.1", "3.TEXT"). */
const partPath = z
  .string()
  .max(200)
  .regex(/^(?:\d+(?:\.\d+)*(?:\.TEXT)?)?$/, 'Expected a MIME part path such as "2" or "1.3".');
/**
 * An attached message (shared/attached.ts): the part paths to follow from the outer message inwards,
 * ["3"] for the message attached as part 3, ["3", "2"] for the one attached to that. Longer than
 * MAX_ATTACHED_DEPTH is refused by the engine with ATTACHED_TOO_DEEP, a clearer answer than a schema error.
 */
const attached = z
  .array(partPath.refine((path) => path !== '', 'Expected an attachment part path.'))
  .min(1)
  .max(64);
const messageRef = { sourceId: id, folderId: id, messageId: id, attached: attached.optional() };
/** A path the user typed in the harness's own save dialog; the desktop app refuses these. */
const savePath = z.string().trim().min(1, 'Enter where to save the file.').max(4096);
/** The opaque, one-time answer of files.pickSaveTarget: the renderer never learns or names the path. */
const saveHandle = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'Expected a save handle.');
/** A destination is a handle from the host's dialog or (harness only) a typed path: exactly one. */
const exactlyOne = (a: unknown, b: unknown) => (a === undefined) !== (b === undefined);
/** Where one file goes (saveEml, savePart), and what to do when it exists. */
const fileDestination = { path: savePath.optional(), handle: saveHandle.optional() };
const oneFileDestination = (r: { path?: string; handle?: string }) => exactlyOne(r.handle, r.path);
const ONE_FILE_DESTINATION = 'Give either a save handle or a path.';
/**
 * What to do when the file exists: `fail` (FILE_EXISTS, so the UI can ask), `replace` (the user
 * confirmed, or a native dialog asked already), `keep-both` (save as "name (1).ext").
 */
const IfExists = z.enum(['fail', 'replace', 'keep-both']);
/**
 * Chosen by the renderer for a transfer it follows (`transfer.progress` events) and may cancel
 * (transfers.cancel): a save, or the download of a big message.
 */
const operationId = z
  .string()
  .regex(/^[A-Za-z0-9-]{8,64}$/, 'Expected an operation id (letters, digits, dashes).');
const SavedFile = z.object({
  path: z.string(),
  /** The name it was saved under: different from the one asked for after keep-both. */
  name: z.string(),
  bytes: z.number().int().nonnegative(),
});

/** Which message the reader shows; messages.analyze takes the same, so both address messages alike. */
const MessageGetRequest = z
  .object({
    sourceId: id,
    folderId: id,
    messageId: id,
    attached: attached.optional(),
    /** Track the download under this id (transfer.progress events, transfers.cancel): big messages. */
    operationId: operationId.optional(),
  })
  .strict();

export const CONTRACT = {
  'app.getInfo': { request: Empty, response: AppInfo },
  /** "Copy diagnostics": version, platform and the last log lines, redacted, as one text. */
  'app.diagnostics': { request: Empty, response: z.object({ text: z.string() }).strict() },
  'sources.openSample': { request: Empty, response: SourceSummary },
  'sources.openPath': {
    request: z
      .object({
        path: z.string().trim().min(1, 'Enter the path of a file or folder.').max(4096),
        /** The user confirmed opening a file above AppInfo.largeFileBytes. */
        allowLarge: z.boolean().optional(),
      })
      .strict(),
    response: SourceSummary,
  },
  /** A shared mailbox over IMAP or POP3, as its profile says; browsing is read-only. */
  'sources.openProfile': {
    request: z.object({ profileId: id }).strict(),
    response: SourceSummary,
  },
  'sources.pickPath': {
    request: z.object({ kind: z.enum(['file', 'folder']) }).strict(),
    response: z.object({ path: z.string().nullable() }),
  },
  /** New mail since the source was opened: the folder's snapshot moves, the counts are fresh. */
  'sources.refresh': {
    request: z.object({ sourceId: id, folderId: id }).strict(),
    response: SourceSummary,
  },
  'sources.close': {
    request: z.object({ sourceId: id }).strict(),
    response: z.object({ closed: z.boolean() }),
  },
  'messages.list': {
    request: z
      .object({
        sourceId: id,
        folderId: id,
        offset: z.number().int().nonnegative(),
        limit: z.number().int().min(1).max(500),
        /** Only the messages that match, in the same order (parseSearch reads the search box). */
        query: SearchQuery.optional(),
        /** Absent: newest first. Only what the source's ListCapabilities offer; anything else is UNSUPPORTED. */
        sort: ListSort.optional(),
        /** Add each envelope's preview line; only where ListCapabilities.preview says it is cheap. */
        preview: z.boolean().optional(),
      })
      .strict(),
    response: EnvelopePage,
  },
  /**
   * Stops the search running in a folder, if any: its `messages.list` answers CANCELLED. On IMAP
   * the server cannot be told to stop a SEARCH, so the connection is dropped and comes back.
   */
  'messages.cancelSearch': {
    request: z.object({ sourceId: id, folderId: id }).strict(),
    response: z.object({ cancelled: z.boolean() }),
  },
  'messages.get': { request: MessageGetRequest, response: MessageView },
  /**
   * The triage analysis of the message the reader shows (shared/analysis.ts): addressed exactly as
   * messages.get is (the same schema object), read offline from the bytes already fetched.
   */
  'messages.analyze': { request: MessageGetRequest, response: Analysis },
  /** The message as stored, for the reader's Source view: decoded as UTF-8 for display, capped. */
  'messages.raw': {
    request: z.object(messageRef).strict(),
    response: z.object({
      text: z.string(),
      size: z.number().int().nonnegative(),
      /** Only the first RAW_VIEW_BYTES were sent. */
      truncated: z.boolean(),
    }),
  },
  /**
   * Waits (up to waitMs) for events after the cursor `after`, and answers at once if there are
   * some already. The renderer keeps one call open at a time.
   */
  'events.next': {
    request: z
      .object({
        after: z.number().int().nonnegative(),
        waitMs: z.number().int().min(0).max(MAX_EVENT_WAIT_MS).optional(),
      })
      .strict(),
    response: EventBatch,
  },
  /** The message exactly as stored, byte for byte, streamed from the source to the file. */
  'messages.saveEml': {
    request: z
      .object({
        ...messageRef,
        ...fileDestination,
        ifExists: IfExists,
        operationId: operationId.optional(),
      })
      .strict()
      .refine(oneFileDestination, ONE_FILE_DESTINATION),
    response: SavedFile,
  },
  /** One MIME part, transfer-decoded (base64, quoted-printable): what the sender attached. */
  'messages.savePart': {
    request: z
      .object({
        ...messageRef,
        partPath,
        ...fileDestination,
        ifExists: IfExists,
        operationId: operationId.optional(),
      })
      .strict()
      .refine(oneFileDestination, ONE_FILE_DESTINATION),
    response: SavedFile,
  },
  /**
   * The triage report of a message: a self-contained HTML page (no remote content) at the place
   * chosen, and the same as JSON beside it (same name, .json; never replacing a file there).
   */
  'messages.saveReport': {
    request: z
      .object({
        ...messageRef,
        ...fileDestination,
        ifExists: IfExists,
        /** Replace the recipients' addresses and names with "[recipient N]", for sharing. */
        maskRecipients: z.boolean(),
        operationId: operationId.optional(),
      })
      .strict()
      .refine(oneFileDestination, ONE_FILE_DESTINATION),
    response: SavedFile.extend({ json: SavedFile }),
  },
  /**
   * Several parts (default: every attachment that is not shown inside the body) into one folder,
   * under their sanitised names; a name already there gets a number, nothing is overwritten.
   */
  'messages.saveAll': {
    request: z
      .object({
        ...messageRef,
        folder: savePath.optional(),
        handle: saveHandle.optional(),
        partPaths: z.array(partPath).max(1000).optional(),
        operationId: operationId.optional(),
      })
      .strict()
      .refine((r) => exactlyOne(r.handle, r.folder), 'Give either a save handle or a folder.'),
    response: z.object({
      folder: z.string(),
      files: z.array(
        SavedFile.extend({
          partPath: z.string(),
          /** Its name was taken in the folder, so it was saved with a number ("name (1).ext"). */
          renamed: z.boolean(),
        }),
      ),
    }),
  },
  /**
   * Saves a part to a private temporary folder and opens it with the system's default app (desktop
   * only). A type that can run code is refused with CONFIRMATION_REQUIRED until `confirmed` is true.
   */
  'messages.openPart': {
    request: z.object({ ...messageRef, partPath, confirmed: z.boolean() }).strict(),
    response: z.object({ opened: z.boolean() }),
  },
  /**
   * A native save dialog (file) or folder picker; UNSUPPORTED where there are none (the harness).
   * Answers a one-time handle for the place chosen (null: cancelled), to pass as `handle` to one save.
   */
  'files.pickSaveTarget': {
    request: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('file'), suggestedName: z.string().min(1).max(255) }).strict(),
      z.object({ kind: z.literal('folder') }).strict(),
    ]),
    response: z.object({ handle: z.string().nullable() }),
  },
  /** Stops a running save; it then fails with CANCELLED and leaves no file behind. */
  'transfers.cancel': {
    request: z.object({ operationId }).strict(),
    response: z.object({ cancelled: z.boolean() }),
  },
  /** Where saves go unless the user picks another folder (Downloads), and the path separator. */
  'files.defaultFolder': {
    request: Empty,
    response: z.object({ folder: z.string(), separator: z.enum(['/', '\\']) }),
  },
  /**
   * Hands a sanitised message document to the frame origin (shared/frame.ts) and answers the URL
   * the reader's frame loads it from. The frame gets its own CSP from the host, not from the page.
   */
  'frames.put': {
    request: z.object({ html: z.string().max(48 * 1024 * 1024), allowRemote: z.boolean() }).strict(),
    response: z.object({ url: z.string() }),
  },
  'links.open': {
    request: z.object({ url: z.string().min(1).max(8192) }).strict(),
    response: z.object({ opened: z.boolean() }),
  },
  'profiles.list': { request: Empty, response: ProfilesState },
  'profiles.save': {
    request: z
      .object({
        /** Absent: create. Present: update that profile. */
        id: id.optional(),
        draft: ProfileDraft,
        /** Absent keeps the stored credential (an edit that changes only the name, say). */
        secret: SecretInput.optional(),
      })
      .strict(),
    response: ProfileSummary,
  },
  'profiles.duplicate': { request: z.object({ id }).strict(), response: ProfileSummary },
  'profiles.remove': { request: z.object({ id }).strict(), response: z.object({ removed: z.boolean() }) },
  'profiles.export': {
    request: z.object({ ids: z.array(id).max(1000).optional() }).strict(),
    response: z.object({ json: z.string(), count: z.number().int().nonnegative() }),
  },
  'profiles.import': {
    request: z.object({ json: z.string().min(1).max(5_000_000) }).strict(),
    response: ImportReport,
  },
  'profiles.inspectCertificate': {
    request: z.object({ secret: SecretInput }).strict(),
    response: CertificateFacts,
  },
  'profiles.adminScript': {
    request: z
      .object({
        id,
        servicePrincipalObjectId: z.string().max(64).optional(),
        /** Delegated profiles: the person to grant FullAccess (default: a placeholder). */
        person: z.string().max(320).optional(),
      })
      .strict(),
    response: z.object({ powershell: z.string() }),
  },
  /**
   * Delegated sign-in, as request/response calls only: `start` opens the system browser (or gets a
   * device code) and answers at once with what the person needs; `wait` answers when the sign-in
   * ends (signed in, or the error that ended it); `cancel` ends it early.
   */
  'auth.start': {
    request: z.object({ profileId: id, method: SignInMethod }).strict(),
    response: SignInFlow,
  },
  'auth.wait': {
    request: z.object({ flowId: id }).strict(),
    response: z.object({ account: SignedInAccount }),
  },
  'auth.cancel': {
    request: z.object({ flowId: id }).strict(),
    response: z.object({ cancelled: z.boolean() }),
  },
  /** Removes the signed-in account and its tokens from the keychain, for every profile sharing it. */
  'auth.signOut': {
    request: z.object({ profileId: id }).strict(),
    response: z.object({ signedOut: z.boolean() }),
  },
  'diagnostics.run': {
    request: z.union([
      z.object({ profileId: id }).strict(),
      /** "Test connection" in the wizard, before saving. */
      z.object({ draft: ProfileDraft, secret: SecretInput.optional(), profileId: id.optional() }).strict(),
    ]),
    response: DiagnosticReport,
  },
} as const satisfies Record<Method, { request: z.ZodType; response: z.ZodType }>;

// Both directions: every Method has a contract entry (above) and every entry is a Method (here).
const contractCoversOnlyMethods: Record<keyof typeof CONTRACT, true> = {} as Record<Method, true>;
void contractCoversOnlyMethods;

export type Request<M extends Method> = z.input<(typeof CONTRACT)[M]['request']>;
export type ParsedRequest<M extends Method> = z.output<(typeof CONTRACT)[M]['request']>;
export type Response<M extends Method> = z.output<(typeof CONTRACT)[M]['response']>;

/** What the trusted side implements: one async function per method. Throw AppError to fail. */
export type Api = { [M in Method]: (request: ParsedRequest<M>) => Promise<Response<M>> };

/** What the renderer calls: the same methods, every answer a Result. */
export interface ApiClient {
  invoke<M extends Method>(method: M, request: Request<M>): Promise<Result<Response<M>>>;
}

export { METHODS, channelOf, isMethod, type Method } from './channels';
