import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createDispatch } from '../../../electron/core/dispatch';
import { createEngine } from '../../../electron/core/engine';
import { MemorySecretStore } from '../../../electron/core/secrets/secret-store';
import type { EnvelopePage, SourceSummary } from '../../../shared/model';
import { tempDir } from './helpers';

const samplePath = fileURLToPath(new URL('../../../resources/sample-mailbox', import.meta.url));

describe('the bundled sample mailbox', () => {
  it(
    'opens through the service with the expected folders, and every message parses',
    { timeout: 30_000 },
    async () => {
      const { api } = createEngine({
        host: { kind: 'harness', version: '0.0.0', openExternal: async () => {} },
        samplePath,
        profilesDir: await tempDir(),
        secrets: new MemorySecretStore(),
      });
      const internal: unknown[] = [];
      const dispatch = createDispatch(api, { onInternalError: (_method, error) => internal.push(error) });
      const call = async (method: string, payload: unknown): Promise<unknown> => {
        const result = await dispatch(method, payload);
        if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
        return result.value;
      };

      const summary = (await call('sources.openSample', {})) as SourceSummary;
      expect(summary).toMatchObject({ kind: 'sample', name: 'Sample mailbox', notices: [] });
      expect(summary.folders[0]).toMatchObject({ name: 'Inbox', role: 'inbox', selectable: true });
      const roles = Object.fromEntries(summary.folders.map((folder) => [folder.path, folder.role]));
      expect(roles).toMatchObject({
        'Sent Items': 'sent',
        Drafts: 'drafts',
        'Deleted Items': 'trash',
        'Junk Email': 'junk',
        Archive: 'archive',
        'Archive/2025': null,
      });
      for (const folder of summary.folders) expect(folder.name).not.toMatch(/&[A-Za-z0-9+,]*-/);
      expect(summary.folders.some((folder) => /[^ -~]/.test(folder.name))).toBe(true);

      let parsed = 0;
      for (const folder of summary.folders.filter((candidate) => candidate.selectable)) {
        const page = (await call('messages.list', {
          sourceId: summary.id,
          folderId: folder.id,
          offset: 0,
          limit: 500,
        })) as EnvelopePage;
        expect(page.total).toBe(folder.total);
        expect(page.items.filter((item) => !item.flags.seen)).toHaveLength(folder.unread);
        for (const envelope of page.items) {
          await call('messages.get', { sourceId: summary.id, folderId: folder.id, messageId: envelope.id });
          parsed++;
        }
      }
      expect(parsed).toBeGreaterThan(10);
      expect(internal).toEqual([]);
    },
  );
});
