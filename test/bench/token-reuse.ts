import { TokenProvider } from '../../electron/core/auth/token-provider';
import { CONTOSO } from '../testbed/identity/scenario';
import type { Testbed } from '../testbed/index';
import { bedProfile, secretsFor } from '../testbed/profiles';
import { bareImapFlow } from './bare-imap';
import type { BenchResult } from './result';

/**
 * token-reuse: 100 folder opens inside one token lifetime, each on its own IMAP session signed in
 * with XOAUTH2 through Mailscope's TokenProvider, must make exactly one token request (DESIGN.md §6).
 */

const OPENS = 100;
const FOLDERS = ['INBOX', 'Sent Items', 'Archive', 'Deleted Items'];

export async function tokenReuse(bed: Testbed): Promise<BenchResult> {
  const profile = bedProfile(bed, { name: 'Bench', mailbox: CONTOSO.alerts });
  const secrets = await secretsFor(bed, profile);
  const tokens = new TokenProvider({ secrets, trust: { ca: bed.ca.pem } });

  bed.identity.resetCounts();
  const started = performance.now();
  for (let open = 0; open < OPENS; open++) {
    const { accessToken } = await tokens.getToken(profile);
    const client = bareImapFlow(bed, profile.mailbox, accessToken);
    await client.connect();
    await client.mailboxOpen(FOLDERS[open % FOLDERS.length]!, { readOnly: true });
    await client.logout();
  }
  const elapsed = performance.now() - started;
  return {
    name: 'token-reuse',
    value: bed.identity.count('token:client_credentials'),
    unit: 'count',
    mailscopeMs: elapsed,
    baselineMs: null,
    runs: OPENS,
    target: 'exactly 1',
    pass: bed.identity.count('token:client_credentials') === 1,
  };
}
