import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { installCrashGuard } from '../../electron/core/crash-guard';
import { startHarnessApp } from '../../electron/harness/app';
import type { Harness } from '../../electron/harness/server';
import { ProfileStore } from '../../electron/core/profiles/store';
import { MemorySecretStore } from '../../electron/core/secrets/secret-store';
import type { Profile } from '../../shared/profile';
import { bedProfile } from './profiles';
import { CONTOSO, start, type Testbed } from './index';

/**
 * `npm run demo`: the test bed (fake Microsoft identity platform, Dovecot IMAP/POP3 with XOAUTH2,
 * Exchange's replies) and the app, together, with no tenant. Ctrl-C stops everything and removes
 * every temp folder. `--electron <binary>` runs the desktop app instead of the browser harness.
 */

const { values } = parseArgs({ options: { electron: { type: 'string' }, port: { type: 'string' } } });

const bed = await start({ exchangeReplies: true, saslMechanisms: ['xoauth2'] });
// Demo profiles live in a folder of their own, removed on exit, and their secrets in memory only:
// a demo must not write into the user's profiles or keychain.
const profilesDir = mkdtempSync(join(tmpdir(), 'mailscope-demo-profiles-'));
let harness: Harness | null = null;
let electron: ChildProcess | null = null;
let stopping = false;

async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  electron?.kill('SIGTERM');
  await harness?.close();
  await bed.stop();
  rmSync(profilesDir, { recursive: true, force: true });
  console.log('Mailscope demo: stopped; nothing left running.');
  process.exit(code);
}
process.once('SIGINT', () => void stop(0));
process.once('SIGTERM', () => void stop(0));

try {
  console.log(bed.summary());
  if (values.electron) {
    // The bed's identity platform is a custom authority host, which the app allows only when asked.
    electron = spawn(values.electron, ['.', '--allow-custom-authority'], {
      stdio: 'inherit',
      env: { ...process.env, NODE_EXTRA_CA_CERTS: bed.ca.path },
    });
    electron.on('exit', () => void stop(0));
    console.log('Mailscope demo: the desktop app is starting. Press Ctrl-C to stop.');
  } else {
    const secrets = await seedDemoProfiles(bed, profilesDir);
    const app = await startHarnessApp({
      profilesDir,
      secrets,
      extraCa: bed.ca.pem,
      allowCustomAuthority: true,
      ...(values.port ? { port: Number(values.port) } : {}),
    });
    // As the harness CLI: what escapes every handler is logged, not the end of the demo.
    installCrashGuard(process, { events: app.events });
    harness = app;
    console.log(`Demo profiles in ${profilesDir}`);
    console.log(`Mailscope demo: ${harness.url}`);
    console.log('Press Ctrl-C to stop.');
  }
  if (!values.electron) {
    console.log(
      'Demo profiles: "Invoices (client secret)", "Alerts (certificate)" connect; "HR (no FullAccess)" and ' +
        '"Invoices (Secret ID pasted)" fail, to show what Test connection says. Their secrets are kept in memory only.',
    );
    console.log(
      `Delegated demo profiles "HR (signed in as a person)" and "Alerts (signed in as a person)" share one sign-in: ` +
        `sign in as ${CONTOSO.user.userPrincipalName}, password ${CONTOSO.user.password} (a test-bed account). ` +
        `"Sign in with browser" opens ${bed.identity.origin}, whose certificate your browser does not know ` +
        `(the demo's own CA, ${bed.ca.path}); "Use a code instead" works from any browser that accepts it.`,
    );
  }
} catch (error) {
  console.error('Mailscope demo: failed to start:', error);
  await stop(1);
}

/**
 * Profiles against the bed: two app-only ones that work, two that fail the way real set-ups do,
 * and two delegated ones that wait for the person to sign in.
 */
async function seedDemoProfiles(bed: Testbed, dir: string): Promise<MemorySecretStore> {
  const store = await ProfileStore.open(dir);
  const secrets = new MemorySecretStore();
  const cert = bed.certificates.get(CONTOSO.readerCertificate);
  const demo = [
    { profile: bedProfile(bed, { name: 'Invoices (client secret)' }), secret: CONTOSO.readerSecret.value },
    {
      profile: bedProfile(bed, {
        name: 'Alerts (certificate)',
        mailbox: CONTOSO.alerts,
        credential: 'certificate',
      }),
      key: cert?.keyPem,
    },
    {
      profile: bedProfile(bed, { name: 'HR (no FullAccess)', mailbox: CONTOSO.hr }),
      secret: CONTOSO.readerSecret.value,
    },
    { profile: bedProfile(bed, { name: 'Invoices (Secret ID pasted)' }), secret: CONTOSO.readerSecret.id },
    // One sign-in (Megan's, with the desktop app) opens both: she has FullAccess on hr@ and alerts@.
    {
      profile: bedProfile(bed, {
        name: 'HR (signed in as a person)',
        mailbox: CONTOSO.hr,
        credential: 'delegated',
      }),
    },
    {
      profile: bedProfile(bed, {
        name: 'Alerts (signed in as a person)',
        mailbox: CONTOSO.alerts,
        credential: 'delegated',
      }),
    },
  ];
  for (const { profile, secret, key } of demo as { profile: Profile; secret?: string; key?: string }[]) {
    const saved = await store.save(profile);
    if (secret) await secrets.set(saved.id, 'client-secret', secret);
    if (key) await secrets.set(saved.id, 'certificate-key', key);
  }
  return secrets;
}
