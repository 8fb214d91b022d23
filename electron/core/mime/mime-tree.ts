import { Splitter, type SplitterChunk } from '@zone-eu/mailsplit';
import libmime from 'libmime';
import { type ErrorInfo, errorInfo } from '../../../shared/errors';
import type { MimePart } from '../../../shared/model';
import { sanitizeFilename } from './attachment-filename';
import { displayHeaders } from './header-lines';

/** A part with more header fields than this is shown with the first ones only. */
const MAX_PART_HEADERS = 200;
import { inSlices } from './in-slices';

/**
 * Part paths follow IMAP (RFC 3501 §6.4.5): a multipart message's root has the empty path "" and
 * its children are "1", "2", grandchildren "1.1"…; a single-part message's only part is "1".
 * An embedded message (message/rfc822 shown inline) at part N has its root at "N.TEXT" when it is
 * multipart (its children are "N.1"…) and at "N.1" when it is not. These are the numbers mailsplit
 * (mailparser's own splitter) assigns, so attachments from mailparser can be matched to them.
 */
export interface MimeTree {
  readonly parts: readonly MimePart[];
  /** Leaf parts with the part number mailparser gives an attachment there, in document order. */
  readonly leaves: readonly { path: string; mailparserPartId: string }[];
  readonly notices: readonly ErrorInfo[];
}

/** A MIME node as the splitter emits it (the package exports only the chunk union). */
export type MimeNode = Extract<SplitterChunk, { type: 'node' }>;

interface Entry {
  readonly node: MimeNode;
  readonly part: MimePart;
  readonly parent: Entry | null;
  readonly leaf: boolean;
  closed: boolean;
  base64Damaged: boolean;
}

const DAMAGED_HINT =
  'Mailscope shows what could be read; the sender’s mail program may have produced a broken message.';

/**
 * The message's MIME structure, flattened in document order, with the encoded size of each part
 * and notices for damage a reader should know about: a multipart that never closes (a cut-off
 * message), base64 with foreign characters, a charset nobody can decode.
 * Never throws for broken input; a splitter failure ends the tree where it happened, with a notice.
 * Leaf sizes are exact; a container's can be off by one delimiter line, because the splitter may
 * report an outer closing delimiter in the same chunk as an inner one.
 */
export async function buildMimeTree(raw: Buffer): Promise<MimeTree> {
  const entries: Entry[] = [];
  const byNode = new Map<MimeNode, Entry>();
  const notices: ErrorInfo[] = [];
  let last: Entry | null = null;

  const addSize = (entry: Entry | null, bytes: number): void => {
    for (let current = entry; current; current = current.parent) current.part.size += bytes;
  };

  const splitter = new Splitter();
  inSlices(raw).pipe(splitter);
  // The splitter's typings declare only its 'data' event; iterating it also surfaces 'error' and 'end'.
  const chunks: AsyncIterable<SplitterChunk> = splitter;
  try {
    for await (const chunk of chunks) {
      if (chunk.type === 'node') {
        const parent = chunk.parentNode ? (byNode.get(chunk.parentNode) ?? null) : null;
        const entry = createEntry(chunk, parent);
        entries.push(entry);
        byNode.set(chunk, entry);
        // A part's own header is not part of its body, but it is part of its parent's.
        addSize(parent, chunk._headerlen);
        last = entry;
        continue;
      }
      const owner = chunk.node ? (byNode.get(chunk.node) ?? null) : openMultipart(last);
      addSize(owner, chunk.value.length);
      if (!owner) continue;
      if (chunk.type === 'body') {
        if (owner.node.encoding === 'base64') scanBase64(owner, chunk.value);
      } else {
        // One chunk can close several nested multiparts at once ("--inner--" then "--outer--").
        for (let current: Entry | null = owner; current; current = current.parent) {
          const boundary = current.node._boundary;
          if (boundary && !current.closed && chunk.value.includes(closingDelimiter(boundary)))
            current.closed = true;
        }
      }
    }
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'unknown error';
    notices.push(
      errorInfo(
        'MESSAGE_UNREADABLE',
        `The MIME structure could not be read completely (${reason}).`,
        DAMAGED_HINT,
      ),
    );
  }

  return {
    parts: entries.map((entry) => entry.part),
    leaves: entries
      .filter((entry) => entry.leaf)
      .map((entry) => ({ path: entry.part.path, mailparserPartId: numericPath(entry.node) })),
    notices: [...damageNotices(entries), ...notices],
  };
}

function closingDelimiter(boundary: Buffer): Buffer {
  return Buffer.concat([Buffer.from('--'), boundary, Buffer.from('--')]);
}

