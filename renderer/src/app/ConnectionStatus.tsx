import { useEffect, useState } from 'react';
import type { SourceSummary } from '../../../shared/model';
import { type ConnectionStatus, useConnectionStatus } from '../lib/live-events';

const STATE_TEXT: Record<ConnectionStatus['state'], string> = {
  connecting: 'Connecting…',
  ready: 'Connected',
  reconnecting: 'Reconnecting…',
  throttled: 'Server busy, waiting…',
  offline: 'Offline, retrying',
};

/** Whole seconds left until `deadline` (ms since the epoch), ticking every second. */
function useSecondsLeft(deadline: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return Math.max(0, Math.ceil((deadline - now) / 1000));
}

/** A server's wait, counting down; keyed by its deadline, so a new wait starts afresh. */
function WaitLabel({ status, deadline }: { status: ConnectionStatus; deadline: number }) {
  return connectionLabel(status, useSecondsLeft(deadline));
}

/**
 * The words for a connection state. A server's "wait" (throttling, too many connections) counts
 * down what it asked for, in the bar itself, so nobody wonders whether Mailscope is stuck.
 */
export function connectionLabel(status: ConnectionStatus, secondsLeft: number | null): string {
  if (status.state !== 'throttled' || secondsLeft === null) return STATE_TEXT[status.state];
  return secondsLeft > 0 ? `Server busy — retrying in ${secondsLeft} s` : 'Server busy — retrying…';
}

interface ConnectionViewProps {
  source: SourceSummary;
  status: ConnectionStatus;
  current: boolean;
  named: boolean;
}

/**
 * A mailbox connection's state: quiet while connected, loud while it is not. Retries are automatic,
 * so the text says what is happening rather than asking for anything.
 */
export function ConnectionView({ source, status, current, named }: ConnectionViewProps) {
  const deadline =
    status.state === 'throttled' && status.retryInMs !== undefined && status.since !== undefined
      ? status.since + status.retryInMs
      : null;
  const retry =
    status.retryInMs !== undefined
      ? ` Next try in ${Math.max(1, Math.round(status.retryInMs / 1000))} s.`
      : '';
  const attempt = status.attempt !== undefined ? ` Attempt ${status.attempt}.` : '';
  const detail =
    status.state === 'ready'
      ? `${source.name}: connected, read-only.`
      : status.state === 'offline'
        ? `${source.name}: the mail server cannot be reached. Mailscope keeps trying by itself.${retry}`
        : status.state === 'throttled'
          ? `${source.name}: the mail server asked Mailscope to wait before its next request. Mailscope goes on by itself.${attempt}`
          : `${source.name}: ${STATE_TEXT[status.state]}${attempt}${retry}`;
  return (
    <span
      className={`status-bar__item status-bar__connection status-bar__connection--${status.state}${current ? ' status-bar__connection--current' : ''}`}
      data-testid="connection-status"
      data-state={status.state}
      title={detail}
      role="status"
    >
      <span className="status-bar__dot" aria-hidden="true" />
      {named ? <span className="status-bar__strong">{source.name}</span> : null}
      {deadline === null ? (
        connectionLabel(status, null)
      ) : (
        <WaitLabel key={deadline} status={status} deadline={deadline} />
      )}
      <span className="sr-only">{detail}</span>
    </span>
  );
}

export function Connection(props: Omit<ConnectionViewProps, 'status'>) {
  // Opening succeeded, so a source that has not reported anything since is connected.
  const status = useConnectionStatus(props.source.id) ?? { state: 'ready' };
  return <ConnectionView {...props} status={status} />;
}
