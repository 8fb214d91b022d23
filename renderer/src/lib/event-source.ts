import { useEffect, useState } from 'react';
import type { AppEvent } from '../../../shared/events';
import { type LiveEvents, useLiveEvents } from './live-events';

/** Where a hook hears app events from: the page's event stream, or a test's own. */
export type EventSource = Pick<LiveEvents, 'listen'>;

/** The events a test hands in (`given`), or else the page's own stream. */
export function useEventSource(given?: EventSource): EventSource {
  const live = useLiveEvents();
  return given ?? live;
}

/** Events that report on one long operation, under the id the renderer gave it. */
type OperationEvent = Extract<AppEvent, { operationId: string }>;
type EventOf<T extends OperationEvent['type']> = Extract<OperationEvent, { type: T }>;

/** In place of an operation id: the events of every operation. */
export const EVERY_OPERATION = Symbol('every operation');

/**
 * The latest `type` event heard for `operation` (an id, or `EVERY_OPERATION`); while it is null
 * nothing is listened to. What is kept stays until a newer one arrives: a caller that cares which
 * operation it was for compares its id.
 */
export function useLatestEvent<T extends OperationEvent['type']>(
  type: T,
  operation: string | typeof EVERY_OPERATION | null,
  given?: EventSource,
): EventOf<T> | null {
  const events = useEventSource(given);
  const [latest, setLatest] = useState<EventOf<T> | null>(null);
  useEffect(() => {
    if (operation === null) return;
    return events.listen((event) => {
      if (isOf(event, type) && (operation === EVERY_OPERATION || event.operationId === operation))
        setLatest(event);
    });
  }, [events, type, operation]);
  return latest;
}

function isOf<T extends OperationEvent['type']>(event: AppEvent, type: T): event is EventOf<T> {
  return event.type === type;
}
