import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { codeOf } from '../helpers';
import {
  MAX_TNEF_ATTRIBUTES,
  MAX_TNEF_FILES,
  isTnef,
  readTnef,
} from '../../../../electron/core/outlook/tnef';

const winmail = readFileSync(new URL('../../../fixtures/outlook/winmail.dat', import.meta.url));

function attribute(level: number, id: number, data: Buffer): Buffer {
  const head = Buffer.alloc(9);
  head.writeUInt8(level, 0);
  head.writeUInt32LE(id >>> 0, 1);
  head.writeUInt32LE(data.length, 5);
  return Buffer.concat([head, data, Buffer.alloc(2)]);
}

function tnef(...attributes: Buffer[]): Buffer {
  const signature = Buffer.alloc(6);
  signature.writeUInt32LE(0x223e9f78, 0);
  return Buffer.concat([signature, ...attributes]);
}

describe('readTnef', () => {
  it('reads the subject, the body from the MAPI properties and both files, long names first', () => {
    expect(isTnef(winmail)).toBe(true);
    const contents = readTnef(winmail);
    expect(contents.subject).toBe('Quarterly figures (rich text)');
    expect(contents.text).toBe('The figures are attached: budget.csv and notes.txt.');
    expect(contents.files.map((f) => [f.filename, f.contentType, f.data.toString()])).toEqual([
      ['budget.csv', 'text/csv', 'quarter,amount\nQ1,100\nQ2,250\n'],
      ['notes.txt', null, 'Remember to check the Q2 figure.\n'],
    ]);
  });

  it('refuses by name what is cut short, foreign or out of order, at any byte', () => {
    expect(codeOf(() => readTnef(Buffer.from('not tnef at all')))).toBe('TNEF_MALFORMED');
    // Every truncation of a valid file either reads or fails as TNEF_MALFORMED, never otherwise.
    for (let end = 0; end < winmail.length; end++) {
      const outcome = codeOf(() => readTnef(winmail.subarray(0, end)));
      expect(['TNEF_MALFORMED', 'no error']).toContain(outcome);
    }
    const orphan = tnef(attribute(2, 0x00018010, Buffer.from('a.txt\0')));
    expect(codeOf(() => readTnef(orphan))).toBe('TNEF_MALFORMED');
    const claimsMore = Buffer.concat([tnef(), Buffer.from([1, 4, 0x80, 1, 0, 0xff, 0xff, 0xff, 0x7f])]);
    expect(codeOf(() => readTnef(claimsMore))).toBe('TNEF_MALFORMED');
  });

  it('stops at its bounds instead of walking what a hostile file claims', () => {
    const many = tnef(
      ...Array.from({ length: MAX_TNEF_ATTRIBUTES + 1 }, () => attribute(1, 0x00018004, Buffer.alloc(0))),
    );
    expect(codeOf(() => readTnef(many))).toBe('TNEF_MALFORMED');
    const files = tnef(
      ...Array.from({ length: MAX_TNEF_FILES + 1 }, () => attribute(2, 0x00069002, Buffer.alloc(0))),
    );
    expect(codeOf(() => readTnef(files))).toBe('TNEF_MALFORMED');
    const props = Buffer.alloc(4);
    props.writeUInt32LE(0xffffffff, 0);
    expect(codeOf(() => readTnef(tnef(attribute(1, 0x00069003, props))))).toBe('TNEF_MALFORMED');
  });
});
