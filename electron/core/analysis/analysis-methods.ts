import type { Api, ParsedRequest } from '../../../shared/ipc';
import { malformedMessage } from '../mime/malformed';
import { analyzeMessage } from './index';
import { type AnalysisInput, parseForAnalysis } from './input';

/** The stored bytes of the message a request names (already fetched ones where the host keeps them). */
export type MessageBytes = (request: ParsedRequest<'messages.analyze'>) => Promise<Buffer>;

/**
 * messages.analyze: the triage analysis of a message from its stored bytes (IMAP BODY.PEEK, POP3
 * RETR, or the file: read-only either way), parsed once and analysed offline. A message that cannot
 * be taken apart is MESSAGE_MALFORMED, as in the reader.
 */
export function createAnalysisMethods(
  bytesOf: MessageBytes,
  /** Where given, the input comes from here (attached messages, .msg, TNEF: electron/core/attached). */
  inputOf?: (request: ParsedRequest<'messages.analyze'>) => Promise<AnalysisInput>,
): Pick<Api, 'messages.analyze'> {
  return {
    'messages.analyze': async (request) => {
      if (inputOf) return analyzeMessage(await inputOf(request));
      const raw = await bytesOf(request);
      let input;
      try {
        input = await parseForAnalysis(raw);
      } catch (error) {
        throw malformedMessage(error);
      }
      return analyzeMessage(input);
    },
  };
}
