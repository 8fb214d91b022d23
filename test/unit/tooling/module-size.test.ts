import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * No product module over 450 lines: past that a file has grown more than one job and is split
 * (by job, or by group as `components/icons/` is). Product code is everything that ships:
 * electron/, renderer/src/ and shared/.
 */
const LIMIT = 450;
const ROOT = join(__dirname, '..', '..', '..');
const PRODUCT = ['electron', join('renderer', 'src'), 'shared'];
const SOURCE = /\.(ts|tsx|js|mjs|cjs)$/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return SOURCE.test(entry.name) ? [path] : [];
  });
}

function lineCount(path: string): number {
  const text = readFileSync(path, 'utf8');
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

describe('product module size', () => {
  const files = PRODUCT.flatMap((folder) => sourceFiles(join(ROOT, folder)));

  it('reads every product folder, the renderer and shared/ included', () => {
    const read = new Set(files.map((file) => relative(ROOT, file).split(/[\\/]/)[0]));
    expect([...read].sort()).toEqual(['electron', 'renderer', 'shared']);
    expect(files.some((file) => file.includes(join('renderer', 'src', 'components', 'icons')))).toBe(true);
  });

  it(`keeps every module at ${LIMIT} lines or fewer`, () => {
    const over = files
      .map((file) => ({ file: relative(ROOT, file), lines: lineCount(file) }))
      .filter(({ lines }) => lines > LIMIT)
      .map(({ file, lines }) => `${file}: ${lines} lines`);
    expect(over).toEqual([]);
  });
});
