import { describe, expect, it } from 'vitest';
import { mapConcurrent } from '../../../../electron/core/local/concurrency';

describe('mapConcurrent', () => {
  it('runs up to the limit at once, never more, and keeps results in input order', async () => {
    let inFlight = 0;
    let peak = 0;
    const items = Array.from({ length: 50 }, (_, index) => index);
    const results = await mapConcurrent(items, 16, async (item) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, (item * 7) % 5));
      inFlight--;
      return item * 2;
    });
    expect(peak).toBe(16);
    expect(results).toEqual(items.map((item) => item * 2));
  });

  it('handles an empty list', async () => {
    expect(await mapConcurrent([], 4, async () => 1)).toEqual([]);
  });
});
