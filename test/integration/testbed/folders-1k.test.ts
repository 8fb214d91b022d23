import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { start, type Testbed } from '../../testbed/index';
import { folders1kLayout } from '../../testbed/fixtures/folders-1k';
import { msalAppToken } from '../../testbed/profiles';

describe('the folders-1k seed', () => {
  let bed: Testbed;
  let client: ImapFlow;
  beforeAll(async () => {
    bed = await start({ bigSeeds: ['folders-1k'] });
    client = new ImapFlow({
      host: bed.imap.host,
      port: bed.imap.tlsPort,
      secure: true,
      auth: { user: bed.bigSeedMailboxes['folders-1k']!, accessToken: await msalAppToken(bed) },
      tls: { ca: [bed.ca.pem] },
      logger: false,
    });
    await client.connect();
  }, 120_000);
  afterAll(async () => {
    await client?.logout().catch(() => undefined);
    await bed?.stop();
  });

  it('lists exactly the 1,000 folders of its layout, three levels deep, international names decoded', async () => {
    const layout = folders1kLayout();
    expect(layout).toHaveLength(1000);
    const listed = await client.list();
    expect(listed.map((f) => f.path).sort()).toEqual(layout.map((f) => f.path).sort());
    expect(listed.find((f) => f.path === 'Sent Items')?.specialUse).toBe('\\Sent');
    expect(listed.some((f) => f.path === 'Contracts/Müller GmbH/2021')).toBe(true);
  });

  it('holds the layout’s counts: empty, small and large folders', async () => {
    const layout = folders1kLayout();
    expect(layout.filter((f) => f.messages === 0).length).toBeGreaterThan(100);
    expect(layout.filter((f) => f.messages >= 2500)).toHaveLength(5);
    const sample = [
      ...layout.filter((f) => f.messages >= 2500),
      ...layout.filter((f) => f.messages === 0).slice(0, 3),
      ...layout.filter((f) => f.messages > 0 && f.messages < 100).slice(0, 3),
      layout[0]!,
    ];
    for (const f of sample) {
      const status = await client.status(f.path, { messages: true });
      expect(status && status.messages, f.path).toBe(f.messages);
    }
  });
});
