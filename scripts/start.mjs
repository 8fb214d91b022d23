#!/usr/bin/env node
/**
 * `npm start`: builds, then runs Mailscope in Electron. Where Electron cannot run (no binary, or no
 * display on Linux) it says why in one line and serves the same UI in the browser harness, printing
 * the URL. Extra arguments go to the harness: `npm start -- --open`, `npm start -- --port 5174`.
 * First it does whatever set-up is missing (scripts/ensure-setup.mjs), so it runs on a fresh clone.
 * Dependency-free on purpose: it runs before node_modules exists.
 */
import { spawn, spawnSync } from 'node:child_process';
import { displayAvailable, electronBinary } from './electron-binary.mjs';
import { ensureSetup } from './ensure-setup.mjs';

if (!ensureSetup({ who: 'npm start' })) process.exit(1);

const build = spawnSync('npx', ['electron-vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const binary = electronBinary();
const args = process.argv.slice(2);
let child;
if (binary.path && displayAvailable()) {
  child = spawn(binary.path, ['.', ...args], { stdio: 'inherit' });
} else {
  const why = binary.path ? 'there is no display ($DISPLAY is unset)' : binary.reason;
  console.log(`Mailscope: cannot start Electron here: ${why}. Serving the same UI in the browser harness.`);
  child = spawn('npx', ['tsx', 'electron/harness/cli.ts', ...args], { stdio: 'inherit' });
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
