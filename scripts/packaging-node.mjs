/**
 * The Node version packaging needs. Development and tests run on Node 20.19+ (package.json
 * `engines`); `npm run dist` needs 22.12+, because @electron/rebuild (which electron-builder uses to
 * rebuild keytar for Electron's ABI) requires it. The hosted-CI workflow and the README say the same.
 */
export const PACKAGING_NODE = '22.12.0';

/** Why this Node cannot package, in one line, or null when it can. */
export function nodeTooOld(version) {
  const [major = 0, minor = 0] = version.replace(/^v/, '').split('.').map(Number);
  const [needMajor, needMinor] = PACKAGING_NODE.split('.').map(Number);
  if (major > needMajor || (major === needMajor && minor >= needMinor)) return null;
  return (
    `packaging needs Node ${PACKAGING_NODE} or newer (Electron's rebuild tooling); this is Node ${version}. ` +
    'Development and tests are fine on Node 20; switch Node for `npm run dist` only.'
  );
}
