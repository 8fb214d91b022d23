import { mkdir, mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TokenProvider } from '../../electron/core/auth/token-provider';
import { createExportMethods } from '../../electron/core/export/export-methods';
import { openImapSource } from '../../electron/core/imap/imap-source';
import { SaveHandles } from '../../electron/core/save/save-handles';
import { MemorySecretStore } from '../../electron/core/secrets/secret-store';
import { Transfers } from '../../electron/core/transfers/transfers';
import type { Profile } from '../../shared/profile';
import { CONTOSO, type Testbed } from '../testbed/index';
import { bedProfile } from '../testbed/profiles';
import { bareImapFlow } from './bare-imap';
import { median, RUNS } from './open-folder';
import type { BenchResult } from './result';

/**
 * export-10k: Mailscope exporting a 10,000-message folder (mixed sizes, ~110 MB) to .eml files with
 * manifest.csv and SHA256SUMS, vs a bare imapflow script streaming the same messages to files
 * (connect, EXAMINE, one FETCH 1:* BODY.PEEK[], one file each); ratio of medians, target <= 1.25.
 * export-10k-rss-mb: the most the process's RSS grew during a Mailscope export, in MB; < 150.
 */

const PROFILE_ID = '00000000-0000-4000-8000-000000000004';
const COUNT = 10_000;

interface Measured {
  mailscope: number[];
  baseline: number[];
  rssGrowthMb: number;
}

let measured: Promise<Measured> | undefined;

async function measure(bed: Testbed): Promise<Measured> {
  const mailbox = bed.bigSeedMailboxes['export-10k'];
  if (!mailbox) throw new Error('the bed was started without the export-10k seed');
  const secrets = new MemorySecretStore();
  await secrets.set(PROFILE_ID, 'client-secret', CONTOSO.readerSecret.value);
  const tokens = new TokenProvider({ secrets, trust: { ca: bed.ca.pem } });
  const profile = bedProfile(bed, { id: PROFILE_ID, name: 'Export bench', mailbox });
  const work = await mkdtemp(join(tmpdir(), 'mailscope-bench-export-'));
  try {
    let round = 0;
    const folder = async () => {
      const path = join(work, `run-${round++}`);
      await mkdir(path);
      return path;
    };
    const mailscope = async () => {
      const out = await folder();
      const started = performance.now();
      const source = openImapSource(profile, { tokens, trust: { ca: bed.ca.pem } });
      const methods = createExportMethods(
        { kind: 'harness', version: 'bench', typedSavePaths: true, openExternal: async () => {} },
        () => source,
        new Transfers(),
        { handles: new SaveHandles(), publish: () => undefined, markFile: async () => true },
      );
      const target = await methods['export.prepare']({ folder: out });
      const result = await methods['export.run']({
        target: target.target,
        format: 'eml',
        selection: { kind: 'folder', sourceId: 'bench', folderId: 'INBOX' },
        operationId: `bench-export-${round}`,
      });
      const elapsed = performance.now() - started;
      await source.close();
      if (result.exported !== COUNT) throw new Error(`mailscope exported ${result.exported}`);
      await rm(out, { recursive: true, force: true });
      return elapsed;
    };
    const baseline = async () => {
      const out = await folder();
      const written = await bareExport(bed, profile, tokens, out);
      await rm(out, { recursive: true, force: true });
      return written;
    };

    // Warm-up: Dovecot's first open of the folder, the token cache, the page cache.
    await mailscope();
    await baseline();
    const rssGrowthMb = await peakRssGrowthMb(mailscope);
    const times: Measured = { mailscope: [], baseline: [], rssGrowthMb };
    // CPU time beside wall time: on a machine shared with other work, a gap in wall time with equal
    // CPU time is the machine's, not the code's.
    const cpu = { mailscope: 0, baseline: 0 };
    const timed = async (side: 'mailscope' | 'baseline', run: () => Promise<number>) => {
      const before = process.cpuUsage();
      times[side].push(await run());
      const used = process.cpuUsage(before);
      cpu[side] += (used.user + used.system) / 1000;
    };
    for (let run = 0; run < RUNS; run++) {
      await timed('mailscope', mailscope);
      await timed('baseline', baseline);
    }
    console.log(
      `export-10k: mean CPU per run mailscope=${Math.round(cpu.mailscope / RUNS)}ms baseline=${Math.round(cpu.baseline / RUNS)}ms`,
    );
    return times;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** What anyone would write with imapflow: every message of the folder to a file, streamed by FETCH. */
async function bareExport(bed: Testbed, profile: Profile, tokens: TokenProvider, out: string): Promise<number> {
  const { accessToken } = await tokens.getToken(profile);
  const started = performance.now();
  const client = bareImapFlow(bed, profile.mailbox, accessToken);
  await client.connect();
  await client.mailboxOpen('INBOX', { readOnly: true });
  let count = 0;
  for await (const message of client.fetch('1:*', { uid: true, source: true }, { uid: true })) {
    if (!message.source) continue;
    const file = await open(join(out, `${message.uid}.eml`), 'w');
    await file.write(message.source);
    await file.close();
    count++;
  }
  const elapsed = performance.now() - started;
  await client.logout();
  if (count !== COUNT) throw new Error(`baseline wrote ${count}`);
  return elapsed;
}

/** Samples RSS every 10 ms while `work` runs; the peak above the RSS before it, in MB. */
async function peakRssGrowthMb(work: () => Promise<unknown>): Promise<number> {
  const before = process.memoryUsage.rss();
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 10);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  peak = Math.max(peak, process.memoryUsage.rss());
  return (peak - before) / (1024 * 1024);
}

export async function export10k(bed: Testbed): Promise<BenchResult> {
  measured ??= measure(bed);
  const times = await measured;
  const mailscopeMs = median(times.mailscope);
  const baselineMs = median(times.baseline);
  const value = mailscopeMs / baselineMs;
  return { name: 'export-10k', value, unit: 'ratio', mailscopeMs, baselineMs, runs: RUNS, target: '<= 1.25', pass: value <= 1.25 };
}

export async function export10kRss(bed: Testbed): Promise<BenchResult> {
  measured ??= measure(bed);
  const times = await measured;
  const value = Math.round(times.rssGrowthMb * 10) / 10;
  return {
    name: 'export-10k-rss-mb',
    value,
    unit: 'count',
    mailscopeMs: median(times.mailscope),
    baselineMs: null,
    runs: 1,
    target: '< 150 (MB of RSS growth)',
    pass: value < 150,
  };
}
