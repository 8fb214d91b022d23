/**
 * The test bed: one `start()` for tests, the demo and the benchmarks; `stop()` leaves no process and
 * no temp folder. Everything binds to loopback (127.0.0.1; Dovecot 127.0.0.2) on free ports.
 *
 *   const bed = await start();
 *   const cca = new ConfidentialClientApplication({
 *     auth: { clientId: CONTOSO.readerClientId, clientSecret: CONTOSO.readerSecret.value, ...bed.identity.msalAuthOptions('contoso') },
 *     system: { networkClient: bed.networkClient() },
 *   });
 *   // IMAPS at bed.imap.host:bed.imap.tlsPort, trust bed.ca.pem; user = a mailbox, token from MSAL.
 *   await bed.stop();
 *
 * Child processes (the app, the harness) trust the CA with NODE_EXTRA_CA_CERTS=bed.ca.path.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DOVECOT_HOST } from './dovecot/config';
import { DovecotServer, mailOwner, type MailboxHome } from './dovecot/server';
import { ExchangeReplies, type ExchangeRepliesOptions } from './dovecot/exchange-replies';
import { seedContosoMailbox } from './fixtures/contoso';
import { diffSnapshots, snapshotMaildir, type MaildirDiff, type MaildirSnapshot } from './fixtures/maildir';
import { ensureBigSeed, type BigSeedName } from './fixtures/big';
import { createNetworkClient, type CountingNetworkClient } from './identity/network-client';
import { contoso, type AppCertificate, type Scenario } from './identity/scenario';
import { IdentityPlatform } from './identity/server';
import { createAppCertificate, createCa, issueServerCert } from './pki';

export { CONTOSO, contoso } from './identity/scenario';
export { readerClaims } from './identity/tokens';
export type { Scenario } from './identity/scenario';

/** Temp folders of test beds are named with this prefix (the leak test looks for it). */
export const TEMP_PREFIX = 'mailscope-testbed-';

export interface StartOptions {
  /** Tenants, apps, users, grants; default: `contoso()`. */
  scenario?: Scenario;
  /** Start Dovecot (default true). The identity platform always starts. */
  dovecot?: boolean;
  /** Also start the scripted Exchange Online replies server. */
  exchangeReplies?: boolean | ExchangeRepliesOptions;
  /** Big seeds to attach (built once, cached in ~/.cache/mailscope-testbed). */
  bigSeeds?: BigSeedName[];
  /** Dovecot auth/mail debug logging into log/dovecot.log. */
  debug?: boolean;
  /**
   * SASL mechanisms Dovecot offers (default both). `['xoauth2']` is what Exchange Online offers, and
   * makes clients that prefer OAUTHBEARER (imapflow) take the XOAUTH2 path.
   */
  saslMechanisms?: ('xoauth2' | 'oauthbearer')[];
  /** Extra dovecot.conf text, appended last (e.g. `imap_max_line_length = 1000`). */
  dovecotExtraConfig?: string;
}

export interface Endpoint {
  /** 127.0.0.2 for Dovecot (see dovecot/config.ts DOVECOT_HOST), 127.0.0.1 for the others. */
  host: string;
  /** Plain listener (STARTTLS available). */
  port: number;
  /** Implicit TLS listener. */
  tlsPort: number;
}

