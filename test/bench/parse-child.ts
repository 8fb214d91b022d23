/**
 * The measuring half of parse-25mb and parse-25mb-rss, run in a fresh Node process each time so no
 * other benchmark's heap is in the numbers (`node --expose-gc --import tsx parse-child.ts MODE FILE`).
 *
 * - `time RUNS`: one warm-up of each path, then RUNS alternating timed opens of each; prints
 *   `{ "mailscope": [ms…], "baseline": [ms…] }`. `time-analyze RUNS` does the same with
 *   messages.analyze (analyze-25mb) in place of messages.get, against the analysis's parse alone.
 * - `rss-mailscope` / `rss-baseline`: one open, measuring the peak resident set it adds; prints
 *   `{ "growth": bytes, "ms": ms }` (the benchmark uses rss-mailscope; rss-baseline is there to
 *   compare by hand).
 *
 * Mailscope's path is the app's: messages.get through the dispatcher (request and response checked
 * against the IPC contract), the local source reading the file, mailparser plus the MIME tree.
 * The baseline reads the same file and hands it to a bare mailparser simpleParser.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { simpleParser } from 'mailparser';
import { parseForAnalysis } from '../../electron/core/analysis/index';
import { openedMessage } from './bench-engine';

const [mode = '', file = '', runsArg = '7'] = process.argv.slice(2);

/** messages.get (the reader's open), or messages.analyze (the whole triage analysis) for `time-analyze`. */
async function mailscopeOpener(): Promise<() => Promise<unknown>> {
  const call = await openedMessage(file);
  return () => call(mode === 'time-analyze' ? 'messages.analyze' : 'messages.get');
}

/**
 * parse-25mb's baseline is a bare simpleParser; analyze-25mb's is the analysis's own parse alone
 * (mailparser keeping every attachment's bytes), so its ratio is what the analysis adds to it.
 */
// messages.analyze reuses the bytes the reader already read (core/attached keeps the last few), so
// the analysis's baseline parses bytes already in memory too: parse against parse, not disk.
const rawForAnalysis = mode === 'time-analyze' ? await readFile(file) : null;
const baselineOpen = rawForAnalysis
  ? async () => parseForAnalysis(rawForAnalysis)
  : async () => simpleParser(await readFile(file));

async function timed(open: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await open();
  return performance.now() - started;
}

/** Resident set now, and the peak since the last reset (Linux: VmHWM, which clear_refs 5 resets). */
function residentSet(): { now: number; peak: number } {
  const status = readFileSync('/proc/self/status', 'utf8');
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
  return { now: kb('VmRSS'), peak: kb('VmHWM') };
}

function collect(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  gc();
  gc();
}

if (mode === 'time' || mode === 'time-analyze') {
  const runs = Number(runsArg);
  const mailscope = await mailscopeOpener();
  await mailscope();
  await baselineOpen();
  const times = { mailscope: [] as number[], baseline: [] as number[] };
  for (let run = 0; run < runs; run++) {
    // Alternating, so a slow moment of the machine costs both sides alike.
    collect();
    times.mailscope.push(await timed(mailscope));
    collect();
    times.baseline.push(await timed(baselineOpen));
  }
  console.log(JSON.stringify(times));
} else if (mode === 'rss-mailscope' || mode === 'rss-baseline') {
  const open = mode === 'rss-mailscope' ? await mailscopeOpener() : baselineOpen;
  collect();
  // The peak so far (loading modules) must not hide the open's own: start counting from here.
  writeFileSync('/proc/self/clear_refs', '5');
  const before = residentSet().now;
  const started = performance.now();
  const result = await open();
  const ms = performance.now() - started;
  const { peak } = residentSet();
  // Keep the result alive to here: the open is only done when its answer can be used.
  if (result === undefined) throw new Error('no result');
  console.log(JSON.stringify({ growth: peak - before, ms }));
} else {
  console.error('usage: parse-child.ts time|time-analyze|rss-mailscope|rss-baseline FILE [RUNS]');
  process.exit(2);
}
