import { AppError } from '../common/app-error';

/**
 * A small, bounded reader of TNEF (winmail.dat, MS-OXTNEF): the message's subject, body and the
 * files inside. Written here because the npm reader (node-tnef 1.4) brings a logger with a native
 * optional dependency and a command-line parser into the app, and reads only attachments.
 *
 * Bounds: every length is checked against the bytes left before anything is read or allocated,
 * at most MAX_TNEF_ATTRIBUTES attributes, MAX_TNEF_FILES files and MAX_MAPI_PROPS properties per
 * list are read; anything past them is refused (TNEF_MALFORMED), never looped over.
 */

export const MAX_TNEF_ATTRIBUTES = 10_000;
export const MAX_TNEF_FILES = 500;
const MAX_MAPI_PROPS = 2_000;
const MAX_MAPI_VALUES = 1_000;

const SIGNATURE = 0x223e9f78;
const LVL_ATTACHMENT = 0x02;

// Attribute ids (MS-OXTNEF 2.1.3.3), with their type in the high word.
const ATT_SUBJECT = 0x00018004;
const ATT_BODY = 0x0002800c;
const ATT_DATE_SENT = 0x00038005;
const ATT_MESSAGE_ID = 0x00018009;
const ATT_MSG_PROPS = 0x00069003;
const ATT_ATTACH_REND_DATA = 0x00069002;
const ATT_ATTACH_TITLE = 0x00018010;
const ATT_ATTACH_DATA = 0x0006800f;
const ATT_ATTACHMENT = 0x00069005;

// MAPI property ids (MS-OXPROPS).
const PID_SUBJECT = 0x0037;
const PID_BODY = 0x1000;
const PID_RTF_COMPRESSED = 0x1009;
const PID_BODY_HTML = 0x1013;
const PID_ATTACH_LONG_FILENAME = 0x3707;
const PID_ATTACH_MIME_TAG = 0x370e;
const PID_ATTACH_DATA = 0x3701;
const PID_TRANSPORT_HEADERS = 0x007d;

export interface TnefFile {
  readonly filename: string;
  readonly contentType: string | null;
  readonly data: Buffer;
}

export interface TnefContents {
  readonly subject: string | null;
  readonly messageId: string | null;
  readonly date: Date | null;
  readonly text: string | null;
  readonly html: Buffer | null;
  readonly compressedRtf: Buffer | null;
  readonly transportHeaders: string | null;
  readonly files: readonly TnefFile[];
}

export function isTnef(bytes: Buffer): boolean {
  return bytes.length >= 6 && bytes.readUInt32LE(0) === SIGNATURE;
}

function malformed(reason: string): AppError {
  return new AppError(
    'TNEF_MALFORMED',
    `This winmail.dat (TNEF) is malformed: ${reason}. Mailscope could not read it completely.`,
  );
}

/** A cursor over bytes that refuses to read past them. */
class Cursor {
  offset = 0;
  constructor(readonly bytes: Buffer) {}
  get left(): number {
    return this.bytes.length - this.offset;
  }
  need(count: number, what: string): void {
    if (count < 0 || count > this.left) throw malformed(`${what} runs past the end of the file`);
  }
  u8(): number {
    this.need(1, 'a field');
    return this.bytes.readUInt8(this.offset++);
  }
  u16(): number {
    this.need(2, 'a field');
    const value = this.bytes.readUInt16LE(this.offset);
    this.offset += 2;
    return value;
  }
  u32(): number {
    this.need(4, 'a field');
    const value = this.bytes.readUInt32LE(this.offset);
    this.offset += 4;
    return value;
  }
  take(count: number, what: string): Buffer {
    this.need(count, what);
    const slice = this.bytes.subarray(this.offset, this.offset + count);
    this.offset += count;
    return slice;
  }
}

interface FileDraft {
  title: string | null;
  longName: string | null;
  mime: string | null;
  data: Buffer | null;
}

