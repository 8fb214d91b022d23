import { ImapFlow } from 'imapflow';
import type { Testbed } from '../testbed/index';

/**
 * The baselines' client: imapflow as anyone would set it up for the test bed's Dovecot (implicit
 * TLS trusting the bed's CA, XOAUTH2 with a token already in hand), not yet connected.
 */
export function bareImapFlow(bed: Testbed, mailbox: string, accessToken: string): ImapFlow {
  return new ImapFlow({
    host: bed.imap.host,
    port: bed.imap.tlsPort,
    secure: true,
    tls: { ca: [bed.ca.pem] },
    auth: { user: mailbox, accessToken },
    logger: false,
  });
}
