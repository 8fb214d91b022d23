import { z } from 'zod';
import { AuthResult, signatureTags } from './inspection';

/**
 * The triage analysis of one message (messages.analyze, the report, `npm run analyze`): what the
 * receiving side's stamps say, in words; the ARC chain; indicators a person would check, each with
 * the evidence it rests on; and the indicators to take away (IOCs). Everything is read from the
 * message's own bytes: nothing is looked up on the network, and the DTO says so (`offline`).
 */

/** A header of the message: its position in MessageView.headers (message order, 0-based) and name. */
export const HeaderRef = z.object({
  index: z.number().int().nonnegative(),
  name: z.string(),
});
export type HeaderRef = z.infer<typeof HeaderRef>;

/** How a claim or indicator reads: bad (malicious / failed), warn (suspicious), good (passed), info. */
export const Tone = z.enum(['bad', 'warn', 'good', 'info']);
export type Tone = z.infer<typeof Tone>;

/** One field of an anti-spam stamp, e.g. SCL:5 → "Spam confidence level" / "Spam". */
export const StampField = z.object({
  /** As written in the header: "SCL", "CAT", "compauth". */
  key: z.string(),
  /** As written: "5", "PHSH", "fail reason=000". */
  value: z.string(),
  /** What the field is: "Spam confidence level (SCL)". */
  label: z.string(),
  /** What this value means, from Microsoft's documentation; "unknown" when it is not documented. */
  meaning: z.string(),
  /** False when the key or its value is not one Microsoft documents (meaning is then "unknown"). */
  known: z.boolean(),
  tone: Tone,
});
export type StampField = z.infer<typeof StampField>;

export const StampKind = z.enum([
  'forefront-antispam-report',
  'microsoft-antispam',
  'mailbox-delivery',
  'organization-scl',
  'authentication-results',
  'cross-tenant',
]);
export type StampKind = z.infer<typeof StampKind>;

/** One anti-spam header, decoded field by field. */
export const DecodedStamp = z.object({
  kind: StampKind,
  header: HeaderRef,
  /** "Microsoft 365 anti-spam report", "Composite authentication"… */
  title: z.string(),
  fields: z.array(StampField),
});
export type DecodedStamp = z.infer<typeof DecodedStamp>;

/** One claim of the verdict line: "DMARC failed", "sender IP in NG", with the header it came from. */
export const VerdictClaim = z.object({
  text: z.string(),
  tone: Tone,
  header: HeaderRef,
  /** The stamp field it was read from ("CAT", "SCL", "dmarc", "CTRY"), when it is one field. */
  field: z.string().nullable(),
});
export type VerdictClaim = z.infer<typeof VerdictClaim>;

export const Verdict = z.object({
  /** The claims in reading order; empty when the message carries no verdict anyone wrote. */
  claims: z.array(VerdictClaim),
  /** The claims joined as one line ("Marked as phishing by Microsoft 365 (CAT:PHSH, SCL 5); DMARC failed"). */
  summary: z.string(),
  /** The worst tone among the claims: bad or warn, else info (never good: no finding is no proof). */
  tone: Tone,
});
export type Verdict = z.infer<typeof Verdict>;

/** What one ARC instance (i=) carried: its seal, its message signature and its results. */
export const ArcSeal = z.object({
  header: HeaderRef,
  /** cv= as written: none (first hop), pass, fail; null when missing. */
  cv: z.string().nullable(),
  ...signatureTags,
});
export type ArcSeal = z.infer<typeof ArcSeal>;

export const ArcMessageSignature = z.object({
  header: HeaderRef,
  ...signatureTags,
  /** h=: the header fields it signed, lower-cased. */
  signedHeaders: z.array(z.string()),
});
export type ArcMessageSignature = z.infer<typeof ArcMessageSignature>;

export const ArcResults = z.object({
  header: HeaderRef,
  authservId: z.string().nullable(),
  results: z.array(AuthResult),
});
export type ArcResults = z.infer<typeof ArcResults>;

export const ArcInstance = z.object({
  /** i=, 1 for the first hop that sealed. */
  instance: z.number().int().positive(),
  seal: ArcSeal.nullable(),
  messageSignature: ArcMessageSignature.nullable(),
  results: ArcResults.nullable(),
  /** What is wrong with this instance as written: a missing header, two of one kind, cv= out of place. */
  problems: z.array(z.string()),
});
export type ArcInstance = z.infer<typeof ArcInstance>;

export const ArcChain = z.object({
  /** none: no ARC headers; intact: instances 1..n each complete, cv= as RFC 8617 expects; broken: otherwise. */
  status: z.enum(['none', 'intact', 'broken']),
  instances: z.array(ArcInstance),
  /**
   * What the chain's own headers say, in words. Signatures are not verified (that needs the signers'
   * DNS keys, and nothing is looked up): this is what each hop claimed.
   */
  note: z.string(),
});
export type ArcChain = z.infer<typeof ArcChain>;

/** Where a piece of evidence is: a header, an attachment (by its path label), a link, or the body. */
export const Evidence = z.object({
  text: z.string(),
  header: HeaderRef.nullable(),
  /** The attachment's label as IOCs give it ("invoice.pdf", "fwd.eml › invoice.pdf"). */
  attachment: z.string().nullable(),
});
export type Evidence = z.infer<typeof Evidence>;

