import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { codeOf } from '../helpers';
import { msgItem, msgView, tnefView } from '../../../../electron/core/outlook/item-views';
import { type MsgFile, readMsg } from '../../../../electron/core/outlook/msg-file';
import { rtfBody } from '../../../../electron/core/outlook/rtf-body';

const fixture = (name: string) => readFileSync(new URL(`../../../fixtures/outlook/${name}`, import.meta.url));
const META = { id: 'm', folderId: 'f', flags: { seen: true, flagged: false, answered: false, draft: false } };

/** RTF in MS-OXRTFCP's uncompressed form ("MELA"), as some writers store it. */
function uncompressedRtf(rtf: string): Buffer {
  const body = Buffer.from(rtf, 'latin1');
  const header = Buffer.alloc(16);
  header.writeUInt32LE(body.length + 12, 0);
  header.writeUInt32LE(body.length, 4);
  header.writeUInt32LE(0x414c454d, 8);
  return Buffer.concat([header, body]);
}

describe('Outlook items (.msg)', () => {
  it('shows sender, recipients, dates, transport headers, HTML body and attachments', () => {
    const view = msgView(fixture('invoice.msg'), META);
    expect(view.subject).toBe('Invoice 4471 overdue');
    expect(view.from).toEqual([{ name: 'Payroll Team', address: 'payroll@example.net' }]);
    expect(view.to).toEqual([{ name: 'Alex Analyst', address: 'alex@example.org' }]);
    expect(view.cc).toEqual([{ name: 'Finance', address: 'finance@example.org' }]);
    expect(view.date).toBe('2026-11-30T09:57:00.000Z');
    expect(view.messageId).toBe('<outlook-fixture-1@example.net>');
    expect(view.headers.map((h) => h.name)).toContain('Authentication-Results');
    expect(view.received[0]?.from?.ip).toBe('192.0.2.10');
    expect(view.authentication.results.length).toBeGreaterThan(0);
    // Unsanitised here, as any message's HTML: the renderer's sanitiser and sandboxed frame take it.
    expect(view.html).toContain('<b>invoice 4471</b>');
    expect(view.text).toContain('https://pay.example.net/4471');
    expect(view.attachments).toEqual([
      {
        partId: '1',
        filename: 'invoice-4471.pdf',
        contentType: 'application/pdf',
        size: 55,
        inline: false,
        contentId: null,
      },
    ]);
    expect(view.mimeTree.map((p) => [p.path, p.contentType, p.leaf])).toEqual([
      ['', 'application/vnd.ms-outlook', false],
      ['1', 'application/pdf', true],
    ]);
  });

  it('gives an embedded item as a .msg of its own, which reads the same way', () => {
    const outer = readMsg(fixture('embedded.msg'));
    expect(outer.attachments[0]).toMatchObject({ embedded: true, contentType: 'application/vnd.ms-outlook' });
    const inner = msgView(outer.content('1'), META);
    expect(inner.subject).toBe('Original: your mailbox is full');
    expect(inner.attachments.map((a) => a.filename)).toEqual(['mailbox-quota.txt']);
    // Without transport headers, the Headers table shows the item's own fields.
    expect(inner.headers.find((h) => h.name === 'From')?.value).toBe('IT Helpdesk <helpdesk@example.com>');
  });

  it('refuses a malformed or foreign file by name, and an attachment it does not have', () => {
    expect(codeOf(() => readMsg(fixture('malformed.msg')))).toBe('MSG_MALFORMED');
    expect(codeOf(() => readMsg(fixture('winmail.dat')))).toBe('MSG_MALFORMED');
    expect(codeOf(() => readMsg(Buffer.alloc(0)))).toBe('MSG_MALFORMED');
    expect(codeOf(() => readMsg(fixture('invoice.msg')).content('7'))).toBe('UNKNOWN_PART');
    const good = fixture('invoice.msg');
    for (let end = 8; end < good.length; end += 97) {
      expect(['MSG_MALFORMED', 'no error']).toContain(codeOf(() => msgView(good.subarray(0, end), META)));
    }
  });

  it('refuses a compound file whose chains loop before msgreader walks them (it would never stop)', () => {
    const looping = Buffer.from(fixture('invoice.msg'));
    const directory = looping.readInt32LE(0x30);
    const fatSector = looping.readInt32LE(0x4c);
    looping.writeInt32LE(directory, (fatSector + 1) * 512 + directory * 4);
    expect(() => readMsg(looping)).toThrow(/directory chain loops/);
    const oversized = Buffer.from(fixture('invoice.msg'));
    // The root entry's first child, claiming a stream bigger than the file.
    const rootChild = oversized.readInt32LE((directory + 1) * 512 + 0x4c);
    oversized.writeInt32LE(0x7ffffff0, (directory + 1) * 512 + rootChild * 128 + 0x78);
    expect(codeOf(() => readMsg(oversized))).toBe('MSG_MALFORMED');
  });

  it('takes the body from compressed RTF when there is no HTML: encapsulated HTML, or text', () => {
    const html = uncompressedRtf(
      '{\\rtf1\\ansi\\fromhtml1 {\\*\\htmltag64 <p>}Hello RTF{\\*\\htmltag72 </p>}}',
    );
    expect(rtfBody(html)?.html).toContain('<p>Hello RTF</p>');
    const text = uncompressedRtf('{\\rtf1\\ansi\\fromtext Plain words\\par}');
    expect(rtfBody(text)?.text).toContain('Plain words');
    // Rich text that wraps nothing, a header claiming more than is there, garbage: no body, no throw.
    expect(rtfBody(uncompressedRtf('{\\rtf1\\ansi {\\b bold}}'))).toBeNull();
    const lying = uncompressedRtf('{\\rtf1}');
    lying.writeUInt32LE(0x7fffffff, 0);
    expect(rtfBody(lying)).toBeNull();
    expect(rtfBody(Buffer.alloc(40, 0xff))).toBeNull();

    const msg = readMsg(fixture('invoice.msg'));
    const rtfOnly: MsgFile = { ...msg, fields: { ...msg.fields, html: undefined, compressedRtf: html } };
    expect(msgItem(rtfOnly, 1).html).toContain('Hello RTF');
  });

  it('shows a winmail.dat as a message of its files', () => {
    const view = tnefView(fixture('winmail.dat'), META);
    expect(view.subject).toBe('Quarterly figures (rich text)');
    expect(view.attachments.map((a) => a.partId)).toEqual(['1', '2']);
    expect(view.mimeTree[0]?.contentType).toBe('application/ms-tnef');
  });
});
