import { median } from './open-folder';
import { child, messageFile } from './parse-25mb';
import type { BenchResult } from './result';

/**
 * analyze-25mb (DESIGN.md §6): the full triage analysis of the 25 MB message with 20 attachments
 * (messages.analyze through the dispatcher: the file read, parsed with every attachment's bytes
 * kept, MD5/SHA-1/SHA-256 of each, stamps decoded, indicators and IOCs, the answer checked against
 * the contract) vs its parse alone (the same file read and parsed as the analysis parses it,
 * parseForAnalysis: mailparser keeping every attachment's bytes), so the ratio is what the analysis
 * adds to the parse. Ratio of medians, target <= 1.3; both sides run in one fresh child process,
 * alternating (parse-child.ts `time-analyze`).
 */

const RUNS = 7;
const TARGET = 1.3;

export async function analyze25mb(): Promise<BenchResult> {
  const message = messageFile();
  try {
    const times = await child<{ mailscope: number[]; baseline: number[] }>([
      'time-analyze',
      message.path,
      String(RUNS),
    ]);
    const mailscopeMs = median(times.mailscope);
    const baselineMs = median(times.baseline);
    const value = mailscopeMs / baselineMs;
    return {
      name: 'analyze-25mb',
      value,
      unit: 'ratio',
      mailscopeMs,
      baselineMs,
      runs: RUNS,
      target: `<= ${TARGET}`,
      pass: value <= TARGET,
    };
  } finally {
    message.remove();
  }
}
