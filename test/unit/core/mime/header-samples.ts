import { readFileSync } from 'node:fs';
import { parseMessage } from '../../../../electron/core/mime/parse-message';
import type { MessageView } from '../../../../shared/model';

const META = { id: 'm', folderId: 'f', flags: { seen: true, flagged: false, answered: false, draft: false } };

/** The real-world header samples in test/fixtures/headers, anonymised, in the formats those systems write. */
export type HeaderSample = 'exchange-online' | 'gmail' | 'exchange-onprem' | 'spam-relay';

/** A sample message through the same path the reader uses. */
export async function sample(name: HeaderSample): Promise<MessageView> {
  const raw = readFileSync(new URL(`../../../fixtures/headers/${name}.eml`, import.meta.url));
  return parseMessage(raw, META);
}
