import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { start, type Testbed } from '../testbed/index';
import { type BenchResult, formatResult } from './result';
import type { BigSeedName } from '../testbed/fixtures/big';
import { analyze25mb } from './analyze-25mb';
import { export10k, export10kRss } from './export-10k';
import { folders1k } from './folders-1k';
import { listDom } from './list-dom';
import { open100k } from './open-100k';
import { openScale } from './open-scale';
import { parse25mb, parse25mbRss } from './parse-25mb';
import { pop3List } from './pop3-list';
import { searchAll } from './search-all';
import { tokenReuse } from './token-reuse';

/**
 * `npm run bench [-- name…]`: runs the benchmarks of DESIGN.md §6 against the test bed, prints one
 * line each, and merges them into bench/results.json.
 */

/** A bench gives one result, or several measured in the same runs (folders-1k and its first paint). */
const BENCHES: Record<string, (bed: Testbed) => Promise<BenchResult | BenchResult[]>> = {
  'token-reuse': tokenReuse,
  'open-100k': open100k,
  'open-scale': openScale,
  'pop3-list': pop3List,
  'parse-25mb': parse25mb,
  'parse-25mb-rss': parse25mbRss,
  'analyze-25mb': analyze25mb,
  'list-dom': listDom,
  'export-10k': export10k,
  'export-10k-rss-mb': export10kRss,
  'search-all': searchAll,
  'folders-1k': folders1k,
};

/** Big seeds each benchmark needs (built once, cached: see test/testbed/README.md). */
const SEEDS: Partial<Record<string, BigSeedName[]>> = {
  'open-100k': ['bench-100k'],
  'open-scale': ['bench-100k', 'bench-1k'],
  'pop3-list': ['pop3-10k'],
  'export-10k': ['export-10k'],
  'export-10k-rss-mb': ['export-10k'],
  'search-all': ['folders-1k'],
  'folders-1k': ['folders-1k'],
};

const asked = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
for (const name of asked) {
  if (!(name in BENCHES)) {
    console.error(`bench: no benchmark called "${name}". Known: ${Object.keys(BENCHES).join(', ')}`);
    process.exit(2);
  }
}
const selected = asked.length ? asked : Object.keys(BENCHES);

const bigSeeds = [...new Set(selected.flatMap((name) => SEEDS[name] ?? []))];
const bed = await start({ saslMechanisms: ['xoauth2'], bigSeeds });
const results: BenchResult[] = [];
try {
  for (const name of selected) {
    const bench = BENCHES[name];
    if (!bench) continue;
    for (const result of [await bench(bed)].flat()) {
      results.push(result);
      console.log(formatResult(result));
    }
  }
} finally {
  await bed.stop();
}

mkdirSync('bench', { recursive: true });
let stored: Record<string, unknown> = {};
try {
  stored = JSON.parse(readFileSync('bench/results.json', 'utf8')) as Record<string, unknown>;
} catch {
  // First run, or an unreadable file: start afresh.
}
for (const r of results) {
  stored[r.name] = { value: r.value, unit: r.unit, mailscope_ms: r.mailscopeMs, baseline_ms: r.baselineMs, runs: r.runs };
}
writeFileSync('bench/results.json', `${JSON.stringify(stored, null, 2)}\n`);
process.exit(results.every((r) => r.pass) ? 0 : 1);
