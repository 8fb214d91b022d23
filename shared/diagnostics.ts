import { z } from 'zod';

/**
 * The diagnostics DTOs. They cross IPC to the Diagnostics panel and are printed by
 * `mailscope doctor --json`, so they are plain data with zod schemas.
 *
 * No field may carry a secret or a token: evidence shows claims and a fingerprint, never a token.
 */

export const STEP_IDS = ['dns', 'tcp', 'tls', 'token', 'claims', 'sasl', 'inbox'] as const;
export const StepId = z.enum(STEP_IDS);
export type StepId = z.infer<typeof StepId>;

export const StepStatus = z.enum(['ok', 'failed', 'skipped', 'warning']);
export type StepStatus = z.infer<typeof StepStatus>;

/** In plain language: what is wrong (cause), and what to do, with the portal path or command (fix). */
export const Remedy = z.object({ cause: z.string(), fix: z.string() });
export type Remedy = z.infer<typeof Remedy>;

export const DiagnosticStep = z.object({
  id: StepId,
  title: z.string(),
  status: StepStatus,
  durationMs: z.number().int().nonnegative(),
  /** What was seen, for people: addresses, certificate facts, server replies, token claims. */
  evidence: z.array(z.string()),
  /** For a failed step (or a warning): the most likely cause, and its fix. */
  ...Remedy.partial().shape,
  /** Less likely causes, in order. */
  otherCauses: z.array(Remedy).optional(),
});
export type DiagnosticStep = z.infer<typeof DiagnosticStep>;

export const DiagnosticReport = z.object({
  profileId: z.string(),
  profileName: z.string(),
  mailbox: z.string(),
  protocol: z.enum(['imap', 'pop3']),
  /** `host:port` and TLS mode, e.g. `outlook.office365.com:993 (implicit TLS)`. */
  server: z.string(),
  startedAt: z.iso.datetime(),
  durationMs: z.number().int().nonnegative(),
  /** True when no step failed (warnings allowed). */
  ok: z.boolean(),
  /** The first failed step, if any. */
  failedStep: StepId.optional(),
  steps: z.array(DiagnosticStep),
});
export type DiagnosticReport = z.infer<typeof DiagnosticReport>;

export const STEP_TITLES: Record<StepId, string> = {
  dns: 'Resolve server names (DNS)',
  tcp: 'Connect (TCP)',
  tls: 'Secure connection (TLS)',
  token: 'Request a token (Microsoft Entra)',
  claims: 'Check the token',
  sasl: 'Sign in to the mailbox (SASL XOAUTH2)',
  inbox: 'Open INBOX read-only',
};
