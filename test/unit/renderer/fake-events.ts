import { act } from '@testing-library/react';
import type { AppEvent } from '../../../shared/events';

/** An event stream a test drives by hand, in place of the page's `events.next` long poll. */
export interface FakeEvents {
  listen(listener: (event: AppEvent) => void): () => void;
  /** Delivers one event to every listener, inside act(). */
  say(event: AppEvent): void;
  /** How many listen now. */
  listening(): number;
}

export function fakeEvents(): FakeEvents {
  const listeners = new Set<(event: AppEvent) => void>();
  return {
    listen(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    say: (event) => act(() => listeners.forEach((listener) => listener(event))),
    listening: () => listeners.size,
  };
}
