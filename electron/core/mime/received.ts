import type { Header } from '../../../shared/model';
import type { HopHost, ReceivedHop } from '../../../shared/inspection';
import { parseMailDate, type Token, tokenize } from './header-tokens';

/** More hops than any real route; a message with thousands of Received lines is shown cut. */
const MAX_HOPS = 100;
/** A Received value longer than this is cut before parsing (real ones are a few hundred bytes). */
const MAX_VALUE = 8 * 1024;

const CLAUSES = new Set(['from', 'by', 'via', 'with', 'id', 'for']);
type Clause = 'from' | 'by' | 'via' | 'with' | 'id' | 'for';

/** Protocols that say the hop was encrypted (RFC 3848, RFC 6531), and those that say it was not. */
const ENCRYPTED = /^(esmtpsa?|smtps|lmtpsa?|utf8smtpsa?|utf8lmtpsa?|https|imaps|pop3s)$/i;
const PLAIN = /^(smtp|esmtpa?|lmtpa?|utf8smtpa?|utf8lmtpa?|http|imap|pop3|local)$/i;

/**
 * The route a message took, first hop first: the Received headers read bottom to top (each server
 * adds its own at the top), with the delay between consecutive hops. A delay is negative when a
 * later server's clock says it received the message before an earlier one: shown, not hidden.
 */
export function receivedChain(headers: readonly Header[]): ReceivedHop[] {
  const values = headers
    .filter((header) => header.name.toLowerCase() === 'received')
    .map((header) => header.value)
    .reverse()
    .slice(0, MAX_HOPS);
  let previous: number | null = null;
  return values.map((value, position) => {
    const hop = parseReceived(value, position + 1);
    const time = hop.date === null ? null : Date.parse(hop.date);
    const delayMs = time !== null && previous !== null ? time - previous : null;
    previous = time;
    return { ...hop, delayMs };
  });
}

/** One Received header value (unfolded), e.g. `from a (a [192.0.2.1]) by b with ESMTPS id X; date`. */
export function parseReceived(value: string, index = 1): ReceivedHop {
  const raw = value.slice(0, MAX_VALUE);
  const tokens = tokenize(raw, ';');
  const lastSemicolon = findLastIndex(tokens, (token) => token.kind === 'special' && token.text === ';');
  const clauseTokens = lastSemicolon === -1 ? tokens : tokens.slice(0, lastSemicolon);
  const dateToken = lastSemicolon === -1 ? null : tokens[lastSemicolon];
  const dateText = dateToken ? raw.slice(dateToken.end).trim() || null : null;

  const clauses = new Map<Clause, Token[]>();
  let current: Token[] | null = null;
  for (const token of clauseTokens) {
    const keyword = token.kind === 'atom' ? token.text.toLowerCase() : '';
    if (CLAUSES.has(keyword) && !clauses.has(keyword as Clause)) {
      current = [];
      clauses.set(keyword as Clause, current);
      continue;
    }
    current?.push(token);
  }

  const withClause = clauses.get('with') ?? [];
  const withAtoms = withClause.filter((token) => token.kind === 'atom').map((token) => token.text);
  // Exim writes "with esmtps (TLS1.3) tls TLS_AES_256_GCM_SHA384": the cipher follows "tls".
  const tlsAt = withAtoms.findIndex((atom) => atom.toLowerCase() === 'tls');
  const protocolAtoms = tlsAt === -1 ? withAtoms : withAtoms.slice(0, tlsAt);
  const protocol = protocolAtoms.join(' ') || null;
  const comments = tokens.filter((token) => token.kind === 'comment').map((token) => token.text);
  const tls = tlsFacts(comments, tlsAt === -1 ? null : (withAtoms[tlsAt + 1] ?? null));
  const date = dateText === null ? null : parseMailDate(dateText);

  return {
    index,
    from: host(clauses.get('from')),
    by: host(clauses.get('by')),
    protocol,
    tls: tls.version || tls.cipher ? true : encryptedByProtocol(protocol, comments),
    tlsVersion: tls.version,
    cipher: tls.cipher,
    id: atomsOf(clauses.get('id')),
    for: forOf(clauses.get('for')),
    date,
    dateText,
    delayMs: null,
    raw,
  };
}

