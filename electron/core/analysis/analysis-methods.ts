import type { Api } from '../../../shared/ipc';
import type { MailSource } from '../common/source';
import { malformedMessage } from '../mime/malformed';
import { analyzeMessage } from './index';
import { parseForAnalysis } from './input';

/**
 * messages.analyze: the triage analysis of a message, from its stored bytes (IMAP BODY.PEEK, POP3
 * RETR, or the file), parsed once and analysed offline.
 */
export function createAnalysisMethods(sourceOf: (id: string) => MailSource): Pick<Api, 'messages.analyze'> {
  return {
    'messages.analyze': async ({ sourceId, folderId, messageId }) => {
      const raw = await sourceOf(sourceId).getRaw(folderId, messageId);
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
