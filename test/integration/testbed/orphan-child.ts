/**
 * Helper process for lifecycle.test.ts: starts a test bed, prints where, then waits to be killed
 * (SIGKILL, so stop() never runs).
 */
import { start } from '../../testbed/index';

const bed = await start();
process.stdout.write(`${JSON.stringify({ root: bed.root, dovecotPid: bed.dovecot?.pid })}\n`);
setInterval(() => undefined, 60_000);
