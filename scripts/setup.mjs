#!/usr/bin/env node
/**
 * `npm run setup`: everything a fresh machine needs before `npm start` and `npm test`.
 *  1. On Debian, the system packages of scripts/system-packages.mjs: installed when run as root,
 *     otherwise the exact apt-get line is printed.
 *  2. `npm ci`. Where Electron's binary cannot be downloaded (our build machines), npm rolls the
 *     whole install back; we then install again without the binary and say so: the app then runs
 *     in the browser harness (`npm start` explains), and everything else works.
 * Dependency-free on purpose: it runs before node_modules exists.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { SYSTEM_PACKAGES } from './system-packages.mjs';

const say = (line) => console.log(`setup: ${line}`);

function run(command, args, env = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status ?? 1;
}

function missingDebianPackages() {
  if (process.platform !== 'linux' || !existsSync('/usr/bin/dpkg-query')) return null;
  return SYSTEM_PACKAGES.filter((name) => {
    const query = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
    return !query.stdout.includes('install ok installed');
  });
}

function installSystemPackages() {
  const missing = missingDebianPackages();
  if (missing === null) {
    say('not a Debian system: install Chromium (or Chrome) yourself to run the end-to-end tests.');
    return;
  }
  if (missing.length === 0) {
    say('system packages present.');
    return;
  }
  const line = `apt-get update && apt-get install -y --no-install-recommends ${missing.join(' ')}`;
  if (process.getuid?.() !== 0) {
    say(`missing Debian packages. Run as root:\n  sudo sh -c '${line}'`);
    process.exit(1);
  }
  say(`installing ${missing.join(', ')}`);
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  if (run('apt-get', ['update', '-qq'], env) !== 0) process.exit(1);
  if (run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], env) !== 0)
    process.exit(1);
}

function installNodeModules() {
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
    say('ELECTRON_SKIP_BINARY_DOWNLOAD is set: installing without the Electron binary.');
    if (run('npm', ['ci']) !== 0) process.exit(1);
    return;
  }
  if (run('npm', ['ci']) === 0) return;
  say(
    'npm ci failed; the usual cause is that Electron could not download its binary (no access to its host). ' +
      'Installing again without it: `npm start` will serve the app in the browser harness instead.',
  );
  if (run('npm', ['ci'], { ELECTRON_SKIP_BINARY_DOWNLOAD: '1' }) !== 0) process.exit(1);
}

installSystemPackages();
installNodeModules();
say('done. Next: `npm start` to run Mailscope, `npm test` to run the tests.');
