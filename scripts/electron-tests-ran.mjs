#!/usr/bin/env node
/**
 * Hosted CI only: the Electron end-to-end tests (test/e2e/electron) skip where Electron cannot run,
 * which is right on our own machines and wrong on a runner that has it. Reads a Playwright JSON
 * report and fails, in one line, unless each of them ran and passed.
 * Usage: node scripts/electron-tests-ran.mjs test-results/playwright.json
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** The outcome of each test in an `electron/` spec file, from a Playwright JSON report. */
export function electronOutcomes(report) {
  const outcomes = [];
  const visit = (suite) => {
    for (const spec of suite.specs ?? []) {
      const file = (spec.file ?? suite.file ?? '').replaceAll('\\', '/');
      if (!file.startsWith('electron/') && !file.includes('/electron/')) continue;
      for (const run of spec.tests ?? []) {
        const reason = run.annotations?.find((a) => a.type === 'skip')?.description;
        outcomes.push({ title: spec.title, status: run.status, ...(reason ? { reason } : {}) });
      }
    }
    for (const child of suite.suites ?? []) visit(child);
  };
  for (const suite of report?.suites ?? []) visit(suite);
  return outcomes;
}

/** Why the report does not show the Electron tests passing, or null when it does. */
export function electronProblem(report) {
  const outcomes = electronOutcomes(report);
  if (outcomes.length === 0) return 'no Electron end-to-end test is in the report';
  const bad = outcomes.find((outcome) => outcome.status !== 'expected');
  if (!bad) return null;
  if (bad.status === 'skipped') return `"${bad.title}" was skipped: ${bad.reason ?? 'no reason given'}`;
  return `"${bad.title}" ended ${bad.status}`;
}

// Run as a script (not imported by its test).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const path = process.argv[2];
  let report = null;
  try {
    report = JSON.parse(readFileSync(path ?? '', 'utf8'));
  } catch {
    console.error(`electron-tests-ran: no Playwright JSON report at ${path ?? '(no path given)'}`);
    process.exit(1);
  }
  const problem = electronProblem(report);
  if (problem) {
    console.error(`electron-tests-ran: ${problem}`);
    process.exit(1);
  }
  console.log(`electron-tests-ran: ${electronOutcomes(report).length} Electron test(s) ran and passed`);
}
