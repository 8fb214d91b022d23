import { AppError } from '../../electron/core/common/app-error';
import { loadCorpus, savedInputs } from './corpus';
import { mutate } from './mutate';
import { prngFor } from './prng';
import { disposeTargets, type Target, TARGETS } from './targets';

/**
 * The seeded mutation fuzzer: input i of seed s is always the same bytes (a corpus entry picked by
 * the PRNG, then mutated), fed to every target. Each must end in a view or an AppError within the
 * hang guard, with no uncaught exception or unhandled rejection while it runs.
 */

export interface FuzzOptions {
  seed: number;
  runs: number;
  /** Only these targets (by name); default all. */
  targets?: readonly string[];
  /** A target still running after this long has hung (a generous guard, not a speed check). */
  hangMs?: number;
  /** Replay the saved failing inputs first (default true). */
  replaySaved?: boolean;
  onProgress?: (done: number) => void;
}

export interface FuzzFailure {
  readonly target: string;
  /** `seed:index`, or `saved:<file>` for a replayed input. */
  readonly input: string;
  readonly steps: readonly string[];
  readonly kind: 'unnamed-error' | 'hang' | 'uncaught';
  readonly detail: string;
  readonly bytes: Buffer;
}

export interface FuzzReport {
  /** Inputs run per target. */
  readonly inputs: Record<string, number>;
  /** How inputs ended per target: 'view' or the AppError code. */
  readonly outcomes: Record<string, Record<string, number>>;
  readonly failures: FuzzFailure[];
  /** Highest resident set size seen, in bytes. */
  readonly peakRss: number;
}

const DEFAULT_HANG_MS = 30_000;

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`.slice(0, 300);
  return String(error).slice(0, 300);
}

export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const corpus = loadCorpus();
  const targets: readonly Target[] = options.targets
    ? TARGETS.filter((target) => options.targets?.includes(target.name))
    : TARGETS;
  const hangMs = options.hangMs ?? DEFAULT_HANG_MS;
  const inputs: Record<string, number> = {};
  const outcomes: Record<string, Record<string, number>> = {};
  const failures: FuzzFailure[] = [];
  let peakRss = process.memoryUsage().rss;

  // Whatever escapes while a target runs belongs to that target and input.
  let current: { target: string; input: string; steps: readonly string[]; bytes: Buffer } | null = null;
  const escaped = (error: unknown) => {
    failures.push({
      target: current?.target ?? '(between inputs)',
      input: current?.input ?? '?',
      steps: current?.steps ?? [],
      kind: 'uncaught',
      detail: describe(error),
      bytes: current?.bytes ?? Buffer.alloc(0),
    });
  };
  process.on('uncaughtException', escaped);
  process.on('unhandledRejection', escaped);

  const runOne = async (
    target: Target,
    input: string,
    steps: readonly string[],
    bytes: Buffer,
    index: number,
  ) => {
    current = { target: target.name, input, steps, bytes };
    let timer: NodeJS.Timeout | undefined;
    const hang = new Promise<'hang'>((resolve) => {
      timer = setTimeout(() => resolve('hang'), hangMs);
    });
    let outcome = 'view';
    try {
      const result = await Promise.race([target.run(bytes, prngFor(options.seed ^ 0x5bd1e995, index)), hang]);
      if (result === 'hang') {
        outcome = 'hang';
        failures.push({
          target: target.name,
          input,
          steps,
          kind: 'hang',
          detail: `no end after ${hangMs} ms`,
          bytes,
        });
      }
    } catch (error) {
      if (error instanceof AppError) outcome = error.code;
      else {
        outcome = 'unnamed-error';
        failures.push({
          target: target.name,
          input,
          steps,
          kind: 'unnamed-error',
          detail: describe(error),
          bytes,
        });
      }
    } finally {
      clearTimeout(timer);
    }
    // Let stream callbacks scheduled by this input run while it is still the current one.
    await new Promise((resolve) => setImmediate(resolve));
    current = null;
    inputs[target.name] = (inputs[target.name] ?? 0) + 1;
    const counts = (outcomes[target.name] ??= {});
    counts[outcome] = (counts[outcome] ?? 0) + 1;
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  };

  try {
    if (options.replaySaved ?? true) {
      for (const saved of savedInputs()) {
        for (const target of targets) await runOne(target, `saved:${saved.name}`, [], saved.bytes, 0);
      }
    }
    for (let index = 0; index < options.runs; index++) {
      const rng = prngFor(options.seed, index);
      const seedInput = rng.pick(corpus);
      const { steps, bytes } = mutate(seedInput, rng, corpus);
      for (const target of targets) await runOne(target, `${options.seed}:${index}`, steps, bytes, index);
      options.onProgress?.(index + 1);
    }
  } finally {
    process.off('uncaughtException', escaped);
    process.off('unhandledRejection', escaped);
    disposeTargets();
  }
  return { inputs, outcomes, failures, peakRss };
}
