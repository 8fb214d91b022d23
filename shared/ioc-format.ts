import type { IocKind, Iocs } from './analysis';

/**
 * IOCs as text to copy: plain lines, defanged lines (`hxxps://evil[.]example`, safe to paste into
 * a ticket or a chat that turns addresses into links), CSV and JSON. Pure, so the renderer formats
 * what it copies and the report and the CLI format the same way.
 */

export const IOC_FORMATS = ['plain', 'defanged', 'csv', 'json'] as const;
export type IocFormat = (typeof IOC_FORMATS)[number];

/** The Iocs key of each kind. */
const KEY: Record<IocKind, keyof Iocs> = {
  url: 'urls',
  domain: 'domains',
  ip: 'ips',
  email: 'emails',
  attachment: 'attachments',
};

/** Makes an address unclickable and unresolvable as written: hxxp(s)/fxp schemes, [.] and [@] in the host. */
export function defang(value: string): string {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(value);
  if (!scheme) return defangHost(value);
  const name = (scheme[1] ?? '').toLowerCase();
  const rest = value.slice(scheme[0].length);
  const end = rest.search(/[/?#]/);
  const authority = end < 0 ? rest : rest.slice(0, end);
  const tail = end < 0 ? '' : rest.slice(end);
  const schemeText = name.startsWith('http') ? name.replace('http', 'hxxp') : name === 'ftp' ? 'fxp' : name;
  return `${schemeText}://${defangHost(authority)}${tail}`;
}

function defangHost(value: string): string {
  return value.replace(/\./g, '[.]').replace(/@/g, '[@]');
}

/** How many IOCs of each kind: what the Copy buttons show. */
export function iocCounts(iocs: Iocs): Record<IocKind, number> {
  return {
    url: iocs.urls.length,
    domain: iocs.domains.length,
    ip: iocs.ips.length,
    email: iocs.emails.length,
    attachment: iocs.attachments.length,
  };
}

/** The IOCs of the given kinds (all by default) as one text in a format. */
export function formatIocs(iocs: Iocs, format: IocFormat, kinds: readonly IocKind[] = ALL_KINDS): string {
  if (format === 'json') return JSON.stringify(pick(iocs, kinds), null, 2);
  const rows = kinds.flatMap((kind) => rowsOf(iocs, kind));
  if (format === 'csv') {
    return [CSV_COLUMNS, ...rows.map((row) => CSV_COLUMNS.map((column) => row[column] ?? ''))]
      .map((cells) => cells.map(csvCell).join(','))
      .join('\r\n');
  }
  const show = format === 'defanged' ? defang : (value: string) => value;
  return rows
    .map((row) =>
      row.kind === 'attachment'
        ? [row.value, row.size, row.detected_type || 'unknown type', row.md5, row.sha1, row.sha256].join('\t')
        : show(row.value ?? ''),
    )
    .join('\n');
}

const ALL_KINDS: readonly IocKind[] = ['url', 'domain', 'ip', 'email', 'attachment'];

const CSV_COLUMNS = [
  'kind',
  'value',
  'source',
  'origin',
  'size',
  'detected_type',
  'md5',
  'sha1',
  'sha256',
] as const;
type Row = Partial<Record<(typeof CSV_COLUMNS)[number], string>>;

function rowsOf(iocs: Iocs, kind: IocKind): Row[] {
  switch (kind) {
    case 'url':
      return iocs.urls.map((ioc) => ({ kind, value: ioc.url, source: ioc.source, origin: ioc.origin }));
    case 'domain':
      return iocs.domains.map((ioc) => ({
        kind,
        value: ioc.domain,
        source: ioc.sources.join(' '),
        origin: ioc.origin,
      }));
    case 'ip':
      return iocs.ips.map((ioc) => ({
        kind,
        value: ioc.ip,
        source: ioc.sources.join(' '),
        origin: ioc.origin,
      }));
    case 'email':
      return iocs.emails.map((ioc) => ({
        kind,
        value: ioc.address,
        source: ioc.sources.join(' '),
        origin: ioc.origin,
      }));
    case 'attachment':
      return iocs.attachments.map((ioc) => ({
        kind,
        value: ioc.label,
        source: ioc.contentType,
        origin: ioc.origin,
        size: String(ioc.size),
        detected_type: ioc.detectedType ?? '',
        md5: ioc.md5,
        sha1: ioc.sha1,
        sha256: ioc.sha256,
      }));
  }
}

function pick(iocs: Iocs, kinds: readonly IocKind[]): Partial<Iocs> {
  return Object.fromEntries(kinds.map((kind) => [KEY[kind], iocs[KEY[kind]]]));
}

/**
 * RFC 4180 quoting, and a leading quote on a cell a spreadsheet would run as a formula (a hostile
 * URL or file name starting with =, +, - or @: CSV injection).
 */
function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
