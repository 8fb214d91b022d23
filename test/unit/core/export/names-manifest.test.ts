import { describe, expect, it } from 'vitest';
import {
  emlName,
  isExportName,
  truncateBytes,
  UniqueNames,
} from '../../../../electron/core/export/file-names';
import {
  MANIFEST_COLUMNS,
  manifestHeader,
  manifestLine,
  type ManifestRow,
  parseManifest,
  quoteCell,
  sumsLine,
} from '../../../../electron/core/export/manifest';
import { HeaderCollector, headerFacts } from '../../../../electron/core/export/message-facts';
import { uidSet } from '../../../../electron/core/export/imap-reader';
import { planResume, rowKey } from '../../../../electron/core/export/resume';

const SHA_A = 'a'.repeat(64);
const SHA_B = 'b'.repeat(64);

function row(overrides: Partial<ManifestRow> = {}): ManifestRow {
  return {
    mailbox: 'finance@contoso.example',
    folder: 'INBOX',
    uid: '7',
    uidvalidity: '1700000000',
    message_id: '<a@b>',
    date: '2026-01-05T08:00:00.000Z',
    from: 'Ops <ops@contoso.example>',
    to: 'x@contoso.example',
    subject: 'Invoice',
    size: '1234',
    sha256: SHA_A,
    file: '00001_2026-01-05_Invoice.eml',
    ...overrides,
  };
}

