import type { Header } from '../../../shared/model';
import type {
  AuthenticationReport,
  AuthProperty,
  AuthResult,
  AuthResultsHeader,
  AuthVerdict,
  DkimSignature,
  ReceivedSpf,
} from '../../../shared/inspection';
import { splitTokens, type Token, tokenize } from './header-tokens';

const MAX_HEADERS = 50;
const MAX_VALUE = 16 * 1024;
const METHOD = /^[a-z0-9][a-z0-9_-]*(?:\/\d+)?$/i;

/**
 * What the message says about its own authenticity, and how far to believe it. Any server on the
 * way (or the sender) can write an Authentication-Results header, so the report trusts only the
 * topmost one, which the receiving organisation added last, and others carrying the same
 * authserv-id (RFC 8601 §5). Exchange Online writes no authserv-id at all; its header is then
 * recognised by position alone. ARC results are shown but never trusted: nothing here checks seals.
 */
export function authenticationReport(headers: readonly Header[]): AuthenticationReport {
  const relevant = headers.slice(0, 2000);
  const arHeaders = relevant
    .filter((header) => /^(arc-)?authentication-results$/i.test(header.name))
    .slice(0, MAX_HEADERS)
    .map((header) => parseAuthenticationResults(header.value, header.name));
  const topmost = arHeaders.find((header) => header.instance === null);
  const trustedId = topmost?.authservId ?? null;
  const results = arHeaders.map((header) => ({
    ...header,
    trusted:
      header.instance === null &&
      topmost !== undefined &&
      (header === topmost ||
        (trustedId !== null && header.authservId?.toLowerCase() === trustedId.toLowerCase())),
  }));
  const dkimSignatures = relevant
    .filter((header) => header.name.toLowerCase() === 'dkim-signature')
    .slice(0, MAX_HEADERS)
    .map((header) => parseDkimSignature(header.value));
  const receivedSpf = relevant
    .filter((header) => header.name.toLowerCase() === 'received-spf')
    .slice(0, MAX_HEADERS)
    .map((header) => parseReceivedSpf(header.value));
  const trusted = results.filter((header) => header.trusted);
  return {
    trustedAuthservId: trustedId,
    verdicts: [
      verdict('spf', trusted, receivedSpf[0] ?? null),
      verdict('dkim', trusted, null),
      verdict('dmarc', trusted, null),
    ],
    results,
    dkimSignatures,
    receivedSpf,
  };
}

/**
 * `[authserv-id [version];] method=result [reason=…] (comment) ptype.property=value …; …`
 * (RFC 8601 §2.2), or `i=N; authserv-id; …` for ARC (RFC 8617 §4.1.1). Lenient where real
 * writers are: a missing authserv-id, properties without a ptype (`action=none`), `none` alone.
 */
export function parseAuthenticationResults(
  value: string,
  name = 'Authentication-Results',
): AuthResultsHeader {
  const raw = value.slice(0, MAX_VALUE);
  const groups = splitTokens(tokenize(raw, ';='), ';').filter((group) => group.length > 0);
  let instance: number | null = null;
  if (/^arc-/i.test(name) && groups[0] && isPair(groups[0], 'i')) {
    instance = Number(valueAfterEquals(groups[0], 1)) || null;
    groups.shift();
  }
  let authservId: string | null = null;
  const first = groups[0];
  if (first && !looksLikeResult(first)) {
    const atom = first.find((token) => token.kind === 'atom' || token.kind === 'quoted');
    authservId = atom?.text ?? null;
    groups.shift();
  }
  const results = groups.map(parseResult).filter((result): result is AuthResult => result !== null);
  return { header: name, authservId, instance, trusted: false, results, raw };
}

function looksLikeResult(group: readonly Token[]): boolean {
  const first = group.find((token) => token.kind !== 'comment');
  const second = first ? group[group.indexOf(first) + 1] : undefined;
  if (!first || first.kind !== 'atom') return false;
  return METHOD.test(first.text) && second?.kind === 'special' && second.text === '=';
}

function isPair(group: readonly Token[], key: string): boolean {
  const [first, second] = group;
  return first?.kind === 'atom' && first.text.toLowerCase() === key && second?.text === '=';
}

function parseResult(group: readonly Token[]): AuthResult | null {
  const tokens = group.filter((token) => token.kind !== 'comment');
  const method = tokens[0];
  // "none" alone (nothing was checked, RFC 8601 §2.2) and anything unreadable give no result.
  if (!method || method.kind !== 'atom' || tokens[1]?.text !== '=') return null;
  const pairs = readPairs(group);
  const head = pairs.shift();
  if (!head) return null;
  let reason: string | null = null;
  const properties: AuthProperty[] = [];
  for (const pair of pairs) {
    if (pair.name.toLowerCase() === 'reason') reason = pair.value;
    else properties.push({ name: pair.name.toLowerCase(), value: pair.value });
  }
  return {
    method: head.name.toLowerCase().replace(/\/\d+$/, ''),
    result: head.value.toLowerCase(),
    reason,
    comment: head.comment,
    properties,
  };
}

interface Pair {
  name: string;
  value: string;
  comment: string | null;
}

