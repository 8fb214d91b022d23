import { wireFailure } from '../remedies';
import { failReply, type Outcome, type StepContext } from '../step';
import { clip, taggedReply } from '../wire';

/** INBOX opened read-only (IMAP EXAMINE) or counted (POP3 STAT), then a clean LOGOUT/QUIT. */

export async function inboxStep(ctx: StepContext): Promise<Outcome> {
  const connection = ctx.connection;
  if (!connection) throw new Error('no connection');
  const evidence: string[] = [];
  try {
    if (ctx.profile.protocol === 'imap') {
      connection.send('A3 EXAMINE INBOX');
      evidence.push('C: A3 EXAMINE INBOX');
      const reply = await taggedReply(connection, 'A3');
      evidence.push(`S: ${clip(reply.last)}`);
      if (!/^A3 OK/i.test(reply.last)) return failReply(ctx, evidence, reply.last);
      const exists = reply.untagged.map((l) => /^\* (\d+) EXISTS/i.exec(l)?.[1]).find(Boolean);
      evidence.push(
        `INBOX has ${exists ?? '?'} messages; opened read-only${/\[READ-ONLY\]/i.test(reply.last) ? ' ([READ-ONLY])' : ''}`,
      );
      connection.send('A4 LOGOUT');
      evidence.push('C: A4 LOGOUT');
      await taggedReply(connection, 'A4').catch(() => undefined);
    } else {
      connection.send('STAT');
      evidence.push('C: STAT');
      const reply = await connection.line();
      evidence.push(`S: ${clip(reply)}`);
      if (!reply.startsWith('+OK')) return failReply(ctx, evidence, reply);
      const [, count, size] = /^\+OK (\d+) (\d+)/.exec(reply) ?? [];
      evidence.push(`maildrop has ${count ?? '?'} messages (${size ?? '?'} bytes); nothing is deleted`);
      // QUIT with no DELE pending commits nothing (RFC 1939 §6).
      connection.send('QUIT');
      evidence.push('C: QUIT');
      await connection.line().catch(() => undefined);
    }
    return { status: 'ok', evidence };
  } catch (error) {
    return wireFailure(ctx, evidence, error);
  }
}
