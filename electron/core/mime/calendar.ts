import type { CalendarEvent, CalendarTime } from '../../../shared/inspection';

/**
 * A calendar invitation (RFC 5545 iCalendar) reduced to what the reader shows: what, when, where,
 * who organises it. No iCalendar parser is installed, and a reader needs only these properties, so
 * this reads just them: content lines (§3.1, unfolded, with parameters), components (§3.4–3.6),
 * TEXT escapes (§3.3.11), DATE and DATE-TIME values (§3.3.4–5) placed in UTC through a TZID that
 * is an IANA zone or through the calendar's own VTIMEZONE (Exchange writes Windows zone names such
 * as "W. Europe Standard Time" and always includes the VTIMEZONE). Recurrences are reported, not
 * expanded.
 */

const MAX_TEXT = 1024 * 1024;
const MAX_EVENTS = 20;

interface ContentLine {
  readonly name: string;
  readonly params: ReadonlyMap<string, string>;
  readonly value: string;
}

interface Component {
  readonly name: string;
  readonly lines: ContentLine[];
  readonly children: Component[];
}

export function calendarEvents(text: string): CalendarEvent[] {
  const root = parseComponents(text.slice(0, MAX_TEXT));
  const events: CalendarEvent[] = [];
  for (const calendar of root.children.filter((c) => c.name === 'VCALENDAR')) {
    const method = property(calendar, 'METHOD')?.value.toUpperCase() ?? null;
    const zones = calendar.children.filter((c) => c.name === 'VTIMEZONE');
    for (const event of calendar.children.filter((c) => c.name === 'VEVENT')) {
      if (events.length >= MAX_EVENTS) break;
      events.push(toEvent(event, method, zones));
    }
  }
  return events;
}

function toEvent(event: Component, method: string | null, zones: readonly Component[]): CalendarEvent {
  const organizer = property(event, 'ORGANIZER');
  const start = property(event, 'DTSTART');
  const end = property(event, 'DTEND');
  return {
    method,
    summary: textValue(property(event, 'SUMMARY')),
    location: textValue(property(event, 'LOCATION')),
    organizer: organizer
      ? {
          name: organizer.params.get('CN') ?? null,
          address: organizer.value.replace(/^mailto:/i, '') || null,
        }
      : null,
    start: start ? timeOf(start, zones) : null,
    end: end ? timeOf(end, zones) : null,
    status: property(event, 'STATUS')?.value.toUpperCase() ?? null,
    recurrence: property(event, 'RRULE')?.value ?? null,
    attendees: event.lines.filter((line) => line.name === 'ATTENDEE').length,
  };
}

function property(component: Component, name: string): ContentLine | undefined {
  return component.lines.find((line) => line.name === name);
}

/** TEXT values: `\n` is a line break, `\,` `\;` `\\` stand for themselves (RFC 5545 §3.3.11). */
function textValue(line: ContentLine | undefined): string | null {
  if (!line) return null;
  const text = line.value.replace(/\\([nN,;\\])/g, (_, char: string) =>
    char === 'n' || char === 'N' ? '\n' : char,
  );
  return text.trim() || null;
}

function parseComponents(text: string): Component {
  const root: Component = { name: '', lines: [], children: [] };
  const stack: Component[] = [root];
  // Unfolding (§3.1): a line break followed by one space or tab continues the previous line.
  for (const physical of text.replace(/\r?\n[ \t]/g, '').split(/\r?\n/)) {
    const line = parseLine(physical);
    if (!line) continue;
    const current = stack[stack.length - 1] ?? root;
    if (line.name === 'BEGIN') {
      const child: Component = { name: line.value.toUpperCase(), lines: [], children: [] };
      current.children.push(child);
      stack.push(child);
    } else if (line.name === 'END') {
      if (stack.length > 1 && current.name === line.value.toUpperCase()) stack.pop();
    } else {
      current.lines.push(line);
    }
  }
  return root;
}

/** `NAME;PARAM=value;PARAM="quoted:value":value`: the first colon outside quotes ends the name part. */
function parseLine(physical: string): ContentLine | null {
  let quoted = false;
  let colon = -1;
  for (let index = 0; index < physical.length; index++) {
    const char = physical.charAt(index);
    if (char === '"') quoted = !quoted;
    else if (char === ':' && !quoted) {
      colon = index;
      break;
    }
  }
  if (colon <= 0) return null;
  const [name = '', ...rawParams] = splitOutsideQuotes(physical.slice(0, colon), ';');
  const params = new Map<string, string>();
  for (const param of rawParams) {
    const equals = param.indexOf('=');
    if (equals > 0) {
      params.set(param.slice(0, equals).toUpperCase(), param.slice(equals + 1).replace(/^"(.*)"$/, '$1'));
    }
  }
  return { name: name.toUpperCase(), params, value: physical.slice(colon + 1) };
}

function splitOutsideQuotes(text: string, separator: string): string[] {
  const parts: string[] = [];
  let quoted = false;
  let current = '';
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    if (char === separator && !quoted) {
      parts.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  parts.push(current);
  return parts;
}

interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const DATE_TIME = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z)?)?$/;

/** The wall-clock time a DATE_TIME match names; a date alone is its midnight. */
function wallTimeOf(match: RegExpExecArray): WallTime {
  const [, y, mo, d, h = '00', mi = '00', s = '00'] = match;
  return {
    year: Number(y),
    month: Number(mo),
    day: Number(d),
    hour: Number(h),
    minute: Number(mi),
    second: Number(s),
  };
}

