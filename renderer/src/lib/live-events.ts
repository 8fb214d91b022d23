import { useEffect, useRef, useSyncExternalStore } from 'react';
import type { AppEvent, ConnectionState } from '../../../shared/events';
import type { ApiClient } from '../../../shared/ipc';
import { perClient } from './per-client';

/**
 * The renderer's end of `events.next`: one long poll at a time per client, so one for the whole page. Keeps the last
 * connection state of every remote source (the status bar reads it) and hands every event to
 * whoever listens (the open folder follows new mail this way).
 */

export interface ConnectionStatus {
  state: ConnectionState;
  attempt?: number;
  retryInMs?: number;
  /** When it was heard (Date.now()), so a wait can count down. */
  since?: number;
}

type Listener = (event: AppEvent) => void;

/** The engine answers an empty batch after this long; a new poll starts at once. */
const WAIT_MS = 25_000;
/** After a failed poll (the harness restarting, say), before the next. */
const RETRY_MS = 2_000;

const CURSOR_KEY = 'mailscope.events.cursor';

function readCursor(): number {
  try {
    const stored = Number(sessionStorage.getItem(CURSOR_KEY));
    return Number.isInteger(stored) && stored >= 0 ? stored : 0;
  } catch {
    return 0;
  }
}

function writeCursor(cursor: number): void {
  try {
    sessionStorage.setItem(CURSOR_KEY, String(cursor));
  } catch {
    // Storage off: a reload may replay what the engine still keeps, which opening tolerates.
  }
}

export class LiveEvents {
  constructor(private readonly api: ApiClient) {}

  private statuses = new Map<string, ConnectionStatus>();
  private readonly statusWatchers = new Set<() => void>();
  private readonly listeners = new Set<Listener>();
  private running = false;

  /** Starts polling on first use; it runs as long as the page does. */
  private start(): void {
    if (this.running) return;
    this.running = true;
    void this.poll();
  }

  private async poll(): Promise<void> {
    // A reloaded page goes on from where it was: events it already acted on (a file the OS asked
    // to open) are not acted on twice. A new window starts from the oldest kept.
    let cursor = readCursor();
    for (;;) {
      const result = await this.api.invoke('events.next', { after: cursor, waitMs: WAIT_MS });
      if (!result.ok) {
        await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
        continue;
      }
      cursor = result.value.cursor;
      writeCursor(cursor);
      for (const event of result.value.events) this.deliver(event);
    }
  }

  private deliver(event: AppEvent): void {
    if (event.type === 'source.status') {
      const { state, attempt, retryInMs } = event;
      this.statuses = new Map(this.statuses).set(event.sourceId, {
        state,
        since: Date.now(),
        ...(attempt !== undefined ? { attempt } : {}),
        ...(retryInMs !== undefined ? { retryInMs } : {}),
      });
      for (const watcher of this.statusWatchers) watcher();
    }
    for (const listener of this.listeners) listener(event);
  }

  listen(listener: Listener): () => void {
    this.start();
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  watchStatuses = (watcher: () => void): (() => void) => {
    this.start();
    this.statusWatchers.add(watcher);
    return () => this.statusWatchers.delete(watcher);
  };

  statusOf(sourceId: string): ConnectionStatus | undefined {
    return this.statuses.get(sourceId);
  }
}

/** The event stream of the API in context (`useApi()`): one poll per client. */
export const useLiveEvents = perClient((api) => new LiveEvents(api));

/** The source's connection as last reported; undefined until it reports anything. */
export function useConnectionStatus(sourceId: string | null): ConnectionStatus | undefined {
  const liveEvents = useLiveEvents();
  return useSyncExternalStore(liveEvents.watchStatuses, () =>
    sourceId === null ? undefined : liveEvents.statusOf(sourceId),
  );
}

type AppCommand = Extract<AppEvent, { type: 'app.command' }>['command'];

/** Runs `run` whenever the desktop menu sends `command` (an `app.command` event). */
export function useAppCommand(command: AppCommand, run: () => void): void {
  const liveEvents = useLiveEvents();
  const latest = useRef(run);
  useEffect(() => {
    latest.current = run;
  });
  useEffect(
    () =>
      liveEvents.listen((event) => {
        if (event.type === 'app.command' && event.command === command) latest.current();
      }),
    [liveEvents, command],
  );
}
