import { afterAll, beforeAll, expect, it } from 'vitest';
import { tokenReuse } from '../../bench/token-reuse';
import { start, type Testbed } from '../../testbed/index';

/** The token-reuse benchmark is a count, not a timing, so CI holds it to its target too. */

let bed: Testbed;
beforeAll(async () => {
  bed = await start({ saslMechanisms: ['xoauth2'] });
}, 60_000);
afterAll(() => bed?.stop());

it('100 folder opens within one token lifetime make exactly one token request', { timeout: 120_000 }, async () => {
  const result = await tokenReuse(bed);
  expect(result.runs).toBe(100);
  expect(result.value).toBe(1);
});
