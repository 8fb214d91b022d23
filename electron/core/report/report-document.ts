import type { Analysis } from '../../../shared/analysis';
import type {
  Address,
  Attachment,
  AuthenticationReport,
  Header,
  MessageView,
  ReceivedHop,
} from '../../../shared/model';
import { maskRecipients } from './mask';

/**
 * The triage report of one message as data: what the HTML report shows and the JSON report holds,
 * and what `npm run analyze -- FILE --json` prints. The message's own facts (headers, route,
 * authentication, MIME tree) come from its MessageView, the triage from analyzeMessage.
 */
export interface TriageReport {
  readonly format: 'mailscope-triage-report';
  readonly version: 1;
  /** ISO 8601. */
  readonly generatedAt: string;
  readonly generator: string;
  /** Recipients' addresses (and names) were replaced by "[recipient N]" throughout. */
  readonly recipientsMasked: boolean;
  readonly message: ReportMessage;
  readonly analysis: Analysis;
}

export interface ReportMessage {
  readonly subject: string;
  readonly from: Address[];
  readonly replyTo: Address[];
  readonly to: Address[];
  readonly cc: Address[];
  readonly bcc: Address[];
  readonly date: string | null;
  readonly messageId: string | null;
  readonly size: number;
  /** Every header in message order: Analysis' HeaderRef.index points into this list. */
  readonly headers: Header[];
  /** The route, first hop first. */
  readonly route: ReceivedHop[];
  readonly authentication: AuthenticationReport;
  readonly attachments: Attachment[];
  readonly mimeTree: ReportMimePart[];
}

/** A MIME part as the report lists it (the part's own headers are left out: the tree is the point). */
export interface ReportMimePart {
  readonly path: string;
  readonly depth: number;
  readonly contentType: string;
  readonly disposition: string | null;
  readonly filename: string | null;
  readonly size: number;
}

export interface ReportOptions {
  /** Replace the recipients' addresses and names with "[recipient N]" (for sharing the report). */
  readonly maskRecipients?: boolean;
  /** When the report is made (tests pass a fixed time). */
  readonly now?: Date;
  /** "Mailscope 0.1.0". */
  readonly generator?: string;
}

export function buildReport(
  view: MessageView,
  analysis: Analysis,
  options: ReportOptions = {},
): TriageReport {
  const report: TriageReport = {
    format: 'mailscope-triage-report',
    version: 1,
    generatedAt: (options.now ?? new Date()).toISOString(),
    generator: options.generator ?? 'Mailscope',
    recipientsMasked: false,
    message: {
      subject: view.subject,
      from: view.from,
      replyTo: view.replyTo,
      to: view.to,
      cc: view.cc,
      bcc: view.bcc,
      date: view.date,
      messageId: view.messageId,
      size: view.size,
      headers: view.headers,
      route: view.received,
      authentication: view.authentication,
      attachments: view.attachments,
      mimeTree: view.mimeTree.map((part) => ({
        path: part.path,
        depth: part.depth,
        contentType: part.contentType,
        disposition: part.disposition,
        filename: part.filename,
        size: part.size,
      })),
    },
    analysis,
  };
  return options.maskRecipients ? maskRecipients(report) : report;
}

/** The report as the JSON file holds it: stable key order, two-space indent, a final newline. */
export function reportJson(report: TriageReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
