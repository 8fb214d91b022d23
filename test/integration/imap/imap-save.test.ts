import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImapSource } from '../../../electron/core/imap/imap-source';
import { createSaveMethods } from '../../../electron/core/save/save-methods';
import { CONTOSO, start, type Testbed } from '../../testbed/index';
import { bedSource } from './helpers';
import { expectUntouched } from '../untouched';

/**
 * Saving from a remote source, against real Dovecot: IMAP streams the message (BODY.PEEK[] slices),
 * and the saved part and .eml must equal what the server holds; the mailbox stays untouched.
 */

let bed: Testbed;
let source: ImapSource;
let out: string;

beforeAll(async () => {
  bed = await start({ saslMechanisms: ['xoauth2'] });
  source = await bedSource(bed, CONTOSO.invoices);
  out = await mkdtemp(join(tmpdir(), 'mailscope-imap-save-'));
}, 60_000);

afterAll(async () => {
  await source?.close();
  await rm(out, { recursive: true, force: true });
  if (bed) {
    expectUntouched(bed, [CONTOSO.invoices]);
    await bed.stop();
  }
});

describe('saving from an IMAP mailbox', () => {
  it('saves an attachment decoded and the message byte for byte', async () => {
    const save = createSaveMethods(
      { kind: 'harness', version: '0', typedSavePaths: true, openExternal: async () => {} },
      () => source,
    );
    const page = await source.listEnvelopes('INBOX', 0, 200);
    let found: { id: string; partId: string; filename: string; index: number } | null = null;
    for (const envelope of page.items) {
      const view = await source.getMessage('INBOX', envelope.id);
      const index = view.attachments.findIndex((candidate) => !candidate.inline);
      const attachment = view.attachments[index];
      if (attachment) {
        // MessageView lists attachments in mailparser's order, so the index finds the reference.
        found = { id: envelope.id, partId: attachment.partId, filename: attachment.filename, index };
        break;
      }
    }
    expect(found, 'the invoices fixture has a message with an attachment').not.toBeNull();
    if (!found) return;
    const ref = { sourceId: 'imap', folderId: 'INBOX', messageId: found.id };
    const raw = await source.getRaw('INBOX', found.id);

    const eml = await save['messages.saveEml']({ ...ref, path: join(out, 'message.eml'), ifExists: 'fail' });
    expect(readFileSync(eml.path).equals(raw)).toBe(true);

    const part = await save['messages.savePart']({
      ...ref,
      partPath: found.partId,
      path: join(out, found.filename),
      ifExists: 'fail',
    });
    const reference = (await simpleParser(raw)).attachments[found.index];
    expect(readFileSync(part.path).equals(reference?.content ?? Buffer.alloc(0))).toBe(true);
  });
});