/** `name=value` pairs in order, each with the comment that follows it; values glue across `=`. */
function readPairs(group: readonly Token[]): Pair[] {
  const pairs: Pair[] = [];
  for (let index = 0; index < group.length; index++) {
    const token = group[index];
    if (!token) continue;
    if (token.kind === 'comment') {
      const last = pairs[pairs.length - 1];
      if (last) last.comment = last.comment ? `${last.comment} ${token.text}` : token.text;
      continue;
    }
    if (token.kind !== 'atom' || group[index + 1]?.text !== '=') continue;
    let cursor = index + 2;
    while (group[cursor]?.kind === 'comment') cursor++;
    let value = group[cursor]?.kind === 'special' ? '' : (group[cursor]?.text ?? '');
    // base64 values end in "=": glue what follows with no space between.
    while (group[cursor + 1] && !group[cursor + 1]?.spaceBefore && group[cursor + 1]?.kind !== 'comment') {
      cursor++;
      value += group[cursor]?.text ?? '';
    }
    pairs.push({ name: token.text, value, comment: null });
    index = cursor;
  }
  return pairs;
}

function valueAfterEquals(group: readonly Token[], at: number): string {
  return group[at + 1]?.text ?? '';
}

/** DKIM-Signature tag=value list (RFC 6376 §3.2): whitespace inside values is not significant. */
export function parseDkimSignature(value: string): DkimSignature {
  const tags = tagList(value);
  const t = Number(tags.get('t'));
  return {
    domain: tags.get('d') || null,
    selector: tags.get('s') || null,
    algorithm: tags.get('a') || null,
    identity: tags.get('i') || null,
    canonicalization: tags.get('c') || null,
    signedAt: isoFromSeconds(t),
    headers: (tags.get('h') ?? '')
      .split(':')
      .map((name) => name.trim())
      .filter(Boolean)
      .slice(0, 100),
  };
}

/** A t= timestamp (seconds since 1970) as ISO 8601; null when absent or beyond what a Date holds. */
export function isoFromSeconds(seconds: number): string | null {
  const date = new Date(seconds * 1000);
  return seconds > 0 && !Number.isNaN(date.getTime()) ? date.toISOString() : null;
}

/** A DKIM-style `tag=value; …` list (ARC-Seal uses it too), first of each tag kept, lower-case tags. */
export function tagList(value: string): Map<string, string> {
  const tags = new Map<string, string>();
  for (const part of value.slice(0, MAX_VALUE).split(';')) {
    const equals = part.indexOf('=');
    if (equals < 0) continue;
    const key = part.slice(0, equals).trim().toLowerCase();
    if (!tags.has(key)) tags.set(key, part.slice(equals + 1).replace(/\s+/g, ''));
  }
  return tags;
}

/** `Received-SPF: Pass (comment) key=value; key=value` (RFC 7208 §9.1). */
export function parseReceivedSpf(value: string): ReceivedSpf {
  const tokens = tokenize(value.slice(0, MAX_VALUE), ';=');
  const result = tokens.find((token) => token.kind === 'atom');
  const comment = tokens.find((token) => token.kind === 'comment' && token.start > (result?.start ?? 0));
  const rest = result ? tokens.slice(tokens.indexOf(result) + 1).filter((token) => token !== comment) : [];
  const properties = splitTokens(rest, ';')
    .flatMap((group) => readPairs(group))
    .map((pair) => ({ name: pair.name.toLowerCase(), value: pair.value }));
  return { result: (result?.text ?? 'none').toLowerCase(), comment: comment?.text ?? null, properties };
}

const DOMAIN_PROPERTY: Record<AuthVerdict['method'], readonly string[]> = {
  spf: ['smtp.mailfrom', 'smtp.helo'],
  dkim: ['header.d', 'header.i'],
  dmarc: ['header.from'],
};

const RANK = [
  'pass',
  'bestguesspass',
  'neutral',
  'policy',
  'none',
  'softfail',
  'temperror',
  'permerror',
  'fail',
];

/**
 * One method's verdict from the trusted results; with several (two DKIM signatures, say) the
 * worst is shown, except that DKIM passes when any signature verified (RFC 6376 §6.1: a message
 * may carry signatures that no longer verify). SPF falls back to Received-SPF.
 */
function verdict(
  method: AuthVerdict['method'],
  trusted: readonly AuthResultsHeader[],
  receivedSpf: ReceivedSpf | null,
): AuthVerdict {
  const found = trusted.flatMap((header) =>
    header.results
      .filter((result) => result.method === method)
      .map((result) => ({ result, source: header.authservId ?? 'receiving server (no authserv-id)' })),
  );
  if (found.length === 0) {
    if (method === 'spf' && receivedSpf) {
      const domain =
        receivedSpf.properties.find((p) => p.name === 'envelope-from')?.value.replace(/^.*@/, '') ?? null;
      return {
        method,
        result: receivedSpf.result,
        domain,
        detail: receivedSpf.comment,
        source: 'Received-SPF',
      };
    }
    return { method, result: 'none', domain: null, detail: null, source: null };
  }
  const chosen =
    method === 'dkim' && found.some(({ result }) => result.result === 'pass')
      ? found.find(({ result }) => result.result === 'pass')
      : [...found].sort((a, b) => rank(b.result.result) - rank(a.result.result))[0];
  if (!chosen) return { method, result: 'none', domain: null, detail: null, source: null };
  const property = DOMAIN_PROPERTY[method]
    .map((name) => chosen.result.properties.find((p) => p.name === name)?.value)
    .find((value) => value && value.toLowerCase() !== 'none');
  return {
    method,
    result: chosen.result.result,
    domain: property ? property.replace(/^.*@/, '') : null,
    detail: chosen.result.comment ?? chosen.result.reason,
    source: chosen.source,
  };
}

function rank(result: string): number {
  const index = RANK.indexOf(result);
  return index === -1 ? RANK.indexOf('neutral') : index;
}
