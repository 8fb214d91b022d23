import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../electron/core/common/app-error';
import type { MailSource } from '../../../../electron/core/common/source';
import { searchItems } from '../../../../electron/core/export/search-selection';
import type { Folder } from '../../../../shared/model';

/**
 * An export of a search in all folders, resolved in the engine: every match of every folder (not
 * only the newest ones a result group shows), folders in tree order and each oldest first, and a
 * folder that cannot be searched stops it rather than leaving the folder out.
 */

function folder(id: string, selectable = true): Folder {
  return { id, name: id, path: `Top/${id}`, parentId: null, role: null, total: 0, unread: 0, selectable };
}

/** A source without pooled reads (local, POP3): `matches` per folder, ids newest first like lists. */
function localSource(matches: Record<string, number>, failing: string | null = null): MailSource {
  const unused = () => Promise.reject(new Error('not used'));
  return {
    kind: 'maildir',
    name: 'Local',
    location: 'test',
    notices: [],
    listFolders: async () => [folder('INBOX'), folder('Root', false), folder('Archive'), folder('Empty')],
    listEnvelopes: unused,
    getMessage: unused,
    getRaw: unused,
    search: async (folderId, _query, offset, limit) => {
      if (folderId === failing) throw new AppError('PERMISSION_DENIED', 'Cannot read the folder.');
      const total = matches[folderId] ?? 0;
      const ids = Array.from({ length: total }, (_, i) => `${folderId}-${total - i}`);
      return {
        items: ids.slice(offset, offset + limit).map((id) => ({ id }) as never),
        offset,
        total,
      };
    },
    close: async () => undefined,
  };
}

describe('searchItems', () => {
  it('takes every match of every folder, paging past the newest ones, oldest first in tree order', async () => {
    const items = await searchItems(
      localSource({ INBOX: 3, Archive: 1203 }),
      { text: 'x' },
      new AbortController().signal,
    );
    expect(items).toHaveLength(1206);
    expect(items.slice(0, 4).map((item) => item.messageId)).toEqual([
      'INBOX-1',
      'INBOX-2',
      'INBOX-3',
      'Archive-1',
    ]);
    expect(items.at(-1)).toEqual({
      folderId: 'Archive',
      messageId: 'Archive-1203',
      uid: 'Archive-1203',
      uidValidity: '',
    });
  });

  it('stops with the folder named when one cannot be searched', async () => {
    await expect(
      searchItems(localSource({ INBOX: 3 }, 'Archive'), { text: 'x' }, new AbortController().signal),
    ).rejects.toMatchObject({ code: 'PERMISSION_DENIED', message: expect.stringContaining('Top/Archive') });
  });

  it('refuses a search that found nothing', async () => {
    await expect(
      searchItems(localSource({}), { text: 'x' }, new AbortController().signal),
    ).rejects.toMatchObject({ code: 'INVALID_REQUEST' });
  });
});
