import { act } from '@testing-library/react';
import type { AppEvent } from '../../../shared/events';
import type { EventSource } from '../../../renderer/src/features/transfers/use-transfer-progress';

/** An event stream a test drives by hand: `say` delivers an event to every listener, inside act(). */
export function fakeEvents(): EventSource & { say: (event: AppEvent) => void; listening: () => number } {
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