function host(tokens: readonly Token[] | undefined): HopHost | null {
  if (!tokens || tokens.length === 0) return null;
  const first = tokens.find((token) => token.kind === 'atom');
  const comments = tokens.filter((token) => token.kind === 'comment').map((token) => token.text);
  const literal = first ? ipOfLiteral(first.text) : null;
  const name = first && !literal && first.text !== 'unknown' ? first.text.replace(/\.$/, '') : null;
  const ip = literal ?? firstIp(comments) ?? (first && isIp(first.text) ? first.text : null);
  return {
    name: name && !isIp(name) ? name : null,
    ip: ip ?? (name && isIp(name) ? name : null),
    detail: comments.length ? comments.join(' ') : null,
  };
}

/** `[192.0.2.1]`, `[IPv6:2001:db8::1]`: the address inside a domain literal. */
function ipOfLiteral(text: string): string | null {
  const match = /^\[(?:ipv6:)?([^\]]+)\]$/i.exec(text);
  return match?.[1] && isIp(match[1]) ? match[1] : null;
}

/** The first address in the comments: `rdns [192.0.2.1]`, `(192.0.2.1)`, `(2001:db8::1)`, `helo=x [192.0.2.1]`. */
function firstIp(comments: readonly string[]): string | null {
  for (const comment of comments) {
    for (const literal of comment.matchAll(/\[(?:ipv6:)?([0-9a-f.:%]+)\]/gi)) {
      if (literal[1] && isIp(literal[1])) return literal[1];
    }
    const whole = comment.trim();
    if (isIp(whole)) return whole;
    const v4 = /(?:^|[\s=(])((?:\d{1,3}\.){3}\d{1,3})(?![\d.])/.exec(comment);
    if (v4?.[1]) return v4[1];
  }
  return null;
}

function isIp(text: string): boolean {
  if (/^(?:\d{1,3}\.){3}\d{1,3}$/.test(text)) return text.split('.').every((part) => Number(part) <= 255);
  return /^[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}(?::(?:\d{1,3}\.){3}\d{1,3})?(?:%[\w.]+)?$/i.test(text);
}

function tlsFacts(
  comments: readonly string[],
  eximCipher: string | null,
): { version: string | null; cipher: string | null } {
  const text = comments.join(' ; ');
  const version =
    /\bversion=((?:TLS|SSL)v?[\d._]+)/i.exec(text)?.[1] ??
    /\busing ((?:TLS|SSL)v?[\d._]+)/i.exec(text)?.[1] ??
    comments.map((comment) => /^((?:TLS|SSL)v?\d(?:[._]\d)?)(?::|$)/i.exec(comment)?.[1]).find(Boolean) ??
    null;
  const cipher =
    /\bcipher[= ]([A-Za-z0-9_-]+)/i.exec(text)?.[1] ??
    eximCipher ??
    comments.map((comment) => /^(?:TLS|SSL)v?[\d.]+:([A-Za-z0-9_-]+)/i.exec(comment)?.[1]).find(Boolean) ??
    null;
  return { version, cipher };
}

function encryptedByProtocol(protocol: string | null, comments: readonly string[]): boolean | null {
  if (comments.some((comment) => /transport security/i.test(comment))) return true;
  if (!protocol) return null;
  if (ENCRYPTED.test(protocol)) return true;
  if (PLAIN.test(protocol)) return false;
  // Exchange writes a (version=…, cipher=…) comment whenever the hop used TLS.
  if (/^microsoft smtp server/i.test(protocol)) return false;
  return null;
}

function atomsOf(tokens: readonly Token[] | undefined): string | null {
  const atoms = (tokens ?? []).filter((token) => token.kind === 'atom').map((token) => token.text);
  return atoms.length ? atoms.join(' ') : null;
}

function forOf(tokens: readonly Token[] | undefined): string | null {
  const first = (tokens ?? []).find((token) => token.kind === 'angle' || token.kind === 'atom');
  return first ? first.text : null;
}

function findLastIndex<T>(items: readonly T[], test: (item: T) => boolean): number {
  for (let index = items.length - 1; index >= 0; index--) {
    const item = items[index];
    if (item !== undefined && test(item)) return index;
  }
  return -1;
}
