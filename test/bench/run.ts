import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { start } from '../testbed/index';
import { type BenchResult, formatResult } from './result';
import { tokenReuse } from './token-reuse';

/**
 * `npm run bench [-- name…]`: runs the benchmarks of DESIGN.md §6 against the test bed, prints one
 * line each, and merges them into bench/results.json. Benchmarks whose feature has not landed yet
 * say which release brings them instead of printing a number.
 */

const BENCHES = {
  'token-reuse': tokenReuse,
} as const;

const LATER: Record<string, string> = {
  'open-100k': 'the IMAP source (issue "IMAP: read-only browsing of big shared mailboxes")',
  'open-scale': 'the IMAP source (issue "IMAP: read-only browsing of big shared mailboxes")',
  'pop3-list': 'the POP3 client (issue "POP3: a correct, pipelined, read-only POP3 client")',
  'parse-25mb': 'the reader issue ("The reader a professional would choose")',
  'parse-25mb-rss': 'the reader issue ("The reader a professional would choose")',
  'list-dom': 'the reader issue ("The reader a professional would choose")',
};

const asked = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
for (const name of asked) {
  if (!(name in BENCHES) && !(name in LATER)) {
    console.error(`bench: no benchmark called "${name}". Known: ${[...Object.keys(BENCHES), ...Object.keys(LATER)].join(', ')}`);
    process.exit(2);
  }
}
const selected = asked.length ? asked : [...Object.keys(BENCHES), ...Object.keys(LATER)];

const bed = await start({ saslMechanisms: ['xoauth2'] });
const results: BenchResult[] = [];
try {
  for (const name of selected) {
    const bench = BENCHES[name as keyof typeof BENCHES];
    if (!bench) {
      console.log(`${name}: not measured yet: arrives with ${LATER[name]}`);
      continue;
    }
    const result = await bench(bed);
    results.push(result);
    console.log(formatResult(result));
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
