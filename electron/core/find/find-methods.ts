import type { AppEvent, SearchFolderEvent } from '../../../shared/events';
import type { FolderFailure, MailboxFinding, LookupTarget, SearchAllResult } from '../../../shared/find';
import type { Api } from '../../../shared/ipc';
import { AppError, toErrorInfo } from '../common/app-error';
import type { MailSource } from '../common/source';
import { type FolderOutcome, scanFolders } from './fan-out';
import { folderReaderOf, type FolderReader, type FolderTarget } from './folder-reader';
import { FolderProgress, RunningSearches } from './running-searches';

type FindMethodNames = 'messages.searchAll' | 'messages.findMessageId';

export interface FindMethodsOptions {
  readonly sourceOf: (sourceId: string) => MailSource;
  /** Opens a profile's mailbox as sources.openProfile does (or finds it open): its source id. */
  readonly openProfile: (profileId: string) => Promise<{ id: string }>;
  /** A profile's display name, for a mailbox that could not be opened. */
  readonly profileName: (profileId: string) => Promise<string>;
  readonly publish: (event: AppEvent) => void;
  /** The least time between two progress events of one fan-out, the last one aside (default 200 ms). */
  readonly progressIntervalMs?: number;
}

/**
 * Finding messages beyond one folder (shared/find.ts): a search in every folder of a source, and
 * a Message-ID in every folder of several mailboxes. Each folder with something to say goes out
 * as a `search.folder` event the moment it is done; the answer sums up when all are.
 */
