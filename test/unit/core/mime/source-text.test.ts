import { describe, expect, it } from 'vitest';
import { sourceText } from '../../../../electron/core/mime/source-text';

describe('sourceText', () => {
  it('shows NUL and other control bytes as visible control pictures, one for one', () => {
    const bytes = Buffer.concat([Buffer.from('a'), Buffer.from([0x00, 0x1b, 0x07, 0x7f]), Buffer.from('b')]);
    expect(sourceText(bytes)).toBe('a\u2400\u241b\u2407\u2421b');
  });

  it('keeps tabs and line breaks, and shows invalid UTF-8 as U+FFFD', () => {
    expect(sourceText(Buffer.from('x\ty\r\nz\n'))).toBe('x\ty\r\nz\n');
    expect(sourceText(Buffer.from([0x61, 0xff, 0x62]))).toBe('a\ufffdb');
  });
});
