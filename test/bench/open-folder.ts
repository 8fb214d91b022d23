import { ImapFlow } from 'imapflow';
import { TokenProvider } from '../../electron/core/auth/token-provider';
import { ENVELOPE_QUERY } from '../../electron/core/imap/envelopes';
import { openImapSource } from '../../electron/core/imap/imap-source';
import { MemorySecretStore } from '../../electron/core/secrets/secret-store';
import type { Profile } from '../../shared/profile';
import { CONTOSO } from '../testbed/identity/scenario';
import type { Testbed } from '../testbed/index';
import { bedProfile } from '../testbed/profiles';

/**
 * Shared by open-100k and open-scale (DESIGN.md §6): open a big folder and get its newest 50
 * envelopes, through Mailscope's IMAP source and through a bare imapflow script, against the same
 * Dovecot in the same run. Timed: connect, XOAUTH2, EXAMINE, FETCH 50 (the token is already cached
 * for both, as it is in the app after the first open). Logout is not timed for either.
 */

/** Medians of this many timed opens per series (DESIGN.md §6 asks for at least 5). */
export const RUNS = 15;
const PAGE = 50;

export type BigFolder = 'bench-100k' | 'bench-1k';

export interface OpenTimes {
  mailscope: number[];
  baseline: number[];
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** A bare imapflow client on the bed's IMAPS port: what a baseline script would make. */
export function bareImapClient(bed: Testbed, mailbox: string, accessToken: string): ImapFlow {
  return new ImapFlow({
    host: bed.imap.host,
    port: bed.imap.tlsPort,
    secure: true,
    tls: { ca: [bed.ca.pem] },
    auth: { user: mailbox, accessToken },
    logger: false,
  });
}

/** One id for every bench profile, so all folder opens share one cached token. */
const BENCH_PROFILE_ID = '00000000-0000-4000-8000-000000000002';

export class OpenBench {
  private constructor(
    private readonly bed: Testbed,
    private readonly tokens: TokenProvider,
  ) {}

  static async create(bed: Testbed): Promise<OpenBench> {
    const secrets = new MemorySecretStore();
    await secrets.set(BENCH_PROFILE_ID, 'client-secret', CONTOSO.readerSecret.value);
    return new OpenBench(bed, new TokenProvider({ secrets, trust: { ca: bed.ca.pem } }));
  }

  private profile(folder: BigFolder): Profile {
    const mailbox = this.bed.bigSeedMailboxes[folder];
    if (!mailbox) throw new Error(`the bed was started without the ${folder} seed`);
    return bedProfile(this.bed, { id: BENCH_PROFILE_ID, name: 'Bench', mailbox });
  }

  /** Mailscope: a new source (new session), newest 50 envelopes. */
  async mailscope(folder: BigFolder): Promise<number> {
    const profile = this.profile(folder);
    const source = openImapSource(profile, { tokens: this.tokens, trust: { ca: this.bed.ca.pem } });
    const started = performance.now();
    const page = await source.listEnvelopes('INBOX', 0, PAGE);
    const elapsed = performance.now() - started;
    await source.close();
    if (page.items.length !== PAGE) throw new Error(`mailscope got ${page.items.length} envelopes`);
    return elapsed;
  }

  /** The bare script: what anyone would write with imapflow to do the same. */
  async baseline(folder: BigFolder): Promise<number> {
    const profile = this.profile(folder);
    const { accessToken } = await this.tokens.getToken(profile);
    const started = performance.now();
    const client = bareImapClient(this.bed, profile.mailbox, accessToken);
    await client.connect();
    const mailbox = await client.mailboxOpen('INBOX', { readOnly: true });
    const from = Math.max(1, mailbox.exists - PAGE + 1);
    const messages = await client.fetchAll(`${from}:${mailbox.exists}`, ENVELOPE_QUERY);
    const elapsed = performance.now() - started;
    await client.logout();
    if (messages.length !== PAGE) throw new Error(`baseline got ${messages.length} envelopes`);
    return elapsed;
  }

  /**
   * One warm-up open of each folder by each client, then `runs` rounds of timed opens. Within a
   * round every folder and client takes a turn, so drift on a busy machine (this one runs other
   * test suites) hits every series alike.
   */
  async measure(folders: readonly BigFolder[], runs = RUNS, withBaseline = true): Promise<Map<BigFolder, OpenTimes>> {
    const times = new Map<BigFolder, OpenTimes>();
    // Dovecot builds its index on the first open (a server cost Exchange has already paid), and the
    // token cache fills: neither belongs in the numbers.
    for (const folder of folders) {
      await this.mailscope(folder);
      if (withBaseline) await this.baseline(folder);
      times.set(folder, { mailscope: [], baseline: [] });
    }
    for (let run = 0; run < runs; run++) {
      for (const folder of folders) {
        const series = times.get(folder);
        if (!series) continue;
        series.mailscope.push(await this.mailscope(folder));
        if (withBaseline) series.baseline.push(await this.baseline(folder));
      }
    }
    return times;
  }
}
