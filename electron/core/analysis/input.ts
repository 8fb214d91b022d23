import { MAX_ATTACHED_DEPTH } from '../../../shared/attached';
import type { MailParserOptions, ParsedMail } from 'mailparser';
import type { Header } from '../../../shared/model';
import { sanitizeFilename } from '../mime/attachment-filename';
import { displayHeaders } from '../mime/header-lines';
import { parseForView } from '../mime/parse-for-view';

/**
 * What the analysis reads, in a shape no parser owns: the .eml path builds it from mailparser
 * (below), the .msg and TNEF readers build it from their own formats, and the CLI and the report
 * call analyzeMessage on it the same way.
 */
export interface AnalysisInput {
  /**
   * Every header in message order, unfolded and decoded as displayHeaders gives them: index i is
   * MessageView.headers[i], so a claim can point at the row the Headers table shows.
   */
  readonly headers: readonly Header[];
  readonly html: string | null;
  readonly text: string | null;
  /** Every attachment (attached messages too, which are also in attachedMessages), with its bytes. */
  readonly attachments: readonly AnalysisAttachment[];
  /** Messages attached to this one, already taken apart, in attachment order. */
  readonly attachedMessages: readonly AttachedMessageInput[];
  /** The message's size in bytes as stored. */
  readonly size: number;
}

export interface AnalysisAttachment {
  /** Sanitised for display (sanitizeFilename). */
  readonly filename: string;
  /** As declared, without parameters. */
  readonly contentType: string;
  readonly size: number;
  /** The decoded content (transfer encoding undone). */
  readonly bytes: Uint8Array;
}

export interface AttachedMessageInput {
  /** The attachment's file name, as in `attachments` ("fwd.eml"). */
  readonly filename: string;
  readonly message: AnalysisInput;
}

/** Attached messages inside attached messages are followed this deep (as the reader opens them), and no deeper. */
export { MAX_ATTACHED_DEPTH };

/** The parser options the analysis uses: every attachment's bytes are kept, no HTML is invented. */
export const ANALYSIS_PARSER_OPTIONS: MailParserOptions = { skipTextToHtml: true, checksumAlgo: false };

export interface BuildOptions {
  /**
   * Turns an attachment that holds a message in another format (.msg, say) into an input; null:
   * not a message. The .eml kind (message/rfc822, *.eml) is handled here.
   */
  readonly openAttached?: (attachment: AnalysisAttachment, depth: number) => Promise<AnalysisInput | null>;
  /** How deep this message already is (0: the message the user opened). */
  readonly depth?: number;
}

/** A raw .eml message taken apart for the analysis: one parse, keeping every attachment's bytes. */
export async function parseForAnalysis(raw: Buffer, options: BuildOptions = {}): Promise<AnalysisInput> {
  const parsed = await parseForView(raw, ANALYSIS_PARSER_OPTIONS, () => true);
  return analysisInputFromParsed(parsed, raw, options);
}

/**
 * An AnalysisInput from what mailparser made of `raw` (parsed with every attachment's content
 * kept). mailparser gives a message attached as a file (message/rfc822 with a disposition of
 * attachment) whole, as that attachment's bytes, and does not mix it into this message's text;
 * each is parsed here as a message of its own. (One shown inline it merges into the body.)
 */
export async function analysisInputFromParsed(
  parsed: ParsedMail,
  raw: Uint8Array,
  options: BuildOptions = {},
): Promise<AnalysisInput> {
  const depth = options.depth ?? 0;
  const attachments: AnalysisAttachment[] = parsed.attachments.map((attachment) => ({
    filename: sanitizeFilename(attachment.filename, attachment.contentType),
    contentType: attachment.contentType.split(';')[0]?.trim().toLowerCase() ?? '',
    size: attachment.size,
    bytes: attachment.content,
  }));
  const attachedMessages: AttachedMessageInput[] = [];
  if (depth < MAX_ATTACHED_DEPTH) {
    const nested = { ...options, depth: depth + 1 };
    for (const attachment of attachments) {
      const message = isEmlAttachment(attachment)
        ? // An attached message too broken to take apart stays an attachment (hashed, listed).
          await parseForAnalysis(toBuffer(attachment.bytes), nested).catch(() => null)
        : ((await options.openAttached?.(attachment, nested.depth)) ?? null);
      if (message) attachedMessages.push({ filename: attachment.filename, message });
    }
  }
  return {
    headers: displayHeaders(parsed.headerLines),
    html: typeof parsed.html === 'string' ? parsed.html : null,
    text: parsed.text ?? null,
    attachments,
    attachedMessages,
    size: raw.length,
  };
}

function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function isEmlAttachment(attachment: AnalysisAttachment): boolean {
  return attachment.contentType === 'message/rfc822' || /\.eml$/i.test(attachment.filename);
}
