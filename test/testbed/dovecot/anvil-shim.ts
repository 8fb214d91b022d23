/**
 * Answers Dovecot's auth process on `<base_dir>/anvil-auth-penalty` with "no penalty", so refused
 * logins are not slowed down (see the anvil section of config.ts for why). Protocol (Dovecot 2.3
 * anvil): the client sends `VERSION\tanvil\t1\t0`, then `PENALTY-GET\t<ip>` (answered with
 * `<penalty>\t<last update>`), `PENALTY-INC\t...` and `PENALTY-SET-EXPIRE-SECS\t...` (no answer).
 */
import { chmodSync, rmSync } from 'node:fs';
import net from 'node:net';

export interface AnvilShim {
  /** Number of PENALTY-GET queries answered: proves Dovecot consulted the shim. */
  readonly queries: () => number;
  close(): Promise<void>;
}

export async function startAnvilShim(socketPath: string): Promise<AnvilShim> {
  rmSync(socketPath, { force: true });
  let queries = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    let buffered = '';
    socket.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      for (let nl = buffered.indexOf('\n'); nl >= 0; nl = buffered.indexOf('\n')) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        if (line.startsWith('PENALTY-GET\t')) {
          queries++;
          socket.write('0\t0\n');
        }
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => resolve());
  });
  // Dovecot's auth process runs as an unprivileged user and must be able to connect.
  chmodSync(socketPath, 0o666);
  return {
    queries: () => queries,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
