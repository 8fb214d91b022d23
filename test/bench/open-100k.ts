import type { Testbed } from '../testbed/index';
import { median, OpenBench, RUNS } from './open-folder';
import type { BenchResult } from './result';

/**
 * open-100k: Mailscope opening a 100,000-message folder (connect, XOAUTH2, EXAMINE, FETCH of the
 * newest 50 envelopes) vs a bare imapflow script doing the same; ratio of medians, target <= 1.3.
 */
export async function open100k(bed: Testbed): Promise<BenchResult> {
  const bench = await OpenBench.create(bed);
  const times = (await bench.measure(['bench-100k'])).get('bench-100k');
  if (!times) throw new Error('no measurements');
  const mailscopeMs = median(times.mailscope);
  const baselineMs = median(times.baseline);
  const value = mailscopeMs / baselineMs;
  return {
    name: 'open-100k',
    value,
    unit: 'ratio',
    mailscopeMs,
    baselineMs,
    runs: RUNS,
    target: '<= 1.3',
    pass: value <= 1.3,
  };
}
