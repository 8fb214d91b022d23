import { performance } from 'node:perf_hooks';
import { redact } from '../auth/redact';
import { effectiveEndpoints, type Profile } from '../../../shared/profile';
import {
  type DiagnosticReport,
  type DiagnosticStep,
  STEP_IDS,
  STEP_TITLES,
  type StepId,
} from '../../../shared/diagnostics';
import type { DiagnosticsDeps, Outcome, Step, StepContext } from './step';
import { claimsStep } from './steps/claims';
import { dnsStep } from './steps/dns';
import { inboxStep } from './steps/inbox';
import { saslStep } from './steps/sasl';
import { tcpStep } from './steps/tcp';
import { tlsStep } from './steps/tls';
import { tokenStep } from './steps/token';

export type { DiagnosticsDeps } from './step';

/**
 * "Test connection" and `mailscope doctor`: walk the path a login takes, one step at a time, and
 * stop at the first step that fails, saying what was seen, the most likely cause and its fix.
 * The steps share one connection (DNS → TCP → TLS → … → INBOX), so what we test is what the app
 * will do, and the mailbox is only ever EXAMINEd (IMAP) or STATed (POP3): diagnostics are read-only.
 *
 * This module is the runner; each step lives in steps/, the cause-and-fix texts in remedies.ts and
 * server-replies.ts.
 *
 * Never in a report: a secret, a whole token, or a SASL blob. Evidence goes through `redact` as a
 * second line of defence; the first is that we never put them there.
 */

const STEPS: Record<StepId, Step> = {
  dns: dnsStep,
  tcp: tcpStep,
  tls: tlsStep,
  token: tokenStep,
  claims: claimsStep,
  sasl: saslStep,
  inbox: inboxStep,
};

export async function runDiagnostics(profile: Profile, deps: DiagnosticsDeps): Promise<DiagnosticReport> {
  const now = deps.now ?? (() => new Date());
  const startedAt = now();
  const begin = performance.now();
  const endpoints = effectiveEndpoints(profile);
  const ctx: StepContext = { profile, endpoints, deps, timeoutMs: deps.timeoutMs ?? 15_000 };
  const steps: DiagnosticStep[] = [];
  let failedStep: StepId | undefined;
  try {
    for (const id of STEP_IDS) {
      if (failedStep) {
        steps.push({ id, title: STEP_TITLES[id], status: 'skipped', durationMs: 0, evidence: [] });
        continue;
      }
      const stepStart = performance.now();
      let outcome: Outcome;
      try {
        outcome = await STEPS[id](ctx);
      } catch (error) {
        outcome = unexpected(error);
      }
      steps.push(toStep(id, outcome, Math.round(performance.now() - stepStart)));
      if (outcome.status === 'failed') failedStep = id;
    }
  } finally {
    ctx.connection?.close();
  }
  return {
    profileId: profile.id,
    profileName: profile.name,
    mailbox: profile.mailbox,
    protocol: profile.protocol,
    server: `${endpoints.host}:${endpoints.port} (${endpoints.tlsMode === 'implicit' ? 'implicit TLS' : endpoints.protocol === 'imap' ? 'STARTTLS' : 'STLS'})`,
    startedAt: startedAt.toISOString(),
    durationMs: Math.round(performance.now() - begin),
    ok: failedStep === undefined,
    ...(failedStep ? { failedStep } : {}),
    steps,
  };
}

function toStep(id: StepId, outcome: Outcome, durationMs: number): DiagnosticStep {
  return {
    id,
    title: STEP_TITLES[id],
    status: outcome.status,
    durationMs,
    evidence: outcome.evidence.map(redact),
    ...(outcome.cause !== undefined ? { cause: redact(outcome.cause) } : {}),
    ...(outcome.fix !== undefined ? { fix: redact(outcome.fix) } : {}),
    ...(outcome.otherCauses?.length
      ? { otherCauses: outcome.otherCauses.map((r) => ({ cause: redact(r.cause), fix: redact(r.fix) })) }
      : {}),
  };
}

function unexpected(error: unknown): Outcome {
  // Only the class and code: messages of unknown errors may carry anything.
  const name = error instanceof Error ? error.name : typeof error;
  const code =
    error instanceof Error && 'code' in error && typeof error.code === 'string' ? ` (${error.code})` : '';
  return {
    status: 'failed',
    evidence: [`unexpected ${name}${code}`],
    cause: 'Mailscope hit an unexpected error during this step.',
    fix: 'Run the test again; if it keeps happening, report it with this report attached.',
  };
}
