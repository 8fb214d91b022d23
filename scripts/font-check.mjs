import { spawnSync } from 'node:child_process';

/**
 * The screenshots in test/e2e/__screenshots__ were taken with the fonts scripts/system-packages.mjs
 * installs. Chromium on Linux asks fontconfig for each family a page names, so a machine without one
 * of those packages (or with an extra font for a family) renders other glyphs, and a pixel diff says
 * nothing about why. The screenshot tests check the resolution first and fail with one line that
 * names the package instead (test/e2e/screens.spec.ts). Dependency-free, like the set-up scripts.
 */

/**
 * Each entry: `pattern`, what a page asks for (a CSS family, or a fontconfig pattern for a script's
 * fallback); `family`, what fontconfig must answer, as it did where the screenshots were made;
 * `debianPackage`, the package that provides `family`.
 *
 * Every family the screens use: the app's --font-ui and --font-mono stacks (renderer/src/app/theme.css),
 * the reader frame's default body font (sanitize-html.ts), and the fonts the sample mailbox's and the
 * test bed's message bodies ask for (Segoe UI, Helvetica, Arial, Calibri, Tahoma), plus the scripts
 * the sample mailbox is written in.
 */
export const EXPECTED_FONTS = [
  { pattern: 'Arial', family: 'Liberation Sans', debianPackage: 'fonts-liberation2' },
  { pattern: 'Helvetica', family: 'Liberation Sans', debianPackage: 'fonts-liberation2' },
  { pattern: 'Liberation Mono', family: 'Liberation Mono', debianPackage: 'fonts-liberation2' },
  { pattern: 'system-ui', family: 'Noto Sans', debianPackage: 'fonts-noto-core' },
  { pattern: 'sans-serif', family: 'Noto Sans', debianPackage: 'fonts-noto-core' },
  { pattern: 'Noto Sans', family: 'Noto Sans', debianPackage: 'fonts-noto-core' },
  { pattern: 'Segoe UI', family: 'Noto Sans', debianPackage: 'fonts-noto-core' },
  { pattern: 'Calibri', family: 'Noto Sans', debianPackage: 'fonts-noto-core' },
  { pattern: 'Tahoma', family: 'Noto Sans', debianPackage: 'fonts-noto-core' },
  { pattern: 'monospace', family: 'DejaVu Sans Mono', debianPackage: 'fonts-dejavu-core' },
  { pattern: 'DejaVu Sans Mono', family: 'DejaVu Sans Mono', debianPackage: 'fonts-dejavu-core' },
  { pattern: 'sans-serif:lang=ar', family: 'DejaVu Sans', debianPackage: 'fonts-dejavu-core' },
  { pattern: 'sans-serif:lang=he', family: 'DejaVu Sans', debianPackage: 'fonts-dejavu-core' },
  { pattern: 'sans-serif:lang=ja', family: 'Noto Sans CJK JP', debianPackage: 'fonts-noto-cjk' },
];

/** fontconfig's answer for a pattern (its first family), or null where fc-match cannot run. */
export function fcMatch(pattern) {
  const run = spawnSync('fc-match', ['-f', '%{family[0]}', pattern], { encoding: 'utf8' });
  return run.status === 0 ? run.stdout.trim() : null;
}

/**
 * Null when every pattern resolves as expected; otherwise the one line to fail with, naming the
 * Debian packages to install (or, where the expected font is there but another wins, the family).
 */
export function fontProblem(resolve = fcMatch, expected = EXPECTED_FONTS) {
  if (resolve('sans-serif') === null) {
    return 'screenshots: fc-match does not run: install the Debian package fontconfig (`node scripts/setup.mjs` as root does).';
  }
  const wrong = expected
    .map((font) => ({ font, got: resolve(font.pattern) }))
    .filter(({ font, got }) => got !== font.family);
  if (wrong.length === 0) return null;
  // A font that is missing outright: its own name resolves to something else.
  const missing = wrong.filter(({ font }) => resolve(font.family) !== font.family);
  if (missing.length > 0) {
    const packages = [...new Set(missing.map(({ font }) => font.debianPackage))];
    const detail = missing.map(({ font, got }) => `${font.pattern} → ${got}, not ${font.family}`);
    return (
      `screenshots: missing Debian package ${packages.join(' ')} (${detail.join('; ')}): ` +
      `run \`node scripts/setup.mjs\` as root, or apt-get install ${packages.join(' ')}.`
    );
  }
  const detail = wrong.map(({ font, got }) => `${font.pattern} → ${got}, not ${font.family}`);
  return (
    `screenshots: a font installed here takes the place of the expected one (${detail.join('; ')}): ` +
    'the screenshots were made with only the fonts of scripts/system-packages.mjs.'
  );
}
