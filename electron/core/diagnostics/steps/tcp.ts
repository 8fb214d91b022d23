import { tcpRemedy } from '../remedies';
import type { Outcome, StepContext } from '../step';
import { codeOf, LineConnection } from '../wire';

/** A plain TCP connection to the mail server; the steps after this one use it. */

export async function tcpStep(ctx: StepContext): Promise<Outcome> {
  const { host, port } = ctx.endpoints;
  try {
    const { connection, address } = await LineConnection.connect(host, port, ctx.timeoutMs);
    ctx.connection = connection;
    return {
      status: 'ok',
      evidence: [`connected to ${host}:${port}${address === `${host}:${port}` ? '' : ` (${address})`}`],
    };
  } catch (error) {
    const code = codeOf(error);
    return {
      status: 'failed',
      evidence: [`connect ${host}:${port}: ${code}`],
      ...tcpRemedy(code, ctx.endpoints),
    };
  }
}
