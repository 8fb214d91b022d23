/**
 * A lexer for structured header values (RFC 5322 §3.2): comments nest and may hold anything but
 * their own unbalanced parentheses, quoted strings and domain literals keep their insides whole,
 * and a `;` inside any of them separates nothing. Received, Authentication-Results and
 * Received-SPF are all read through this, so a hostile comment cannot shift their fields.
 */

export type TokenKind = 'atom' | 'comment' | 'quoted' | 'angle' | 'special';

export interface Token {
  readonly kind: TokenKind;
  /** Atom text; the inside of a comment, quoted string or angle address, whitespace collapsed. */
  readonly text: string;
  /** Offsets of the token in the value, so a caller can cut the original text. */
  readonly start: number;
  readonly end: number;
  /** Whitespace or a comment came before it: `a=b` is one unit, `a= b` is not. */
  readonly spaceBefore: boolean;
}

const WHITESPACE = /\s/;

/** Splits `value` into tokens; `specials` (e.g. ";" or ";=") each become a one-character token. */
export function tokenize(value: string, specials: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  let spaceBefore = false;
  const push = (kind: TokenKind, text: string, start: number) => {
    tokens.push({ kind, text, start, end: index, spaceBefore });
    spaceBefore = kind === 'comment';
  };
  while (index < value.length) {
    const char = value.charAt(index);
    const start = index;
    if (WHITESPACE.test(char)) {
      index++;
      spaceBefore = true;
    } else if (char === '(') {
      push('comment', readComment(), start);
    } else if (char === '"') {
      push('quoted', readDelimited('"'), start);
    } else if (char === '<') {
      push('angle', readDelimited('>'), start);
    } else if (specials.includes(char)) {
      index++;
      push('special', char, start);
    } else {
      while (index < value.length) {
        const next = value.charAt(index);
        if (WHITESPACE.test(next) || next === '(' || next === '"' || specials.includes(next)) break;
        // A domain literal ([192.0.2.1], [IPv6:2001:db8::1]) is part of the atom, whatever it holds.
        if (next === '[') {
          const close = value.indexOf(']', index);
          index = close === -1 ? value.length : close + 1;
        } else {
          index++;
        }
      }
      push('atom', value.slice(start, index), start);
    }
  }
  return tokens;

  function readComment(): string {
    let depth = 0;
    let text = '';
    while (index < value.length) {
      const char = value.charAt(index++);
      if (char === '\\' && index < value.length) {
        text += value.charAt(index++);
        continue;
      }
      if (char === '(') {
        if (depth > 0) text += char;
        depth++;
      } else if (char === ')') {
        depth--;
        if (depth === 0) break;
        text += char;
      } else {
        text += char;
      }
    }
    return collapse(text);
  }

  function readDelimited(close: string): string {
    index++;
    let text = '';
    while (index < value.length) {
      const char = value.charAt(index++);
      if (char === '\\' && close === '"' && index < value.length) {
        text += value.charAt(index++);
        continue;
      }
      if (char === close) break;
      text += char;
    }
    return collapse(text);
  }
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Splits tokens at top-level specials equal to `separator` (never inside comments or quotes). */
export function splitTokens(tokens: readonly Token[], separator: string): Token[][] {
  const groups: Token[][] = [[]];
  for (const token of tokens) {
    if (token.kind === 'special' && token.text === separator) groups.push([]);
    else groups[groups.length - 1]?.push(token);
  }
  return groups;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
/** RFC 5322 §4.3 obsolete zone names, in minutes east of UTC. */
const ZONES: Record<string, number> = {
  ut: 0,
  utc: 0,
  gmt: 0,
  z: 0,
  est: -300,
  edt: -240,
  cst: -360,
  cdt: -300,
  mst: -420,
  mdt: -360,
  pst: -480,
  pdt: -420,
};
const DATE =
  /^(?:[a-z]{3},?\s*)?(\d{1,2})\s+([a-z]{3})[a-z]*\.?\s+(\d{2,4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*([+-]\d{4}|[a-z]{1,5})?/i;

/**
 * An RFC 5322 date-time (with the obsolete forms real servers still write: no weekday, two-digit
 * years, zone names) as an ISO string, or null. Stricter than `Date.parse`, which turns almost any
 * text into some date. A zone it does not know counts as UTC, as RFC 5322 says for military zones.
 */
export function parseMailDate(text: string): string | null {
  const cleaned = text.replace(/\([^)]*\)/g, ' ').trim();
  const match = DATE.exec(cleaned);
  if (!match) return null;
  const [, day, monthName, yearText, hour, minute, second, zone] = match;
  const month = MONTHS.indexOf((monthName ?? '').toLowerCase());
  let year = Number(yearText);
  if ((yearText ?? '').length === 2) year += year < 50 ? 2000 : 1900;
  else if ((yearText ?? '').length === 3) year += 1900;
  const values = {
    day: Number(day),
    hour: Number(hour),
    minute: Number(minute),
    second: Number(second ?? 0),
  };
  if (month < 0 || values.day < 1 || values.day > 31 || values.hour > 23 || values.minute > 59) return null;
  if (values.second > 60) return null;
  let offset = 0;
  if (zone && /^[+-]\d{4}$/.test(zone)) {
    const sign = zone.startsWith('-') ? -1 : 1;
    offset = sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3, 5)));
  } else if (zone) {
    offset = ZONES[zone.toLowerCase()] ?? 0;
  }
  const utc =
    Date.UTC(year, month, values.day, values.hour, values.minute, Math.min(values.second, 59)) -
    offset * 60_000;
  return Number.isNaN(utc) ? null : new Date(utc).toISOString();
}
