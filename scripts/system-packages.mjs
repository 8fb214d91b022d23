/**
 * Debian packages the tests need, in one place: `npm run setup` installs them and .ci/run calls
 * setup, so the README and CI cannot drift apart.
 */
export const SYSTEM_PACKAGES = [
  // Playwright drives Debian's Chromium: its own browser download is not reachable from our machines.
  'chromium',
  // Fonts for stable screenshots and for the sample mailbox's scripts (Latin, Arabic, Hebrew, CJK).
  'fonts-dejavu-core',
  'fonts-noto-core',
  'fonts-noto-cjk',
];
