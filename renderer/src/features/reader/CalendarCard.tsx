import type { CalendarEvent, CalendarTime } from '../../../../shared/model';
import { FULL_DAY } from '../../components/format';
import { formatTimestamp } from './inspection-format';

const dateTime = new Intl.DateTimeFormat(undefined, {
  ...FULL_DAY,
  hour: 'numeric',
  minute: '2-digit',
  timeZoneName: 'short',
});
const timeOnly = new Intl.DateTimeFormat(undefined, {
  hour: 'numeric',
  minute: '2-digit',
  timeZoneName: 'short',
});
const dateOnly = new Intl.DateTimeFormat(undefined, { ...FULL_DAY, timeZone: 'UTC' });

const METHOD_LABEL: Record<string, string> = {
  REQUEST: 'Invitation',
  CANCEL: 'Cancelled',
  REPLY: 'Reply',
  PUBLISH: 'Calendar event',
  COUNTER: 'New time proposed',
};

/** A calendar invitation summarised above the body: what, when (in the user's own time), where, who. */
export function CalendarCard({ event }: { event: CalendarEvent }) {
  const cancelled = event.method === 'CANCEL' || event.status === 'CANCELLED';
  const label = cancelled ? 'Cancelled' : (METHOD_LABEL[event.method ?? ''] ?? 'Calendar event');
  return (
    <section
      className={`calendar-card${cancelled ? ' calendar-card--cancelled' : ''}`}
      aria-label={`${label}: ${event.summary ?? 'untitled event'}`}
      data-testid="calendar-card"
    >
      <p className="calendar-card__kind">{label}</p>
      <p className="calendar-card__title" dir="auto">
        {event.summary ?? '(untitled event)'}
      </p>
      <dl className="calendar-card__facts">
        <dt>When</dt>
        <dd>
          <When start={event.start} end={event.end} />
          {event.recurrence ? (
            <span className="calendar-card__repeat"> · repeats ({event.recurrence})</span>
          ) : null}
        </dd>
        {event.location ? (
          <>
            <dt>Where</dt>
            <dd dir="auto">{event.location}</dd>
          </>
        ) : null}
        {event.organizer ? (
          <>
            <dt>Organiser</dt>
            <dd>
              {event.organizer.name ? <bdi>{event.organizer.name}</bdi> : null}
              {event.organizer.address ? (
                <span className="muted">
                  {event.organizer.name ? ` <${event.organizer.address}>` : event.organizer.address}
                </span>
              ) : null}
            </dd>
          </>
        ) : null}
        {event.attendees > 0 ? (
          <>
            <dt>Invited</dt>
            <dd>{event.attendees === 1 ? '1 person' : `${event.attendees} people`}</dd>
          </>
        ) : null}
      </dl>
    </section>
  );
}

function When({ start, end }: { start: CalendarTime | null; end: CalendarTime | null }) {
  if (!start) return <span className="muted">No time given</span>;
  if (start.date) {
    const first = dateOnly.format(new Date(`${start.date}T00:00:00Z`));
    return <span>{first} (all day)</span>;
  }
  if (!start.instant) return <span>{start.text}</span>;
  const from = new Date(start.instant);
  const until = end?.instant ? new Date(end.instant) : null;
  const sameDay = until !== null && until.toDateString() === from.toDateString();
  return (
    <time dateTime={start.instant} title={formatTimestamp(start.instant)}>
      {dateTime.format(from)}
      {until ? ` – ${sameDay ? timeOnly.format(until) : dateTime.format(until)}` : ''}
    </time>
  );
}
