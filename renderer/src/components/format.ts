import type { Address } from '../../../shared/model';

/**
 * Display formatting shared by the list, the reader and the status bar. Dates arrive as ISO
 * strings from the engine; everything here is pure so `now` is always passed in.
 */

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
// List dates are fixed-shape ("12 Nov", "12 Nov 2025"), three-letter months included, so the date
// column lines up the same way for everyone; the tooltip has the full local date.
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** A day in full ("Mon, 12 Nov 2025"): the start of every long date the app shows. */
export const FULL_DAY = { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric' } as const;
const fullFormat = new Intl.DateTimeFormat(undefined, {
  ...FULL_DAY,
  hour: 'numeric',
  minute: '2-digit',
  second: '2-digit',
  timeZoneName: 'short',
});
const numberFormat = new Intl.NumberFormat(undefined);

function parseDate(iso: string | null): Date | null {
  if (!iso) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Today: the time; this year: "12 Nov"; earlier or later: "12 Nov 2025". */
export function formatListDate(iso: string | null, now: Date): string {
  const date = parseDate(iso);
  if (!date) return '—';
  if (
    date.getFullYear() === now.getFullYear() &&
    date.getMonth() === now.getMonth() &&
    date.getDate() === now.getDate()
  ) {
    return timeFormat.format(date);
  }
  const dayMonth = `${date.getDate()} ${MONTHS[date.getMonth()] ?? ''}`;
  return date.getFullYear() === now.getFullYear() ? dayMonth : `${dayMonth} ${date.getFullYear()}`;
}

/** Local date and time with weekday and zone, for tooltips and the reader header. */
export function formatFullDate(iso: string | null): string {
  const date = parseDate(iso);
  return date ? fullFormat.format(date) : 'No date';
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const kb = bytes / 1024;
  if (kb < 10) return `${kb.toFixed(1)} KB`;
  if (kb < 1024) return `${Math.round(kb)} KB`;
  const mb = kb / 1024;
  if (mb < 10) return `${mb.toFixed(1)} MB`;
  if (mb < 1024) return `${Math.round(mb)} MB`;
  return `${(mb / 1024).toFixed(1)} GB`;
}

export function formatCount(n: number): string {
  return numberFormat.format(n);
}

export function plural(n: number, one: string, many: string): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

/** What the list shows for a sender: the display name, else the address. */
export function senderLabel(from: readonly Address[]): string {
  const first = from[0];
  if (!first) return '(no sender)';
  const label = first.name.trim() || first.address.trim() || '(no sender)';
  return from.length > 1 ? `${label} +${from.length - 1}` : label;
}

export function subjectLabel(subject: string): string {
  return subject.trim() || '(no subject)';
}
