import { describe, expect, it } from 'vitest';
import { MboxScanner } from '../../../../electron/core/local/mbox-index';
import { unescapeMboxrd } from '../../../../electron/core/local/mbox-escape';
import { openLocal } from '../../../../electron/core/local/open-local';
import type { Folder } from '../../../../shared/model';
import { appErrorOf, message, put, tempDir } from '../helpers';

/** An mboxrd file: each message after a From_ line, `^>*From ` lines quoted, a blank line after each. */
function mbox(messages: readonly string[], eol: '\n' | '\r\n'): string {
  return messages
    .map((text) => {
      const escaped = text.replace(/^(>*From )/gm, '>$1');
      return `From sender@example.com Mon Jan  1 00:00:00 2024${eol}${escaped}${eol}`;
    })
    .join('');
}

function lf(text: string): string {
  return text.replace(/\r\n/g, '\n');
}

const tricky = (eol: '\n' | '\r\n'): string[] =>
  [
    message({ subject: 'First', date: 'Mon, 01 Jan 2024 10:00:00 +0000' }),
    message({
      subject: 'Second',
      date: 'Wed, 03 Jan 2024 10:00:00 +0000',
      body: [
        'Paragraph.',
        '',
        'From here on it gets quoted.',
        '>From an already quoted line',
        'Last line.',
      ].join('\r\n'),
    }),
    message({
      subject: 'Third',
      date: 'Tue, 02 Jan 2024 10:00:00 +0000',
      body: 'From the first line of the body',
    }),
  ].map((text) => (eol === '\n' ? lf(text) : text));

async function openMboxFile(content: string | Buffer, name = 'Archive.mbox') {
  const dir = await tempDir();
  const file = await put(dir, name, content);
  const source = await openLocal(file);
  const folder = (await source.listFolders())[0] as Folder;
  return { source, folder, file };
}

describe.each([
  ['LF', '\n'],
  ['CRLF', '\r\n'],
] as const)('mbox with %s line endings', (_label, eol) => {
  it('indexes every message, un-escapes >From lines, and returns each message byte for byte', async () => {
    const originals = tricky(eol);
    const { source, folder } = await openMboxFile(mbox(originals, eol));
    expect(source.kind).toBe('mbox');
    expect(source.notices).toEqual([]);
    expect(folder).toMatchObject({ name: 'Archive', total: 3, unread: 0, selectable: true, role: null });
    const page = await source.listEnvelopes(folder.id, 0, 10);
    expect(page.items.map((item) => item.subject)).toEqual(['Second', 'Third', 'First']);
    for (const [index, subject] of ['First', 'Second', 'Third'].entries()) {
      const id = page.items.find((item) => item.subject === subject)?.id ?? '';
      const raw = await source.getRaw(folder.id, id);
      expect(raw.toString('utf8')).toBe(originals[index]);
    }
    const second = await source.getMessage(folder.id, page.items[0]?.id ?? '');
    expect(second.text).toContain('\nFrom here on it gets quoted.');
    expect(second.text).toContain('\n>From an already quoted line');
  });
});

describe('truncated mbox', () => {
  const complete = mbox([message({ subject: 'One' }), message({ subject: 'Two' })], '\r\n');

  it.each([
    ['cut mid-header, no final newline', 'From x Mon Jan  1 00:00:00 2024\r\nSubject: Three\r\nTo: somebo'],
    [
      'cut mid-header at a line end',
      'From x Mon Jan  1 00:00:00 2024\r\nSubject: Three\r\nTo: somebody@example.com\r\n',
    ],
    [
      'cut mid-body, no final newline',
      'From x Mon Jan  1 00:00:00 2024\r\nSubject: Three\r\n\r\nThe body was cut he',
    ],
  ])('drops the incomplete last message when %s, with a notice', async (_label, tail) => {
    const { source, folder } = await openMboxFile(complete + tail);
    expect(folder.total).toBe(2);
    expect(source.notices).toHaveLength(1);
    expect(source.notices[0]?.code).toBe('MBOX_TRUNCATED');
    expect(source.notices[0]?.message).toMatch(/message 3\b/);
    expect(source.notices[0]?.message).toMatch(/\b2 complete messages\b/);
    const subjects = (await source.listEnvelopes(folder.id, 0, 10)).items.map((item) => item.subject).sort();
    expect(subjects).toEqual(['One', 'Two']);
  });

  it('keeps a file that ends cleanly', async () => {
    const { source, folder } = await openMboxFile(complete);
    expect(folder.total).toBe(2);
    expect(source.notices).toEqual([]);
  });

  it('fails with MBOX_TRUNCATED when not even the first message is complete', async () => {
    const dir = await tempDir();
    const file = await put(dir, 'cut.mbox', 'From x Mon Jan  1 00:00:00 2024\nSubject: Only\nTo: a@exam');
    const error = await appErrorOf(openLocal(file));
    expect(error.code).toBe('MBOX_TRUNCATED');
    expect(error.message).toContain('cut.mbox');
  });
});

describe('MboxScanner', () => {
  it('finds the same messages whatever the chunk boundaries', () => {
    const bytes = Buffer.from(mbox(tricky('\r\n'), '\r\n') + mbox(tricky('\n'), '\n'));
    const whole = new MboxScanner();
    whole.push(bytes);
    const expected = whole.finish();
    expect(expected.messages).toHaveLength(6);
    for (const size of [1, 2, 3, 5, 7, 64]) {
      const scanner = new MboxScanner();
      for (let offset = 0; offset < bytes.length; offset += size)
        scanner.push(bytes.subarray(offset, offset + size));
      expect(scanner.finish()).toEqual(expected);
    }
  });

  it('treats a From line inside a paragraph as body text', () => {
    const scanner = new MboxScanner();
    scanner.push(Buffer.from('From a Mon Jan  1 00:00:00 2024\nSubject: x\n\nline\nFrom inside\n\n'));
    const index = scanner.finish();
    expect(index.messages).toHaveLength(1);
    expect(index.truncatedAt).toBeNull();
  });
});

describe('unescapeMboxrd', () => {
  it('removes exactly one > from quoted From lines only', () => {
    const input = Buffer.from('>From a\n>>From b\n> From c\nx>From d\n>Frommer\n');
    expect(unescapeMboxrd(input).toString()).toBe('From a\n>From b\n> From c\nx>From d\n>Frommer\n');
  });
});
