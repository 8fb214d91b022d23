import type { Prng } from './prng';

/**
 * Mutations of a real message that aim where mail parsers break: structure (header lines, MIME
 * boundaries), encodings and charsets, and size (nesting, line length). Each takes the message
 * and returns a new buffer; `mutate` applies one to three of them in a row.
 */

type Mutator = (input: Buffer, rng: Prng, corpus: readonly Buffer[]) => Buffer;

const CRLF = Buffer.from('\r\n');
const INTERESTING = [
  0x00, 0x0a, 0x0d, 0x2d, 0x3a, 0x3d, 0x3b, 0x22, 0x3c, 0x3e, 0x7f, 0x80, 0xff, 0x1b, 0x20, 0x09,
];
const BAD_CHARSETS = [
  'x-no-such-charset',
  'utf-7',
  'utf-16',
  'utf-32',
  'iso-2022-jp',
  '',
  '"',
  'utf-8"; charset="latin1',
  'windows-1252\u0000',
  'a'.repeat(300),
  'ks_c_5601-1987',
  'gb2312',
  'binary',
];
const BAD_ENCODINGS = [
  'base64',
  'quoted-printable',
  'x-uuencode',
  'uuencode',
  '8bit',
  'binary',
  'bogus',
  '',
  '7bit; x=1',
];
const JUNK = [
  '=?',
  '=ZZ',
  '=\r\n',
  '%%%',
  '====',
  '=?UTF-8?B?',
  '?=',
  '=?x?Q?=FF=?=',
  '\u0000',
  '--',
  '\r',
  '\n',
  ';;;',
  '"',
  '<',
  '>',
];
const CONTENT_TYPES = [
  'multipart/mixed; boundary=',
  'multipart/alternative; boundary="b"',
  'multipart/related',
  'message/rfc822',
  'text/html; charset=utf-8',
  'text/calendar; method=REQUEST',
  'application/ms-tnef',
  'multipart/report; report-type=delivery-status; boundary="r"',
  'image/png; name="a.png"',
  'message/delivery-status',
  '',
];

function lineStarts(input: Buffer, limit: number): number[] {
  const starts = [0];
  for (let at = input.indexOf(0x0a); at !== -1 && at < limit; at = input.indexOf(0x0a, at + 1))
    starts.push(at + 1);
  return starts;
}

function headerEnd(input: Buffer): number {
  const crlf = input.indexOf('\r\n\r\n');
  const lf = input.indexOf('\n\n');
  const ends = [crlf === -1 ? -1 : crlf + 2, lf === -1 ? -1 : lf + 1].filter((n) => n >= 0);
  return ends.length ? Math.min(...ends) : input.length;
}

function boundaryLines(input: Buffer): number[] {
  const found: number[] = [];
  for (let at = input.indexOf('\n--'); at !== -1 && found.length < 500; at = input.indexOf('\n--', at + 1))
    found.push(at + 1);
  return found;
}

/** A header line's [start, end) (end after its line break), continuation lines included. */
function headerLines(input: Buffer): [number, number][] {
  const end = headerEnd(input);
  const starts = lineStarts(input, end).filter((at) => at < end && input[at] !== 0x20 && input[at] !== 0x09);
  return starts.map((start, index) => [start, starts[index + 1] ?? end]);
}

function replaceAll(input: Buffer, pattern: RegExp, rng: Prng, values: readonly string[]): Buffer {
  const text = input.toString('latin1');
  if (!pattern.test(text)) return input;
  pattern.lastIndex = 0;
  return Buffer.from(
    text.replace(pattern, (match, prefix: string) => `${prefix}${rng.pick(values)}`),
    'latin1',
  );
}

const flipBytes: Mutator = (input, rng) => {
  const out = Buffer.from(input);
  if (out.length === 0) return Buffer.from([rng.pick(INTERESTING)]);
  const count = rng.size(1, 64);
  for (let i = 0; i < count; i++) {
    const at = rng.int(out.length);
    out[at] = rng.chance(0.5) ? rng.pick(INTERESTING) : rng.int(256);
  }
  return out;
};

