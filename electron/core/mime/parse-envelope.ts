import { type SimpleParserOptions, type StructuredHeader, simpleParser } from 'mailparser';
import type { Envelope } from '../../../shared/model';
import { toAddresses } from './addresses';
import { dateFromHeaderLines } from './header-lines';

/** The parts of an Envelope that come from the message's own header section. */
export type EnvelopeFields = Pick<
  Envelope,
  'subject' | 'from' | 'to' | 'cc' | 'date' | 'messageId' | 'hasAttachments'
>;

export const EMPTY_ENVELOPE_FIELDS: EnvelopeFields = {
  subject: '',
  from: [],
  to: [],
  cc: [],
  date: null,
  messageId: null,
  hasAttachments: false,
};

const HEADER_ONLY: SimpleParserOptions = {
  skipHtmlToText: true,
  skipTextToHtml: true,
  skipImageLinks: true,
  keepCidLinks: true,
  checksumAlgo: false,
};

/**
 * Envelope fields from a header section alone (ending with its blank line), so a folder lists
 * without reading bodies. `hasAttachments` is a guess from the top-level Content-Type: mixed and
 * report multiparts and application/* bodies usually carry files, alternative and related ones
 * usually do not. The reader shows the truth.
 */
export async function parseEnvelopeHeaders(header: Buffer): Promise<EnvelopeFields> {
  const parsed = await simpleParser(header, HEADER_ONLY);
  return {
    subject: parsed.subject ?? '',
    from: toAddresses(parsed.from),
    to: toAddresses(parsed.to),
    cc: toAddresses(parsed.cc),
    date: dateFromHeaderLines(parsed.headerLines),
    messageId: parsed.messageId ?? null,
    hasAttachments: looksLikeItHasAttachments(parsed.headers.get('content-type')),
  };
}

function looksLikeItHasAttachments(contentType: unknown): boolean {
  if (!isStructuredHeader(contentType)) return false;
  const type = contentType.value.toLowerCase();
  return type === 'multipart/mixed' || type === 'multipart/report' || type.startsWith('application/');
}

function isStructuredHeader(value: unknown): value is StructuredHeader {
  return typeof value === 'object' && value !== null && 'value' in value && typeof value.value === 'string';
}
