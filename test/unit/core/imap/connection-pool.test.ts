import { describe, expect, it } from 'vitest';
import {
  checkConnectionBudget,
  ConnectionPool,
  DEFAULT_CONNECTION_BUDGET,
} from '../../../../electron/core/imap/connection-pool';
import type { ReadOnlyImapFlow } from '../../../../electron/core/imap/read-only-guard';
import type { ImapSession, RunOptions } from '../../../../electron/core/imap/session';
import { Profile } from '../../../../shared/profile';

/**
 * The pool against stand-in sessions: what it hands out, how many it opens, who waits, and what
 * cancelling and closing do. The real sessions are counted on Dovecot in the integration tests.
 */

interface FakeSession {
  id: number;
  runs: number;
  closed: boolean;
}

function fakeSessions() {
  const made: FakeSession[] = [];
  const open = (): ImapSession => {
    const state: FakeSession = { id: made.length + 1, runs: 0, closed: false };
    made.push(state);
    const client = { session: state.id } as unknown as ReadOnlyImapFlow;
    const session = {
      run: async <T>(operation: (c: ReadOnlyImapFlow) => Promise<T>, options: RunOptions = {}) => {
        if (options.signal?.aborted) throw new Error('aborted');
        state.runs++;
        return operation(client);
      },
      close: async () => {
        state.closed = true;
      },
    };
    return session as unknown as ImapSession;
  };
  return { made, open };
}

/** A promise the test settles by hand. */
function gate() {
  let open = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

const sessionOf = (client: ReadOnlyImapFlow) => (client as unknown as { session: number }).session;

describe('ConnectionPool', () => {
  it('never opens more sessions than its limit, and queues the rest first come first served', async () => {
    const { made, open } = fakeSessions();
    const pool = new ConnectionPool({ limit: 3, openSession: open });
    const gates = Array.from({ length: 10 }, gate);
    const order: number[] = [];
    let running = 0;
    let most = 0;
    const all = gates.map((g, index) =>
      pool.run(async (client) => {
        running++;
        most = Math.max(most, running);
        order.push(index);
        await g.opened;
        running--;
        return sessionOf(client);
      }),
    );
    await Promise.resolve();
    expect(pool.stats).toMatchObject({ open: 3, busy: 3, waiting: 7 });
    for (const g of gates) g.open();
    const sessions = await Promise.all(all);
    expect(made).toHaveLength(3);
    expect(most).toBe(3);
    expect(pool.stats).toMatchObject({ open: 3, busy: 0, waiting: 0, peak: 3, created: 3 });
    expect(new Set(sessions)).toEqual(new Set([1, 2, 3]));
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    await pool.close();
  });

  it('reuses an idle session instead of opening another', async () => {
    const { made, open } = fakeSessions();
    const pool = new ConnectionPool({ limit: 4, openSession: open });
    for (let i = 0; i < 5; i++) await pool.run(async () => i);
    expect(made).toHaveLength(1);
    expect(made[0]?.runs).toBe(5);
    await pool.close();
    expect(made[0]?.closed).toBe(true);
  });

  it('gives a session back when its operation fails', async () => {
    const { made, open } = fakeSessions();
    const pool = new ConnectionPool({ limit: 1, openSession: open });
    await expect(
      pool.run(async () => {
        throw new Error('folder gone');
      }),
    ).rejects.toThrow('folder gone');
    await expect(pool.run(async (client) => sessionOf(client))).resolves.toBe(1);
    expect(made).toHaveLength(1);
    await pool.close();
  });

  it('a waiting operation cancelled by its signal leaves the queue at once with CANCELLED', async () => {
    const { open } = fakeSessions();
    const pool = new ConnectionPool({ limit: 1, openSession: open });
    const hold = gate();
    const first = pool.run(() => hold.opened);
    const controller = new AbortController();
    const waiting = pool.run(async () => 'ran', { signal: controller.signal });
    await Promise.resolve();
    expect(pool.stats.waiting).toBe(1);
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(pool.stats.waiting).toBe(0);
    hold.open();
    await first;
    // An already aborted signal never takes a session.
    await expect(pool.run(async () => 'ran', { signal: controller.signal })).rejects.toMatchObject({
      code: 'CANCELLED',
    });
    await pool.close();
  });

  it('logs out a session left idle, and opens one again when needed', async () => {
    const { made, open } = fakeSessions();
    const pool = new ConnectionPool({ limit: 2, openSession: open, idleMs: 1 });
    await pool.run(async () => undefined);
    await expect.poll(() => made[0]?.closed).toBe(true);
    expect(pool.stats.open).toBe(0);
    await pool.run(async () => undefined);
    expect(made).toHaveLength(2);
    await pool.close();
  });

  it('close() rejects whatever still waits and logs out every session', async () => {
    const { made, open } = fakeSessions();
    const pool = new ConnectionPool({ limit: 1, openSession: open });
    const hold = gate();
    const first = pool.run(() => hold.opened);
    const waiting = pool.run(async () => 'ran');
    await Promise.resolve();
    const closing = pool.close();
    await expect(waiting).rejects.toMatchObject({ code: 'CANCELLED' });
    hold.open();
    await first;
    await closing;
    expect(made.every((session) => session.closed)).toBe(true);
    await expect(pool.run(async () => 'ran')).rejects.toMatchObject({ code: 'UNKNOWN_SOURCE' });
  });

  it('refuses a budget outside 1 to 12 with a message that names the setting', () => {
    const { open } = fakeSessions();
    for (const limit of [0, -1, 1.5, 13, Number.NaN]) {
      expect(() => new ConnectionPool({ limit, openSession: open })).toThrow(
        /Connections for searches and exports: .* is not a whole number from 1 to 12/,
      );
    }
    expect(checkConnectionBudget(12)).toBe(12);
    expect(DEFAULT_CONNECTION_BUDGET).toBe(4);
  });
});

describe('Profile.connections', () => {
  const base = {
    id: '7b0c1f7e-2d6a-4a8e-9a51-2f7b1c9d8e01',
    name: 'Finance',
    mailbox: 'finance@contoso.com',
    protocol: 'imap',
    server: { host: 'outlook.office365.com', port: 993, tlsMode: 'implicit' },
    tenant: 'contoso.onmicrosoft.com',
    clientId: '0e5f7a41-3b2c-4d8e-9f10-2a3b4c5d6e7f',
    credential: 'client-secret',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  };

  it('is optional, so profiles saved before it still load (format 1 needs no migration)', () => {
    expect(Profile.parse(base).connections).toBeUndefined();
    expect(Profile.parse({ ...base, connections: 6 }).connections).toBe(6);
  });

  it('refuses anything but a whole number from 1 to 12, naming the field', () => {
    for (const connections of [0, 13, 2.5, '4']) {
      const result = Profile.safeParse({ ...base, connections });
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toBe(
        'Connections: enter a whole number from 1 to 12 (empty: 4).',
      );
    }
  });
});
