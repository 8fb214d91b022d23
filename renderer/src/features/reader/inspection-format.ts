/**
 * Formatting for the inspection panels: exact timestamps (every second counts when reading a route)
 * in the user's zone with the zone named, and signed delays.
 */

const exact = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});
const full = new Intl.DateTimeFormat(undefined, {
  weekday: 'long',
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  timeZoneName: 'long',
});
const offset = new Intl.DateTimeFormat('en-US', { timeZoneName: 'longOffset' });

function valid(iso: string | null): Date | null {
  if (!iso) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** "18 Sep 2026, 09:15:02" in local time. */
export function formatExact(iso: string | null): string {
  const date = valid(iso);
  return date ? exact.format(date) : '—';
}

/** "Friday, 18 September 2026 at 09:15:02 Central European Summer Time (GMT+02:00)": for tooltips. */
export function formatTimestamp(iso: string | null): string {
  const date = valid(iso);
  if (!date) return 'No date';
  const zone = offset.formatToParts(date).find((part) => part.type === 'timeZoneName')?.value ?? '';
  return `${full.format(date)}${zone ? ` (${zone})` : ''}`;
}

/** "+1 s", "+2 min 5 s", "−2 min 31 s" (negative: the clocks disagree), "—" when unknown. */
export function formatDelay(ms: number | null): string {
  if (ms === null) return '—';
  const sign = ms < 0 ? '−' : '+';
  let seconds = Math.round(Math.abs(ms) / 1000);
  if (seconds === 0) return '0 s';
  const parts: string[] = [];
  const days = Math.floor(seconds / 86_400);
  seconds -= days * 86_400;
  const hours = Math.floor(seconds / 3600);
  seconds -= hours * 3600;
  const minutes = Math.floor(seconds / 60);
  seconds -= minutes * 60;
  if (days) parts.push(`${days} d`);
  if (hours) parts.push(`${hours} h`);
  if (minutes) parts.push(`${minutes} min`);
  if (seconds && !days) parts.push(`${seconds} s`);
  return `${sign}${parts.join(' ')}`;
}

export type Tone = 'pass' | 'fail' | 'warn' | 'neutral';

/** How a result looks: pass green, fail red, soft failures and errors amber, none grey. */
export function resultTone(result: string): Tone {
  const value = result.toLowerCase();
  if (value === 'pass' || value === 'bestguesspass') return 'pass';
  if (value === 'fail' || value === 'hardfail') return 'fail';
  if (value === 'none' || value === 'neutral') return 'neutral';
  return 'warn';
}
