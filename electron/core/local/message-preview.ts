import { type SimpleParserOptions, simpleParser } from 'mailparser';

/**
 * A message's preview line for the list: the start of its text, without quoted replies and with
 * whitespace collapsed. Made from the first PREVIEW_BYTES of the message only, which holds the
 * headers and the start of the first text part of nearly every message; mailparser decodes what it
 * gets (transfer encoding, charset, HTML to text) and a cut-off part simply ends early.
 */

export const PREVIEW_BYTES = 16 * 1024;
export const PREVIEW_CHARS = 180;

const OPTIONS: SimpleParserOptions = {
  skipTextToHtml: true,
  skipImageLinks: true,
  skipTextLinks: true,
  keepCidLinks: true,
  checksumAlgo: false,
};

/** Lines that belong to the quoted message, or introduce it, are not what the sender wrote now. */
const QUOTE_LINE = /^\s*>/;
const QUOTE_INTRO = /^\s*(?:-{2,}\s*(?:original message|forwarded message)\s*-{2,}|on .{4,200} wrote:)\s*$/i;

export function previewText(text: string): string {
  const kept: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (QUOTE_INTRO.test(line)) break;
    if (!QUOTE_LINE.test(line)) kept.push(line);
  }
  // Controls, and the invisible format characters senders pad previews with (zero-width, soft hyphen, bidi).
  const flat = kept
    .join(' ')
    // mailparser writes an HTML body's images and link targets as "[https://…]": addresses, not words.
    .replace(/\[(?:https?|cid|mailto|data):[^\]\s]*\]/gi, ' ')
    .replace(/\p{Cf}/gu, '')
    .replace(/\p{Cc}/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (flat.length <= PREVIEW_CHARS) return flat;
  const cut = flat.slice(0, PREVIEW_CHARS);
  const space = cut.lastIndexOf(' ');
  return `${(space > PREVIEW_CHARS * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** The preview of a message from its first bytes (the whole message when it is that short). */
export async function previewOf(prefix: Buffer): Promise<string> {
  try {
    const parsed = await simpleParser(prefix, OPTIONS);
    return previewText(parsed.text ?? '');
  } catch {
    // A message mailparser cannot read has no preview; opening it explains why.
    return '';
  }
}
