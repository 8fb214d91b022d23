import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeMessage } from '../../../../electron/core/analysis';
import { inputOf } from '../../../../electron/core/attached/analysis-input';
import { AttachedMessages } from '../../../../electron/core/attached/attached-messages';
import type { MailSource } from '../../../../electron/core/common/source';

const fixture = (name: string) => readFileSync(new URL(`../../../fixtures/outlook/${name}`, import.meta.url));
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('analysis input from Outlook formats', () => {
  it('analyses a .msg: its transport headers, body links, attachments and embedded item', async () => {
    const input = await inputOf('msg', fixture('embedded.msg'), 0);
    expect(input.attachedMessages.map((m) => m.filename)).toEqual(['Original_ your mailbox is full.msg']);
    const analysis = await analyzeMessage(input);
    expect(analysis.attachedMessages[0]?.subject).toBe('Original: your mailbox is full');
    // The embedded item's own file is hashed, labelled by where it sits.
    const quota = analysis.iocs.attachments.find((a) => a.filename === 'mailbox-quota.txt');
    expect(quota?.sha256).toBe(sha256('Quota: 99 %\n'));
    expect(analysis.iocs.urls.map((u) => u.url)).toContain('https://login.example.com/');

    const invoice = await analyzeMessage(await inputOf('msg', fixture('invoice.msg'), 0));
    expect(invoice.iocs.urls.map((u) => u.url)).toContain('https://pay.example.net/4471');
    expect(invoice.iocs.ips.map((ip) => ip.ip)).toContain('192.0.2.10');
    expect(invoice.verdict).toBeDefined();
  });

  it('analyses winmail.dat’s files like any attachment, inside the .eml that carries it', async () => {
    const analysis = await analyzeMessage(await inputOf('eml', fixture('winmail.eml'), 0));
    expect(analysis.attachedMessages.map((m) => m.label)).toEqual(['winmail.dat']);
    const labels = analysis.iocs.attachments.map((a) => a.label);
    expect(labels).toEqual(expect.arrayContaining(['winmail.dat › budget.csv', 'winmail.dat › notes.txt']));
    const budget = analysis.iocs.attachments.find((a) => a.filename === 'budget.csv');
    expect(budget?.sha256).toBe(sha256('quarter,amount\nQ1,100\nQ2,250\n'));
    // The broken .msg next to it stays a hashed attachment; the analysis still completes.
    expect(labels).toContain('broken.msg');
  });

  it('analyses attached messages the reader opened, .eml or .msg, from the kept bytes', async () => {
    const source = {
      kind: 'eml',
      getRaw: async () => fixture('reported-phish.eml'),
    } as unknown as MailSource;
    const nested = new AttachedMessages(() => source);
    const layer = await nested.layer({ sourceId: 's', folderId: 'f', messageId: 'm' }, ['2', '2']);
    const inner = await analyzeMessage(await inputOf(layer.kind, layer.bytes, 0));
    expect(inner.iocs.urls.map((u) => u.url)).toContain('https://login.attacker.example/reset');
    const msg = await nested.layer({ sourceId: 's', folderId: 'f', messageId: 'm' }, ['3']);
    expect(msg.kind).toBe('msg');
    const item = await analyzeMessage(await inputOf(msg.kind, msg.bytes, 0));
    expect(item.attachedMessages.map((m) => m.subject)).toEqual(['Original: your mailbox is full']);
  });
});
