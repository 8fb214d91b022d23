import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Api } from '../../../shared/ipc';
import { isExecutableAttachment } from '../../../shared/attachment-risk';
import type { MessageView } from '../../../shared/model';
import { AttachedMessages } from '../attached/attached-messages';
import type { Layer } from '../attached/layer';
import { AppError } from '../common/app-error';
import type { Host } from '../host';
import { sanitizeFilename } from '../mime/attachment-filename';
import type { MailSource, RawStream } from '../common/source';
import { decodeParts, missingParts, unknownPart } from './part-stream';
import { type MarkFile, markOfTheWeb } from './mark-of-the-web';
import { SaveHandles, type SaveHandleKind } from './save-handles';
import { Transfers } from '../transfers/transfers';
import { analyzerFor } from '../report/analyze-source';
import { writeReportFiles } from '../report/save-report';
import { type IfExists, openSaveTarget, type SaveTarget } from './save-target';

type SaveApi = Pick<
  Api,
  | 'messages.saveEml'
  | 'messages.savePart'
  | 'messages.saveAll'
  | 'messages.saveReport'
  | 'messages.openPart'
  | 'files.pickSaveTarget'
  | 'files.defaultFolder'
>;

interface MessageRef {
  sourceId: string;
  folderId: string;
  messageId: string;
  /** An attached message (shared/attached.ts), read from the outer message's bytes. */
  attached?: readonly string[] | undefined;
}

/**
 * Saving from a message to disk: the message as stored (.eml), one decoded part, every attachment
 * into a folder, or a part opened with the system's app. Bytes stream from the source to the file;
 * file names that come from the message are sanitised and checked to stay in the chosen folder;
 * nothing is overwritten unless the request says so.
 */