export function createFindMethods(options: FindMethodsOptions): {
  methods: Pick<Api, FindMethodNames>;
  searches: RunningSearches;
} {
  const searches = new RunningSearches();
  const interval = options.progressIntervalMs ?? 200;
  const { publish } = options;

  const folderEvent = (
    searchId: string,
    sourceId: string,
    folder: FolderTarget,
    found: { total: number; items: SearchFolderEvent['items'] } | { error: FolderFailure['error'] },
  ): SearchFolderEvent => ({
    type: 'search.folder',
    searchId,
    sourceId,
    folderId: folder.id,
    folderPath: folder.path,
    ...('error' in found ? { total: 0, items: [], error: found.error } : found),
  });

  /** Runs `body` as the fan-out `searchId`; a cancel before it could start anything is CANCELLED. */
  const running = async <T>(searchId: string, body: (signal: AbortSignal) => Promise<T>): Promise<T> => {
    const signal = searches.start(searchId);
    try {
      return await body(signal);
    } catch (error) {
      if (signal.aborted) throw new AppError('CANCELLED', undefined, undefined, { cause: error });
      throw error;
    } finally {
      searches.end(searchId, signal);
    }
  };

  const methods: Pick<Api, FindMethodNames> = {
    'messages.searchAll': ({ sourceId, query, searchId }) =>
      running(searchId, async (signal): Promise<SearchAllResult> => {
        const reader = folderReaderOf(options.sourceOf(sourceId));
        const folders = await reader.folders(signal);
        const progress = new FolderProgress(searchId, folders.length, publish, interval);
        const hits = new Map<string, { folderId: string; folderPath: string; total: number }>();
        const failed: FolderFailure[] = [];
        let matches = 0;
        const done = await scanFolders(
          { reader, folders, signal, progress },
          (folder) => reader.search(folder, query, signal),
          (folder, outcome) => {
            if (!outcome.ok) {
              failed.push({ folderId: folder.id, folderPath: folder.path, error: outcome.error });
              publish(folderEvent(searchId, sourceId, folder, outcome));
            } else if (outcome.value.total > 0) {
              matches += outcome.value.total;
              hits.set(folder.id, {
                folderId: folder.id,
                folderPath: folder.path,
                total: outcome.value.total,
              });
              publish(folderEvent(searchId, sourceId, folder, outcome.value));
            }
          },
        ).finally(() => progress.end());
        return {
          folders: folders.length,
          done,
          matches,
          // In folder-tree order, whatever order the folders finished in.
          hits: folders.flatMap((folder) => hits.get(folder.id) ?? []),
          failed: inTreeOrder(folders, failed),
          cancelled: signal.aborted,
        };
      }),

    'messages.findMessageId': ({ messageId, targets, searchId }) =>
      running(searchId, async (signal) => {
        const mailboxes = await Promise.all(targets.map((target) => openTarget(target, signal)));
        const total = mailboxes.reduce((sum, mailbox) => sum + mailbox.folders.length, 0);
        const progress = new FolderProgress(searchId, total, publish, interval);
        // Each mailbox has its own connection budget, so they are searched side by side.
        await Promise.all(
          mailboxes.map(({ finding, reader, folders }) => {
            if (!reader || finding.sourceId === null) return Promise.resolve(0);
            const sourceId = finding.sourceId;
            return scanFolders(
              { reader, folders, signal, progress },
              (folder) => reader.findMessageId(folder, messageId, signal),
              (folder, outcome) => {
                recordLookup(finding, folder, outcome);
                if (!outcome.ok) publish(folderEvent(searchId, sourceId, folder, outcome));
                else if (outcome.value.length > 0)
                  publish(
                    folderEvent(searchId, sourceId, folder, {
                      total: outcome.value.length,
                      items: outcome.value,
                    }),
                  );
              },
            );
          }),
        ).finally(() => progress.end());
        for (const { finding, folders } of mailboxes) {
          finding.failed = inTreeOrder(folders, finding.failed);
          const order = new Map(folders.map((folder, index) => [folder.id, index]));
          finding.found.sort((a, b) => (order.get(a.folderId) ?? 0) - (order.get(b.folderId) ?? 0));
        }
        return {
          messageId,
          mailboxes: mailboxes.map((mailbox) => mailbox.finding),
          cancelled: signal.aborted,
        };
      }),
  };

  /** A target's source, name and folders; a mailbox that cannot be opened is reported, not thrown. */
  async function openTarget(
    target: LookupTarget,
    signal: AbortSignal,
  ): Promise<{ finding: MailboxFinding; reader?: FolderReader; folders: FolderTarget[] }> {
    const profileId = 'profileId' in target ? target.profileId : null;
    const finding: MailboxFinding = {
      name: profileId ?? '',
      profileId,
      sourceId: null,
      folders: 0,
      found: [],
      failed: [],
    };
    try {
      if (profileId) finding.name = await options.profileName(profileId).catch(() => profileId);
      const sourceId =
        'profileId' in target ? (await options.openProfile(target.profileId)).id : target.sourceId;
      const source = options.sourceOf(sourceId);
      finding.name = source.name;
      finding.sourceId = sourceId;
      const reader = folderReaderOf(source);
      const folders = await reader.folders(signal);
      finding.folders = folders.length;
      return { finding, reader, folders };
    } catch (error) {
      if (signal.aborted) throw error;
      finding.error = toErrorInfo(error);
      return { finding, folders: [] };
    }
  }

  return { methods, searches };
}

function recordLookup(
  finding: MailboxFinding,
  folder: FolderTarget,
  outcome: FolderOutcome<MailboxFinding['found'][number]['envelope'][]>,
): void {
  if (!outcome.ok) {
    finding.failed.push({ folderId: folder.id, folderPath: folder.path, error: outcome.error });
    return;
  }
  for (const envelope of outcome.value)
    finding.found.push({ folderId: folder.id, folderPath: folder.path, envelope });
}

function inTreeOrder(folders: readonly FolderTarget[], failed: FolderFailure[]): FolderFailure[] {
  const order = new Map(folders.map((folder, index) => [folder.id, index]));
  return [...failed].sort((a, b) => (order.get(a.folderId) ?? 0) - (order.get(b.folderId) ?? 0));
}
