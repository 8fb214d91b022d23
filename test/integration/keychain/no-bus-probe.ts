/**
 * Run as a separate process by keytar.test.ts: probes the real keytar with no usable session bus
 * and prints the result as JSON. A separate process, because libsecret keeps its bus connection
 * for the life of the process once it has one.
 */
import { KeytarSecretStore } from '../../../electron/core/secrets/keytar-store';

const probe = await new KeytarSecretStore().probe();
process.stdout.write(
  JSON.stringify(probe.ok ? { ok: true } : { ok: false, reason: probe.reason, message: probe.error.message }),
);
