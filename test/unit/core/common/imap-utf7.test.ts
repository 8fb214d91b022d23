import { describe, expect, it } from 'vitest';
import { decodeModifiedUtf7 } from '../../../../electron/core/common/imap-utf7';

describe('decodeModifiedUtf7', () => {
  it.each([
    ['&AMk-quipe', 'Équipe'],
    ['Entw&APw-rfe', 'Entwürfe'],
    ['&ZeVnLIqe-', '日本語'],
    ['Tom &- Jerry', 'Tom & Jerry'],
    ['&2D3eAA-', '😀'],
    ['plain', 'plain'],
  ])('%s -> %s', (encoded, decoded) => {
    expect(decodeModifiedUtf7(encoded)).toBe(decoded);
  });

  it('leaves malformed sequences as they are', () => {
    expect(decodeModifiedUtf7('a&!!-b')).toBe('a&!!-b');
    expect(decodeModifiedUtf7('&AM-')).toBe('&AM-');
  });
});
