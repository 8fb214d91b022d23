import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openLocal } from '../../../../electron/core/local/open-local';
import { appErrorOf, tempDir } from '../helpers';

const FIXTURES = new URL('../../../fixtures/outlook/', import.meta.url);

async function copied(name: string, as = name): Promise<string> {
  const path = join(await tempDir(), as);
  await copyFile(new URL(name, FIXTURES), path);
  return path;
}

describe('Outlook files opened from disk', () => {
  it('opens a .msg like a .eml: one message, listed by its own fields', async () => {
    const source = await openLocal(await copied('invoice.msg'));
    expect(source.itemFormat).toBe('msg');
    const [folder] = await source.listFolders();
    const page = await source.listEnvelopes(folder?.id ?? '', 0, 10, { preview: true });
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({
      subject: 'Invoice 4471 overdue',
      from: [{ name: 'Payroll Team', address: 'payroll@example.net' }],
      hasAttachments: true,
      date: '2026-11-30T09:57:00.000Z',
    });
    expect(page.items[0]?.preview).toContain('Please pay invoice 4471');
    const view = await source.getMessage(folder?.id ?? '', page.items[0]?.id ?? '');
    expect(view.attachments.map((a) => a.filename)).toEqual(['invoice-4471.pdf']);
    await source.close();
  });

  it('opens a winmail.dat too, and refuses a malformed .msg by name', async () => {
    const tnef = await openLocal(await copied('winmail.dat'));
    expect(tnef.itemFormat).toBe('tnef');
    const error = await appErrorOf(openLocal(await copied('malformed.msg')));
    expect(error.code).toBe('MSG_MALFORMED');
    expect(error.message).toContain('This Outlook item (.msg) is malformed');
  });
});
