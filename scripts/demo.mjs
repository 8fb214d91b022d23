#!/usr/bin/env node
/**
 * `npm run demo`: builds, then starts the test bed (test/testbed) and the app: Electron where it can
 * run, the browser harness elsewhere. Prints what it started and where; Ctrl-C stops it all.
 * `--no-build` skips the build (tests that already built use it).
 */
import { spawn, spawnSync } from 'node:child_process';
import { displayAvailable, electronBinary } from './electron-binary.mjs';

const args = process.argv.slice(2);
if (!args.includes('--no-build')) {
  const build = spawnSync('npx', ['electron-vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const binary = electronBinary();
const demoArgs = args.filter((arg) => arg !== '--no-build');
if (binary.path && displayAvailable()) demoArgs.push('--electron', binary.path);
else console.log(`Mailscope demo: ${binary.reason ?? 'no display'}; using the browser harness.`);

const child = spawn(process.execPath, ['--import', 'tsx', 'test/testbed/demo.ts', ...demoArgs], {
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
