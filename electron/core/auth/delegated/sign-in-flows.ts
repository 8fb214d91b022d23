import { randomUUID } from 'node:crypto';
import type { SignedInAccount, SignInFlow, SignInMethod } from '../../../../shared/model';
import type { Profile } from '../../../../shared/profile';
import { AppError } from '../../common/app-error';
import type { DelegatedTokens, DeviceCodeInfo } from './delegated-tokens';
import { cancelled, expired } from './sign-in-errors';
import { signInIdentity } from './sign-in-identity';

/**
 * Sign-ins in progress, for an Api that only has request/response calls: `start` begins one and
 * answers as soon as the person has something to do (the browser page is open, the device code is
 * known), `wait` answers when it ends, `cancel` ends it. A sign-in is known by a random flow id;
 * starting another for the same sign-in cancels the first, so two browser tabs never race.
 */

export interface SignInFlowsOptions {
  tokens: Pick<DelegatedTokens, 'signInInteractive' | 'signInWithDeviceCode'>;
  /** Hands the sign-in URL to the system browser (Host.openExternal); never a window of ours. */
  openBrowser: (url: string) => Promise<void>;
  /** A browser sign-in not finished by then is given up (default 10 minutes). */
  browserTimeoutMs?: number;
  /** A finished sign-in nobody asked about is forgotten after this (default 2 minutes). */
  keepFinishedMs?: number;
}

interface Flow {
  id: string;
  signInId: string;
  controller: AbortController;
  /** Settles with the account, or the error that ended the sign-in (or the cancellation). */
  outcome: Promise<SignedInAccount>;
}

export class SignInFlows {
  private readonly flows = new Map<string, Flow>();
  private readonly browserTimeoutMs: number;
  private readonly keepFinishedMs: number;

  constructor(private readonly options: SignInFlowsOptions) {
    this.browserTimeoutMs = options.browserTimeoutMs ?? 10 * 60_000;
    this.keepFinishedMs = options.keepFinishedMs ?? 2 * 60_000;
  }

  async start(profile: Profile, method: SignInMethod): Promise<SignInFlow> {
    const signInId = signInIdentity(profile).id;
    this.cancelFor(signInId);
    const id = randomUUID();
    const controller = new AbortController();
    let ready!: (flow: SignInFlow) => void;
    const started = new Promise<SignInFlow>((resolve) => (ready = resolve));

    let finished: Promise<SignedInAccount>;
    if (method === 'browser') {
      const timer = setTimeout(
        () =>
          controller.abort(
            expired(
              `The browser sign-in was not finished within ${minutes(this.browserTimeoutMs)}.`,
              'Start the sign-in again; if no browser page appeared, use “Copy link” or sign in with a code.',
            ),
          ),
        this.browserTimeoutMs,
      );
      timer.unref();
      finished = this.options.tokens
        .signInInteractive(profile, {
          signal: controller.signal,
          openBrowser: async (url) => {
            let browserOpened = true;
            try {
              await this.options.openBrowser(url);
            } catch {
              browserOpened = false;
            }
            ready({ flowId: id, method: 'browser', url, browserOpened });
          },
        })
        .finally(() => clearTimeout(timer));
    } else {
      finished = this.options.tokens.signInWithDeviceCode(profile, {
        signal: controller.signal,
        onCode: (code: DeviceCodeInfo) =>
          ready({
            flowId: id,
            method: 'device-code',
            url: code.verificationUri,
            userCode: code.userCode,
            expiresAt: code.expiresAt.toISOString(),
          }),
      });
    }

    // Cancelling answers at once, even where MSAL notices only at its next poll.
    const aborted = new Promise<never>((_, reject) =>
      controller.signal.addEventListener('abort', () => reject(reasonOf(controller.signal)), {
        once: true,
      }),
    );
    const outcome = Promise.race([finished, aborted]);
    // Nobody may be waiting yet (or ever): an unobserved failure is not a crash.
    outcome.catch(() => undefined);
    finished.catch(() => undefined);
    const flow: Flow = { id, signInId, controller, outcome };
    this.flows.set(id, flow);
    void outcome
      .catch(() => undefined)
      .then(() => {
        const timer = setTimeout(() => this.flows.delete(id), this.keepFinishedMs);
        timer.unref();
      });

    // The sign-in can fail before the person has anything to do (identity platform unreachable,
    // unknown tenant): then `start` itself fails with the reason.
    try {
      return await Promise.race([started, outcome.then(() => started)]);
    } catch (error) {
      this.flows.delete(id);
      throw error;
    }
  }

  /** The signed-in account once the sign-in ends; its error if it failed or was cancelled. */
  async wait(flowId: string): Promise<{ account: SignedInAccount; signInId: string }> {
    const flow = this.flows.get(flowId);
    if (!flow) {
      throw new AppError(
        'SIGN_IN_CANCELLED',
        'That sign-in is no longer in progress.',
        'Start the sign-in again.',
      );
    }
    try {
      return { account: await flow.outcome, signInId: flow.signInId };
    } finally {
      this.flows.delete(flowId);
    }
  }

  /** False if there was no such sign-in in progress. */
  cancel(flowId: string): boolean {
    const flow = this.flows.get(flowId);
    if (!flow || flow.controller.signal.aborted) return false;
    flow.controller.abort(cancelled('in Mailscope'));
    return true;
  }

  /** Cancels every sign-in in progress for one sign-in (before signing out, say). */
  cancelFor(signInId: string, why = 'because another sign-in started'): void {
    for (const flow of this.flows.values()) {
      if (flow.signInId === signInId && !flow.controller.signal.aborted) {
        flow.controller.abort(cancelled(why));
      }
    }
  }
}

function minutes(ms: number): string {
  const count = Math.max(1, Math.round(ms / 60_000));
  return `${count} minute${count === 1 ? '' : 's'}`;
}

function reasonOf(signal: AbortSignal): AppError {
  const reason: unknown = signal.reason;
  return reason instanceof AppError ? reason : cancelled('in Mailscope');
}
