import { TokenProvider } from '../../electron/core/auth/token-provider';
import { createFindMethods } from '../../electron/core/find/find-methods';
import { DEFAULT_CONNECTION_BUDGET } from '../../electron/core/imap/connection-pool';
import { openImapSource } from '../../electron/core/imap/imap-source';
import { toSearchObject } from '../../electron/core/imap/search';
import type { SearchQuery } from '../../shared/search';
import type { Testbed } from '../testbed/index';
import { bedProfile, secretsFor } from '../testbed/profiles';
import { bareImapFlow } from './bare-imap';
import { median } from './open-folder';
import { type BenchResult, ratioResult } from './result';

/**
 * search-all (DESIGN.md §6): one query in every folder of the 1,000-folder mailbox, through
 * Mailscope's messages.searchAll (connection pool of the default budget, LIST, EXAMINE + UID SEARCH
 * per folder, the matches' envelopes, the events) vs a bare imapflow script with the same number
 * of connections: LIST, then every folder EXAMINEd and searched by whichever connection is free.
 * Both are timed from nothing open to the last answer (connections and sign-in included, the token
 * already cached); logging out is not timed. Ratio of medians, target <= 1.3.
 */

const RUNS = 5;
const BUDGET = DEFAULT_CONNECTION_BUDGET;
/** "Did invoice 512345 reach any folder?": one message, in one folder of the thousand. */
const QUERY: SearchQuery = { subject: 'invoice 512345' };

export async function searchAll(bed: Testbed): Promise<BenchResult> {
  const mailbox = bed.bigSeedMailboxes['folders-1k'];
  if (!mailbox) throw new Error('the bed was started without the folders-1k seed');
  const profile = bedProfile(bed, { name: 'Bench', mailbox });
  const tokens = new TokenProvider({ secrets: await secretsFor(bed, profile), trust: { ca: bed.ca.pem } });

  const mailscope = async (): Promise<number> => {
    const source = openImapSource(profile, { tokens, trust: { ca: bed.ca.pem }, connectionBudget: BUDGET });
    let events = 0;
    const { methods } = createFindMethods({
      sourceOf: () => source,
      openProfile: () => Promise.reject(new Error('not used')),
      profileName: () => Promise.reject(new Error('not used')),
      publish: () => events++,
    });
    const started = performance.now();
    const result = await methods['messages.searchAll']({ sourceId: 'bench', query: QUERY, searchId: 'bench-search-all' });
    const elapsed = performance.now() - started;
    await source.close();
    if (result.matches !== 1 || result.failed.length > 0 || result.done !== result.folders || events < 2) {
      throw new Error(`mailscope: ${JSON.stringify({ ...result, hits: result.hits.length })}`);
    }
    return elapsed;
  };

  const baseline = async (): Promise<number> => {
    const { accessToken } = await tokens.getToken(profile);
    const started = performance.now();
    const clients = await Promise.all(
      Array.from({ length: BUDGET }, async () => {
        const client = bareImapFlow(bed, profile.mailbox, accessToken);
        await client.connect();
        return client;
      }),
    );
    const folders = (await clients[0]!.list()).filter((entry) => !entry.flags.has('\\Noselect'));
    let next = 0;
    let matches = 0;
    await Promise.all(
      clients.map(async (client) => {
        for (let folder = folders[next++]; folder; folder = folders[next++]) {
          await client.mailboxOpen(folder.path, { readOnly: true });
          const found = await client.search(toSearchObject(QUERY), { uid: true });
          matches += Array.isArray(found) ? found.length : 0;
        }
      }),
    );
    const elapsed = performance.now() - started;
    await Promise.all(clients.map((client) => client.logout()));
    if (matches !== 1) throw new Error(`baseline found ${matches}`);
    return elapsed;
  };

  // Dovecot opens every folder's index once (a server cost Exchange has already paid): warm both.
  await mailscope();
  await baseline();
  const ours: number[] = [];
  const theirs: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    ours.push(await mailscope());
    theirs.push(await baseline());
  }
  return ratioResult('search-all', median(ours), median(theirs), RUNS, 1.3);
}
