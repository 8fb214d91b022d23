import type { JWTPayload } from 'jose';
import type { TrustOptions } from '../auth/network';
import type { CredentialFacts, TokenSource } from '../auth/token-provider';
import type { Endpoints, Profile } from '../../../shared/profile';
import type { Remedy, StepStatus } from '../../../shared/diagnostics';
import { explainReply, type ReplyContext } from './server-replies';
import { clip, type LineConnection } from './wire';

/** What every step module works with: the run's settings, and what earlier steps left behind. */

export interface DiagnosticsDeps {
  /** Where tokens come from; a test may pass a source that returns a crafted token. */
  tokens: TokenSource & { describeCredential?(profile: Profile): Promise<CredentialFacts> };
  /** Extra trusted roots for the mail server (and, through the provider, the identity platform). */
  trust?: TrustOptions;
  /** For the proxy evidence (HTTPS_PROXY, NO_PROXY); default process.env. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Name resolution; default the OS resolver (what connections use). */
  lookup?: (host: string) => Promise<string[]>;
  /** Warn when the mail server's certificate expires within this many days (default 14). */
  certificateWarningDays?: number;
  /** Per network operation (connect, handshake, each reply); default 15 s. */
  timeoutMs?: number;
  now?: () => Date;
}

export interface Outcome {
  status: Exclude<StepStatus, 'skipped'>;
  evidence: string[];
  cause?: string;
  fix?: string;
  otherCauses?: Remedy[];
}

/** One run's state: the TCP step opens `connection`, the token step sets `token`, claims `claims`. */
export interface StepContext {
  profile: Profile;
  endpoints: Endpoints;
  deps: DiagnosticsDeps;
  timeoutMs: number;
  connection?: LineConnection;
  token?: string;
  claims?: JWTPayload;
}

export type Step = (ctx: StepContext) => Promise<Outcome>;

/** What the server replies are explained against: this profile, and the token's app and object ids. */
export function replyContext(ctx: StepContext): ReplyContext {
  const appId = ctx.claims?.['appid'];
  const oid = ctx.claims?.['oid'];
  const upn = ctx.claims?.['upn'];
  return {
    protocol: ctx.profile.protocol,
    mailbox: ctx.profile.mailbox,
    ...(typeof appId === 'string' ? { appId } : { appId: ctx.profile.clientId }),
    ...(typeof oid === 'string' ? { objectId: oid } : {}),
    // A person's token: Exchange checks that person's permissions, not an app's.
    ...(ctx.profile.credential === 'delegated' ? { person: typeof upn === 'string' ? upn : null } : {}),
  };
}

/** A step that ends on a server refusal: the line as evidence, and what it means. */
export function failReply(ctx: StepContext, evidence: string[], line: string): Outcome {
  if (!evidence.some((e) => e.endsWith(clip(line)))) evidence.push(`S: ${clip(line)}`);
  const { cause, fix, otherCauses } = explainReply(line, replyContext(ctx));
  return { status: 'failed', evidence, cause, fix, ...(otherCauses.length ? { otherCauses } : {}) };
}
