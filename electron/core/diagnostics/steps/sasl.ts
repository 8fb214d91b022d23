import { tokenFingerprint } from '../../auth/redact';
import { decodeSaslChallenge, xoauth2Blob } from '../../auth/sasl';
import { noOAuthRemedy, wireFailure } from '../remedies';
import { failReply, type Outcome, type StepContext } from '../step';
import { clip, type LineConnection, taggedReply } from '../wire';

/**
 * SASL XOAUTH2 on the connection, as the app signs in: IMAP AUTHENTICATE (with SASL-IR where
 * offered) or POP3 AUTH. The token appears in evidence only as its fingerprint.
 */

export async function saslStep(ctx: StepContext): Promise<Outcome> {
  const connection = ctx.connection;
  const token = ctx.token;
  if (!connection || !token) throw new Error('no connection or token');
  return ctx.profile.protocol === 'imap' ? imapSasl(ctx, connection, token) : popSasl(ctx, connection, token);
}

async function imapSasl(ctx: StepContext, connection: LineConnection, token: string): Promise<Outcome> {
  const evidence: string[] = [];
  const fingerprint = tokenFingerprint(token);
  try {
    send(connection, evidence, 'A1 CAPABILITY', 'A1 CAPABILITY');
    const caps = await taggedReply(connection, 'A1');
    const capabilities = caps.untagged
      .filter((l) => /^\* CAPABILITY /i.test(l))
      .flatMap((l) => l.slice('* CAPABILITY '.length).split(' '))
      .map((c) => c.toUpperCase());
    const bye = caps.untagged.find((l) => /^\* BYE/i.test(l));
    if (bye) return failReply(ctx, evidence, bye);
    evidence.push(
      `server offers ${capabilities.filter((c) => c.startsWith('AUTH=') || c === 'SASL-IR').join(' ') || '(no SASL mechanisms)'}`,
    );
    if (!capabilities.includes('AUTH=XOAUTH2')) {
      return { status: 'failed', evidence, ...noOAuthRemedy('AUTH=XOAUTH2') };
    }
    const blob = xoauth2Blob(ctx.profile.mailbox, token);
    const described = `<XOAUTH2 user=${ctx.profile.mailbox}, bearer token ${fingerprint}>`;
    if (capabilities.includes('SASL-IR')) {
      send(connection, evidence, `A2 AUTHENTICATE XOAUTH2 ${blob}`, `A2 AUTHENTICATE XOAUTH2 ${described}`);
    } else {
      send(connection, evidence, 'A2 AUTHENTICATE XOAUTH2', 'A2 AUTHENTICATE XOAUTH2');
      const go = await connection.line();
      if (!go.startsWith('+')) return failReply(ctx, evidence, go);
      send(connection, evidence, blob, described);
    }
    for (;;) {
      const line = await connection.line();
      if (line.startsWith('+')) {
        evidence.push(`S: + (error details: ${errorDetails(line.slice(1).trim())})`);
        // XOAUTH2: the client acknowledges the error challenge with an empty response.
        send(connection, evidence, '', '(empty response)');
        continue;
      }
      if (/^\* BYE/i.test(line)) {
        evidence.push(`S: ${clip(line)}`);
        return failReply(ctx, evidence, line);
      }
      if (line.startsWith('* ')) continue;
      if (/^A2 /i.test(line)) {
        evidence.push(`S: ${clip(line)}`);
        if (/^A2 OK/i.test(line)) return { status: 'ok', evidence };
        return failReply(ctx, evidence, line);
      }
    }
  } catch (error) {
    return wireFailure(ctx, evidence, error);
  }
}

async function popSasl(ctx: StepContext, connection: LineConnection, token: string): Promise<Outcome> {
  const evidence: string[] = [];
  const fingerprint = tokenFingerprint(token);
  try {
    send(connection, evidence, 'CAPA', 'CAPA');
    const first = await connection.line();
    const capabilities: string[] = [];
    if (first.startsWith('+OK')) {
      for (let line = await connection.line(); line !== '.'; line = await connection.line())
        capabilities.push(line.toUpperCase());
    } else if (/^-ERR/i.test(first)) {
      evidence.push(`S: ${clip(first)}`);
      if (/Connection is closed|Unavailable/i.test(first)) return failReply(ctx, evidence, first);
    }
    const sasl = capabilities.find((c) => c.startsWith('SASL'));
    evidence.push(`server offers ${sasl ?? '(no SASL line)'}`);
    if (sasl && !sasl.split(' ').includes('XOAUTH2')) {
      return { status: 'failed', evidence, ...noOAuthRemedy('SASL XOAUTH2') };
    }
    // RFC 5034 limits the AUTH line to 255 octets, which a JWT never fits: send it after `+`, as
    // Microsoft documents for POP3.
    send(connection, evidence, 'AUTH XOAUTH2', 'AUTH XOAUTH2');
    const go = await connection.line();
    if (!go.startsWith('+') || go.startsWith('+OK')) {
      evidence.push(`S: ${clip(go)}`);
      return failReply(ctx, evidence, go);
    }
    send(
      connection,
      evidence,
      xoauth2Blob(ctx.profile.mailbox, token),
      `<XOAUTH2 user=${ctx.profile.mailbox}, bearer token ${fingerprint}>`,
    );
    for (;;) {
      const line = await connection.line();
      if (line.startsWith('+OK')) {
        evidence.push(`S: ${clip(line)}`);
        return { status: 'ok', evidence };
      }
      if (line.startsWith('+')) {
        evidence.push(`S: + (error details: ${errorDetails(line.slice(1).trim())})`);
        send(connection, evidence, '', '(empty response)');
        continue;
      }
      evidence.push(`S: ${clip(line)}`);
      return failReply(ctx, evidence, line);
    }
  } catch (error) {
    return wireFailure(ctx, evidence, error);
  }
}

/** An error challenge as evidence: its JSON compacted, or its text with anything unprintable as `?`. */
function errorDetails(payload: string): string {
  const { text, json } = decodeSaslChallenge(payload);
  return json ? JSON.stringify(json.value) : clip(text.replace(/[^\x20-\x7e]/g, '?'));
}

/**
 * Sends one line and records it in the evidence as `shown`: the same text for a command, a
 * description for a SASL blob (the blob holds the token, which never reaches the evidence).
 */
function send(connection: LineConnection, evidence: string[], wire: string, shown: string): void {
  connection.send(wire);
  evidence.push(`C: ${shown}`);
}