const truncateAtStructure: Mutator = (input, rng) => {
  const points = [...lineStarts(input, headerEnd(input) + 1), ...boundaryLines(input)];
  const base = rng.pick(points.length ? points : [0]);
  // Cut at the line start, or just inside it: after "Content-Type:", mid-boundary, mid-CRLF.
  const colon = input.indexOf(0x3a, base);
  const cuts = [base, base + rng.int(40), colon === -1 ? base : colon + 1, Math.max(0, base - 1)];
  return input.subarray(0, Math.min(input.length, rng.pick(cuts)));
};

const truncateAnywhere: Mutator = (input, rng) => input.subarray(0, rng.int(input.length + 1));

const duplicateHeader: Mutator = (input, rng) => {
  const lines = headerLines(input);
  if (!lines.length) return input;
  const [start, end] = rng.pick(lines);
  const copies = Array.from({ length: rng.size(1, 2000) }, () => input.subarray(start, end));
  return Buffer.concat([input.subarray(0, end), ...copies, input.subarray(end)]);
};

const emptyHeader: Mutator = (input, rng) => {
  const lines = headerLines(input);
  if (!lines.length) return Buffer.concat([Buffer.from('Content-Type:\r\n'), input]);
  const [start, end] = rng.pick(lines);
  const colon = input.indexOf(0x3a, start);
  if (colon === -1 || colon >= end) return input;
  const keep = rng.chance(0.3) ? Buffer.alloc(0) : CRLF;
  return Buffer.concat([input.subarray(0, colon + 1), keep, input.subarray(end)]);
};

const breakEncoding: Mutator = (input, rng) => {
  if (rng.chance(0.5)) {
    return replaceAll(input, /(content-transfer-encoding:[ \t]*)[^\r\n;]*/gi, rng, BAD_ENCODINGS);
  }
  // Junk inside encoded text: base64 bodies, quoted-printable, encoded words.
  const out: Buffer[] = [];
  let from = 0;
  const count = rng.size(1, 40);
  for (let i = 0; i < count && input.length; i++) {
    const at = from + rng.int(Math.max(1, input.length - from));
    out.push(input.subarray(from, at), Buffer.from(rng.pick(JUNK), 'latin1'));
    from = at;
  }
  out.push(input.subarray(from));
  return Buffer.concat(out);
};

const breakCharset: Mutator = (input, rng) => {
  const changed = replaceAll(input, /(charset=)"?[^\s;"]*"?/gi, rng, BAD_CHARSETS);
  if (changed !== input) return changed;
  return Buffer.concat([
    Buffer.from(`Content-Type: text/plain; charset=${rng.pick(BAD_CHARSETS)}\r\n`),
    input,
  ]);
};

const breakContentType: Mutator = (input, rng) =>
  replaceAll(input, /(content-type:[ \t]*)[^\r\n]*/gi, rng, CONTENT_TYPES);

const unclosedBoundary: Mutator = (input, rng) => {
  const text = input.toString('latin1');
  if (rng.chance(0.5)) return Buffer.from(text.replace(/\r?\n--[^\r\n]*--[ \t]*(\r?\n|$)/g, '$1'), 'latin1');
  // Or a boundary parameter that no delimiter line matches (or an empty one).
  return replaceAll(input, /(boundary=)"?[^\s;"]*"?/gi, rng, [
    '',
    '""',
    'never-used',
    '-',
    '"--"',
    'a'.repeat(200),
  ]);
};

const deepNesting: Mutator = (input, rng) => {
  const depth = rng.size(10, 5000);
  const kind = rng.int(3);
  const parts: string[] = [];
  const closes: string[] = [];
  for (let level = 0; level < depth; level++) {
    if (kind === 0) {
      parts.push(`Content-Type: multipart/mixed; boundary="b${level}"\r\n\r\n--b${level}\r\n`);
      if (rng.chance(0.9)) closes.unshift(`\r\n--b${level}--\r\n`);
    } else if (kind === 1) {
      parts.push('Content-Type: message/rfc822\r\n\r\n');
    } else {
      parts.push(`Content-Type: multipart/alternative; boundary=x\r\n\r\n--x\r\n`);
    }
  }
  return Buffer.concat([
    Buffer.from('From: nest@example.com\r\nSubject: deep\r\nMIME-Version: 1.0\r\n'),
    Buffer.from(parts.join(''), 'latin1'),
    input,
    Buffer.from(closes.join(''), 'latin1'),
  ]);
};

