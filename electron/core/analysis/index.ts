import {
  type Analysis,
  type AttachedAnalysis,
  type DecodedStamp,
  OFFLINE_NOTE,
} from '../../../shared/analysis';
import type { Header } from '../../../shared/model';
import { arcChain } from './arc';
import { type AttachmentFacts, attachmentFacts } from './attachment-facts';
import { attachmentIndicators, isHtml } from './attachment-indicators';
import { decodeAuthenticationStamp, receivingAuthentication } from './auth-stamp';
import { domainIndicators, linkIndicators, type ShownDomain } from './domain-indicators';
import { addressesIn, domainOf } from './header-addresses';
import { type HtmlFacts, htmlFacts } from './html-facts';
import { collectIocs, mergeIocs } from './iocs';
import type { AnalysisInput } from './input';
import { decodeMicrosoftStamps } from './ms-stamps';
import { senderIndicators } from './sender-indicators';
import { claimedHost } from '../../../shared/link-text';
import { verdictOf } from './verdict';

export type { AnalysisInput, AnalysisAttachment, AttachedMessageInput } from './input';
export { analysisInputFromParsed, parseForAnalysis, MAX_ATTACHED_DEPTH } from './input';

/**
 * The triage analysis of one message and of the messages attached to it: pure and offline (it
 * reads only its input; nothing is looked up). Asynchronous only because file-type reads an
 * attachment's first bytes through a promise. Each step is a module of its own; this one puts
 * them together, parsing each HTML document once and hashing each attachment once.
 */
export function analyzeMessage(input: AnalysisInput): Promise<Analysis> {
  return analyzeAt(input, '');
}

async function analyzeAt(input: AnalysisInput, origin: string): Promise<Analysis> {
  const { headers } = input;
  const auth = receivingAuthentication(headers);
  const stamps: DecodedStamp[] = decodeMicrosoftStamps(headers);
  if (auth) stamps.push(decodeAuthenticationStamp(auth));
  stamps.sort((a, b) => a.header.index - b.header.index);

  const body = input.html ? htmlFacts(input.html) : null;
  const labels = uniqueLabels(
    input.attachments.map((a) => a.filename),
    origin,
  );
  const attachments = await Promise.all(
    input.attachments.map((attachment, index) =>
      attachmentFacts(attachment, labels[index] ?? attachment.filename, origin),
    ),
  );
  const htmlAttachments = new Map<AttachmentFacts, HtmlFacts>();
  for (const facts of attachments) {
    if (isHtml(facts)) htmlAttachments.set(facts, htmlFacts(new TextDecoder().decode(facts.bytes)));
  }

  const attachedMessages: AttachedAnalysis[] = [];
  for (const { filename, message } of input.attachedMessages) {
    const label = origin ? `${origin} › ${filename}` : filename;
    attachedMessages.push({
      label,
      subject: subjectOf(message.headers),
      analysis: await analyzeAt(message, label),
    });
  }

  const links = body?.links ?? [];
  const indicators = [
    ...senderIndicators(headers, auth),
    ...linkIndicators(links, origin),
    ...domainIndicators(shownDomains(headers, links)),
    ...attachmentIndicators(attachments, (facts) => htmlAttachments.get(facts)),
  ];
  const connectingIp =
    stamps
      .find((stamp) => stamp.kind === 'forefront-antispam-report')
      ?.fields.find((field) => field.key.toUpperCase() === 'CIP')?.value || null;
  const own = collectIocs(
    {
      headers,
      body,
      text: input.text,
      htmlAttachments: [...htmlAttachments.values()],
      attachments,
      connectingIp,
    },
    origin,
  );
  return {
    verdict: verdictOf(stamps, auth),
    stamps,
    arc: arcChain(headers),
    indicators,
    iocs: mergeIocs(
      own,
      attachedMessages.map((attached) => attached.analysis.iocs),
    ),
    attachedMessages,
    offline: { lookedUp: false, note: OFFLINE_NOTE },
  };
}

/** The domains a reader sees: the senders' and every link's, by target and by text. */
function shownDomains(
  headers: readonly Header[],
  links: readonly { text: string; target: string }[],
): ShownDomain[] {
  const shown: ShownDomain[] = [];
  for (const name of ['from', 'reply-to', 'sender', 'return-path']) {
    for (const entry of addressesIn(headers, name)) {
      const domain = domainOf(entry.address);
      if (domain)
        shown.push({
          domain,
          where: { text: `${entry.header.name}: ${entry.address}`, header: entry.header, attachment: null },
        });
    }
  }
  for (const link of links) {
    let host: string | null = null;
    try {
      host = new URL(link.target).hostname || null;
    } catch {
      host = null;
    }
    if (host)
      shown.push({ domain: host, where: { text: `Link to ${link.target}`, header: null, attachment: null } });
    const claimed = claimedHost(link.text);
    if (claimed)
      shown.push({
        domain: claimed,
        where: { text: `Link text “${link.text}”`, header: null, attachment: null },
      });
  }
  return shown;
}

/** "invoice.pdf", and "invoice.pdf (2)" for a second one of the same name, prefixed by the origin. */
function uniqueLabels(filenames: readonly string[], origin: string): string[] {
  const seen = new Map<string, number>();
  return filenames.map((name) => {
    const count = (seen.get(name) ?? 0) + 1;
    seen.set(name, count);
    const label = count === 1 ? name : `${name} (${count})`;
    return origin ? `${origin} › ${label}` : label;
  });
}

function subjectOf(headers: readonly Header[]): string {
  return headers.find((header) => header.name.toLowerCase() === 'subject')?.value ?? '';
}
