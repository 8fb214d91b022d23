import { useEffect, useState } from 'react';
import { Notice } from '../components/Notice';
import { useLiveEvents } from '../lib/live-events';

/**
 * The one notice the app shows when the engine caught something no handler did (`engine.fault`):
 * it says that the app went on, and how to report it. Shown once per page; the engine sends the
 * event once per process.
 */
export function EngineFaultNotice() {
  const [state, setState] = useState<'none' | 'shown' | 'dismissed'>('none');
  const liveEvents = useLiveEvents();
  useEffect(
    () =>
      liveEvents.listen((event) => {
        if (event.type === 'engine.fault') setState((now) => (now === 'none' ? 'shown' : now));
      }),
    [liveEvents],
  );
  if (state !== 'shown') return null;
  return (
    <div className="engine-fault">
      <Notice
        tone="warning"
        testId="engine-fault"
        title="Mailscope hit an unexpected error in the background and kept running."
        hint="Your open mailboxes are unaffected. If something looks wrong, reopen it; the details were written to the log, without message content or secrets."
        dismissLabel="Dismiss this notice"
        onDismiss={() => setState('dismissed')}
      />
    </div>
  );
}
