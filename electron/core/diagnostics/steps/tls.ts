import { isIP } from 'node:net';
import type tls from 'node:tls';
import { z } from 'zod';
import { caOption } from '../../auth/network';
import { explainReply } from '../server-replies';
import { tlsRemedy } from '../remedies';
import { type Outcome, replyContext, type StepContext } from '../step';
import { clip, codeOf, taggedReply } from '../wire';

/**
 * TLS on the connection (STARTTLS/STLS first where the profile says so), verified against the
 * system roots and any configured CA, with the certificate as evidence and a warning near expiry.
 */

export async function tlsStep(ctx: StepContext): Promise<Outcome> {
  const connection = ctx.connection;
  if (!connection) throw new Error('no connection');
  const { host, protocol, tlsMode } = ctx.endpoints;
  const evidence: string[] = [];
  if (tlsMode === 'starttls') {
    const greeting = await connection.line();
    evidence.push(`S: ${clip(greeting)}`);
    const command = protocol === 'imap' ? 'S1 STARTTLS' : 'STLS';
    connection.send(command);
    evidence.push(`C: ${command}`);
    const reply = protocol === 'imap' ? (await taggedReply(connection, 'S1')).last : await connection.line();
    evidence.push(`S: ${clip(reply)}`);
    if (!/^(S1 OK|\+OK)/i.test(reply)) {
      return {
        status: 'failed',
        evidence,
        cause: `The server refused ${protocol === 'imap' ? 'STARTTLS' : 'STLS'}, so the connection cannot be secured.`,
        fix: `Use implicit TLS on port ${protocol === 'imap' ? 993 : 995} instead.`,
      };
    }
  }
  const ca = caOption(ctx.deps.trust);
  let secure: tls.TLSSocket;
  try {
    secure = await connection.startTls({ servername: isIP(host) ? undefined : host, ca });
  } catch (error) {
    const code = codeOf(error);
    evidence.push(`TLS handshake: ${code}`);
    const peer = z.object({ peer: z.custom<tls.PeerCertificate>().optional() }).safeParse(error);
    if (peer.success && peer.data.peer) evidence.push(...certificateEvidence(peer.data.peer));
    return { status: 'failed', evidence, ...tlsRemedy(code, ctx.endpoints) };
  }
  const cert = secure.getPeerCertificate();
  evidence.push(
    `${secure.getProtocol() ?? 'TLS'} (${secure.getCipher().name}), certificate verified against ${ca ? 'the system roots and the configured CA' : 'the system roots'}`,
  );
  evidence.push(...certificateEvidence(cert));
  if (tlsMode === 'implicit') {
    const greeting = await connection.line();
    evidence.push(`S: ${clip(greeting)}`);
    if (/^(\* BYE|-ERR)/i.test(greeting)) {
      return { status: 'failed', evidence, ...explainReply(greeting, replyContext(ctx)) };
    }
  }
  const daysLeft = Math.floor(
    (Date.parse(cert.valid_to) - (ctx.deps.now?.() ?? new Date()).getTime()) / 86_400_000,
  );
  if (daysLeft < (ctx.deps.certificateWarningDays ?? 14)) {
    return {
      status: 'warning',
      evidence,
      cause: `The server's certificate expires in ${daysLeft} day${daysLeft === 1 ? '' : 's'}.`,
      fix: 'Nothing to do for Exchange Online (Microsoft renews it); for another server, tell its administrator.',
    };
  }
  return { status: 'ok', evidence };
}

function certificateEvidence(cert: tls.PeerCertificate): string[] {
  const name = (part: Record<string, string | string[] | undefined> | undefined) =>
    part
      ? Object.entries(part)
          .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('+') : (v ?? '')}`)
          .join(', ')
      : '?';
  const lines = [`certificate subject ${name(cert.subject as unknown as Record<string, string>)}`];
  lines.push(`issued by ${name(cert.issuer as unknown as Record<string, string>)}`);
  if (cert.subjectaltname) lines.push(`names ${clip(cert.subjectaltname)}`);
  if (cert.valid_to) lines.push(`valid until ${new Date(cert.valid_to).toISOString()}`);
  return lines;
}
