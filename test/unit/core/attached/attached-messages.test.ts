import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AttachedMessages } from '../../../../electron/core/attached/attached-messages';
import type { MailSource } from '../../../../electron/core/common/source';

const phish = readFileSync(new URL('../../../fixtures/outlook/reported-phish.eml', import.meta.url));

/** A source that only serves bytes, and counts how often (an IMAP source's getRaw is a BODY.PEEK[] fetch). */
function countingSource(): { source: MailSource; reads: string[] } {
  const reads: string[] = [];
  const source = {
    kind: 'imap',
    async getRaw(_folderId: string, messageId: string) {
      reads.push(messageId);
      return phish;
    },
  } as unknown as MailSource;
  return { source, reads };
}

describe('AttachedMessages', () => {
  it('fetches the outer message once for every attached open, save and level', async () => {
    const { source, reads } = countingSource();
    const nested = new AttachedMessages(() => source);
    const ref = { sourceId: 's', folderId: 'f', messageId: 'm1' };
    expect((await nested.view(ref, ['2'])).subject).toBe('FW: Your password expires today');
    expect((await nested.view(ref, ['2', '2'])).subject).toBe('Your password expires today');
    expect((await nested.layer(ref, ['3'])).kind).toBe('msg');
    expect((await nested.view(ref, ['2'])).attachments).toHaveLength(1);
    expect(reads).toEqual(['m1']);
  });

  it('uses bytes a download already fetched, and keeps only the last few messages', async () => {
    const { source, reads } = countingSource();
    const nested = new AttachedMessages(() => source);
    const ref = (id: string) => ({ sourceId: 's', folderId: 'f', messageId: id });
    nested.remember(ref('big'), phish);
    await nested.view(ref('big'), ['2']);
    expect(reads).toEqual([]);
    for (const id of ['a', 'b', 'c', 'd', 'e']) await nested.view(ref(id), ['2']);
    await nested.view(ref('big'), ['2']);
    expect(reads).toEqual(['a', 'b', 'c', 'd', 'e', 'big']);
  });
});
