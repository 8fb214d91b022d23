import { Headers } from '@zone-eu/mailsplit';
import libmime from 'libmime';
import { parseAddressHeader } from 'mailparser';
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

/**
 * Envelope fields from a header section alone (ending with its blank line), so a folder lists
 * without reading bodies. `hasAttachments` is a guess from the top-level Content-Type: mixed and
 * report multiparts and application/* bodies usually carry files, alternative and related ones
 * usually do not. The reader shows the truth.
 *
 * A local folder lists by parsing every message's header, so this is the cost of opening one: it
 * reads the header lines with mailsplit and decodes the handful of fields a list row shows with the
 * very functions MailParser uses for them (libmime, mailparser's parseAddressHeader), instead of
 * running a whole MailParser per message, which made a 100,000-message mbox take about a minute to
 * list on the test machine.
 */
export async function parseEnvelopeHeaders(header: Buffer): Promise<EnvelopeFields> {
  const lines = new Headers(header).getList();
  // As MailParser: the value unfolded, its 8-bit bytes read as UTF-8; empty values do not count.
  const values = (key: string): string[] =>
    lines
      .filter((line) => line.key === key)
      .map((line) =>
        Buffer.from(String(libmime.decodeHeader(line.line).value ?? ''), 'binary')
          .toString()
          .trim(),
      )
      .filter(Boolean);
  // Headers a message should have once: the first one counts, as in MailParser and mail clients.
  const first = (key: string): string | undefined => values(key)[0];

  // Most messages have no Cc: no parser (and no result object) for a header that is not there.
  const addresses = (list: string[]) => (list.length === 0 ? [] : toAddresses(parseAddressHeader(list)));
  const subject = first('subject');
  const messageId = first('message-id');
  const contentType = first('content-type');
  const from = first('from');
  return {
    subject: subject === undefined ? '' : decodeWords(subject),
    from: addresses(from === undefined ? [] : [from]),
    to: addresses(values('to')),
    cc: addresses(values('cc')),
    date: dateFromHeaderLines(lines),
    messageId: messageId === undefined ? null : messageIdFormat(decodeWords(messageId)),
    hasAttachments: contentType !== undefined && looksLikeItHasAttachments(contentType),
  };
}

function decodeWords(value: string): string {
  try {
    return libmime.decodeWords(value);
  } catch {
    return value;
  }
}

/** Angle brackets added where a Message-ID lacks them, as MailParser does; null for an empty one. */
function messageIdFormat(value: string): string | null {
  if (!value) return null;
  return `${value.startsWith('<') ? '' : '<'}${value}${value.endsWith('>') ? '' : '>'}`;
}

function looksLikeItHasAttachments(contentType: string): boolean {
  const type = libmime.parseHeaderValue(contentType, { stripComments: true }).value.toLowerCase();
  return type === 'multipart/mixed' || type === 'multipart/report' || type.startsWith('application/');
}
