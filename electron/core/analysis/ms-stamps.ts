import type { DecodedStamp, StampField } from '../../../shared/analysis';
import type { Header } from '../../../shared/model';
import {
  CROSS_TENANT_HEADERS,
  type FieldSpec,
  FOREFRONT_FIELDS,
  MICROSOFT_ANTISPAM_FIELDS,
  SCL_VALUES,
  UNKNOWN,
} from './stamp-meanings';

/** A header that makes a stamp of its own: what the stamp is called and how its value reads. */
interface StampSpec {
  readonly kind: DecodedStamp['kind'];
  readonly title: string;
  readonly fields: (value: string) => StampField[];
}

/** By header name, lower case. */
const STAMPS: Readonly<Record<string, StampSpec>> = {
  'x-forefront-antispam-report': {
    kind: 'forefront-antispam-report',
    title: 'Microsoft 365 anti-spam report',
    fields: (value) => keyValueStampFields(value, FOREFRONT_FIELDS),
  },
  'x-microsoft-antispam': {
    kind: 'microsoft-antispam',
    title: 'Microsoft 365 bulk and phishing levels',
    fields: (value) => keyValueStampFields(value, MICROSOFT_ANTISPAM_FIELDS),
  },
  'x-microsoft-antispam-mailbox-delivery': {
    kind: 'mailbox-delivery',
    title: 'Microsoft 365 mailbox delivery (undocumented by Microsoft)',
    // Microsoft does not document this header's fields: every one is shown as written, unknown.
    fields: (value) => keyValueStampFields(value, {}),
  },
  'x-ms-exchange-organization-scl': {
    kind: 'organization-scl',
    title: 'Spam confidence level inside the organisation',
    fields: (value) => [
      field('SCL', value.trim(), { label: 'Spam confidence level (SCL)', values: SCL_VALUES }),
    ],
  },
};

/**
 * Microsoft 365's anti-spam stamps, decoded field by field: X-Forefront-Antispam-Report,
 * X-Microsoft-Antispam, X-Microsoft-Antispam-Mailbox-Delivery, X-MS-Exchange-Organization-SCL and
 * the cross-tenant stamps. Authentication-Results is auth-stamp.ts's. A field or value Microsoft
 * does not document is shown as written with the meaning "unknown".
 */
export function decodeMicrosoftStamps(headers: readonly Header[]): DecodedStamp[] {
  const stamps: DecodedStamp[] = [];
  const crossTenant: StampField[] = [];
  let crossTenantAt: number | null = null;
  headers.forEach((header, index) => {
    const name = header.name.toLowerCase();
    // Own keys only: a header may be called "constructor" or "__proto__".
    const spec = Object.hasOwn(STAMPS, name) ? STAMPS[name] : undefined;
    if (spec) {
      const { kind, title, fields } = spec;
      stamps.push({ kind, header: { index, name: header.name }, title, fields: fields(header.value) });
    } else if (Object.hasOwn(CROSS_TENANT_HEADERS, name)) {
      crossTenantAt ??= index;
      crossTenant.push(field(header.name, header.value.trim(), CROSS_TENANT_HEADERS[name]));
    }
  });
  if (crossTenantAt !== null) {
    stamps.push({
      kind: 'cross-tenant',
      header: { index: crossTenantAt, name: headers[crossTenantAt]?.name ?? '' },
      title: 'Exchange Online cross-tenant stamps',
      fields: crossTenant,
    });
  }
  return stamps;
}

/** A "KEY:value;…" stamp's fields, each read with its meaning in `specs` (by upper-case key). */
function keyValueStampFields(value: string, specs: Readonly<Record<string, FieldSpec>>): StampField[] {
  return keyValueFields(value).map(([key, pair]) => field(key, pair, specs[key.toUpperCase()]));
}

/**
 * "CIP:192.0.2.1;CTRY:NG;SFS:(1)(2);DIR:INB;" as [key, value] pairs. Only the first colon separates
 * (an IPv6 CIP holds more); a piece without a colon is a key with an empty value.
 */
export function keyValueFields(value: string): [string, string][] {
  const pairs: [string, string][] = [];
  for (const piece of value.split(';')) {
    const text = piece.trim();
    if (!text) continue;
    const colon = text.indexOf(':');
    pairs.push(colon < 0 ? [text, ''] : [text.slice(0, colon).trim(), text.slice(colon + 1).trim()]);
  }
  return pairs;
}

export function field(key: string, value: string, spec: FieldSpec | undefined): StampField {
  if (!spec) return { key, value, label: key, meaning: UNKNOWN, known: false, tone: 'info' };
  if (value === '') {
    return { key, value, label: spec.label, meaning: 'Empty: nothing recorded.', known: true, tone: 'info' };
  }
  const documented = spec.values?.[value.toUpperCase()] ?? spec.free?.(value);
  return documented
    ? { key, value, label: spec.label, meaning: documented.meaning, known: true, tone: documented.tone }
    : { key, value, label: spec.label, meaning: UNKNOWN, known: false, tone: 'info' };
}
