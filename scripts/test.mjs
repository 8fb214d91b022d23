#!/usr/bin/env node
/**
 * `npm test`: builds the app (the end-to-end tests use the built renderer), runs the unit and
 * integration tests (vitest, plain Node) and the end-to-end tests (Playwright, Debian Chromium
 * through the browser harness; Electron where its binary exists), then prints one summary line.
 * Arguments after `--` are ignored on purpose: use `npx vitest` or `npx playwright test` directly
 * to run a subset. First it does whatever set-up is missing (scripts/ensure-setup.mjs), so it runs on
 * a fresh clone; the runners get a temp folder of their own, and a run that leaves anything of ours
 * in it fails (scripts/temp-guard.mjs). Dependency-free on purpose: it runs before node_modules exists.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { ensureSetup } from './ensure-setup.mjs';
import { leftoverLine, leftovers, privateTemp, removeTemp, tempEnv } from './temp-guard.mjs';

if (!ensureSetup({ who: 'npm test' })) process.exit(1);

const results = 'test-results';
rmSync(`${results}/vitest.json`, { force: true });
rmSync(`${results}/playwright.json`, { force: true });
mkdirSync(results, { recursive: true });

const temp = privateTemp();
function step(title, command, args, env = {}) {
  console.log(`\n== ${title}`);
  const run = spawnSync(command, args, {
    stdio: 'inherit',
    env: { ...process.env, ...tempEnv(temp), ...env },
  });
  return run.status ?? 1;
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

if (step('build', 'npx', ['electron-vite', 'build', '--logLevel', 'warn']) !== 0) {
  console.log('\nmailscope: 0 passed, 1 failed (the build failed, no test ran)');
  removeTemp(temp);
  process.exit(1);
}

const vitestStatus = step('unit and integration tests (vitest)', 'npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${results}/vitest.json`,
]);
const e2eStatus = step('end-to-end tests (Playwright)', 'npx', ['playwright', 'test'], {
  PLAYWRIGHT_JSON_OUTPUT_NAME: `${results}/playwright.json`,
});

const counts = { passed: 0, failed: 0, skipped: 0 };
const vitest = readJson(`${results}/vitest.json`);
if (vitest) {
  counts.passed += vitest.numPassedTests ?? 0;
  counts.failed += vitest.numFailedTests ?? 0;
  counts.skipped += (vitest.numPendingTests ?? 0) + (vitest.numTodoTests ?? 0);
}
const playwright = readJson(`${results}/playwright.json`);
if (playwright?.stats) {
  counts.passed += (playwright.stats.expected ?? 0) + (playwright.stats.flaky ?? 0);
  counts.failed += playwright.stats.unexpected ?? 0;
  counts.skipped += playwright.stats.skipped ?? 0;
}
// Say why each skipped end-to-end test was skipped (the Electron tests, where there is no binary).
for (const suite of playwright?.suites ?? []) {
  const visit = (node) => {
    for (const spec of node.specs ?? []) {
      for (const run of spec.tests ?? []) {
        if (run.status !== 'skipped') continue;
        const reason = run.annotations?.find((a) => a.type === 'skip')?.description ?? 'no reason given';
        console.log(`skipped: ${spec.title} (${reason})`);
      }
    }
    for (const child of node.suites ?? []) visit(child);
  };
  visit(suite);
}
// A runner that crashed before writing its report still failed.
if (vitestStatus !== 0 && !vitest?.numFailedTests) counts.failed += 1;
if (e2eStatus !== 0 && !playwright?.stats?.unexpected) counts.failed += 1;
const leftBehind = leftoverLine(leftovers(temp));
removeTemp(temp);
if (leftBehind) {
  console.log(`\nmailscope: ${leftBehind}`);
  counts.failed += 1;
}

console.log(`\nmailscope: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
process.exit(counts.failed === 0 ? 0 : 1);
