/**
 * The set-up a checkout needs before `npm start` and `npm test`, checked quickly and done only where
 * something is missing or out of date:
 *  1. On Debian, the system packages of scripts/system-packages.mjs (one dpkg-query call): installed
 *     when run as root, otherwise the exact apt-get line is printed.
 *  2. node_modules: `npm ci` when it is missing or older than package-lock.json. A successful install
 *     leaves a stamp with the lockfile's hash, so a checkout that only touched the lockfile's mtime
 *     does not reinstall. Where Electron's binary cannot be downloaded (our build machines), npm
 *     rolls the whole install back; we then install again without the binary and say so.
 * Used by scripts/setup.mjs (`npm run setup`, .ci/run), scripts/start.mjs and scripts/test.mjs.
 * Dependency-free on purpose: it runs before node_modules exists.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SYSTEM_PACKAGES } from './system-packages.mjs';

/** Written into node_modules after a successful install: the hash of the lockfile it installed. */
export const STAMP = join('node_modules', '.mailscope-installed-lock');

function spawnRunner(command, args, env = {}) {
  // npm is npm.cmd on Windows, which Node runs only through a shell.
  const result = spawnSync(command, args, {
    stdio: 'inherit',
    env: { ...process.env, ...env },
    shell: process.platform === 'win32',
  });
  return result.status ?? 1;
}

/** The real commands; tests replace them. */
export const defaultRunners = {
  /** dpkg-query's `${Package} ${Status}` lines for the names it knows; null where there is no dpkg. */
  dpkgStatus(names) {
    if (process.platform !== 'linux' || !existsSync('/usr/bin/dpkg-query')) return null;
    const query = spawnSync('dpkg-query', ['-W', '-f=${Package} ${Status}\\n', ...names], {
      encoding: 'utf8',
    });
    return query.stdout ?? '';
  },
  /** Exit status of `npm <args>`, output shown. */
  npm: (args, env) => spawnRunner('npm', args, env),
  /** Exit status of `apt-get <args>`, output shown. */
  aptGet: (args, env) => spawnRunner('apt-get', args, env),
  isRoot: () => process.getuid?.() === 0,
  log: (line) => console.log(line),
};

const hashOf = (path) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** Debian packages not installed; null on a system without dpkg. */
export function missingSystemPackages(runners = defaultRunners, wanted = SYSTEM_PACKAGES) {
  const status = runners.dpkgStatus(wanted);
  if (status === null) return null;
  const installed = new Set(
    status
      .split('\n')
      .filter((line) => line.includes('install ok installed'))
      .map((line) => line.split(' ')[0]),
  );
  return wanted.filter((name) => !installed.has(name));
}

/**
 * 'ok', 'missing' (no node_modules, or an install that never finished) or 'outdated' (the lockfile
 * changed since node_modules was installed).
 */
export function nodeModulesState(root) {
  const lock = join(root, 'package-lock.json');
  // npm writes its own record of node_modules last, at the end of an install that went through.
  const installed = join(root, 'node_modules', '.package-lock.json');
  if (!existsSync(installed)) return 'missing';
  const stamp = join(root, STAMP);
  if (existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === hashOf(lock)) return 'ok';
  // No stamp (installed by hand with `npm ci`/`npm install`): trust npm's record unless the lockfile
  // is newer, as after a pull that changed it.
  return statSync(installed).mtimeMs >= statSync(lock).mtimeMs ? 'ok' : 'outdated';
}

function installSystemPackages(missing, { who, strict, runners }) {
  const say = (line) => runners.log(`${who}: ${line}`);
  const line = `apt-get update && apt-get install -y --no-install-recommends ${missing.join(' ')}`;
  if (!runners.isRoot()) {
    say(`missing Debian packages ${missing.join(' ')}; as root run: sudo sh -c '${line}'`);
    return !strict;
  }
  say(`installing missing Debian packages: ${missing.join(' ')}`);
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  if (runners.aptGet(['update', '-qq'], env) !== 0) return false;
  return runners.aptGet(['install', '-y', '-qq', '--no-install-recommends', ...missing], env) === 0;
}

function installNodeModules(root, { who, runners }) {
  const say = (line) => runners.log(`${who}: ${line}`);
  let status;
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
    say('ELECTRON_SKIP_BINARY_DOWNLOAD is set: installing without the Electron binary.');
    status = runners.npm(['ci'], {});
  } else {
    status = runners.npm(['ci'], {});
    if (status !== 0) {
      say(
        'npm ci failed; the usual cause is that Electron could not download its binary (no access to ' +
          'its host). Installing again without it: `npm start` will serve the app in the browser harness.',
      );
      status = runners.npm(['ci'], { ELECTRON_SKIP_BINARY_DOWNLOAD: '1' });
    }
  }
  if (status !== 0) return false;
  writeFileSync(join(root, STAMP), `${hashOf(join(root, 'package-lock.json'))}\n`);
  return true;
}

/**
 * Checks the set-up and does what is missing. `who` prefixes every line (`npm test`, `setup`);
 * `strict` (the explicit `npm run setup`) fails where Debian packages are missing and cannot be
 * installed, and reports what it found; otherwise it is silent when nothing is missing. Returns
 * true when the checkout is ready.
 */
export function ensureSetup({ root = process.cwd(), who, strict = false, runners = defaultRunners }) {
  const say = (line) => runners.log(`${who}: ${line}`);
  const missing = missingSystemPackages(runners);
  if (missing === null) {
    if (strict)
      say('not a Debian system: install Chromium (or Chrome) yourself to run the end-to-end tests.');
  } else if (missing.length > 0) {
    if (!installSystemPackages(missing, { who, strict, runners })) return false;
  } else if (strict) {
    say('system packages present.');
  }

  const modules = nodeModulesState(root);
  if (modules === 'ok') {
    if (strict) say('node_modules is up to date with package-lock.json.');
    return true;
  }
  say(
    modules === 'missing'
      ? 'node_modules is missing: running npm ci.'
      : 'package-lock.json changed since node_modules was installed: running npm ci.',
  );
  return installNodeModules(root, { who, runners });
}
