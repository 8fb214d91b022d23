import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { SAVED_DIR } from './corpus';
import { runFuzz } from './fuzz';
import { TARGETS } from './targets';

/**
 * `npm run fuzz -- --runs N --seed S [--target NAME]…`: a long fuzz run. Each failing input is saved
 * under test/fixtures/fuzz/ (named by target and content hash), where `npm test` replays it from
 * then on; the exit status is 1 if any input failed.
 */

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '1' },
    target: { type: 'string', multiple: true },
    'hang-ms': { type: 'string' },
  },
});
const runs = Number(values.runs);
const seed = Number(values.seed);
if (!Number.isInteger(runs) || runs < 0 || !Number.isInteger(seed)) {
  console.error('usage: npm run fuzz -- --runs N --seed S [--target NAME]…');
  process.exit(2);
}
const unknown = (values.target ?? []).filter((name) => !TARGETS.some((target) => target.name === name));
if (unknown.length) {
  console.error(`unknown target ${unknown.join(', ')}; targets: ${TARGETS.map((t) => t.name).join(', ')}`);
  process.exit(2);
}

const started = Date.now();
const report = await runFuzz({
  seed,
  runs,
  ...(values.target ? { targets: values.target } : {}),
  ...(values['hang-ms'] ? { hangMs: Number(values['hang-ms']) } : {}),
  onProgress: (done) => {
    if (done % 1000 === 0)
      console.log(`seed ${seed}: ${done}/${runs} inputs (${Math.round((Date.now() - started) / 1000)} s)`);
  },
});

for (const failure of report.failures) {
  mkdirSync(SAVED_DIR, { recursive: true });
  const hash = createHash('sha256').update(failure.bytes).digest('hex').slice(0, 12);
  const file = join(SAVED_DIR, `${failure.target}-${hash}.eml`);
  writeFileSync(file, failure.bytes);
  console.log(
    `FAIL ${failure.kind} in ${failure.target} on input ${failure.input} [${failure.steps.join(', ')}]: ${failure.detail}\n  saved as ${file}`,
  );
}
console.log(
  JSON.stringify({
    seed,
    runs,
    seconds: Math.round((Date.now() - started) / 1000),
    inputs: report.inputs,
    outcomes: report.outcomes,
    failures: report.failures.length,
    peakRssMb: Math.round(report.peakRss / 1048576),
  }),
);
process.exit(report.failures.length ? 1 : 0);
