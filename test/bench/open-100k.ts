import type { Testbed } from '../testbed/index';
import { median, OpenBench, RUNS } from './open-folder';
import { type BenchResult, ratioResult } from './result';

/**
 * open-100k: Mailscope opening a 100,000-message folder (connect, XOAUTH2, EXAMINE, FETCH of the
 * newest 50 envelopes) vs a bare imapflow script doing the same; ratio of medians, target <= 1.3.
 */
export async function open100k(bed: Testbed): Promise<BenchResult> {
  const bench = await OpenBench.create(bed);
  const times = (await bench.measure(['bench-100k'])).get('bench-100k');
  if (!times) throw new Error('no measurements');
  return ratioResult('open-100k', median(times.mailscope), median(times.baseline), RUNS, 1.3);
}
