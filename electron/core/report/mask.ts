import type { TriageReport } from './report-document';

/** Headers that name a recipient of this copy of the message. */
const RECIPIENT_HEADERS = new Set([
  'to',
  'cc',
  'bcc',
  'delivered-to',
  'x-original-to',
  'envelope-to',
  'x-ms-exchange-crosstenant-userprincipalname',
]);
/** EmailIoc.sources that make an address a recipient's. */
const RECIPIENT_SOURCES = new Set(['to', 'cc', 'bcc', 'delivered-to', 'x-original-to']);

const ADDRESS = /[^\s<>(),;:"'[\]]+@[^\s<>(),;:"'[\]]+/g;

/**
 * The report with every recipient's address replaced by "[recipient N]@domain" wherever it appears
 * (headers, the route's "for", stamps, indicators, IOCs, attached messages' recipients too), and
 * the top-level recipients' display names by "[recipient N]". The domain stays: which organisation
 * was targeted is part of the triage; who in it is not.
 */
export function maskRecipients(report: TriageReport): TriageReport {
  const { message, analysis } = report;
  const addresses = new Map<string, number>();
  const add = (address: string | null | undefined) => {
    const key = address?.trim().toLowerCase();
    if (key && key.includes('@') && !addresses.has(key)) addresses.set(key, addresses.size + 1);
  };
  for (const list of [message.to, message.cc, message.bcc]) for (const entry of list) add(entry.address);
  for (const header of message.headers) {
    if (RECIPIENT_HEADERS.has(header.name.toLowerCase()))
      for (const found of header.value.match(ADDRESS) ?? []) add(found);
  }
  const visit = (emails: typeof analysis.iocs.emails) => {
    for (const email of emails)
      if (email.sources.some((source) => RECIPIENT_SOURCES.has(source.toLowerCase()))) add(email.address);
  };
  visit(analysis.iocs.emails);
  const walk = (attached: typeof analysis.attachedMessages) => {
    for (const entry of attached) {
      visit(entry.analysis.iocs.emails);
      walk(entry.analysis.attachedMessages);
    }
  };
  walk(analysis.attachedMessages);

  const names = new Set(
    [...message.to, ...message.cc, ...message.bcc]
      .map((entry) => entry.name?.trim())
      .filter((name): name is string => Boolean(name)),
  );
  const replace = (text: string): string => {
    let out = text.replace(ADDRESS, (found) => {
      const number = addresses.get(found.toLowerCase());
      return number === undefined
        ? found
        : `[recipient ${number}]@${found.slice(found.lastIndexOf('@') + 1)}`;
    });
    for (const name of names) if (name.length > 1) out = out.split(name).join('[recipient]');
    return out;
  };
  const masked = mapStrings(report, replace);
  return { ...masked, recipientsMasked: true };
}

/** A deep copy of `value` with `map` applied to every string in it (keys stay as they are). */
function mapStrings<T>(value: T, map: (text: string) => string): T {
  if (typeof value === 'string') return map(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => mapStrings(item, map)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = mapStrings(item, map);
    return out as T;
  }
  return value;
}
