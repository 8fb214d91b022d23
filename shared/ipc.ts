import { z } from 'zod';
import type { Method } from './channels';
import type { Result } from './errors';
import { DiagnosticReport } from './diagnostics';
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

export const CONTRACT = {
  'app.getInfo': { request: Empty, response: AppInfo },
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
  'messages.get': {
    request: z.object({ sourceId: id, folderId: id, messageId: id }).strict(),
    response: MessageView,
  },
  /** The message as stored, for the reader's Source view: decoded as UTF-8 for display, capped. */
  'messages.raw': {
    request: z.object({ sourceId: id, folderId: id, messageId: id }).strict(),
    response: z.object({
      text: z.string(),
      size: z.number().int().nonnegative(),
      /** Only the first RAW_VIEW_BYTES were sent. */
      truncated: z.boolean(),
    }),
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
    request: z.object({ id, servicePrincipalObjectId: z.string().max(64).optional() }).strict(),
    response: z.object({ powershell: z.string() }),
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
