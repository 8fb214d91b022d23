import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { attachmentFacts } from '../../../electron/core/analysis/attachment-facts';
import { attachmentIndicators } from '../../../electron/core/analysis/attachment-indicators';
import { htmlFacts } from '../../../electron/core/analysis/html-facts';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');
const PE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62)]);

/** A ZIP local file header for one entry (APPNOTE 4.3.7), flags as given, no data. */
function zipEntry(name: string, flags = 0): Buffer {
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(20, 4);
  header.writeUInt16LE(flags, 6);
  header.writeUInt16LE(name.length, 26);
  return Buffer.concat([header, Buffer.from(name)]);
}

async function facts(filename: string, content: Buffer, contentType = 'application/octet-stream') {
  return attachmentFacts({ filename, contentType, size: content.length, bytes: content }, filename, '');
}

async function indicatorsOf(filename: string, content: Buffer, contentType?: string) {
  const one = await facts(filename, content, contentType);
  const html = /\.html?$/.test(filename) ? htmlFacts(content.toString()) : undefined;
  return attachmentIndicators([one], () => html).map(
    (indicator) => `${indicator.kind}:${indicator.strength}`,
  );
}

describe('attachment facts and indicators', () => {
  it('hashes each attachment with MD5, SHA-1 and SHA-256 and types it from its first bytes', async () => {
    const result = await facts('logo.png', PNG, 'image/png');
    expect(result).toMatchObject({
      size: PNG.length,
      detectedType: 'image/png',
      detectedExtension: 'png',
      md5: createHash('md5').update(PNG).digest('hex'),
      sha1: createHash('sha1').update(PNG).digest('hex'),
      sha256: createHash('sha256').update(PNG).digest('hex'),
    });
    expect((await facts('empty.bin', Buffer.alloc(0))).detectedType).toBeNull();
  });

  it('flags content that is not what the extension says: strongly when it is a program', async () => {
    expect(await indicatorsOf('invoice.pdf', PE)).toEqual(['content-type-mismatch:strong']);
    expect(await indicatorsOf('photo.gif', PNG)).toEqual(['content-type-mismatch:moderate']);
    expect(await indicatorsOf('photo.png', PNG)).toEqual([]);
    expect(await indicatorsOf('report.docx', zipEntry('word/document.xml'))).toEqual([]);
    expect(await indicatorsOf('no-extension', PE)).toEqual(['content-type-mismatch:strong']);
    expect(await indicatorsOf('setup.exe', PE)).toEqual(['executable-attachment:moderate']);
  });

  it('flags a double extension that hides a program behind a harmless-looking one', async () => {
    expect(await indicatorsOf('invoice.pdf.exe', PE)).toEqual(['double-extension:strong']);
    expect(await indicatorsOf('scan.pdf   .js', Buffer.from('var a=1;'))).toEqual([
      'double-extension:strong',
    ]);
    expect(await indicatorsOf('statement.pdf.html', Buffer.from('<p>hi</p>'))).toEqual([
      'double-extension:strong',
    ]);
    expect(await indicatorsOf('backup.tar.gz', Buffer.from([0x1f, 0x8b, 8, 0]))).toEqual([]);
  });

  it('flags macro-enabled Office files, strongly when a VBA project is inside', async () => {
    expect(await indicatorsOf('budget.xlsm', zipEntry('xl/workbook.xml'))).toEqual([
      'macro-enabled:moderate',
    ]);
    expect(await indicatorsOf('budget.xlsx', zipEntry('xl/vbaProject.bin'))).toEqual([
      'macro-enabled:strong',
    ]);
  });

  it('flags a ZIP whose entries need a password', async () => {
    expect(await indicatorsOf('docs.zip', zipEntry('a.txt', 1))).toEqual(['encrypted-archive:moderate']);
    expect(await indicatorsOf('docs.zip', zipEntry('a.txt', 0))).toEqual([]);
  });

  it('flags an HTML attachment with a form, strongly when it asks for a password', async () => {
    const login = Buffer.from(
      '<form action="https://collect.example/p"><input type="password" name="p"></form>',
    );
    expect(await indicatorsOf('login.html', login, 'text/html')).toEqual(['html-form:strong']);
    expect(
      await indicatorsOf('survey.htm', Buffer.from('<form><input name="q"></form>'), 'text/html'),
    ).toEqual(['html-form:moderate']);
    expect(await indicatorsOf('page.html', Buffer.from('<p>No form</p>'), 'text/html')).toEqual([]);
  });
});
