import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../../electron/core/engine';
import type { Host } from '../../../../electron/core/host';
import { MemorySecretStore } from '../../../../electron/core/secrets/secret-store';
import { MAX_ATTACHED_DEPTH } from '../../../../shared/attached';
import { appErrorOf, tempDir } from '../helpers';

const FIXTURES = new URL('../../../fixtures/outlook/', import.meta.url);
const fixture = (name: string) => readFile(new URL(name, FIXTURES));

async function setup(name: string) {
  const host: Host = { kind: 'harness', version: '1.0.0', typedSavePaths: true, async openExternal() {} };
  const { api } = createEngine({
    host,
    samplePath: await tempDir(),
    profilesDir: await tempDir(),
    secrets: new MemorySecretStore(),
  });
  const dir = await tempDir();
  const file = join(dir, name);
  await writeFile(file, await fixture(name));
  const source = await api['sources.openPath']({ path: file });
  const folderId = source.folders[0]?.id ?? '';
  const page = await api['messages.list']({ sourceId: source.id, folderId, offset: 0, limit: 1 });
  const ref = { sourceId: source.id, folderId, messageId: page.items[0]?.id ?? '' };
  return { api, ref, out: await tempDir() };
}

describe('attached messages through the Api', () => {
  it('opens an attached message, and the one attached to it, with every panel filled', async () => {
    const { api, ref } = await setup('reported-phish.eml');
    const outer = await api['messages.get'](ref);
    expect(outer.attachments.map((a) => [a.partId, a.contentType])).toEqual([
      ['2', 'message/rfc822'],
      ['3', 'application/vnd.ms-outlook'],
    ]);
    const first = await api['messages.get']({ ...ref, attached: ['2'] });
    expect(first.subject).toBe('FW: Your password expires today');
    expect(first.attachments.map((a) => a.contentType)).toEqual(['message/rfc822']);
    const second = await api['messages.get']({ ...ref, attached: ['2', '2'] });
    expect(second.subject).toBe('Your password expires today');
    expect(second.replyTo).toEqual([{ name: '', address: 'collect@attacker.example' }]);
    expect(second.received).toHaveLength(1);
    expect(second.authentication.results.length).toBeGreaterThan(0);
    expect(second.html).toContain('login.attacker.example');
    const raw = await api['messages.raw']({ ...ref, attached: ['2', '2'] });
    expect(raw.text).toMatch(/^Received: from attacker\.example/);
  });

  it('opens a .msg attached to an .eml and the item embedded in it, and saves that item’s file', async () => {
    const { api, ref, out } = await setup('reported-phish.eml');
    const msg = await api['messages.get']({ ...ref, attached: ['3'] });
    expect(msg.subject).toBe('FW: Your mailbox is full');
    expect(msg.attachments).toMatchObject([
      {
        partId: '1',
        filename: 'Original_ your mailbox is full.msg',
        contentType: 'application/vnd.ms-outlook',
      },
    ]);
    const inner = await api['messages.get']({ ...ref, attached: ['3', '1'] });
    expect(inner.from).toEqual([{ name: 'IT Helpdesk', address: 'helpdesk@example.com' }]);
    expect(inner.text).toContain('https://login.example.com/');
    const path = join(out, 'quota.txt');
    const saved = await api['messages.savePart']({
      ...ref,
      attached: ['3', '1'],
      partPath: '1',
      path,
      ifExists: 'fail',
    });
    expect(saved.bytes).toBe(12);
    expect(await readFile(path, 'utf8')).toBe('Quota: 99 %\n');
  });

  it('saves an attached message as it stands, and a part of it decoded', async () => {
    const { api, ref, out } = await setup('reported-phish.eml');
    const eml = join(out, 'inner.eml');
    await api['messages.saveEml']({ ...ref, attached: ['2', '2'], path: eml, ifExists: 'fail' });
    expect(await readFile(eml, 'utf8')).toMatch(
      /^Received: from attacker\.example[\s\S]*Subject: Your password expires today/,
    );
    const all = await api['messages.saveAll']({ ...ref, attached: ['3'], folder: out });
    expect(all.files.map((file) => file.name)).toEqual(['Original_ your mailbox is full.msg']);
  });

  it('lists, saves and opens winmail.dat’s files, with its body', async () => {
    const { api, ref, out } = await setup('winmail.eml');
    const tnef = await api['messages.get']({ ...ref, attached: ['2'] });
    expect(tnef.subject).toBe('Quarterly figures (rich text)');
    expect(tnef.text).toContain('budget.csv and notes.txt');
    expect(tnef.attachments.map((a) => [a.partId, a.filename, a.contentType])).toEqual([
      ['1', 'budget.csv', 'text/csv'],
      ['2', 'notes.txt', 'application/octet-stream'],
    ]);
    const path = join(out, 'budget.csv');
    await api['messages.savePart']({ ...ref, attached: ['2'], partPath: '1', path, ifExists: 'fail' });
    expect(await readFile(path, 'utf8')).toBe('quarter,amount\nQ1,100\nQ2,250\n');
  });

  it('refuses a part an Outlook item does not have (UNKNOWN_PART), in a .msg and in winmail.dat', async () => {
    const { api, ref, out } = await setup('winmail.eml');
    for (const partPath of ['3', '0', 'x', '1.1']) {
      const path = join(out, `tnef-${partPath}`);
      const error = await appErrorOf(
        api['messages.savePart']({ ...ref, attached: ['2'], partPath, path, ifExists: 'fail' }),
      );
      expect(error.code, partPath).toBe('UNKNOWN_PART');
    }
    const phish = await setup('reported-phish.eml');
    const path = join(phish.out, 'msg-part');
    const error = await appErrorOf(
      phish.api['messages.savePart']({
        ...phish.ref,
        attached: ['3'],
        partPath: '9',
        path,
        ifExists: 'fail',
      }),
    );
    expect(error.code).toBe('UNKNOWN_PART');
  });

  it('answers a named error for a malformed .msg, a part that is no message, and a path too deep', async () => {
    const { api, ref } = await setup('winmail.eml');
    expect((await appErrorOf(api['messages.get']({ ...ref, attached: ['3'] }))).code).toBe('MSG_MALFORMED');
    // The outer message is untouched by its broken attachment.
    expect((await api['messages.get'](ref)).subject).toBe('Quarterly figures');
    const phish = await setup('reported-phish.eml');
    expect((await appErrorOf(phish.api['messages.get']({ ...phish.ref, attached: ['1'] }))).code).toBe(
      'NOT_AN_ATTACHED_MESSAGE',
    );
    const deep = Array.from({ length: MAX_ATTACHED_DEPTH + 1 }, () => '2');
    expect((await appErrorOf(phish.api['messages.get']({ ...phish.ref, attached: deep }))).code).toBe(
      'ATTACHED_TOO_DEEP',
    );
  });

  it('analyses an attached message and a .msg opened from disk through messages.analyze', async () => {
    const { api, ref } = await setup('reported-phish.eml');
    const inner = await api['messages.analyze']({ ...ref, attached: ['2', '2'] });
    expect(inner.iocs.urls.map((u) => u.url)).toContain('https://login.attacker.example/reset');
    const item = await api['messages.analyze']({ ...ref, attached: ['3'] });
    expect(item.attachedMessages.map((m) => m.subject)).toEqual(['Original: your mailbox is full']);
    const msg = await setup('invoice.msg');
    const own = await msg.api['messages.analyze'](msg.ref);
    expect(own.iocs.attachments.map((a) => a.filename)).toEqual(['invoice-4471.pdf']);
    expect(own.iocs.urls.map((u) => u.url)).toContain('https://pay.example.net/4471');
  });
});
