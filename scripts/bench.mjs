#!/usr/bin/env node
/**
 * `npm run bench [-- name…]`: the benchmarks of DESIGN.md §6 (test/bench) against the test bed.
 * Prints `name: value=V unit=U (mailscope=Xms baseline=Yms)` per benchmark and writes
 * bench/results.json; exits non-zero when one misses its target.
 */
import { spawn } from 'node:child_process';

const child = spawn(process.execPath, ['--import', 'tsx', 'test/bench/run.ts', ...process.argv.slice(2)], {
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 1));
