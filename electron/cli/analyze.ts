/**
 * `mailscope analyze`: the triage analysis of a local message file, from a terminal or a script.
 *
 *   npm run analyze -- FILE [--json] [--mask-recipients]
 *
 * Exit codes: 0 the message was analysed, 1 the file cannot be read as a message (missing, a
 * folder, not mail), 2 bad arguments. Nothing is looked up on the network; the file is only read.
 */
import { stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { AppError } from '../core/common/app-error';
import { withFsErrors } from '../core/common/fs-errors';
import { openLocal } from '../core/local/open-local';
import { type AnalysedMessage } from '../core/report/analyze-raw';
import { analyzerFor } from '../core/report/analyze-source';
import { buildReport, reportJson } from '../core/report/report-document';
import { formatAnalysis, terminalSafe } from './analyze-format';

export const USAGE = `Usage: mailscope analyze FILE [options]

Prints the triage analysis of one message file (.eml, or an Outlook .msg), and of every message
attached to it: the verdict its receiving servers stamped, Microsoft 365's anti-spam stamps in
words, the route, authentication and ARC chain, indicators with their evidence, and the
indicators to take away (URLs, domains, IPs, addresses, attachments with MD5, SHA-1, SHA-256).
Nothing is looked up on the network, and the file is only read.

Options:
  --json              print the report as JSON (the same document "Save report…" writes)
  --mask-recipients   replace the recipients' addresses and names with "[recipient N]"
  -h, --help          show this help

With npm, add -s so that npm's own banner does not precede the JSON:
  npm run -s analyze -- message.eml --json

Exit codes: 0 analysed, 1 the file cannot be read as a message, 2 bad arguments.
`;

export interface AnalyzeIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** The report's clock (tests pass a fixed one). */
  now?: () => Date;
}

class UsageError extends Error {}

export async function runAnalyze(argv: readonly string[], io: AnalyzeIo): Promise<number> {
  let values;
  let positionals;
  try {
    ({ values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        json: { type: 'boolean' },
        'mask-recipients': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
    if (values.help) {
      io.stdout(USAGE);
      return 0;
    }
    if (positionals.length !== 1)
      throw new UsageError(positionals.length ? 'give one file at a time' : 'which file?');
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
    io.stderr(`mailscope analyze: ${terminalSafe(detail ?? '')} (${USAGE.split('\n')[0] ?? ''})\n`);
    return 2;
  }
  const path = resolve(positionals[0] ?? '');
  let analysed: AnalysedMessage;
  try {
    analysed = await analyzeFile(path);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    // The message only: the errors' hints speak of the app's dialogs (Browse…), not of this command.
    io.stderr(`mailscope analyze: ${terminalSafe(error.message).replace(/\s*\n\s*/g, ' ')}\n`);
    return 1;
  }
  const report = buildReport(analysed.view, analysed.analysis, {
    maskRecipients: values['mask-recipients'] ?? false,
    generator: 'mailscope analyze',
    ...(io.now ? { now: io.now() } : {}),
  });
  io.stdout(values.json ? jsonForTerminal(reportJson(report)) : formatAnalysis(report));
  return 0;
}

/**
 * One message file, opened the way the app opens it (so every format the app reads, .msg included,
 * works here too) and analysed as messages.analyze analyses it.
 */
export async function analyzeFile(path: string): Promise<AnalysedMessage> {
  const name = basename(path);
  const stats = await withFsErrors(path, () => stat(path));
  if (stats.isDirectory()) {
    throw new AppError('NOT_A_MAILBOX', `“${name}” is a folder: give one message file (.eml or .msg).`);
  }
  const source = await openLocal(path, { allowLarge: true });
  try {
    if (source.kind === 'mbox' || source.kind === 'maildir') {
      throw new AppError(
        'NOT_A_MAILBOX',
        `“${name}” is a mailbox file: give one message file (.eml or .msg); open the mailbox in Mailscope to analyse its messages.`,
      );
    }
    const [folder] = await source.listFolders();
    const page = folder ? await source.listEnvelopes(folder.id, 0, 1) : null;
    const messageId = page?.items[0]?.id;
    if (!folder || !messageId) throw new AppError('NOT_A_MAILBOX', `“${name}” holds no message.`);
    const ref = { sourceId: 'file', folderId: folder.id, messageId };
    const view = await source.getMessage(folder.id, messageId);
    const analysis = await analyzerFor(() => source)(ref);
    return { view, analysis };
  } finally {
    await source.close();
  }
}

/** JSON with the characters a terminal might act on written as \u escapes: the same JSON value. */
function jsonForTerminal(json: string): string {
  return json.replace(
    /[\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** Run as a script (not when imported by tests). */
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  runAnalyze(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(
        `mailscope analyze: unexpected error: ${error instanceof Error ? terminalSafe(error.message) : 'error'}\n`,
      );
      process.exitCode = 1;
    },
  );
}
