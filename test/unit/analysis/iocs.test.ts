import { describe, expect, it } from 'vitest';
import { attachmentFacts } from '../../../electron/core/analysis/attachment-facts';
import { htmlFacts } from '../../../electron/core/analysis/html-facts';
import { collectIocs, mergeIocs } from '../../../electron/core/analysis/iocs';
import type { Header } from '../../../shared/model';

const HEADERS: Header[] = [
  {
    name: 'Received',
    value:
      'from relay.sender.example (relay.sender.example [198.51.100.7]) by mx.contoso.example (10.1.2.3) with ESMTPS; Mon, 7 Dec 2026 00:00:00 +0000',
  },
  { name: 'DKIM-Signature', value: 'v=1; d=sender.example; s=s; h=from; b=x' },
  { name: 'From', value: 'Alerts <Alerts@Sender.example>' },
  { name: 'Reply-To', value: 'drop@evil.example' },
  { name: 'To', value: 'a@contoso.example, "B, C" <b@contoso.example>' },
];

describe('IOC extraction', () => {
  it('collects URLs from HTML, text and HTML attachments, with domains, IPs and addresses, each once', async () => {
    const page = await attachmentFacts(
      { filename: 'login.html', contentType: 'text/html', size: 10, bytes: Buffer.from('x') },
      'login.html',
      '',
    );
    const iocs = collectIocs(
      {
        headers: HEADERS,
        body: htmlFacts(
          '<a href="https://evil.example/a">x</a><a href="mailto:help@evil.example?subject=x">m</a><img src="http://203.0.113.5/p.gif"><img src="cid:x"><a href="javascript:alert(1)">j</a>',
        ),
        text: 'Go to https://evil.example/a or www.text-link.com today',
        htmlAttachments: [htmlFacts('<form action="https://collect.example/p"></form>')],
        attachments: [page],
        connectingIp: '198.51.100.7',
      },
      '',
    );
    expect(iocs.urls.map((u) => [u.url, u.source])).toEqual([
      ['https://evil.example/a', 'html'],
      ['http://203.0.113.5/p.gif', 'html'],
      ['http://www.text-link.com', 'text'],
      ['https://collect.example/p', 'attachment'],
    ]);
    expect(iocs.ips).toEqual([
      { ip: '203.0.113.5', sources: ['url'], origin: '' },
      { ip: '198.51.100.7', sources: ['route', 'stamp'], origin: '' },
      { ip: '10.1.2.3', sources: ['route'], origin: '' },
    ]);
    expect(iocs.emails.map((e) => [e.address, e.sources])).toEqual([
      ['help@evil.example', ['body']],
      ['alerts@sender.example', ['from']],
      ['drop@evil.example', ['reply-to']],
      ['a@contoso.example', ['to']],
      ['b@contoso.example', ['to']],
    ]);
    expect(iocs.domains.find((d) => d.domain === 'evil.example')?.sources).toEqual([
      'url',
      'email',
      'header',
    ]);
    expect(iocs.domains.find((d) => d.domain === 'sender.example')?.sources).toEqual(['email', 'header']);
    expect(iocs.domains.find((d) => d.domain === 'relay.sender.example')?.sources).toEqual(['route']);
    expect(iocs.attachments).toEqual([
      expect.objectContaining({
        filename: 'login.html',
        label: 'login.html',
        md5: expect.stringMatching(/^[0-9a-f]{32}$/),
      }),
    ]);
    expect(Object.keys(iocs.attachments[0] ?? {})).not.toContain('bytes');
  });

  it('appends attached messages’ IOCs after the message’s own', () => {
    const empty = { urls: [], domains: [], ips: [], emails: [], attachments: [] };
    const inner = {
      ...empty,
      urls: [{ url: 'https://in.example/', source: 'text' as const, origin: 'fwd.eml' }],
    };
    const own = { ...empty, urls: [{ url: 'https://out.example/', source: 'html' as const, origin: '' }] };
    expect(mergeIocs(own, [inner]).urls.map((u) => u.origin)).toEqual(['', 'fwd.eml']);
  });
});
