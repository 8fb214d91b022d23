import { realpath } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Api } from '../../../shared/ipc';
import type { Profile } from '../../../shared/profile';
import { AppError } from '../common/app-error';
import type { Host } from '../host';
import { withFsErrors } from '../common/fs-errors';
import { LocalMailSource } from '../local/local-source';
import { openLocal } from '../local/open-local';
import { openMaildir } from '../local/open-maildir';
import type { MailSource } from '../common/source';
import { profileOrigin, type SourceRegistry } from './source-registry';

type SourceMethodNames =
  | 'sources.openSample'
  | 'sources.openPath'
  | 'sources.openProfile'
  | 'sources.pickPath'
  | 'sources.close'
  | 'sources.refresh';

export interface SourceMethodsOptions {
  readonly host: Host;
  /** The bundled sample Maildir that sources.openSample opens. */
  readonly samplePath: string;
  /** Files above this size are refused until the user confirms. */
  readonly largeFileBytes: number;
  /** The stored profile, after the cloud policy allowed it. */
  readonly profile: (profileId: string) => Promise<Profile>;
  /** Opens a profile's mailbox over IMAP or POP3 (read-only). */
  readonly openMailbox: (profile: Profile) => MailSource;
}

/** Opening, refreshing and closing mail sources: a file or folder, the sample, a profile's mailbox. */
export function createSourceMethods(
  registry: SourceRegistry,
  options: SourceMethodsOptions,
): Pick<Api, SourceMethodNames> {
  const { host, samplePath, largeFileBytes } = options;
  return {
    'sources.openSample': async () => {
      const dir = await withFsErrors(samplePath, () => realpath(samplePath));
      return registry.open(
        `sample:${dir}`,
        async () => new LocalMailSource(await openMaildir(dir, { kind: 'sample', name: 'Sample mailbox' })),
      );
    },

    'sources.openPath': async ({ path, allowLarge }) => {
      const target = await withFsErrors(path, () => realpath(resolve(path)));
      return registry.open(`path:${target}`, () =>
        openLocal(target, { largeFileBytes, allowLarge: allowLarge ?? false }),
      );
    },

    'sources.openProfile': async ({ profileId }) => {
      const profile = await options.profile(profileId);
      try {
        return await registry.open(profileOrigin(profileId), async () => options.openMailbox(profile));
      } catch (error) {
        // Signing in or listing folders failed: keep no half-open session behind the error.
        await registry.closeOrigin(profileOrigin(profileId));
        throw error;
      }
    },

    'sources.pickPath': async ({ kind }) => {
      if (!host.pickPath)
        throw new AppError('UNSUPPORTED', 'This window cannot show a file dialog: type the path instead.');
      return { path: await host.pickPath(kind) };
    },

    'sources.close': async ({ sourceId }) => ({ closed: await registry.close(sourceId) }),

    'sources.refresh': async ({ sourceId, folderId }) => {
      const source = registry.sourceOf(sourceId);
      await source.refresh?.(folderId);
      return registry.summarise(sourceId, source);
    },
  };
}