export interface Testbed {
  root: string;
  ca: { pem: string; path: string };
  scenario: Scenario;
  identity: IdentityPlatform;
  /** App certificates by name (for MSAL `clientCertificate`). */
  certificates: ReadonlyMap<string, AppCertificate>;
  /** A fresh MSAL networkClient trusting the test CA; `.calls` lists what MSAL requested. */
  networkClient(): CountingNetworkClient;
  imap: Endpoint;
  pop3: Endpoint;
  dovecot: DovecotServer | undefined;
  exchange: ExchangeReplies | undefined;
  /** Maildir path of a seeded mailbox. */
  maildir(mailbox: string): string;
  /** Mailbox names with their user in big seeds (e.g. `bench-100k@contoso.example`). */
  bigSeedMailboxes: Partial<Record<BigSeedName, string>>;
  /** Differences between a fixture mailbox now and as seeded (empty lists: byte-identical). */
  verifyMailbox(mailbox: string): MaildirDiff;
  /**
   * Every message of a big seed (mdbox: no files to compare) as `doveadm fetch` lists it: folder,
   * UID, GUID and flags (\Recent aside, which is the server's). Equal before and after: untouched.
   */
  dumpBigSeed(name: BigSeedName): string;
  /** What is running where, for people: `npm run demo` prints this. Contains no secrets' values. */
  summary(): string;
  /** Rewrite Dovecot's grant file after editing `scenario` grants; resolves when Dovecot sees it (<= 1 s). */
  grantsChanged(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Test beds of processes that died without stop() (a killed test worker, Ctrl-C on a script):
 * stop their Dovecot and remove their folder. Each bed records its owner's pid in `owner.pid`.
 */
export function reapOrphans(): string[] {
  const reaped: string[] = [];
  for (const name of readdirSync(tmpdir())) {
    if (!name.startsWith(TEMP_PREFIX)) continue;
    const root = join(tmpdir(), name);
    const owner = Number(readText(join(root, 'owner.pid')));
    if (!owner || isAlive(owner)) continue;
    const pgid = Number(readText(join(root, 'dovecot', 'dovecot.pgid')));
    if (pgid) {
      try {
        process.kill(-pgid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    rmSync(root, { recursive: true, force: true });
    reaped.push(root);
  }
  return reaped;
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return '';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e instanceof Error && 'code' in e && e.code === 'EPERM';
  }
}

export async function start(options: StartOptions = {}): Promise<Testbed> {
  reapOrphans();
  const scenario = options.scenario ?? contoso();
  const root = mkdtempSync(join(tmpdir(), TEMP_PREFIX));
  // Dovecot's mail and auth processes run as other users and must traverse the folder.
  chmodSync(root, 0o755);
  writeFileSync(join(root, 'owner.pid'), String(process.pid));
  const cleanups: (() => Promise<void> | void)[] = [() => rmSync(root, { recursive: true, force: true })];
  // Safety net for a process that exits without stop(): 'exit' handlers must be synchronous, so
  // kill Dovecot's process group and remove the folder directly.
  const onExit = () => {
    const pgid = Number(readText(join(root, 'dovecot', 'dovecot.pgid')));
    if (pgid) {
      try {
        process.kill(-pgid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    rmSync(root, { recursive: true, force: true });
  };
  process.once('exit', onExit);
  const stop = async () => {
    process.removeListener('exit', onExit);
    for (const c of cleanups.splice(0).reverse()) await c();
  };
  try {
    const certNames = [
      ...new Set(scenario.tenants.flatMap((t) => t.apps.flatMap((a) => a.certificateNames))),
    ];
    const ca = await createCa();
    const [leaf, ...appCerts] = await Promise.all([
      issueServerCert(ca),
      ...certNames.map((n) => createAppCertificate(n)),
    ]);
    if (!leaf) throw new Error('no server certificate');
    const certificates = new Map(certNames.map((n, i) => [n, appCerts[i] as AppCertificate]));
    const caPath = join(root, 'ca.pem');
    writeFileSync(caPath, ca.certPem, { mode: 0o644 });

    let dovecot: DovecotServer | undefined;
    const identity = await IdentityPlatform.start({
      scenario,
      certificates,
      tls: { certPem: leaf.certPem, keyPem: leaf.keyPem },
      onGrantsChanged: async () => dovecot?.updateGrants(identity.grantLines()),
    });
    cleanups.push(() => identity.stop());

    // Seed the small fixtures and remember them as seeded, before Dovecot ever opens them.
    const owner = mailOwner();
    const seeds = new Map<string, { maildir: string; snapshot: MaildirSnapshot }>();
    const homes: MailboxHome[] = [];
    for (const tenant of scenario.tenants) {
      for (const mailbox of tenant.mailboxes) {
        const home = join(root, 'mail', mailbox.toLowerCase());
        const maildir = join(home, 'Maildir');
        mkdirSync(maildir, { recursive: true });
        seedContosoMailbox(mailbox, maildir);
        seeds.set(mailbox.toLowerCase(), { maildir, snapshot: snapshotMaildir(maildir) });
        homes.push({ name: mailbox, home, format: 'maildir', path: 'Maildir' });
      }
    }
    const bigSeedMailboxes: Testbed['bigSeedMailboxes'] = {};
    for (const name of options.bigSeeds ?? []) {
      const seed = await ensureBigSeed(name);
      const mailbox = `${name}@contoso.example`;
      const home = join(root, 'mail', mailbox);
      mkdirSync(home, { recursive: true });
      homes.push({ name: mailbox, home, ...seed.install(home) });
      bigSeedMailboxes[name] = mailbox;
    }

    if (options.dovecot !== false) {
      dovecot = await DovecotServer.start({
        root: join(root, 'dovecot'),
        introspectionUrl: `${identity.origin}/_testbed/introspect`,
        caPem: ca.certPem,
        tls: { certPem: leaf.certPem, keyPem: leaf.keyPem },
        grantLines: [
          ...identity.grantLines(),
          ...Object.values(bigSeedMailboxes).map((m) => `${bigSeedGrantee(scenario)}+${m}`),
        ],
        mailboxes: homes,
        mailUid: owner.uid,
        mailGid: owner.gid,
        debug: options.debug ?? false,
        mechanisms: options.saslMechanisms ?? ['xoauth2', 'oauthbearer'],
        extraConfig: options.dovecotExtraConfig ?? '',
      });
      const d = dovecot;
      cleanups.push(() => d.stop());
    }

    let exchange: ExchangeReplies | undefined;
    if (options.exchangeReplies) {
      exchange = await ExchangeReplies.start({
        tls: { certPem: leaf.certPem, keyPem: leaf.keyPem },
        ...(typeof options.exchangeReplies === 'object' ? options.exchangeReplies : {}),
      });
      const e = exchange;
      cleanups.push(() => e.stop());
    }

    const ports = dovecot?.ports;
    const summary = (): string => {
      const lines = [
        `Test bed in ${root}`,
        `  CA certificate   ${caPath}  (NODE_EXTRA_CA_CERTS for child processes)`,
      ];
      lines.push(`  Identity         ${identity.origin}  (authority ${identity.authority('<tenant>')})`);
      if (ports) {
        lines.push(
          `  IMAP             ${DOVECOT_HOST}:${ports.imaps} (TLS), ${DOVECOT_HOST}:${ports.imap} (STARTTLS)`,
        );
        lines.push(
          `  POP3             ${DOVECOT_HOST}:${ports.pop3s} (TLS), ${DOVECOT_HOST}:${ports.pop3} (STLS)`,
        );
      }
      if (exchange)
        lines.push(
          `  Exchange replies IMAP 127.0.0.1:${exchange.imapPort}, POP3 127.0.0.1:${exchange.pop3Port} (mode ${exchange.mode})`,
        );
      for (const t of scenario.tenants) {
        lines.push(`  Tenant ${t.name} (${t.id})`);
        for (const a of t.apps) {
          const creds = [
            a.secrets.length ? `${a.secrets.length} secret(s)` : '',
            a.certificateNames.length ? 'certificate' : '',
            a.publicClient ? 'public client' : '',
          ]
            .filter(Boolean)
            .join(', ');
          lines.push(
            `    app ${a.displayName.padEnd(22)} ${a.clientId}  ${creds}; roles: ${a.roles.join(' ') || 'none'}${a.adminConsent ? '' : '; NO admin consent'}`,
          );
        }
        for (const sp of t.exchangeServicePrincipals)
          lines.push(`    FullAccess ${sp.appId}: ${sp.fullAccess.join(', ') || 'none'}`);
        lines.push(`    mailboxes: ${t.mailboxes.join(', ')}`);
        for (const u of t.users) {
          const shared = t.userFullAccess[u.userPrincipalName] ?? [];
          lines.push(
            `    user ${u.userPrincipalName}${shared.length ? `: FullAccess on ${shared.join(', ')}` : ''}`,
          );
        }
      }
      for (const m of Object.values(bigSeedMailboxes)) lines.push(`  big seed mailbox ${m}`);
      return lines.join('\n');
    };
    return {
      summary,
      root,
      ca: { pem: ca.certPem, path: caPath },
      scenario,
      identity,
      certificates,
      networkClient: () => createNetworkClient(ca.certPem),
      imap: { host: DOVECOT_HOST, port: ports?.imap ?? 0, tlsPort: ports?.imaps ?? 0 },
      pop3: { host: DOVECOT_HOST, port: ports?.pop3 ?? 0, tlsPort: ports?.pop3s ?? 0 },
      dovecot,
      exchange,
      bigSeedMailboxes,
      maildir: (mailbox) => {
        const seed = seeds.get(mailbox.toLowerCase());
        if (!seed) throw new Error(`no seeded mailbox ${mailbox}`);
        return seed.maildir;
      },
      verifyMailbox: (mailbox) => {
        const seed = seeds.get(mailbox.toLowerCase());
        if (!seed) throw new Error(`no seeded mailbox ${mailbox}`);
        return diffSnapshots(seed.snapshot, snapshotMaildir(seed.maildir));
      },
      dumpBigSeed: (name) => {
        const mailbox = bigSeedMailboxes[name];
        if (!mailbox || !dovecot) throw new Error(`no big seed ${name} served`);
        const dump = execFileSync(
          'doveadm',
          ['-c', dovecot.configPath, 'fetch', '-u', mailbox, 'mailbox uid guid flags', 'all'],
          { encoding: 'utf8', maxBuffer: 1 << 30 },
        );
        return dump.replace(/ ?\\Recent\b/g, '');
      },
      grantsChanged: () => identity.grantsChanged(),
      stop,
    };
  } catch (e) {
    await stop();
    // Name the folder so callers (and the lifecycle test) can check it is gone.
    throw new Error(
      `test bed start failed (cleaned up ${root}): ${e instanceof Error ? e.message : String(e)}`,
      { cause: e },
    );
  }
}

/** Big seeds are benchmark mailboxes: the default reader app gets FullAccess on them. */
function bigSeedGrantee(scenario: Scenario): string {
  return scenario.tenants[0]?.apps[0]?.servicePrincipalObjectId ?? 'none';
}
