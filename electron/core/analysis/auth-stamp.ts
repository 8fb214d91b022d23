import type { DecodedStamp, HeaderRef, StampField } from '../../../shared/analysis';
import type { AuthResult } from '../../../shared/inspection';
import type { Header } from '../../../shared/model';
import { parseAuthenticationResults } from '../mime/auth-results';
import { AUTH_RESULT_VALUES, compauthReason, DMARC_ACTIONS, UNKNOWN } from './stamp-meanings';

/** The receiving organisation's Authentication-Results: where it is, and what it says. */
export interface ReceivingAuthentication {
  readonly header: HeaderRef;
  readonly results: readonly AuthResult[];
}

/**
 * The topmost Authentication-Results header: the last one added, by the organisation that received
 * the message (the reader's badges trust the same one, see mime/auth-results.ts). Those further
 * down travelled with the message and could have been written by anyone.
 */
export function receivingAuthentication(headers: readonly Header[]): ReceivingAuthentication | null {
  const index = headers.findIndex((header) => header.name.toLowerCase() === 'authentication-results');
  const header = headers[index];
  if (!header) return null;
  return {
    header: { index, name: header.name },
    results: parseAuthenticationResults(header.value, header.name).results,
  };
}

/** That header decoded: each method's result in words, compauth's reason code and DMARC's action. */
export function decodeAuthenticationStamp(auth: ReceivingAuthentication): DecodedStamp {
  const fields: StampField[] = [];
  for (const result of auth.results) {
    const values = AUTH_RESULT_VALUES[result.method];
    const documented = values?.[result.result.toUpperCase()];
    fields.push({
      key: result.method,
      value: result.result,
      label: LABELS[result.method] ?? result.method,
      meaning: documented?.meaning ?? UNKNOWN,
      known: Boolean(documented),
      tone: documented?.tone ?? 'info',
    });
    if (result.method === 'compauth' && result.reason !== null) {
      const reason = compauthReason(result.reason);
      fields.push({
        key: 'compauth reason',
        value: result.reason,
        label: 'Composite authentication reason code',
        meaning: reason?.meaning ?? UNKNOWN,
        known: reason !== null,
        tone: reason?.tone ?? 'info',
      });
    }
    const action = result.properties.find((property) => property.name === 'action')?.value;
    if (result.method === 'dmarc' && action) {
      const meaning = DMARC_ACTIONS[action.toUpperCase()];
      fields.push({
        key: 'dmarc action',
        value: action,
        label: 'DMARC action taken',
        meaning: meaning?.meaning ?? UNKNOWN,
        known: Boolean(meaning),
        tone: meaning?.tone ?? 'info',
      });
    }
  }
  return {
    kind: 'authentication-results',
    header: auth.header,
    title: 'Authentication results of the receiving organisation',
    fields,
  };
}

const LABELS: Record<string, string> = {
  spf: 'SPF (is the sending server allowed to send for the MAIL FROM domain)',
  dkim: 'DKIM (does a signature of the message verify)',
  dmarc: 'DMARC (does the From domain align with SPF or DKIM, and its policy)',
  compauth: 'Composite authentication (Microsoft 365: SPF, DKIM, DMARC and more)',
};
