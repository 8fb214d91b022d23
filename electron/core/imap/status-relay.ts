import type { SourceEvent } from '../../../shared/events';
import type { SessionStatus } from './session';

/**
 * One mailbox's connection state for the status bar, from its several sessions. The browsing
 * session's state is the mailbox's; the others (the budget's pool, downloads) show only a server's
 * "wait" (throttling, too many connections) with its countdown, and when that is over, the browsing
 * session's state again: their own connecting and idling are nobody's business.
 */
export class StatusRelay {
  private browsing: SessionStatus = { state: 'ready' };
  private helperWaiting = false;

  constructor(private readonly emit: (event: SourceEvent) => void) {}

  fromBrowsing = (status: SessionStatus): void => {
    this.browsing = status;
    this.report(status);
  };

  fromHelper = (status: SessionStatus): void => {
    if (status.state === 'throttled') {
      this.helperWaiting = true;
      this.report(status);
    } else if (status.state === 'ready' && this.helperWaiting) {
      this.helperWaiting = false;
      this.report(this.browsing);
    }
  };

  private report(status: SessionStatus): void {
    // 'idle' and 'closed' are the session's own business: the UI shows a source until it closes it.
    if (status.state === 'idle' || status.state === 'closed') return;
    this.emit({
      type: 'source.status',
      state: status.state,
      ...(status.attempt !== undefined ? { attempt: status.attempt } : {}),
      ...(status.retryInMs !== undefined ? { retryInMs: status.retryInMs } : {}),
    });
  }
}
