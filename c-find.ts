import { writeFileSync } from 'node:fs';
import { loadCorpus } from './test/fuzz/corpus';
import { mutate } from './test/fuzz/mutate';
import { prngFor } from './test/fuzz/prng';
import { TARGETS } from './test/fuzz/targets';
const target = TARGETS.find((t) => t.name === 'outlook-msg')!;
const corpus = loadCorpus();
const start = Number(process.argv[2] ?? 100);
for (let index = start; index < 400; index++) {
  const rng = prngFor(7, index);
  const { bytes } = mutate(rng.pick(corpus), rng, corpus);
  writeFileSync('/tmp/c-current.bin', bytes);
  writeFileSync('/tmp/c-current.idx', String(index));
  const t = Date.now();
  await target.run(bytes, prngFor(7 ^ 0x5bd1e995, index)).catch(() => undefined);
  const ms = Date.now() - t;
  if (ms > 300) console.log(index, ms, process.memoryUsage().heapUsed >> 20);
}
