import { domainToUnicode } from 'node:url';
import { getDomain } from 'tldts';
import type { HeaderRef } from '../../../shared/analysis';
import type { Header } from '../../../shared/model';

/** One address of an address header, with the display name in front of it and where it is. */
export interface HeaderAddress {
  readonly address: string;
  /** The display name as shown, '' when there is none. */
  readonly displayName: string;
  readonly header: HeaderRef;
}

const ADDRESS = /[^\s<>"(),;:@[\]]+@[^\s<>"(),;:@[\]]+\.[^\s<>"(),;:@[\]]+/g;

/**
 * The addresses of every header called `name` (From, Reply-To, Return-Path…), in order. An entry
 * "Name <a@b>" gives a@b with its name; a bare address gives itself. The display name is kept
 * as written, so an address hidden in it ("support@bank.example <x@evil.example>") stays visible.
 */
export function addressesIn(headers: readonly Header[], name: string): HeaderAddress[] {
  const found: HeaderAddress[] = [];
  headers.forEach((header, index) => {
    if (header.name.toLowerCase() !== name) return;
    const ref = { index, name: header.name };
    for (const entry of splitEntries(header.value)) {
      const angle = /<([^<>]*)>\s*$/.exec(entry);
      const address = (angle ? angle[1] : entry)?.trim().replace(/^mailto:/i, '') ?? '';
      if (!address.includes('@')) continue;
      const displayName = angle ? entry.slice(0, angle.index).trim().replace(/^"|"$/g, '') : '';
      found.push({ address: address.toLowerCase(), displayName, header: ref });
    }
  });
  return found;
}

/** Every address-looking string in a text (a display name, a body). */
export function addressesInText(text: string): string[] {
  return [...text.matchAll(ADDRESS)].map((match) => match[0].toLowerCase().replace(/\.$/, ''));
}

/** Entries of an address list: commas split, except inside quotes or angle brackets. */
function splitEntries(value: string): string[] {
  const entries: string[] = [];
  let current = '';
  let quoted = false;
  let angle = false;
  for (const char of value) {
    if (char === '"') quoted = !quoted;
    else if (char === '<' && !quoted) angle = true;
    else if (char === '>' && !quoted) angle = false;
    if (char === ',' && !quoted && !angle) {
      entries.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  entries.push(current);
  return entries.map((entry) => entry.trim()).filter(Boolean);
}

export function domainOf(address: string): string | null {
  const at = address.lastIndexOf('@');
  return at >= 0 ? address.slice(at + 1).toLowerCase() : null;
}

/**
 * The registrable domain ("mail.paypal.co.uk" → "paypal.co.uk") from the Public Suffix List as
 * tldts ships it; the host itself when it has none (an IP, "localhost").
 */
export function registrableDomain(host: string): string {
  const unicode = domainToUnicode(host) || host;
  return (getDomain(host, { allowPrivateDomains: false }) ?? getDomain(unicode) ?? host).toLowerCase();
}
