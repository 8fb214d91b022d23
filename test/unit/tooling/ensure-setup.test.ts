import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureSetup, nodeModulesState, type SetupRunners, STAMP } from '../../../scripts/ensure-setup.mjs';
import { SYSTEM_PACKAGES } from '../../../scripts/system-packages.mjs';

/**
 * `npm start` and `npm test` run the set-up themselves: nothing but one dpkg-query when all is there,
 * npm ci when node_modules is missing or older than the lockfile, the apt line when not root.
 */

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'mailscope-setup-'));
  writeFileSync(join(root, 'package-lock.json'), '{"lockfileVersion":3,"packages":{}}\n');
  // Checked out before anything was installed.
  const checkedOut = new Date(Date.now() - 120_000);
  utimesSync(join(root, 'package-lock.json'), checkedOut, checkedOut);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** node_modules as npm leaves it: its own record of what it installed, written last. */
function installed(at = new Date()) {
  mkdirSync(join(root, 'node_modules'), { recursive: true });
  writeFileSync(join(root, 'node_modules', '.package-lock.json'), '{}');
  utimesSync(join(root, 'node_modules', '.package-lock.json'), at, at);
}

function lockfileChanged(at = new Date(Date.now() + 60_000)) {
  writeFileSync(join(root, 'package-lock.json'), '{"lockfileVersion":3,"packages":{"x":{}}}\n');
  utimesSync(join(root, 'package-lock.json'), at, at);
}

interface Calls {
  dpkg: number;
  npm: { args: string[]; env: Record<string, string> }[];
  apt: string[][];
  lines: string[];
}

function runners(
  options: { missing?: string[]; root?: boolean; dpkg?: boolean; npmFails?: number } = {},
): SetupRunners & { calls: Calls } {
  const calls: Calls = { dpkg: 0, npm: [], apt: [], lines: [] };
  let failures = options.npmFails ?? 0;
  return {
    calls,
    dpkgStatus(names) {
      calls.dpkg += 1;
      if (options.dpkg === false) return null;
      return names
        .filter((name) => !(options.missing ?? []).includes(name))
        .map((name) => `${name} install ok installed\n`)
        .join('');
    },
    npm(args, env) {
      calls.npm.push({ args, env });
      if (failures > 0) {
        failures -= 1;
        return 1;
      }
      installed();
      return 0;
    },
    aptGet(args) {
      calls.apt.push(args);
      return 0;
    },
    isRoot: () => options.root ?? true,
    log: (line) => calls.lines.push(line),
  };
}

describe('ensureSetup', () => {
  it('is quick and silent when nothing is missing: one dpkg-query, no npm, no apt', () => {
    installed();
    const run = runners();
    expect(ensureSetup({ root, who: 'npm test', runners: run })).toBe(true);
    expect(run.calls).toEqual({ dpkg: 1, npm: [], apt: [], lines: [] });
  });

  it('runs npm ci when node_modules is missing, says so in one line, and stamps the lockfile', () => {
    const run = runners();
    expect(ensureSetup({ root, who: 'npm test', runners: run })).toBe(true);
    expect(run.calls.npm.map((call) => call.args)).toEqual([['ci']]);
    expect(run.calls.lines).toEqual(['npm test: node_modules is missing: running npm ci.']);
    expect(nodeModulesState(root)).toBe('ok');
    expect(readFileSync(join(root, STAMP), 'utf8')).toMatch(/^[0-9a-f]{64}\n$/);
  });

  it('detects a lockfile that changed after the install and runs npm ci again', () => {
    installed(new Date(Date.now() - 60_000));
    expect(nodeModulesState(root)).toBe('ok');
    lockfileChanged();
    expect(nodeModulesState(root)).toBe('outdated');
    const run = runners();
    expect(ensureSetup({ root, who: 'npm start', runners: run })).toBe(true);
    expect(run.calls.npm).toHaveLength(1);
    expect(run.calls.lines).toEqual([
      'npm start: package-lock.json changed since node_modules was installed: running npm ci.',
    ]);
    expect(ensureSetup({ root, who: 'npm start', runners: runners() })).toBe(true);
  });

  it('trusts its stamp over mtimes: a checkout that rewrote the same lockfile does not reinstall', () => {
    const first = runners();
    ensureSetup({ root, who: 'npm test', runners: first });
    const same = readFileSync(join(root, 'package-lock.json'));
    writeFileSync(join(root, 'package-lock.json'), same);
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(root, 'package-lock.json'), later, later);
    expect(nodeModulesState(root)).toBe('ok');
    // A stamp of another lockfile and an older node_modules: out of date.
    lockfileChanged(new Date(Date.now() + 120_000));
    expect(nodeModulesState(root)).toBe('outdated');
  });

  it('installs again without the Electron binary where npm ci fails', () => {
    const run = runners({ npmFails: 1 });
    expect(ensureSetup({ root, who: 'npm test', runners: run })).toBe(true);
    expect(run.calls.npm).toEqual([
      { args: ['ci'], env: {} },
      { args: ['ci'], env: { ELECTRON_SKIP_BINARY_DOWNLOAD: '1' } },
    ]);
    expect(run.calls.lines[1]).toContain('Installing again without it');
  });

  it('fails when npm ci fails both ways, and leaves no stamp', () => {
    const run = runners({ npmFails: 2 });
    expect(ensureSetup({ root, who: 'npm test', runners: run })).toBe(false);
    expect(nodeModulesState(root)).toBe('missing');
  });

  it('installs missing Debian packages as root, only those', () => {
    installed();
    const run = runners({ missing: ['fonts-liberation2'] });
    expect(ensureSetup({ root, who: 'npm test', runners: run })).toBe(true);
    expect(run.calls.apt).toEqual([
      ['update', '-qq'],
      ['install', '-y', '-qq', '--no-install-recommends', 'fonts-liberation2'],
    ]);
    expect(run.calls.lines).toEqual(['npm test: installing missing Debian packages: fonts-liberation2']);
  });

  it('prints the exact apt line when not root: start and test go on, setup fails', () => {
    installed();
    const run = runners({ missing: ['chromium', 'fonts-liberation2'], root: false });
    expect(ensureSetup({ root, who: 'npm start', runners: run })).toBe(true);
    expect(run.calls.apt).toEqual([]);
    expect(run.calls.lines).toEqual([
      "npm start: missing Debian packages chromium fonts-liberation2; as root run: sudo sh -c 'apt-get update && apt-get install -y --no-install-recommends chromium fonts-liberation2'",
    ]);
    expect(
      ensureSetup({
        root,
        who: 'setup',
        strict: true,
        runners: runners({ missing: ['chromium'], root: false }),
      }),
    ).toBe(false);
  });

  it('asks dpkg about every package of the list, and skips it where there is no dpkg', () => {
    installed();
    const asked: string[][] = [];
    const run = runners({ dpkg: false });
    const spy: SetupRunners = { ...run, dpkgStatus: (names) => (asked.push([...names]), null) };
    expect(ensureSetup({ root, who: 'npm test', runners: spy })).toBe(true);
    expect(asked).toEqual([[...SYSTEM_PACKAGES]]);
    expect(run.calls.lines).toEqual([]);
  });
});
