import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { bigMessage25mb } from '../testbed/fixtures/big';
import { median } from './open-folder';
import type { BenchResult } from './result';

/**
 * parse-25mb and parse-25mb-rss (DESIGN.md §6): open a 25 MB message with 20 attachments through
 * Mailscope's messages.get (a local .eml source, the dispatcher, mailparser and the MIME tree) vs a
 * bare mailparser simpleParser of the same file. Time is the ratio of medians (target <= 1.5); memory
 * is the peak resident set the open adds, over the message size (target <= 3). Each measurement runs
 * in a fresh child process (parse-child.ts), so heap left by other benchmarks is not counted.
 *
 * For comparison, a bare simpleParser's own peak growth on this message measured 4.5 times its size
 * here (`node --expose-gc --import tsx test/bench/parse-child.ts rss-baseline FILE`): it is handed
 * the whole message at once and keeps every attachment's bytes, which the reader does not need.
 */

const TIME_RUNS = 7;
const RSS_RUNS = 5;
const run = promisify(execFile);

export async function child<T>(args: string[]): Promise<T> {
  const { stdout } = await run(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', 'test/bench/parse-child.ts', ...args],
    { maxBuffer: 1024 * 1024 },
  );
  return JSON.parse(stdout.trim().split('\n').pop() ?? '') as T;
}

/** The message, written once per benchmark run to a temp .eml; removed by the returned function. */
export function messageFile(): { path: string; size: number; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'mailscope-bench-25mb-'));
  const raw = bigMessage25mb();
  const path = join(dir, 'scanned-documents.eml');
  writeFileSync(path, raw);
  return { path, size: raw.length, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function parse25mb(): Promise<BenchResult> {
  const message = messageFile();
  try {
    const times = await child<{ mailscope: number[]; baseline: number[] }>(['time', message.path, String(TIME_RUNS)]);
    const mailscopeMs = median(times.mailscope);
    const baselineMs = median(times.baseline);
    const value = mailscopeMs / baselineMs;
    return {
      name: 'parse-25mb',
      value,
      unit: 'ratio',
      mailscopeMs,
      baselineMs,
      runs: TIME_RUNS,
      target: '<= 1.5',
      pass: value <= 1.5,
    };
  } finally {
    message.remove();
  }
}

export async function parse25mbRss(): Promise<BenchResult> {
  const message = messageFile();
  try {
    const growth: number[] = [];
    const ms: number[] = [];
    for (let i = 0; i < RSS_RUNS; i++) {
      const measured = await child<{ growth: number; ms: number }>(['rss-mailscope', message.path]);
      growth.push(measured.growth);
      ms.push(measured.ms);
    }
    const value = median(growth) / message.size;
    return {
      name: 'parse-25mb-rss',
      value,
      unit: 'ratio',
      mailscopeMs: median(ms),
      baselineMs: null,
      runs: RSS_RUNS,
      target: '<= 3',
      pass: value <= 3,
    };
  } finally {
    message.remove();
  }
}