function timeOf(line: ContentLine, zones: readonly Component[]): CalendarTime | null {
  const match = DATE_TIME.exec(line.value.trim());
  if (!match) return null;
  const [, y, mo, d, h, mi, , z] = match;
  if (h === undefined || line.params.get('VALUE')?.toUpperCase() === 'DATE') {
    return { instant: null, date: `${y}-${mo}-${d}`, text: null };
  }
  const wall = wallTimeOf(match);
  const local = wallMs(wall);
  if (z) return { instant: new Date(local).toISOString(), date: null, text: null };
  const tzid = line.params.get('TZID');
  const label = `${y}-${mo}-${d} ${h}:${mi}`;
  if (!tzid) return { instant: null, date: null, text: `${label} (local time wherever you are)` };
  const zone = zones.find((component) => property(component, 'TZID')?.value === tzid);
  const offset = (zone ? vtimezoneOffset(zone, wall) : null) ?? ianaOffset(tzid, local);
  if (offset === null) return { instant: null, date: null, text: `${label} (${tzid})` };
  return { instant: new Date(local - offset * 60_000).toISOString(), date: null, text: null };
}

function wallMs(wall: WallTime): number {
  return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
}

/** Minutes east of UTC for a wall time in an IANA zone, or null if the name is not one. */
function ianaOffset(tzid: string, local: number): number | null {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: tzid,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    return null;
  }
  const offsetAt = (instant: number) => {
    const parts = Object.fromEntries(format.formatToParts(instant).map((part) => [part.type, part.value]));
    const asUtc = Date.UTC(
      Number(parts['year']),
      Number(parts['month']) - 1,
      Number(parts['day']),
      Number(parts['hour']),
      Number(parts['minute']),
      Number(parts['second']),
    );
    return Math.round((asUtc - instant) / 60_000);
  };
  const first = offsetAt(local);
  const second = offsetAt(local - first * 60_000);
  return second;
}

interface Observance {
  readonly onset: number;
  readonly offsetTo: number;
}

/**
 * The UTC offset a VTIMEZONE gives a wall time: the observance (STANDARD or DAYLIGHT) whose latest
 * onset is at or before it. Onsets come from DTSTART, RDATE-free yearly RRULEs of the form every
 * zone definition uses (BYMONTH with BYDAY such as 2SU or -1SU), in the event's year and the one before.
 */
function vtimezoneOffset(zone: Component, wall: WallTime): number | null {
  const target = wallMs(wall);
  const onsets: Observance[] = [];
  for (const observance of zone.children.filter((c) => c.name === 'STANDARD' || c.name === 'DAYLIGHT')) {
    const offsetTo = utcOffset(property(observance, 'TZOFFSETTO')?.value);
    const startMatch = DATE_TIME.exec(property(observance, 'DTSTART')?.value.trim() ?? '');
    if (offsetTo === null || !startMatch) continue;
    const start = wallTimeOf(startMatch);
    onsets.push({ onset: wallMs(start), offsetTo });
    const rule = property(observance, 'RRULE')?.value;
    if (!rule) continue;
    for (const year of [wall.year - 1, wall.year]) {
      if (year < start.year) continue;
      const day = yearlyOnset(rule, year);
      if (day === null) continue;
      onsets.push({
        onset: Date.UTC(year, day.month - 1, day.day, start.hour, start.minute, start.second),
        offsetTo,
      });
    }
  }
  const applicable = onsets.filter((o) => o.onset <= target).sort((a, b) => b.onset - a.onset)[0];
  return applicable?.offsetTo ?? null;
}

const WEEKDAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];

/** The day a `FREQ=YEARLY;BYMONTH=m;BYDAY=nDD` rule falls on in `year`, or null for other rules. */
function yearlyOnset(rule: string, year: number): { month: number; day: number } | null {
  const parts = new Map(
    rule.split(';').map((part) => {
      const [key = '', value = ''] = part.split('=');
      return [key.toUpperCase(), value.toUpperCase()] as const;
    }),
  );
  if (parts.get('FREQ') !== 'YEARLY') return null;
  const until = parts.get('UNTIL');
  if (until && Number(until.slice(0, 4)) < year) return null;
  const month = Number(parts.get('BYMONTH'));
  const byDay = /^([+-]?\d)?(SU|MO|TU|WE|TH|FR|SA)$/.exec(parts.get('BYDAY') ?? '');
  if (!month || month > 12 || !byDay) return null;
  const nth = Number(byDay[1] ?? 1);
  const weekday = WEEKDAYS.indexOf(byDay[2] ?? '');
  if (nth > 0) {
    const firstWeekday = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
    const day = 1 + ((weekday - firstWeekday + 7) % 7) + (nth - 1) * 7;
    return { month, day };
  }
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const lastWeekday = new Date(Date.UTC(year, month - 1, lastDay)).getUTCDay();
  const day = lastDay - ((lastWeekday - weekday + 7) % 7) + (nth + 1) * 7;
  return { month, day };
}

/** `+0100`, `-0530`, `+023000` as minutes east of UTC. */
function utcOffset(value: string | undefined): number | null {
  const match = /^([+-])(\d{2})(\d{2})(\d{2})?$/.exec(value?.trim() ?? '');
  if (!match) return null;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}
