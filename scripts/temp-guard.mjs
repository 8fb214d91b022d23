/**
 * Proof that the tests clean up after themselves: `npm test` gives its runners a temp folder of their
 * own (TMPDIR, TEMP, TMP), so other processes on the machine cannot muddy the count, and fails the
 * run naming every mailscope-* entry a test left in it. Dependency-free: scripts/test.mjs runs it.
 */
import { chmodSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What Mailscope's code and tests name their temp files and folders. */
export const OURS = /^mailscope-/;

/** A fresh temp folder for one run. Like /tmp, anyone may create in it: Dovecot's users do. */
export function privateTemp() {
  const dir = mkdtempSync(join(tmpdir(), 'mailscope-run-'));
  chmodSync(dir, 0o1777);
  return dir;
}

/** The environment that points a child's temp folder at `dir` on every platform. */
export function tempEnv(dir) {
  return { TMPDIR: dir, TEMP: dir, TMP: dir };
}

/** Our entries in `dir` that were not in `before`, sorted. */
export function leftovers(dir, before = []) {
  const known = new Set(before);
  return readdirSync(dir)
    .filter((name) => OURS.test(name) && !known.has(name))
    .sort();
}

/** The one line that fails a run, or null when nothing was left behind. */
export function leftoverLine(names) {
  if (names.length === 0) return null;
  return `left behind in the temp folder (every test must remove what it creates, also when it fails): ${names.join(', ')}`;
}

export function removeTemp(dir) {
  rmSync(dir, { recursive: true, force: true });
}