function createEntry(node: MimeNode, parent: Entry | null): Entry {
  const multipart = Boolean(node.multipart);
  const embeddedMessage = node.rfc822 && node.messageNode === true;
  const contentType = node.contentType || 'text/plain';
  return {
    node,
    parent,
    leaf: !multipart && !embeddedMessage,
    closed: false,
    base64Damaged: false,
    part: {
      path: pathOf(node, multipart),
      depth: parent ? parent.part.depth + 1 : 0,
      contentType,
      charset: node.charset || null,
      transferEncoding: node.encoding || null,
      disposition: node.disposition || null,
      filename: node.filename ? sanitizeFilename(node.filename, contentType) : null,
      size: 0,
      headers: node.headers ? displayHeaders(node.headers.getList().slice(0, MAX_PART_HEADERS)) : [],
      leaf: !multipart && !embeddedMessage,
    },
  };
}

/** The tree path (MimePart.path) of a node the splitter emitted. */
export function partPathOf(node: MimeNode): string {
  return pathOf(node, Boolean(node.multipart));
}

/** True for a node whose body is content (not a multipart or an embedded message's container). */
export function isLeafNode(node: MimeNode): boolean {
  return !node.multipart && !(node.rfc822 && node.messageNode === true);
}

function pathOf(node: MimeNode, multipart: boolean): string {
  const partNr = node.partNr || [];
  const numbers = numericPath(node);
  if (partNr.at(-1) !== 'TEXT') return numbers;
  // A message root: the top one, or one embedded in a message/rfc822 part.
  if (numbers === '') return multipart ? '' : '1';
  return multipart ? `${numbers}.TEXT` : `${numbers}.1`;
}

/** The part number as mailparser reports it for an attachment: numbers only. */
function numericPath(node: MimeNode): string {
  return (node.partNr || []).filter((item): item is number => typeof item === 'number').join('.');
}

/** Delimiter lines mailsplit does not tie to a node belong to the innermost multipart still open. */
function openMultipart(from: Entry | null): Entry | null {
  for (let current = from; current; current = current.parent) {
    if (current.node.multipart && !current.closed) return current;
  }
  return null;
}

/** Anything but the base64 alphabet, padding and line whitespace. */
const NOT_BASE64 = /[^A-Za-z0-9+/=\s]/;

function scanBase64(entry: Entry, body: Buffer): void {
  // A native regex over a latin1 view: a byte loop in JS doubled the cost of a 25 MB message.
  if (!entry.base64Damaged && NOT_BASE64.test(body.toString('latin1'))) entry.base64Damaged = true;
}

function damageNotices(entries: readonly Entry[]): ErrorInfo[] {
  const notices: ErrorInfo[] = [];
  const unclosed = entries.filter((entry) => entry.node.multipart && entry.node._boundary && !entry.closed);
  if (unclosed.length > 0) {
    notices.push(
      errorInfo(
        'MESSAGE_UNREADABLE',
        `The message's MIME structure is not closed (${describe(unclosed)} has no closing boundary): it may have been cut off, and its last part may be incomplete.`,
        DAMAGED_HINT,
      ),
    );
  }
  for (const entry of entries) {
    if (entry.node.multipart && !entry.node._boundary) {
      notices.push(
        errorInfo(
          'MESSAGE_UNREADABLE',
          `${capitalise(describe([entry]))} declares no boundary, so its parts cannot be told apart.`,
          DAMAGED_HINT,
        ),
      );
    }
    if (entry.base64Damaged) {
      notices.push(
        errorInfo(
          'MESSAGE_UNREADABLE',
          `${capitalise(describe([entry]))} has damaged base64 content; what could be decoded is shown, and it may be incomplete.`,
          DAMAGED_HINT,
        ),
      );
    }
    const charset = entry.node.charset;
    if (
      entry.leaf &&
      charset &&
      entry.part.contentType.startsWith('text/') &&
      !libmime.createDecodeStream(charset).supported
    ) {
      notices.push(
        errorInfo(
          'MESSAGE_UNREADABLE',
          `${capitalise(describe([entry]))} is in the character set “${charset}”, which Mailscope cannot decode; it is shown as UTF-8, so some characters may be wrong.`,
          DAMAGED_HINT,
        ),
      );
    }
  }
  return notices;
}

function describe(entries: readonly Entry[]): string {
  return entries
    .map((entry) =>
      entry.part.path === ''
        ? `the message body (${entry.part.contentType})`
        : `part ${entry.part.path} (${entry.part.contentType})`,
    )
    .join(', ');
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
