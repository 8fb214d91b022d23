#!/usr/bin/env node
/**
 * `npm run dist`: the installers (electron-vite build, then electron-builder, arguments passed on,
 * e.g. `npm run dist -- --publish never`). Packaging needs a newer Node than development:
 * electron-builder rebuilds keytar for Electron's ABI with @electron/rebuild, which needs Node
 * 22.12 or newer; on an older Node it fails deep inside the rebuild, so say so first, in one line.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { nodeTooOld, PACKAGING_NODE } from './packaging-node.mjs';

const tooOld = nodeTooOld(process.versions.node);
if (tooOld) {
  console.error(`dist: ${tooOld}`);
  process.exit(1);
}

const require = createRequire(import.meta.url);
/** A package's own CLI, run with this Node: no npx, no shell (npx is a .cmd file on Windows). */
function cli(pkg, bin) {
  return join(dirname(require.resolve(`${pkg}/package.json`)), bin);
}

function run(script, args) {
  const result = spawnSync(process.execPath, [script, ...args], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

console.log(`dist: Node ${process.versions.node} (packaging needs ${PACKAGING_NODE} or newer)`);
run(cli('electron-vite', 'bin/electron-vite.js'), ['build']);
run(cli('electron-builder', 'cli.js'), process.argv.slice(2));
