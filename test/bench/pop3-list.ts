import net from 'node:net';
import { Pop3Client } from '../../electron/core/pop3/pop3-client';
import { readerClaims } from '../testbed/identity/tokens';
import { start, type Testbed } from '../testbed/index';
import type { BenchResult } from './result';

/**
 * pop3-list (DESIGN.md §6): the newest 50 headers (`TOP n 0`) of a 10,000-message maildrop, through
 * a loopback proxy that delays every chunk by 10 ms in each direction (a 20 ms round trip, like a
 * nearby Exchange Online front end). Mailscope's client pipelines (CAPA lists PIPELINING); the
 * baseline is the same client with pipelining off, so one command per round trip and nothing else
 * differs. Each run is what opening the maildrop costs the user: connect (implicit TLS through the
 * proxy), CAPA, AUTH XOAUTH2 (two-step, as Microsoft documents), CAPA, UIDL, 50 × TOP; QUIT follows
 * outside the timing (the headers are on screen by then). Medians of RUNS, runs interleaved.
 */

const RUNS = 7;
const NEWEST = 50;
const DELAY_MS = 10;

interface Proxy {
  port: number;
  close(): Promise<void>;
}

/** Forwards TCP to `target`, holding each chunk DELAY_MS before passing it on, order kept. */
async function delayingProxy(host: string, port: number): Promise<Proxy> {
  const sockets = new Set<net.Socket>();
  const forward = (from: net.Socket, to: net.Socket) => {
    from.on('data', (chunk: Buffer) => setTimeout(() => to.destroyed || to.write(chunk), DELAY_MS));
    from.on('end', () => setTimeout(() => to.end(), DELAY_MS));
    from.on('error', () => to.destroy());
  };
  const server = net.createServer((client) => {
    const upstream = net.connect({ host, port });
    for (const s of [client, upstream]) {
      s.setNoDelay(true);
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    }
    forward(client, upstream);
    forward(upstream, client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export async function pop3List(shared: Testbed): Promise<BenchResult> {
  // The shared bed may have been started without the 10k seed: then bring one up just for this.
  const own = shared.bigSeedMailboxes['pop3-10k']
    ? undefined
    : await start({ bigSeeds: ['pop3-10k'], saslMechanisms: ['xoauth2'] });
  const bed = own ?? shared;
  const proxy = await delayingProxy(bed.pop3.host, bed.pop3.tlsPort);
  try {
    const mailbox = bed.bigSeedMailboxes['pop3-10k']!;
    const accessToken = await bed.identity.mintAccessToken({
      claims: readerClaims(['POP.AccessAsApp']),
      lifetimeSeconds: 3600,
    });

    const once = async (pipelining: 'auto' | 'off'): Promise<number> => {
      const started = performance.now();
      const client = await Pop3Client.connect({
        host: '127.0.0.1',
        port: proxy.port,
        tls: 'implicit',
        ca: bed.ca.pem,
        pipelining,
      });
      await client.authenticate({ user: mailbox, accessToken });
      const uids = await client.uidl();
      const newest = uids.slice(-NEWEST).reverse();
      const headers = await Promise.all(newest.map(({ n }) => client.top(n, 0)));
      const elapsed = performance.now() - started;
      if (headers.length !== NEWEST || !headers[0]?.includes('Subject: Invoice 109999 '))
        throw new Error('pop3-list: wrong headers');
      if (client.isPipelining !== (pipelining === 'auto')) throw new Error('pop3-list: pipelining not as asked');
      await client.quit();
      return elapsed;
    };

    // Warm-up: Dovecot builds its index on the first open of the maildrop.
    await once('auto');
    await once('off');
    const mailscope: number[] = [];
    const baseline: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      mailscope.push(await once('auto'));
      baseline.push(await once('off'));
    }
    const mailscopeMs = median(mailscope);
    const baselineMs = median(baseline);
    const value = mailscopeMs / baselineMs;
    return {
      name: 'pop3-list',
      value,
      unit: 'ratio',
      mailscopeMs,
      baselineMs,
      runs: RUNS,
      target: '<= 0.2',
      pass: value <= 0.2,
    };
  } finally {
    await proxy.close();
    await own?.stop();
  }
}
