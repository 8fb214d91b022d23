import { isIP } from 'node:net';
import LinkifyIt from 'linkify-it';
import type { DomainIoc, EmailIoc, IpIoc, Iocs, UrlIoc } from '../../../shared/analysis';
import { parseDkimSignature } from '../mime/auth-results';
import { receivedChain } from '../mime/received';
import { type AttachmentFacts, toAttachmentIoc } from './attachment-facts';
import { addressesIn, domainOf } from './header-addresses';
import type { HtmlFacts } from './html-facts';
import type { AnalysisInput } from './input';

/**
 * What one message yields that the IOCs are made of (each HTML parsed once, by the caller): the
 * headers and plain text as the input has them, and what was made of the rest.
 */
export interface IocSources extends Pick<AnalysisInput, 'headers' | 'text'> {
  readonly body: HtmlFacts | null;
  /** HTML attachments, parsed. */
  readonly htmlAttachments: readonly HtmlFacts[];
  readonly attachments: readonly AttachmentFacts[];
  /** The connecting IP Microsoft 365 recorded (Forefront CIP), when there is one. */
  readonly connectingIp: string | null;
}

/** Schemes whose addresses are indicators; cid:, data:, about: and relative links are not. */
const URL_SCHEMES = new Set(['http:', 'https:', 'ftp:', 'ftps:', 'ws:', 'wss:', 'file:', 'smb:']);
const ADDRESS_HEADERS = ['from', 'sender', 'reply-to', 'return-path', 'to', 'cc'];
const MAX_PER_KIND = 5000;
const MAX_TEXT_SCANNED = 4 * 1024 * 1024;

const linkify = new LinkifyIt();

/** The IOCs of one message (not of the messages attached to it: mergeIocs adds those). */
export function collectIocs(sources: IocSources, origin: string): Iocs {
  const urls = new Map<string, UrlIoc>();
  const domains = new Map<string, DomainIoc>();
  const ips = new Map<string, IpIoc>();
  const emails = new Map<string, EmailIoc>();

  const addDomain = (domain: string, source: DomainIoc['sources'][number]) => {
    const key = domain.toLowerCase().replace(/\.$/, '');
    if (!key.includes('.') || isIP(stripBrackets(key))) return;
    addSource(domains, key, () => ({ domain: key, sources: [], origin }), source);
  };
  const addIp = (ip: string, source: IpIoc['sources'][number]) => {
    const bare = stripBrackets(ip);
    if (isIP(bare))
      addSource(ips, bare.toLowerCase(), () => ({ ip: bare.toLowerCase(), sources: [], origin }), source);
  };
  const addEmail = (address: string, source: string) => {
    const key = address.toLowerCase();
    addSource(emails, key, () => ({ address: key, sources: [], origin }), source);
    const domain = domainOf(key);
    if (domain) addDomain(domain, 'email');
  };
  const addUrl = (raw: string, source: UrlIoc['source']) => {
    let url: URL;
    try {
      url = new URL(raw.trim());
    } catch {
      return;
    }
    if (url.protocol === 'mailto:') {
      const address = decodeURIComponent(url.pathname).split(',')[0]?.trim();
      if (address?.includes('@')) addEmail(address, 'body');
      return;
    }
    if (!URL_SCHEMES.has(url.protocol) || urls.size >= MAX_PER_KIND) return;
    const key = raw.trim();
    if (!urls.has(key)) urls.set(key, { url: key, source, origin });
    if (isIP(stripBrackets(url.hostname))) addIp(url.hostname, 'url');
    else if (url.hostname) addDomain(url.hostname, 'url');
  };

  for (const url of sources.body?.urls ?? []) addUrl(url, 'html');
  // mailparser writes an HTML-only message's text from its HTML: a link's text ("https://bank.example")
  // then reads as a URL of its own, though it goes nowhere. Only real targets are indicators.
  const shownOnly = new Set((sources.body?.links ?? []).map((link) => link.text));
  // linkify reads with regular expressions: a pathological body is read up to a bound, not whole.
  const text = sources.text?.slice(0, MAX_TEXT_SCANNED) ?? null;
  for (const match of (text ? linkify.match(text) : null) ?? []) {
    if (!shownOnly.has(match.raw)) addUrl(match.url, 'text');
  }
  for (const html of sources.htmlAttachments) for (const url of html.urls) addUrl(url, 'attachment');

  for (const name of ADDRESS_HEADERS) {
    for (const entry of addressesIn(sources.headers, name)) {
      addEmail(entry.address, name);
      const domain = domainOf(entry.address);
      if (domain) addDomain(domain, 'header');
    }
  }
  sources.headers.forEach((header) => {
    if (header.name.toLowerCase() !== 'dkim-signature') return;
    const domain = parseDkimSignature(header.value).domain;
    if (domain) addDomain(domain, 'header');
  });

  for (const hop of receivedChain(sources.headers)) {
    if (hop.from?.ip) addIp(hop.from.ip, 'route');
    if (hop.by?.ip) addIp(hop.by.ip, 'route');
    if (hop.from?.name) addDomain(hop.from.name, 'route');
  }
  if (sources.connectingIp) addIp(sources.connectingIp, 'stamp');

  return {
    urls: [...urls.values()],
    domains: [...domains.values()],
    ips: [...ips.values()],
    emails: [...emails.values()],
    attachments: sources.attachments.map(toAttachmentIoc),
  };
}

/** The message's IOCs followed by those of its attached messages (already with their origins). */
export function mergeIocs(own: Iocs, attached: readonly Iocs[]): Iocs {
  return {
    urls: [...own.urls, ...attached.flatMap((iocs) => iocs.urls)],
    domains: [...own.domains, ...attached.flatMap((iocs) => iocs.domains)],
    ips: [...own.ips, ...attached.flatMap((iocs) => iocs.ips)],
    emails: [...own.emails, ...attached.flatMap((iocs) => iocs.emails)],
    attachments: [...own.attachments, ...attached.flatMap((iocs) => iocs.attachments)],
  };
}

function addSource<T extends { sources: S[] }, S>(
  map: Map<string, T>,
  key: string,
  make: () => T,
  source: S,
): void {
  let entry = map.get(key);
  if (!entry) {
    if (map.size >= MAX_PER_KIND) return;
    entry = make();
    map.set(key, entry);
  }
  if (!entry.sources.includes(source)) entry.sources.push(source);
}

function stripBrackets(host: string): string {
  return host.replace(/^\[|\]$/g, '').replace(/^ipv6:/i, '');
}
