/**
 * mulberry32: a 32-bit seeded generator, small enough to read at a glance. The fuzzer needs
 * reproducibility (a seed and an index name one input forever), not cryptographic quality.
 */
export class Prng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, below). */
  int(below: number): number {
    return Math.floor(this.next() * below);
  }

  /** An integer in [min, max], skewed towards small values (most interesting sizes are small). */
  size(min: number, max: number): number {
    const r = this.next();
    return min + Math.floor(r * r * r * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    const item = items[this.int(items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  chance(p: number): boolean {
    return this.next() < p;
  }
}

/** A per-input generator: the same (seed, index) always gives the same input. */
export function prngFor(seed: number, index: number): Prng {
  return new Prng(Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35));
}
