import { AppError } from '../common/app-error';
import { Pop3Error, printable } from './errors';

/** Parsing what a POP3 server answers: status lines, listings and capabilities. */

export interface MessageSize {
  /** Message number in this session (1-based). */
  n: number;
  size: number;
}

export interface MessageUid {
  n: number;
  /** Unique-id listing: stable across sessions (RFC 1939 §7). */
  uid: string;
}

/** Keyword (upper case) -> its arguments, from CAPA. */
export type Capabilities = ReadonlyMap<string, readonly string[]>;

/** A CAPA listing, one capability a line. */
export function parseCapabilities(lines: readonly string[]): Map<string, string[]> {
  const caps = new Map<string, string[]>();
  for (const line of lines) {
    const [keyword, ...args] = line.trim().split(/\s+/);
    if (keyword) caps.set(keyword.toUpperCase(), args);
  }
  return caps;
}

export function messageNumber(n: number): number {
  if (!Number.isSafeInteger(n) || n < 1)
    throw new AppError('INVALID_REQUEST', `Bad POP3 message number ${n}.`);
  return n;
}

/** The first `count` numbers of a reply or list line (`+OK 12 3456` -> 12, 3456). */
export function numbers(text: string, count: 2, what: string): [number, number] {
  const parts = text.trim().split(/\s+/, count).map(Number);
  if (parts.length < count || parts.some((p) => !Number.isSafeInteger(p) || p < 0))
    throw new Pop3Error(
      'protocol',
      `The POP3 server sent a malformed ${what} line: "${printable(text.slice(0, 80))}".`,
    );
  return [parts[0] as number, parts[1] as number];
}

export function parseSize(line: string): MessageSize {
  const [n, size] = numbers(line, 2, 'LIST');
  return { n, size };
}

export function parseUid(line: string): MessageUid {
  const m = /^\s*(\d+)\s+([\x21-\x7e]{1,70})\s*$/.exec(line);
  if (!m)
    throw new Pop3Error(
      'protocol',
      `The POP3 server sent a malformed UIDL line: "${printable(line.slice(0, 80))}".`,
    );
  return { n: Number(m[1]), uid: m[2] as string };
}

/** `+OK 1234 octets` -> 1234 (Dovecot and Exchange both say so; RFC 1939 does not require it). */
export function octets(text: string): number | undefined {
  const m = /^(\d+)\s+octets/i.exec(text);
  return m ? Number(m[1]) : undefined;
}

/** The non-empty lines of a collected multi-line reply. */
export function blockLines(body: Buffer | undefined): string[] {
  const text = (body ?? Buffer.alloc(0)).toString('latin1');
  return text.split(/\r?\n/).filter((line) => line.length > 0);
}