export function createSaveMethods(
  host: Host,
  sourceOf: (id: string) => MailSource,
  /** Shared with big-message downloads, which report progress the same way. */
  transfers: Transfers = new Transfers(),
  options: {
    /** Destinations the host's dialog chose, by handle. */
    handles?: SaveHandles;
    /** Gives every file written here the OS's "came from the internet" mark. */
    markFile?: MarkFile;
    /** The report's clock (tests pass a fixed one). */
    now?: () => Date;
    /** Attached messages and Outlook items: where their bytes and parts come from. */
    nested?: AttachedMessages;
  } = {},
): SaveApi {
  const handles = options.handles ?? new SaveHandles();
  const markFile = options.markFile ?? markOfTheWeb();
  const nested = options.nested ?? new AttachedMessages(sourceOf);
  // The report analyses the message as messages.analyze does (service.ts), so the two always agree.
  const analyze = analyzerFor(sourceOf, nested);

  /** The message as a Layer when it is attached or not MIME; null for a top-level MIME message (streamed). */
  const layerOf = async (ref: MessageRef): Promise<Layer | null> => {
    if (!ref.attached?.length && !sourceOf(ref.sourceId).itemFormat) return null;
    return nested.layer(ref, ref.attached ?? []);
  };

  /** The view the part list comes from, at whatever depth the message is. */
  const viewOf = async (ref: MessageRef): Promise<MessageView> =>
    ref.attached?.length
      ? nested.view(ref, ref.attached)
      : sourceOf(ref.sourceId).getMessage(ref.folderId, ref.messageId);

  /**
   * Where a save goes, and whether it may replace a file there. A handle from the host's own dialog
   * names the path that dialog chose (which asked before replacing); a typed path is taken only where
   * the host says its page is the user's own (the harness): the desktop renderer is untrusted.
   */
  const destination = (
    request: { handle?: string | undefined; path?: string | undefined },
    kind: SaveHandleKind,
    ifExists: IfExists,
  ): { path: string; ifExists: IfExists } => {
    if (request.handle !== undefined) return { path: handles.take(request.handle, kind), ifExists };
    if (request.path !== undefined && host.typedSavePaths) return { path: request.path, ifExists };
    throw new AppError('SAVE_TARGET_REFUSED');
  };

  /** The message's bytes, counted and cancellable under `operationId`; call done() when finished. */
  const rawStream = async (
    ref: MessageRef,
    operationId: string | undefined,
  ): Promise<{ stream: Readable; done: () => void }> => {
    const { sourceId, folderId, messageId } = ref;
    const source = sourceOf(sourceId);
    const layer = await layerOf(ref);
    let raw: RawStream;
    if (layer) {
      raw = { stream: Readable.from([layer.bytes]), size: layer.bytes.length };
    } else if (source.openRaw) {
      raw = await source.openRaw(folderId, messageId);
    } else {
      const bytes = await source.getRaw(folderId, messageId);
      raw = { stream: Readable.from([bytes]), size: bytes.length };
    }
    return transfers.track(operationId, raw.stream, raw.size);
  };

  const savePartTo = async (
    ref: MessageRef,
    partPath: string,
    path: string,
    ifExists: IfExists,
    operationId?: string,
  ) => {
    const layer = await layerOf(ref);
    if (layer && layer.kind !== 'eml') return writePart(layer, partPath, path, ifExists);
    let target: SaveTarget | null = null;
    const raw = await rawStream(ref, operationId);
    try {
      const decoded = await decodeParts(
        raw.stream,
        new Map([
          [
            partPath,
            async () => {
              target = await openSaveTarget(path, ifExists);
              return target.stream;
            },
          ],
        ]),
      );
      const opened = target as SaveTarget | null;
      if (!opened || decoded.length === 0) throw unknownPart(partPath);
      await opened.commit();
      const marked = await markFile(opened.path);
      return { path: opened.path, name: baseName(opened.path), bytes: decoded[0]?.bytes ?? 0, marked };
    } catch (error) {
      await (target as SaveTarget | null)?.abort();
      throw error;
    } finally {
      raw.done();
    }
  };

  /** One attachment of an Outlook item or a winmail.dat: its bytes are in memory already. */
  const writePart = async (layer: Layer, partPath: string, path: string, ifExists: IfExists) => {
    const part = await layer.part(partPath);
    const target = await openSaveTarget(path, ifExists);
    try {
      await pipeline(Readable.from([part.bytes]), target.stream);
      await target.commit();
    } catch (error) {
      await target.abort();
      throw error;
    }
    const marked = await markFile(target.path);
    return { path: target.path, name: baseName(target.path), bytes: part.bytes.length, marked };
  };

  return {
    'messages.saveEml': async ({ path: typed, handle, ifExists: asked, operationId, ...ref }) => {
      const { path, ifExists } = destination({ handle, path: typed }, 'file', asked);
      const raw = await rawStream(ref, operationId);
      try {
        const target = await openSaveTarget(path, ifExists).catch((error: unknown) => {
          raw.stream.destroy();
          throw error;
        });
        try {
          await pipeline(raw.stream, target.stream);
          await target.commit();
          await markFile(target.path);
          return { path: target.path, name: baseName(target.path), bytes: target.stream.bytesWritten };
        } catch (error) {
          await target.abort();
          throw error;
        }
      } finally {
        raw.done();
      }
    },

    'messages.savePart': async ({ partPath, path: typed, handle, ifExists: asked, operationId, ...ref }) => {
      const { path, ifExists } = destination({ handle, path: typed }, 'file', asked);
      const saved = await savePartTo(ref, partPath, path, ifExists, operationId);
      return { path: saved.path, name: saved.name, bytes: saved.bytes };
    },

    'messages.saveAll': async ({ folder: typed, handle, partPaths, operationId, ...ref }) => {
      const folder = destination({ handle, path: typed }, 'folder', 'keep-both').path;
      const view = await viewOf(ref);
      const chosen = partPaths
        ? view.attachments.filter((attachment) => partPaths.includes(attachment.partId))
        : view.attachments.filter((attachment) => !attachment.inline);
      const absent = (partPaths ?? []).filter((path) => !chosen.some((a) => a.partId === path));
      if (absent[0] !== undefined) throw unknownPart(absent[0]);
      if (chosen.length === 0) {
        throw new AppError('UNKNOWN_PART', 'This message has no attachments to save.', 'Nothing was saved.');
      }
      const base = resolve(folder);
      const layer = await layerOf(ref);
      if (layer && layer.kind !== 'eml') {
        const files = [];
        for (const attachment of chosen) {
          const asked = insideFolder(base, sanitizeFilename(attachment.filename, attachment.contentType));
          const saved = await writePart(layer, attachment.partId, asked, 'keep-both');
          const { marked: _marked, ...file } = saved;
          files.push({ ...file, partPath: attachment.partId, renamed: saved.path !== asked });
        }
        return { folder: base, files };
      }
      const targets = new Map<string, { target: SaveTarget; asked: string }>();
      const sinks = new Map(
        chosen.map((attachment) => [
          attachment.partId,
          async () => {
            const name = sanitizeFilename(attachment.filename, attachment.contentType);
            const asked = insideFolder(base, name);
            const target = await openSaveTarget(asked, 'keep-both');
            targets.set(attachment.partId, { target, asked });
            return target.stream;
          },
        ]),
      );
      const raw = await rawStream(ref, operationId);
      try {
        const decoded = await decodeParts(raw.stream, sinks);
        const missing = missingParts(sinks.keys(), decoded);
        if (missing[0] !== undefined) throw unknownPart(missing[0]);
        const files = [];
        for (const part of decoded) {
          const entry = targets.get(part.partPath);
          if (!entry) continue;
          await entry.target.commit();
          await markFile(entry.target.path);
          files.push({
            partPath: part.partPath,
            path: entry.target.path,
            name: baseName(entry.target.path),
            bytes: part.bytes,
            renamed: entry.target.path !== entry.asked,
          });
        }
        return { folder: base, files };
      } catch (error) {
        await Promise.all([...targets.values()].map((entry) => entry.target.abort()));
        throw error;
      } finally {
        raw.done();
      }
    },

    'messages.saveReport': async ({
      path: typed,
      handle,
      ifExists: asked,
      maskRecipients,
      operationId,
      ...ref
    }) => {
      const { path, ifExists } = destination({ handle, path: typed }, 'file', asked);
      const view = await viewOf(ref);
      const analysis = await analyze({ ...ref, ...(operationId ? { operationId } : {}) });
      const saved = await writeReportFiles(view, analysis, path, ifExists, {
        maskRecipients,
        generator: `Mailscope ${host.version}`,
        ...(options.now ? { now: options.now() } : {}),
      });
      return { ...saved.html, json: saved.json };
    },

    'messages.openPart': async ({ partPath, confirmed, ...ref }) => {
      if (!host.openFile) {
        throw new AppError(
          'UNSUPPORTED',
          'Opening attachments with another app works only in the desktop app.',
          'In this browser window, save the attachment and open it from your Downloads folder.',
        );
      }
      const view = await viewOf(ref);
      const part = view.mimeTree.find((candidate) => candidate.path === partPath && candidate.leaf);
      if (!part) throw unknownPart(partPath);
      const attachment = view.attachments.find((candidate) => candidate.partId === partPath);
      const name = sanitizeFilename(attachment?.filename ?? part.filename, part.contentType);
      if (!confirmed && isExecutableAttachment(name, part.contentType)) {
        throw new AppError(
          'CONFIRMATION_REQUIRED',
          `${name} is a type of file that can run programs on your computer.`,
        );
      }
      // A private folder per open (mode 0700): nothing else on the machine can swap the file.
      const folder = await mkdtemp(join(tmpdir(), 'mailscope-open-'));
      const saved = await savePartTo(ref, partPath, join(folder, name), 'fail');
      // Opened without its mark, a macro document or a script would skip the OS's own checks.
      if (!saved.marked) {
        await rm(folder, { recursive: true, force: true });
        throw new AppError(
          'UNSUPPORTED',
          'Mailscope could not mark this file as coming from the internet, so it did not open it.',
          'Save it instead and open it from your file manager.',
        );
      }
      await host.openFile(saved.path);
      return { opened: true };
    },

    'files.pickSaveTarget': async (request) => {
      if (!host.pickSaveTarget) {
        throw new AppError('UNSUPPORTED', 'This window cannot show a save dialog: type the path instead.');
      }
      const path = await host.pickSaveTarget(request);
      return { handle: path === null ? null : handles.issue(path, request.kind) };
    },

    'files.defaultFolder': async () => ({
      folder: host.defaultSaveFolder?.() ?? downloadsFolder(),
      separator: sep === '\\' ? '\\' : '/',
    }),
  };
}

/**
 * `name` joined onto `folder`, refusing anything that would land elsewhere. Names are sanitised
 * already; this is the second lock on the same door, so a future change to sanitising cannot
 * open it.
 */
export function insideFolder(folder: string, name: string): string {
  const path = resolve(folder, name);
  if (dirname(path) !== resolve(folder) || name === '' || name === '.' || name === '..') {
    throw new AppError(
      'SAVE_PATH_INVALID',
      `The attachment name “${name.slice(0, 100)}” cannot be used as a file name.`,
    );
  }
  return path;
}

function downloadsFolder(): string {
  const downloads = join(homedir(), 'Downloads');
  return existsSync(downloads) ? downloads : homedir();
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf(sep) + 1);
}
