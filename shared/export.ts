import { z } from 'zod';
import { ErrorInfo } from './errors';
import { SearchQuery } from './search';

/**
 * Exporting messages as evidence: what to export, in which form, and what came of it. The
 * destination is a folder the user chose (export.prepare); see docs/security.md for the writer.
 */

const id = z.string().min(1).max(512);

/** A folder of .eml files, one mbox file, or one zip; each with manifest.csv and SHA256SUMS. */
export const ExportFormat = z.enum(['eml', 'mbox', 'zip']);
export type ExportFormat = z.infer<typeof ExportFormat>;

/** The most messages one export takes by reference (a folder has no such limit). */
export const MAX_EXPORT_REFS = 1_000_000;

export const ExportSelection = z.discriminatedUnion('kind', [
  /** Chosen messages, or all results of a search (from one folder or many), in export order. */
  z
    .object({
      kind: z.literal('messages'),
      sourceId: id,
      messages: z
        .array(z.object({ folderId: id, messageId: id }).strict())
        .min(1)
        .max(MAX_EXPORT_REFS),
    })
    .strict(),
  /** Every message of a folder as it is when the export starts, oldest first. */
  z.object({ kind: z.literal('folder'), sourceId: id, folderId: id }).strict(),
  /**
   * Every message a search matches in every folder (as messages.searchAll runs it), resolved by the
   * engine when the export starts: all matches, not only those a result list shows.
   */
  z.object({ kind: z.literal('search'), sourceId: id, query: SearchQuery }).strict(),
]);
export type ExportSelection = z.infer<typeof ExportSelection>;

/** A destination folder, checked: what it already holds from an earlier export. */
export const ExportTarget = z.object({
  /** Opaque id of the destination for export.run; the path stays in the engine. */
  target: z.string(),
  /** The folder's path, for the dialog to show. */
  folder: z.string(),
  /** Messages an earlier export left in it (rows of its manifest.csv): a resume skips them if intact. */
  existing: z.number().int().nonnegative(),
});
export type ExportTarget = z.infer<typeof ExportTarget>;

export const ExportFailure = z.object({ folderId: z.string(), messageId: z.string(), error: ErrorInfo });
export type ExportFailure = z.infer<typeof ExportFailure>;

export const ExportResult = z.object({
  folder: z.string(),
  format: ExportFormat,
  /** Evidence files written: manifest.csv, SHA256SUMS, the archive. */
  files: z.array(z.string()),
  total: z.number().int().nonnegative(),
  exported: z.number().int().nonnegative(),
  /** Already there from an earlier run, with matching hashes: not fetched again. */
  skipped: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  bytes: z.number().int().nonnegative(),
  /** Why each failed message could not be exported (deleted meanwhile, refused by the server). */
  failures: z.array(ExportFailure),
});
export type ExportResult = z.infer<typeof ExportResult>;
