import { describe, expect, it } from 'vitest';
import { simpleParser } from 'mailparser';
import {
  analysisInputFromParsed,
  MAX_ATTACHED_DEPTH,
  parseForAnalysis,
} from '../../../electron/core/analysis/input';
import { eml } from './messages';

function nested(depth: number): Buffer {
  let message = eml(['From: deepest@depth.example', `Subject: Level ${depth}`], {
    text: `level ${depth} https://l${depth}.example/`,
  });
  for (let level = depth - 1; level >= 0; level--) {
    message = eml(
      ['From: a@depth.example', `Subject: Level ${level}`],
      { text: `level ${level} https://l${level}.example/` },
      [{ filename: `level${level + 1}.eml`, contentType: 'message/rfc822', content: message }],
    );
  }
  return message;
}

describe('AnalysisInput from a parsed message', () => {
  it('reads attached messages as messages of their own, two deep, apart from the one carrying them', async () => {
    const inner = eml(
      ['From: inner@inner.example', 'Subject: Inner'],
      { html: '<a href="https://inner.example/">in</a>', text: 'inner text' },
      [{ filename: 'deep.txt', contentType: 'text/plain', content: Buffer.from('deep') }],
    );
    const middle = eml(['From: middle@middle.example', 'Subject: Middle'], { text: 'middle text' }, [
      { filename: 'inner.eml', contentType: 'message/rfc822', content: inner },
    ]);
    const raw = eml(
      ['From: outer@outer.example', 'Subject: Outer'],
      { html: '<p>outer</p>', text: 'outer text' },
      [
        { filename: 'middle.eml', contentType: 'message/rfc822', content: middle },
        { filename: 'after.pdf', contentType: 'application/pdf', content: Buffer.from('%PDF-1.4') },
      ],
    );
    const input = await parseForAnalysis(raw);
    expect(input.attachments.map((a) => a.filename)).toEqual(['middle.eml', 'after.pdf']);
    expect(input.text).toContain('outer text');
    expect(input.text).not.toContain('middle text');
    expect(input.html).not.toContain('inner.example');
    expect(input.size).toBe(raw.length);
    const [attachedMiddle] = input.attachedMessages;
    expect(attachedMiddle?.filename).toBe('middle.eml');
    expect(attachedMiddle?.message.text).toContain('middle text');
    expect(attachedMiddle?.message.text).not.toContain('inner text');
    expect(attachedMiddle?.message.attachments.map((a) => a.filename)).toEqual(['inner.eml']);
    const attachedInner = attachedMiddle?.message.attachedMessages[0]?.message;
    expect(attachedInner?.html).toContain('https://inner.example/');
    expect(attachedInner?.attachments.map((a) => [a.filename, Buffer.from(a.bytes).toString()])).toEqual([
      ['deep.txt', 'deep'],
    ]);
    expect(attachedInner?.headers.find((h) => h.name === 'Subject')?.value).toBe('Inner');
  });

  it('follows attached messages no deeper than the limit', async () => {
    let input = await parseForAnalysis(nested(MAX_ATTACHED_DEPTH + 2));
    let depth = 0;
    while (input.attachedMessages[0]) {
      input = input.attachedMessages[0].message;
      depth++;
    }
    expect(depth).toBe(MAX_ATTACHED_DEPTH);
  });

  it('builds from a ParsedMail and asks openAttached about other formats', async () => {
    const raw = eml(['From: a@b.example', 'Subject: S'], { text: 't' }, [
      { filename: 'item.msg', contentType: 'application/vnd.ms-outlook', content: Buffer.from('not really') },
    ]);
    const parsed = await simpleParser(raw, { skipTextToHtml: true });
    const asked: string[] = [];
    const input = await analysisInputFromParsed(parsed, raw, {
      openAttached: async (attachment, depth) => {
        asked.push(`${attachment.filename}@${depth}`);
        return {
          headers: [{ name: 'Subject', value: 'From the msg' }],
          html: null,
          text: null,
          attachments: [],
          attachedMessages: [],
          size: 1,
        };
      },
    });
    expect(asked).toEqual(['item.msg@1']);
    expect(input.attachedMessages.map((m) => [m.filename, m.message.headers[0]?.value])).toEqual([
      ['item.msg', 'From the msg'],
    ]);
  });
});