describe('export file names', () => {
  it('numbers, dates and keeps the subject readable', () => {
    expect(emlName({ index: 42, date: '2026-01-05T08:00:00.000Z', subject: 'Invoice 1234' })).toBe(
      '00042_2026-01-05_Invoice 1234.eml',
    );
    expect(emlName({ index: 1, date: 'Mon, garbage', subject: '' })).toBe('00001_undated.eml');
  });

  it('cannot leave the folder or carry characters Windows, sha256sum or a terminal would trip on', () => {
    const name = emlName({ index: 3, date: null, subject: '../../etc/passwd\\x:y*?"<>|\n\r\t\u202eexe.eml' });
    expect(name).not.toMatch(/[/\\:*?"<>|\n\r\t\u202e]/);
    expect(name.startsWith('00003_')).toBe(true);
    expect(isExportName(name)).toBe(true);
  });

  it('keeps names short in bytes without cutting a character in two', () => {
    const name = emlName({ index: 1, date: null, subject: '€'.repeat(500) });
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(120);
    expect(name).toMatch(/^00001_undated_€+\.eml$/);
    expect(truncateBytes('a€b', 3)).toBe('a');
  });

  it('never ends a stem with dots or spaces (Windows drops them) nor starts one like a device name', () => {
    expect(emlName({ index: 1, date: null, subject: 'Hello. . .' })).toBe('00001_undated_Hello.eml');
    expect(emlName({ index: 1, date: null, subject: 'CON' })).toBe('00001_undated_CON.eml');
  });

  it('hands out names unique regardless of case', () => {
    const names = new UniqueNames(['00001_undated_A.eml']);
    expect(names.claim('00001_undated_a.eml')).toBe('00001_undated_a-2.eml');
    expect(names.claim('00001_undated_a.eml')).toBe('00001_undated_a-3.eml');
    expect(names.claim('00002_undated_b.eml')).toBe('00002_undated_b.eml');
  });
});

describe('manifest.csv', () => {
  it('quotes every cell, doubles quotes, and ends lines with CRLF', () => {
    const line = manifestLine(row({ subject: 'He said "pay", now' }));
    expect(line.endsWith('\r\n')).toBe(true);
    expect(line).toContain('"He said ""pay"", now"');
    expect(manifestHeader()).toBe(`\ufeff${MANIFEST_COLUMNS.join(',')}\r\n`);
  });

  it('turns cells a spreadsheet would run as formulas into text', () => {
    for (const evil of ['=HYPERLINK("http://x")', '+1+1', '-2', '@SUM(A1)', '\tx', '\rx']) {
      expect(quoteCell(evil).startsWith(`"'`)).toBe(true);
    }
    expect(quoteCell('Invoice -2')).toBe('"Invoice -2"');
  });

  it('reads back exactly what it wrote, drops a line cut short and ignores a foreign file', () => {
    const rows = [
      row(),
      row({ uid: '8', subject: "=cmd|' /C calc'!A0", from: "'quoted", to: 'a,b\r\nc' }),
      row({ uid: '9', subject: "'=already" }),
    ];
    const text = manifestHeader() + rows.map(manifestLine).join('');
    expect(parseManifest(text)).toEqual(rows);
    const cut = text + manifestLine(row({ uid: '10' })).slice(0, 30);
    expect(parseManifest(cut)).toEqual(rows);
    expect(parseManifest('name,size\r\n"a","1"\r\n')).toEqual([]);
  });
});

describe('SHA256SUMS', () => {
  it('writes GNU binary-mode lines and refuses names its format would escape', () => {
    expect(sumsLine(SHA_A, '00001_undated.eml')).toBe(`${SHA_A} *00001_undated.eml\n`);
    expect(() => sumsLine(SHA_A, 'a\\b.eml')).toThrow();
    expect(() => sumsLine(SHA_A, 'a\nb.eml')).toThrow();
  });
});

describe('header facts for the manifest', () => {
  it('reads the first of each field, unfolds, decodes encoded words and normalises the date', () => {
    const head = Buffer.from(
      'Message-ID: <id-1@contoso.example>\r\nDate: Mon, 05 Jan 2026 09:00:00 +0100\r\n' +
        'From: =?UTF-8?B?SsO8cmdlbg==?= <j@contoso.example>\r\nTo: a@contoso.example,\r\n b@contoso.example\r\n' +
        'Subject: first\r\nSubject: second\r\n\r\nSubject: in the body\r\n',
    );
    expect(headerFacts(head)).toEqual({
      messageId: '<id-1@contoso.example>',
      date: '2026-01-05T08:00:00.000Z',
      from: 'Jürgen <j@contoso.example>',
      to: 'a@contoso.example, b@contoso.example',
      subject: 'first',
    });
  });
});

describe('reading a header as it streams past', () => {
  it('knows the header is complete when its blank line spans two chunks, and reads no body', () => {
    const collector = new HeaderCollector();
    collector.push(Buffer.from('Subject: split\r\nFrom: a@b\r\n\r'));
    expect(collector.done).toBe(false);
    collector.push(Buffer.from('\nSubject: body line\r\n'));
    expect(collector.done).toBe(true);
    expect(collector.facts()).toMatchObject({ subject: 'split', from: 'a@b' });
  });
});

describe('IMAP UID sets', () => {
  it('names runs as ranges so a command stays short', () => {
    expect(uidSet([5, 1, 2, 3, 7, 9, 10])).toBe('1:3,5,7,9:10');
    expect(uidSet(Array.from({ length: 2000 }, (_, i) => i + 1))).toBe('1:2000');
  });
});

describe('resume decisions', () => {
  it('keeps rows whose file hashes to the manifest, and drops missing, changed, foreign or repeated ones', async () => {
    const files: Record<string, string> = {
      '00001_2026-01-05_Invoice.eml': SHA_A,
      '00002_x.eml': SHA_B,
      '00004_x.eml': SHA_A,
    };
    const intact = row();
    const changed = row({ uid: '8', file: '00002_x.eml', sha256: SHA_A });
    const missing = row({ uid: '9', file: '00003_x.eml' });
    const foreign = row({ uid: '10', file: '../evil.eml' });
    const twice = row({ file: '00004_x.eml' });
    const plan = await planResume(
      [intact, changed, missing, foreign, twice],
      async (file) => files[file] ?? null,
    );
    expect([...plan.done.keys()]).toEqual([rowKey(intact)]);
    expect(plan.dropped).toEqual([changed, missing, foreign, twice]);
  });
});
