import type { Analysis } from '../../../shared/analysis';
import type { MessageView } from '../../../shared/model';
import { analyzeMessage, parseForAnalysis } from '../analysis/index';
import { malformedMessage } from '../mime/malformed';
import { type MessageMeta, parseMessage } from '../mime/parse-message';

const NO_FLAGS = { seen: false, flagged: false, answered: false, draft: false };

export interface AnalysedMessage {
  readonly view: MessageView;
  readonly analysis: Analysis;
}

/** What a report is made of, from a message's stored bytes: its reader view and its triage analysis. */
export async function analyzeRaw(
  raw: Buffer,
  meta: MessageMeta = { id: 'file', folderId: 'file', flags: NO_FLAGS },
): Promise<AnalysedMessage> {
  const view = await parseMessage(raw, meta);
  let input;
  try {
    input = await parseForAnalysis(raw);
  } catch (error) {
    throw malformedMessage(error);
  }
  return { view, analysis: await analyzeMessage(input) };
}
