import { describe, expect, it } from 'vitest';
import { SYSTEM_PACKAGES } from '../../../scripts/system-packages.mjs';
import { EXPECTED_FONTS, fontProblem, type FontResolver } from '../../../scripts/font-check.mjs';

/** The screenshot tests' font check: one line naming the missing Debian package, not a pixel diff. */

/** fontconfig as it answers on a machine with the given families installed (Noto Sans the default). */
function machine(installed: string[]): FontResolver {
  const has = new Set(installed);
  return (pattern) => {
    const expected = EXPECTED_FONTS.find((font) => font.pattern === pattern);
    if (expected && has.has(expected.family)) return expected.family;
    if (has.has(pattern)) return pattern;
    return 'Noto Sans';
  };
}

const everything = [...new Set(EXPECTED_FONTS.map((font) => font.family))];

describe('fontProblem', () => {
  it('passes where every family resolves as it did for the baselines', () => {
    expect(fontProblem(machine(everything))).toBeNull();
  });

  it('names fonts-liberation2 in one line where Arial and Helvetica fall back to Noto Sans', () => {
    const problem = fontProblem(machine(everything.filter((f) => !f.startsWith('Liberation'))));
    expect(problem).not.toBeNull();
    expect(problem?.split('\n')).toHaveLength(1);
    expect(problem).toContain('missing Debian package fonts-liberation2 ');
    expect(problem).toContain('Arial → Noto Sans, not Liberation Sans');
    expect(problem).not.toContain('fonts-noto-cjk');
  });

  it('names every missing package once', () => {
    const problem = fontProblem(machine(['Noto Sans', 'DejaVu Sans', 'DejaVu Sans Mono']));
    expect(problem).toContain('missing Debian package fonts-liberation2 fonts-noto-cjk ');
  });

  it('says when an extra font wins over an installed expected one', () => {
    const base = machine(everything);
    const problem = fontProblem((pattern) => (pattern === 'Segoe UI' ? 'Selawik' : base(pattern)));
    expect(problem).toContain('Segoe UI → Selawik, not Noto Sans');
    expect(problem).not.toContain('missing');
  });

  it('says to install fontconfig where fc-match does not run', () => {
    expect(fontProblem(() => null)).toContain('install the Debian package fontconfig');
  });

  it('every package it names is one the set-up installs', () => {
    for (const font of EXPECTED_FONTS) expect(SYSTEM_PACKAGES).toContain(font.debianPackage);
    expect(SYSTEM_PACKAGES).toContain('fontconfig');
  });
});

// The real check, as the screenshot tests run it (the baselines are Linux ones).
describe.runIf(process.platform === 'linux')('this machine', () => {
  it('resolves every font the screenshots use as the baselines expect', () => {
    expect(fontProblem()).toBeNull();
  });
});
