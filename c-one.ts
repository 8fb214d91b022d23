import { loadCorpus } from './test/fuzz/corpus';
import { mutate } from './test/fuzz/mutate';
import { prngFor } from './test/fuzz/prng';
import { Prng } from './test/fuzz/prng';
import { readFileSync, writeFileSync } from 'node:fs';
const corpus = loadCorpus();
const index = 241;
const rng = prngFor(7, index);
const { bytes } = mutate(rng.pick(corpus), rng, corpus);
// replicate outlookInput
import { isCompoundFile } from './electron/core/outlook/msg-file';
const r: Prng = prngFor(7 ^ 0x5bd1e995, index);
let out: Buffer;
if (isCompoundFile(bytes)) out = bytes; else {
  const names = ['invoice.msg', 'embedded.msg'];
  out = Buffer.from(readFileSync('test/fixtures/outlook/' + r.pick(names)));
  for (let count = r.size(1, 8); count > 0; count--) {
    const at = r.int(out.length); const from = r.int(bytes.length);
    bytes.copy(out, at, from, from + Math.min(r.size(1, 64), out.length - at));
  }
  if (r.chance(0.2)) out = out.subarray(0, r.int(out.length + 1));
}
writeFileSync('/tmp/c-oom.msg', out);
console.log(out.length);
