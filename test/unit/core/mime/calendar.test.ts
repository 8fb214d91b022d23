import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { calendarEvents } from '../../../../electron/core/mime/calendar';
import { parseMessage } from '../../../../electron/core/mime/parse-message';

const ics = (lines: readonly string[]) => lines.join('\r\n');

/** The VTIMEZONE Exchange writes for "W. Europe Standard Time" (CET/CEST). */
const W_EUROPE = [
  'BEGIN:VTIMEZONE',
  'TZID:W. Europe Standard Time',
  'BEGIN:STANDARD',
  'DTSTART:16010101T030000',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10',
  'END:STANDARD',
  'BEGIN:DAYLIGHT',
  'DTSTART:16010101T020000',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3',
  'END:DAYLIGHT',
  'END:VTIMEZONE',
];

function event(lines: readonly string[], zones: readonly string[] = W_EUROPE, method = 'REQUEST') {
  return calendarEvents(
    ics([
      'BEGIN:VCALENDAR',
      `METHOD:${method}`,
      ...zones,
      'BEGIN:VEVENT',
      ...lines,
      'END:VEVENT',
      'END:VCALENDAR',
    ]),
  );
}

describe('calendar invitations', () => {
  it('the sample mailbox invite: Exchange with a Windows zone name, sent twice, summarised once', async () => {
    const raw = readFileSync(
      new URL(
        '../../../../resources/sample-mailbox/cur/1789715702.M8P1000.sample,S=8505!2,S',
        import.meta.url,
      ),
    );
    const view = await parseMessage(raw, {
      id: 'm',
      folderId: 'f',
      flags: { seen: true, flagged: false, answered: false, draft: false },
    });
    expect(view.calendar).toEqual([
      {
        method: 'REQUEST',
        summary: 'Month-end close review (September)',
        location: 'Harbour meeting room (3.14) and online',
        organizer: { name: 'Jonas Keller', address: 'jonas.keller@contoso.example' },
        // 14:00 in Amsterdam in September is CEST, UTC+2.
        start: { instant: '2026-09-30T12:00:00.000Z', date: null, text: null },
        end: { instant: '2026-09-30T13:00:00.000Z', date: null, text: null },
        status: 'CONFIRMED',
        recurrence: null,
        attendees: 4,
      },
    ]);
  });

  it('places wall times on both sides of the daylight-saving changes through the VTIMEZONE', () => {
    const at = (value: string) => event([`DTSTART;TZID=W. Europe Standard Time:${value}`])[0]?.start?.instant;
    expect(at('20261023T090000')).toBe('2026-10-23T07:00:00.000Z');
    expect(at('20261026T090000')).toBe('2026-10-26T08:00:00.000Z');
    expect(at('20260327T090000')).toBe('2026-03-27T08:00:00.000Z');
    expect(at('20260330T090000')).toBe('2026-03-30T07:00:00.000Z');
  });

  it('uses IANA zone names directly, UTC times as they are, dates as all-day', () => {
    const [first] = event(
      ['DTSTART;TZID=America/New_York:20260115T093000', 'DTEND:20260115T150000Z'],
      [],
      'PUBLISH',
    );
    expect(first?.start?.instant).toBe('2026-01-15T14:30:00.000Z');
    expect(first?.end?.instant).toBe('2026-01-15T15:00:00.000Z');
    expect(first?.method).toBe('PUBLISH');
    expect(event(['DTSTART;VALUE=DATE:20261224'], [])[0]?.start).toEqual({
      instant: null,
      date: '2026-12-24',
      text: null,
    });
  });

  it('says so when a zone cannot be placed, and keeps floating times as wall time', () => {
    expect(event(['DTSTART;TZID=Mars Standard Time:20261001T080000'], [])[0]?.start).toEqual({
      instant: null,
      date: null,
      text: '2026-10-01 08:00 (Mars Standard Time)',
    });
    expect(event(['DTSTART:20261001T080000'], [])[0]?.start?.text).toBe(
      '2026-10-01 08:00 (local time wherever you are)',
    );
  });

  it('unfolds lines, unescapes TEXT, reads quoted parameters with colons', () => {
    const [first] = event([
      'SUMMARY:Budget\\, Q4\\; final',
      ' review',
      'LOCATION:Room 1\\nBuilding B',
      'ORGANIZER;CN="Keller, Jonas: Finance":mailto:jonas@contoso.example',
      'RRULE:FREQ=WEEKLY;BYDAY=MO',
      'STATUS:cancelled',
    ]);
    expect(first).toMatchObject({
      summary: 'Budget, Q4; finalreview',
      location: 'Room 1\nBuilding B',
      organizer: { name: 'Keller, Jonas: Finance', address: 'jonas@contoso.example' },
      recurrence: 'FREQ=WEEKLY;BYDAY=MO',
      status: 'CANCELLED',
    });
  });

  it('gives nothing for text that is not a calendar, and caps the number of events', () => {
    expect(calendarEvents('hello')).toEqual([]);
    const many = ics([
      'BEGIN:VCALENDAR',
      ...Array.from({ length: 50 }, () => 'BEGIN:VEVENT\r\nSUMMARY:x\r\nEND:VEVENT'),
      'END:VCALENDAR',
    ]);
    expect(calendarEvents(many)).toHaveLength(20);
  });
});