export const IndicatorKind = z.enum([
  'reply-to-differs',
  'return-path-differs',
  'display-name-address',
  'dkim-not-aligned',
  'spf-not-aligned',
  'link-text-mismatch',
  'idn-domain',
  'lookalike-domain',
  'content-type-mismatch',
  'double-extension',
  'macro-enabled',
  'encrypted-archive',
  'html-form',
  'executable-attachment',
]);
export type IndicatorKind = z.infer<typeof IndicatorKind>;

/**
 * How much an indicator says on its own: `weak` (common in legitimate mail too), `moderate`
 * (worth a look), `strong` (rarely innocent). Never stronger than its evidence.
 */
export const Strength = z.enum(['weak', 'moderate', 'strong']);
export type Strength = z.infer<typeof Strength>;

export const Indicator = z.object({
  kind: IndicatorKind,
  strength: Strength,
  /** One line: "Reply-To goes to another domain than From". */
  title: z.string(),
  evidence: z.array(Evidence).min(1),
});
export type Indicator = z.infer<typeof Indicator>;

/** Where an IOC was found: the message itself ("") or an attached message's label ("fwd.eml"). */
const origin = z.string();

export const IOC_KINDS = ['url', 'domain', 'ip', 'email', 'attachment'] as const;
export const IocKind = z.enum(IOC_KINDS);
export type IocKind = z.infer<typeof IocKind>;

export const UrlIoc = z.object({
  url: z.string(),
  /** html (a link or resource in the body), text (the plain body), attachment (an HTML attachment's). */
  source: z.enum(['html', 'text', 'attachment']),
  origin,
});
export type UrlIoc = z.infer<typeof UrlIoc>;

export const DomainIoc = z.object({
  domain: z.string(),
  /** Where it was seen: url, email (an address's domain), header (From, Reply-To, DKIM d=…), route. */
  sources: z.array(z.enum(['url', 'email', 'header', 'route'])),
  origin,
});
export type DomainIoc = z.infer<typeof DomainIoc>;

export const IpIoc = z.object({
  ip: z.string(),
  /** route (a Received hop), stamp (Forefront CIP, SPF client-ip), url (a link to a bare address). */
  sources: z.array(z.enum(['route', 'stamp', 'url'])),
  origin,
});
export type IpIoc = z.infer<typeof IpIoc>;

export const EmailIoc = z.object({
  address: z.string(),
  /** The header(s) or body it appeared in: "from", "reply-to", "return-path", "to", "body"… */
  sources: z.array(z.string()),
  origin,
});
export type EmailIoc = z.infer<typeof EmailIoc>;

export const AttachmentIoc = z.object({
  /** The file name as the message gives it, sanitised for display. */
  filename: z.string(),
  /** "invoice.pdf", or "fwd.eml › invoice.pdf" inside an attached message: unique in one analysis. */
  label: z.string(),
  /** The declared Content-Type. */
  contentType: z.string(),
  size: z.number().int().nonnegative(),
  /** The type its first bytes show ("application/pdf"), null when they match no known signature. */
  detectedType: z.string().nullable(),
  md5: z.string(),
  sha1: z.string(),
  sha256: z.string(),
  origin,
});
export type AttachmentIoc = z.infer<typeof AttachmentIoc>;

/** Every IOC of the message and of the messages attached to it, each once per origin. */
export const Iocs = z.object({
  urls: z.array(UrlIoc),
  domains: z.array(DomainIoc),
  ips: z.array(IpIoc),
  emails: z.array(EmailIoc),
  attachments: z.array(AttachmentIoc),
});
export type Iocs = z.infer<typeof Iocs>;

export const OFFLINE_NOTE =
  'Nothing is looked up on the network: no DNS, no reputation service, no URL is fetched. ' +
  'Everything here is read from the message itself.';

export interface AttachedAnalysis {
  /** The attachment's label ("fwd.eml", "fwd.eml › inner.eml"), as IOCs' `origin` gives it. */
  label: string;
  subject: string;
  analysis: Analysis;
}

export interface Analysis {
  verdict: Verdict;
  stamps: DecodedStamp[];
  arc: ArcChain;
  indicators: Indicator[];
  /** For the top-level message: its own IOCs and every attached message's, aggregated. */
  iocs: Iocs;
  /** Messages attached to this one (message/rfc822, .eml, .msg), each analysed on its own. */
  attachedMessages: AttachedAnalysis[];
  offline: { lookedUp: false; note: string };
}

const AttachedAnalysisSchema: z.ZodType<AttachedAnalysis> = z.lazy(() =>
  z.object({ label: z.string(), subject: z.string(), analysis: Analysis }),
);

export const Analysis: z.ZodType<Analysis> = z.object({
  verdict: Verdict,
  stamps: z.array(DecodedStamp),
  arc: ArcChain,
  indicators: z.array(Indicator),
  iocs: Iocs,
  attachedMessages: z.array(AttachedAnalysisSchema),
  offline: z.object({ lookedUp: z.literal(false), note: z.string() }),
});
