import type { Api } from '../../../shared/ipc';
import { createAnalysisMethods } from '../analysis/analysis-methods';
import { layerInput } from '../attached/analysis-input';
import { AttachedMessages } from '../attached/attached-messages';
import type { MailSource } from '../common/source';

/**
 * messages.analyze over `sourceOf`, as the service serves it (service.ts): attached
 * messages, .msg and winmail.dat at any depth come through `nested`, from bytes already read. The
 * report and `mailscope analyze` use it, so each says exactly what the Triage tab says.
 */
export function analyzerFor(
  sourceOf: (id: string) => MailSource,
  nested: AttachedMessages = new AttachedMessages(sourceOf),
): Api['messages.analyze'] {
  return createAnalysisMethods(
    ({ sourceId, folderId, messageId }) => sourceOf(sourceId).getRaw(folderId, messageId),
    layerInput(nested),
  )['messages.analyze'];
}
