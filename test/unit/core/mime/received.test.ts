import { describe, expect, it } from 'vitest';
import { parseMailDate } from '../../../../electron/core/mime/header-tokens';
import { parseReceived, receivedChain } from '../../../../electron/core/mime/received';
import type { MessageView } from '../../../../shared/model';
import { sample } from './header-samples';

const hosts = (view: MessageView) =>
  view.received.map((hop) => [hop.from?.name ?? hop.from?.ip ?? null, hop.by?.name ?? hop.by?.ip ?? null]);

describe('the Received chain', () => {
  it('Exchange Online: Gmail → EOP frontend → mailbox servers, first hop first, with TLS per hop', async () => {
    const view = await sample('exchange-online');
    expect(hosts(view)).toEqual([
      [null, 'mail-sor-f41.google.com'],
      ['mail-sor-f41.google.com', 'BN2PEPF000044A9.mail.protection.outlook.com'],
      ['BN2PEPF000044A9.namprd04.prod.outlook.com', 'BN9PR03CA0512.outlook.office365.com'],
      ['BN9PR03CA0512.namprd03.prod.outlook.com', 'PH0PR11MB4965.namprd11.prod.outlook.com'],
      ['PH0PR11MB4965.namprd11.prod.outlook.com', 'SA1PR11MB8473.namprd11.prod.outlook.com'],
    ]);
    const [origin, edge, frontend, , store] = view.received;
    expect(origin).toMatchObject({ protocol: 'SMTP', tls: false, for: 'accounts.payable@fabrikam.example' });
    expect(edge).toMatchObject({
      from: { name: 'mail-sor-f41.google.com', ip: '198.51.100.41' },
      by: { ip: '10.167.243.103' },
      protocol: 'Microsoft SMTP Server',
      tls: true,
      tlsVersion: 'TLS1_3',
      cipher: 'TLS_AES_256_GCM_SHA384',
      id: '15.20.8989.13',
      date: '2026-09-14T15:12:34.000Z',
    });
    // The origin wrote its time in -0700, the edge in +0000: one second apart all the same.
    expect(edge?.delayMs).toBe(1000);
    expect(frontend?.from?.ip).toBe('2603:10b6:408:131:cafe::5d');
    expect(store).toMatchObject({ protocol: 'HTTPS', tls: true, delayMs: 1000 });
    expect(view.received.map((hop) => hop.index)).toEqual([1, 2, 3, 4, 5]);
  });

  it('Gmail: Postfix submission with ESMTPSA, mx.google.com with version= and cipher=, internal IPv6 hop', async () => {
    const view = await sample('gmail');
    const [submission, mx, internal] = view.received;
    expect(submission).toMatchObject({
      from: { name: null, ip: '10.12.4.87' },
      by: { name: 'mail.contoso.example', detail: 'Postfix' },
      protocol: 'ESMTPSA',
      tls: true,
      id: '4Wd2Rk1Yq7z9sKP',
      for: 'priya.raman.ops@gmail.com',
      date: '2026-09-15T08:12:34.000Z',
      delayMs: null,
    });
    expect(mx).toMatchObject({
      from: { name: 'mail.contoso.example', ip: '192.0.2.25' },
      by: { name: 'mx.google.com' },
      protocol: 'ESMTPS',
      tlsVersion: 'TLS1_3',
      cipher: 'TLS_AES_256_GCM_SHA384',
      delayMs: 2000,
    });
    expect(internal).toMatchObject({
      from: null,
      by: { name: null, ip: '2002:a05:6a10:9f4e:b0:5e2:7a1c:3b40' },
      protocol: 'SMTP',
      tls: false,
      delayMs: 0,
    });
  });

  it('on-premises Exchange behind a Postfix gateway: Postfix "using TLSv1.3 with cipher", plain frontend hop', async () => {
    const view = await sample('exchange-onprem');
    expect(hosts(view)).toEqual([
      ['erp01.northwind.example', 'smtp-out.northwind.example'],
      ['smtp-out.northwind.example', 'mx1.fabrikam.example'],
      ['mx1.fabrikam.example', 'EXCH02.corp.fabrikam.example'],
      ['EXCH02.corp.fabrikam.example', 'EXCH01.corp.fabrikam.example'],
    ]);
    const [, gateway, frontend, backend] = view.received;
    expect(gateway).toMatchObject({
      from: { ip: '198.51.100.17' },
      by: { detail: 'Postfix' },
      protocol: 'ESMTPS',
      tls: true,
      tlsVersion: 'TLSv1.3',
      cipher: 'TLS_AES_256_GCM_SHA384',
      // +0200 and +0000 (UTC) stamps one second apart.
      delayMs: 1000,
    });
    // Exchange writes no (version=…) comment when a hop was not encrypted.
    expect(frontend).toMatchObject({ protocol: 'Microsoft SMTP Server', tls: false, tlsVersion: null });
    expect(backend).toMatchObject({ tls: true, cipher: 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384_P384' });
  });

  it('a spam relay: no date, qmail comments, a HELO with parentheses, and a clock that runs backwards', async () => {
    const view = await sample('spam-relay');
    const [forged, qmail, relayed, exim, edge, store] = view.received;
    expect(forged).toMatchObject({
      from: { name: 'localhost', ip: '127.0.0.1' },
      by: { name: 'mail.paypal.com' },
      date: null,
      dateText: null,
      delayMs: null,
    });
    // "(qmail 28141 invoked from network)" alone: no from or by, a date all the same.
    expect(qmail).toMatchObject({ from: null, by: null, date: '2026-09-21T03:10:02.000Z', delayMs: null });
    expect(relayed).toMatchObject({
      from: { name: null, ip: '198.51.100.200', detail: 'HELO win-pc(7) 198.51.100.200' },
      by: { name: null, ip: '192.0.2.66' },
      delayMs: 0,
    });
    expect(exim).toMatchObject({
      from: { ip: '198.51.100.200', detail: 'helo=User' },
      by: { name: 'relay.badhost.example' },
      protocol: 'esmtpa',
      tls: false,
      id: '1sQxYz-0007Ab-2K',
      date: '2026-09-21T03:16:40.000Z',
    });
    // The relay's clock is ahead: Exchange received it 2 min 31 s "before" the relay sent it.
    expect(edge?.delayMs).toBe(-151_000);
    expect(edge).toMatchObject({ tls: false, from: { ip: '203.0.113.77' } });
    expect(store?.delayMs).toBe(1000);
  });
});

describe('parseReceived', () => {
  it('keeps a semicolon inside a comment out of the date, and reads nested comments whole', () => {
    const hop = parseReceived(
      'from a.example (a.example [192.0.2.1] (note; with "quotes" (and nesting))) by b.example with ESMTP id X1; Tue, 1 Sep 2026 10:00:00 +0000',
    );
    expect(hop.from).toEqual({
      name: 'a.example',
      ip: '192.0.2.1',
      detail: 'a.example [192.0.2.1] (note; with "quotes" (and nesting))',
    });
    expect(hop).toMatchObject({ protocol: 'ESMTP', id: 'X1', date: '2026-09-01T10:00:00.000Z' });
  });

  it('reads Exim TLS (protocol, version comment, "tls" cipher) and sendmail TLS comments', () => {
    expect(
      parseReceived(
        'from mail.example ([192.0.2.9]) by mx.example with esmtps (TLS1.3) tls TLS_AES_256_GCM_SHA384 (Exim 4.97) id 1a-2b; Tue, 01 Sep 2026 10:00:00 +0000',
      ),
    ).toMatchObject({
      protocol: 'esmtps',
      tls: true,
      tlsVersion: 'TLS1.3',
      cipher: 'TLS_AES_256_GCM_SHA384',
    });
    expect(
      parseReceived(
        'from h.example (h.example [192.0.2.7]) by relay.example (8.15.2/8.15.2) with ESMTPS id 48E8A1 (version=TLSv1.3 cipher=TLS_AES_256_GCM_SHA384 bits=256 verify=NOT) for <a@b.example>; Tue, 1 Sep 2026 10:00:00 GMT',
      ),
    ).toMatchObject({ tlsVersion: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384', for: 'a@b.example' });
  });

  it('keeps an unreadable date as text and says it has no time', () => {
    expect(parseReceived('from a by b; yesterday at noon')).toMatchObject({
      date: null,
      dateText: 'yesterday at noon',
    });
  });

  it('survives hostile input: unclosed comments, no clauses, huge values', () => {
    expect(parseReceived('from a (unclosed [192.0.2.1] by b; Tue, 1 Sep 2026 10:00:00 +0000').from?.ip).toBe(
      '192.0.2.1',
    );
    expect(parseReceived('')).toMatchObject({ from: null, by: null, date: null });
    const huge = parseReceived(`from ${'a'.repeat(100_000)} by b`);
    expect(huge.raw.length).toBeLessThan(10_000);
  });

  it('reverses the headers into route order and caps absurd chains', () => {
    const headers = Array.from({ length: 150 }, (_, index) => ({
      name: 'Received',
      value: `from h${index} by h${index + 1}; Tue, 1 Sep 2026 10:00:00 +0000`,
    }));
    const chain = receivedChain(headers);
    expect(chain).toHaveLength(100);
    expect(chain[0]?.from?.name).toBe('h149');
  });
});

describe('parseMailDate', () => {
  it.each([
    ['Mon, 14 Sep 2026 08:12:33 -0700 (PDT)', '2026-09-14T15:12:33.000Z'],
    ['21 Sep 2026 03:10:02 -0000', '2026-09-21T03:10:02.000Z'],
    ['Tue, 1 Sep 26 10:00 EDT', '2026-09-01T14:00:00.000Z'],
    ['Tue,  1 Sep 2026 10:00:00 +0530', '2026-09-01T04:30:00.000Z'],
  ])('%s', (text, iso) => {
    expect(parseMailDate(text)).toBe(iso);
  });

  it.each(['', '1', 'soon', '32 Sep 2026 10:00:00 +0000', '1 Foo 2026 10:00 +0000'])('refuses %j', (text) => {
    expect(parseMailDate(text)).toBeNull();
  });
});
