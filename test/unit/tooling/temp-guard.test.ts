import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { leftoverLine, leftovers, privateTemp, removeTemp, tempEnv } from '../../../scripts/temp-guard.mjs';

/** `npm test` fails a run that leaves anything of ours in its temp folder, naming each entry. */

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) removeTemp(dir);
});

describe('the temp-folder guard of npm test', () => {
  it('names each mailscope-* entry a run left behind, and nothing else', () => {
    const dir = privateTemp();
    made.push(dir);
    expect(leftoverLine(leftovers(dir))).toBeNull();
    mkdirSync(join(dir, 'mailscope-window-abc'));
    writeFileSync(join(dir, 'mailscope-open-x'), '');
    mkdirSync(join(dir, 'playwright-artifacts-1'));
    expect(leftovers(dir)).toEqual(['mailscope-open-x', 'mailscope-window-abc']);
    expect(leftovers(dir, ['mailscope-open-x'])).toEqual(['mailscope-window-abc']);
    const line = leftoverLine(leftovers(dir));
    expect(line?.split('\n')).toHaveLength(1);
    expect(line).toContain('mailscope-open-x, mailscope-window-abc');
  });

  it('points every platform’s temp variable at the run’s own folder', () => {
    expect(tempEnv('/t/x')).toEqual({ TMPDIR: '/t/x', TEMP: '/t/x', TMP: '/t/x' });
  });
});
