/** One benchmark's outcome, as `npm run bench` prints it and writes it to bench/results.json. */
export interface BenchResult {
  name: string;
  value: number;
  unit: 'ratio' | 'count';
  mailscopeMs: number;
  /** Null where the benchmark counts something rather than comparing with a baseline. */
  baselineMs: number | null;
  runs: number;
  target: string;
  pass: boolean;
}

export function formatResult(result: BenchResult): string {
  const baseline = result.baselineMs === null ? '' : ` baseline=${result.baselineMs.toFixed(1)}ms`;
  return (
    `${result.name}: value=${Number(result.value.toFixed(3))} unit=${result.unit} ` +
    `(mailscope=${result.mailscopeMs.toFixed(1)}ms${baseline}) target ${result.target}: ${result.pass ? 'PASS' : 'FAIL'}`
  );
}

/** A ratio benchmark's outcome: Mailscope's median over the baseline's, passing at `limit` or below. */
export function ratioResult(
  name: string,
  mailscopeMs: number,
  baselineMs: number,
  runs: number,
  limit: number,
): BenchResult {
  const value = mailscopeMs / baselineMs;
  return { name, value, unit: 'ratio', mailscopeMs, baselineMs, runs, target: `<= ${limit}`, pass: value <= limit };
}
