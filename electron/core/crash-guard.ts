import type { EventEmitter } from 'node:events';
import { redact } from './auth/redact';
import type { EventHub } from './events/event-hub';

/**
 * The last line of defence of the process that hosts the engine (Electron's main process, the
 * harness): an exception no request awaited (a library's stream callback throwing on hostile
 * input, say) or a promise nobody handled is logged, redacted, instead of taking the process and
 * every open mailbox down with it. The renderer hears of it once, as an `engine.fault` event, so a
 * person knows something went wrong and that the app went on. Every parser already turns bad
 * input into a named error for its own message; reaching this is a bug, and the log says where.
 */

export interface CrashGuardOptions {
  events: EventHub;
  /** Where the redacted report goes (default console.error). */
  log?: (line: string) => void;
}

export function installCrashGuard(target: EventEmitter, options: CrashGuardOptions): () => void {
  const log = options.log ?? ((line: string) => console.error(line));
  let announced = false;
  const caught = (kind: 'exception' | 'rejection') => (error: unknown) => {
    const text = error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
    log(
      `mailscope: caught an unhandled ${kind === 'exception' ? 'exception' : 'promise rejection'}; the engine goes on: ${redact(text)}`,
    );
    if (announced) return;
    announced = true;
    options.events.publish({ type: 'engine.fault', kind });
  };
  const onException = caught('exception');
  const onRejection = caught('rejection');
  target.on('uncaughtException', onException);
  target.on('unhandledRejection', onRejection);
  return () => {
    target.off('uncaughtException', onException);
    target.off('unhandledRejection', onRejection);
  };
}
