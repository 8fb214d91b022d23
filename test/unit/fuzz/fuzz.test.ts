import { describe, expect, it } from 'vitest';
import { runFuzz } from '../../fuzz/fuzz';
import { TARGETS } from '../../fuzz/targets';

/**
 * The bounded fuzz run of `npm test`: a few thousand mutated messages (and every input a long run
 * saved in test/fixtures/fuzz/) through every parsing entry point. Each must end in a view or a
 * named error, none may leave an uncaught exception or unhandled rejection behind, none may hang,
 * and memory stays bounded. `npm run fuzz -- --runs N --seed S` runs the same for as long as wanted.
 */

const MiB = 1024 * 1024;

describe('bounded fuzz run', () => {
  it(
    'ends every mutated input in a view or a named error, on every entry point',
    { timeout: 600_000 },
    async () => {
      const report = await runFuzz({ seed: 20261206, runs: 300, hangMs: 60_000 });
      const failures = report.failures.map(
        (failure) =>
          `${failure.kind} in ${failure.target} on ${failure.input} [${failure.steps.join(', ')}]: ${failure.detail}`,
      );
      expect(failures).toEqual([]);
      for (const target of TARGETS) expect(report.inputs[target.name]).toBeGreaterThanOrEqual(300);
      // Parsers saw inputs they refused (a named error), not only ones they could show.
      expect(report.outcomes['parse-message']?.['MESSAGE_MALFORMED']).toBeGreaterThan(0);
      expect(report.outcomes['outlook-msg']?.['MSG_MALFORMED']).toBeGreaterThan(0);
      expect(report.outcomes['tnef']?.['TNEF_MALFORMED']).toBeGreaterThan(0);
      // Inputs go up to 8 MB and nest thousands deep; the process must not grow without bound.
      expect(report.peakRss).toBeLessThan(1536 * MiB);
    },
  );
});