const hugeHeaderLine: Mutator = (input, rng) => {
  const length = rng.size(1000, 3 * 1024 * 1024);
  const name = rng.pick([
    'Subject',
    'X-Huge',
    'To',
    'Received',
    'Content-Type',
    'From',
    'References',
    'Date',
  ]);
  const folded = rng.chance(0.3);
  const unit = rng.pick(['a', '=?UTF-8?B?w6k=?= ', 'x@example.com, ', '<id@host> ', ' ;', '"']);
  let value = unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
  if (folded) value = value.replace(/(.{76})/g, '$1\r\n ');
  const line = Buffer.from(`${name}: ${value}\r\n`, 'latin1');
  const lines = headerLines(input);
  const at = lines.length ? rng.pick(lines)[0] : 0;
  return Buffer.concat([input.subarray(0, at), line, input.subarray(at)]);
};

const insertControls: Mutator = (input, rng) => {
  const at = rng.int(input.length + 1);
  const run = Buffer.alloc(rng.size(1, 4096));
  for (let i = 0; i < run.length; i++) run[i] = rng.chance(0.6) ? 0 : rng.int(32);
  return Buffer.concat([input.subarray(0, at), run, input.subarray(at)]);
};

const lineEndings: Mutator = (input, rng) => {
  const text = input.toString('latin1');
  const way = rng.int(3);
  if (way === 0) return Buffer.from(text.replace(/\r\n/g, '\n'), 'latin1');
  if (way === 1) return Buffer.from(text.replace(/\r?\n/g, '\r'), 'latin1');
  return Buffer.from(text.replace(/\r?\n/g, '\r\r\n'), 'latin1');
};

const splice: Mutator = (input, rng, corpus) => {
  const other = rng.pick(corpus);
  const a = rng.int(input.length + 1);
  const b = rng.int(other.length + 1);
  return Buffer.concat([input.subarray(0, a), other.subarray(b)]);
};

const repeatRegion: Mutator = (input, rng) => {
  if (!input.length) return input;
  const start = rng.int(input.length);
  const end = Math.min(input.length, start + rng.size(1, 4096));
  const times = rng.size(1, 200);
  return Buffer.concat([
    input.subarray(0, end),
    ...Array.from({ length: times }, () => input.subarray(start, end)),
    input.subarray(end),
  ]);
};

export const MUTATORS: Readonly<Record<string, Mutator>> = {
  flipBytes,
  truncateAtStructure,
  truncateAnywhere,
  duplicateHeader,
  emptyHeader,
  breakEncoding,
  breakCharset,
  breakContentType,
  unclosedBoundary,
  deepNesting,
  hugeHeaderLine,
  insertControls,
  lineEndings,
  splice,
  repeatRegion,
};

const NAMES = Object.keys(MUTATORS);
/** Mutators that grow the input a lot are applied at most once per input, so memory stays bounded. */
const BIG = new Set(['deepNesting', 'hugeHeaderLine', 'duplicateHeader', 'repeatRegion']);
/** No input the fuzzer makes is larger than this; a bigger one is cut (a truncation is a mutation too). */
export const MAX_INPUT_BYTES = 8 * 1024 * 1024;

/** One mutated input from a corpus entry: which mutators ran, and the bytes. */
export function mutate(
  input: Buffer,
  rng: Prng,
  corpus: readonly Buffer[],
): { steps: string[]; bytes: Buffer } {
  const steps: string[] = [];
  let bytes = input;
  let grown = false;
  const count = 1 + rng.size(0, 2);
  for (let i = 0; i < count; i++) {
    const name = rng.pick(NAMES);
    if (BIG.has(name) && grown) continue;
    if (BIG.has(name)) grown = true;
    const mutator = MUTATORS[name];
    if (!mutator) continue;
    bytes = mutator(bytes, rng, corpus);
    steps.push(name);
  }
  if (bytes.length > MAX_INPUT_BYTES) bytes = bytes.subarray(0, MAX_INPUT_BYTES);
  return { steps, bytes };
}