export function readTnef(bytes: Buffer): TnefContents {
  if (!isTnef(bytes)) throw malformed('it does not start with the TNEF signature');
  const cursor = new Cursor(bytes);
  cursor.offset = 6;
  let subject: string | null = null;
  let messageId: string | null = null;
  let date: Date | null = null;
  let text: string | null = null;
  let html: Buffer | null = null;
  let compressedRtf: Buffer | null = null;
  let transportHeaders: string | null = null;
  const drafts: FileDraft[] = [];
  let current: FileDraft | null = null;

  for (let count = 0; cursor.left > 0; count++) {
    if (count >= MAX_TNEF_ATTRIBUTES) throw malformed(`it has more than ${MAX_TNEF_ATTRIBUTES} attributes`);
    const level = cursor.u8();
    const id = cursor.u32();
    const length = cursor.u32();
    const data = cursor.take(length, 'an attribute');
    cursor.u16(); // checksum: a wrong one is not worth refusing what is readable
    if (level === LVL_ATTACHMENT) {
      if (id === ATT_ATTACH_REND_DATA) {
        if (drafts.length >= MAX_TNEF_FILES) throw malformed(`it holds more than ${MAX_TNEF_FILES} files`);
        current = { title: null, longName: null, mime: null, data: null };
        drafts.push(current);
        continue;
      }
      if (!current) throw malformed('an attachment attribute comes before its attachment');
      if (id === ATT_ATTACH_TITLE) current.title = cText(data);
      else if (id === ATT_ATTACH_DATA) current.data = data;
      else if (id === ATT_ATTACHMENT) {
        for (const prop of mapiProps(data)) {
          if (prop.id === PID_ATTACH_LONG_FILENAME && typeof prop.value === 'string')
            current.longName = prop.value;
          if (prop.id === PID_ATTACH_MIME_TAG && typeof prop.value === 'string') current.mime = prop.value;
          if (prop.id === PID_ATTACH_DATA && Buffer.isBuffer(prop.value) && !current.data)
            current.data = prop.value;
        }
      }
      continue;
    }
    if (id === ATT_SUBJECT) subject = cText(data);
    else if (id === ATT_MESSAGE_ID) messageId = cText(data);
    else if (id === ATT_BODY) text = cText(data);
    else if (id === ATT_DATE_SENT) date = dtr(data);
    else if (id === ATT_MSG_PROPS) {
      for (const prop of mapiProps(data)) {
        if (prop.id === PID_SUBJECT && typeof prop.value === 'string') subject ??= prop.value;
        if (prop.id === PID_BODY && typeof prop.value === 'string') text ??= prop.value;
        if (prop.id === PID_TRANSPORT_HEADERS && typeof prop.value === 'string')
          transportHeaders = prop.value;
        if (prop.id === PID_BODY_HTML) html = toBuffer(prop.value);
        if (prop.id === PID_RTF_COMPRESSED && Buffer.isBuffer(prop.value)) compressedRtf = prop.value;
      }
    }
  }

  const files = drafts
    .filter((draft): draft is FileDraft & { data: Buffer } => draft.data !== null)
    .map((draft, index) => ({
      filename: draft.longName || draft.title || `attachment-${index + 1}`,
      contentType: draft.mime,
      data: draft.data,
    }));
  return { subject, messageId, date, text, html, compressedRtf, transportHeaders, files };
}

/** A TNEF string attribute: 8-bit, NUL-terminated (the code page is the sender's; latin1 keeps every byte). */
function cText(data: Buffer): string {
  const end = data.indexOf(0);
  return (end === -1 ? data : data.subarray(0, end)).toString('latin1');
}

/** A TNEF date (MS-OXTNEF 2.1.3.3.17): seven 16-bit fields. */
function dtr(data: Buffer): Date | null {
  if (data.length < 12) return null;
  const [year, month, day, hour, minute, second] = [0, 2, 4, 6, 8, 10].map((at) => data.readUInt16LE(at));
  const value = Date.UTC(year ?? 0, (month ?? 1) - 1, day, hour, minute, second);
  return Number.isNaN(value) ? null : new Date(value);
}

function toBuffer(value: string | Buffer | null): Buffer | null {
  if (value === null) return null;
  return typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
}

interface MapiProp {
  readonly id: number;
  readonly value: string | Buffer | null;
}

const FIXED_SIZES: Record<number, number> = {
  0x0002: 4, // short, padded
  0x0003: 4,
  0x0004: 4,
  0x0005: 8,
  0x0006: 8,
  0x0007: 8,
  0x000a: 4,
  0x000b: 4,
  0x0014: 8,
  0x0040: 8,
  0x0048: 16,
};
const PT_STRING8 = 0x001e;
const PT_UNICODE = 0x001f;
const PT_BINARY = 0x0102;
const PT_OBJECT = 0x000d;
const MV_FLAG = 0x1000;

/** A MAPI property list (MS-OXTNEF 2.1.3.4): only strings and binaries are kept; the rest is skipped. */
function mapiProps(data: Buffer): MapiProp[] {
  const cursor = new Cursor(data);
  const count = cursor.u32();
  if (count > MAX_MAPI_PROPS) throw malformed(`a property list claims ${count} properties`);
  const props: MapiProp[] = [];
  for (let index = 0; index < count; index++) {
    const type = cursor.u16();
    const id = cursor.u16();
    if (id >= 0x8000) {
      cursor.take(16, 'a property set'); // named property: GUID, then an id or a name
      const kind = cursor.u32();
      if (kind === 0) cursor.u32();
      else cursor.take(padded(cursor.u32()), 'a property name');
    }
    const base = type & ~MV_FLAG;
    const variable = base === PT_STRING8 || base === PT_UNICODE || base === PT_BINARY || base === PT_OBJECT;
    const values = variable || type & MV_FLAG ? cursor.u32() : 1;
    if (values > MAX_MAPI_VALUES) throw malformed(`a property claims ${values} values`);
    let value: string | Buffer | null = null;
    for (let at = 0; at < values; at++) {
      if (variable) {
        const length = cursor.u32();
        const raw = cursor.take(length, 'a property value');
        cursor.take(padded(length) - length, 'padding');
        if (at === 0) value = decodeValue(base, raw);
      } else {
        const size = FIXED_SIZES[base];
        if (size === undefined) throw malformed(`a property has the unknown type 0x${base.toString(16)}`);
        cursor.take(size, 'a property value');
      }
    }
    props.push({ id, value });
  }
  return props;
}

function decodeValue(type: number, raw: Buffer): string | Buffer {
  if (type === PT_UNICODE) return raw.toString('utf16le').replace(/\0+$/, '');
  if (type === PT_STRING8) return cText(raw);
  // An attached object (PT_OBJECT) starts with the 16-byte IID of its interface.
  if (type === PT_OBJECT) return raw.subarray(Math.min(16, raw.length));
  return raw;
}

function padded(length: number): number {
  return Math.ceil(length / 4) * 4;
}
