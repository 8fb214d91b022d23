import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect } from '@playwright/test';
import { MemorySecretStore } from '../../electron/core/secrets/secret-store';
import { type HarnessApp, type HarnessAppOptions, startHarnessApp } from '../../electron/harness/app';

type Harness = HarnessApp;

/**
 * Fixtures for end-to-end tests in the browser harness:
 * - `harness`: the real app (service + harness) on a free loopback port, one per test;
 * - `app`: a page already opened on the harness URL;
 * - `remote`: a loopback HTTP listener that records every request, standing in for the internet,
 *   so tests can prove that nothing (tracking pixel, form post, iframe) reaches it;
 * - `workDir`: a temp folder for files a test writes (removed afterwards);
 * - `bed`: the test bed (fake Microsoft identity platform + Dovecot), started once per worker and
 *   only by tests that ask for it;
 * - `profilesHarness`: the app for shared-mailbox tests: it trusts the bed's CA, keeps profiles in a
 *   temp folder (never the user's own) and secrets in memory (never the user's keychain).
 */

export interface RemoteListener {
  readonly origin: string;
  readonly requests: { method: string; url: string }[];
}

interface Fixtures {
  harness: Harness;
  /** Links the user chose to open: the harness hands them here instead of to the OS. */
  openedLinks: string[];
  internalErrors: string[];
  remote: RemoteListener;
  workDir: string;
  profilesHarness: Harness;
}

/**
 * The slice of the test bed (test/testbed/index.ts) these tests use, typed here rather than imported:
 * the test bed is compiled with Node's types only (tsconfig.node.json), and pulled into this
 * DOM + Node program its WebCrypto typing no longer matches. At run time it is the real thing.
 */
export interface Bed {
  ca: { pem: string };
  identity: {
    host: string;
    origin: string;
    /** Requests of one kind the fake platform answered, e.g. 'token:client_credentials'. */
    count(kind: string): number;
    resetCounts(): void;
    /** Every token the platform handed out: none may reach the page. */
    issuedTokens: ReadonlySet<string>;
    /** Approves a device code as the person would after entering it. */
    completeDeviceCode(userCode: string, userPrincipalName: string): void;
  };
  /** Dovecot, to end sessions or kill and restart it under a running app. */
  dovecot?: {
    kick(mailbox: string): Promise<void>;
    kill(): Promise<void>;
    relaunch(): Promise<void>;
  };
  imap: { host: string; port: number; tlsPort: number };
  pop3: { host: string; port: number; tlsPort: number };
  /** The scripted Exchange server, in beds started with `exchangeMailbox` (exchange-mailbox.ts). */
  exchange?: {
    imapPort: number;
    mailbox: {
      folders: { path: string; messages: number; unseen: number }[];
      throttle: { commands: string[]; times: number; backoffMs?: number } | undefined;
      received: { at: number; verb: string; throttled: boolean }[];
    };
  };
  certificates: ReadonlyMap<string, { certPem: string; keyPem: string; thumbprintSha1: string }>;
  /** The seeded Maildir of a mailbox, as Dovecot serves it. */
  maildir(mailbox: string): string;
  stop(): Promise<void>;
}

export interface Contoso {
  tenantId: string;
  readerClientId: string;
  readerSpObjectId: string;
  readerSecret: { id: string; value: string };
  readerCertificate: string;
  invoices: string;
  alerts: string;
  hr: string;
  desktopClientId: string;
  desktopNoConsentClientId: string;
  user: { userPrincipalName: string; password: string };
}

/** The parts of a scenario (test/testbed/identity/scenario.ts) e2e tests change. */
export interface ScenarioKnobs {
  tokenLifetimeSeconds: number;
}

interface TestbedModule {
  start(options?: { scenario?: ScenarioKnobs; exchangeReplies?: { mode: 'mailbox' } }): Promise<Bed>;
  contoso(): ScenarioKnobs;
  CONTOSO: Contoso;
}

const TESTBED_MODULE = '../testbed/index.ts';

/** The test bed module, loaded at run time (see Bed). */
export async function testbed(): Promise<TestbedModule> {
  return (await import(/* @vite-ignore */ TESTBED_MODULE)) as TestbedModule;
}

interface WorkerFixtures {
  bed: Bed;
  /**
   * Lifetime of the tokens the bed's identity platform issues (default: its hour). A describe that
   * sets it with test.use gets a bed of its own, in a worker of its own.
   */
  tokenLifetimeSeconds: number | undefined;
  /** Also start the scripted Exchange server in its mailbox mode (a bed of its own, like the above). */
  exchangeMailbox: boolean;
}

const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///ywAAAAAAQABAAACAUwAOw==', 'base64');

/**
 * The real app in the harness, never on the user's own profiles folder or keychain (a test starts
 * from nothing), with links recorded instead of handed to the OS and engine bugs collected.
 */
async function withIsolatedHarness(
  options: Pick<HarnessAppOptions, 'largeFileBytes' | 'extraCa'>,
  internalErrors: string[],
  openedLinks: string[],
  use: (harness: Harness) => Promise<void>,
) {
  const profilesDir = mkdtempSync(join(tmpdir(), 'mailscope-e2e-profiles-'));
  const harness = await startHarnessApp({
    ...options,
    profilesDir,
    secrets: new MemorySecretStore(),
    // The test bed's identity platform is a custom authority host.
    allowCustomAuthority: options.extraCa !== undefined,
    openExternal: async (url) => {
      openedLinks.push(url);
    },
    onInternalError: (method, error) => internalErrors.push(`${method}: ${String(error)}`),
  });
  await use(harness);
  await harness.close();
  rmSync(profilesDir, { recursive: true, force: true });
}

export const test = base.extend<Fixtures, WorkerFixtures>({
  internalErrors: async ({}, use) => {
    const errors: string[] = [];
    await use(errors);
    expect(errors, 'the engine reported internal errors (bugs)').toEqual([]);
  },
  openedLinks: async ({}, use) => {
    await use([]);
  },
  harness: async ({ internalErrors, openedLinks }, use) => {
    await withIsolatedHarness({ largeFileBytes: 100 * 1024 * 1024 }, internalErrors, openedLinks, use);
  },
  remote: async ({}, use) => {
    const requests: { method: string; url: string }[] = [];
    const server: Server = createServer((req: IncomingMessage, res) => {
      requests.push({ method: req.method ?? '', url: req.url ?? '' });
      res.writeHead(200, { 'content-type': 'image/gif', 'access-control-allow-origin': '*' });
      res.end(GIF);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await use({ origin: `http://127.0.0.1:${port}`, requests });
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  },
  workDir: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'mailscope-e2e-'));
    await use(dir);
    rmSync(dir, { recursive: true, force: true });
  },
  tokenLifetimeSeconds: [undefined, { scope: 'worker', option: true }],
  exchangeMailbox: [false, { scope: 'worker', option: true }],
  bed: [
    async ({ tokenLifetimeSeconds, exchangeMailbox }, use) => {
      const module = await testbed();
      const scenario = module.contoso();
      if (tokenLifetimeSeconds !== undefined) scenario.tokenLifetimeSeconds = tokenLifetimeSeconds;
      const bed = await module.start({
        scenario,
        ...(exchangeMailbox ? { exchangeReplies: { mode: 'mailbox' as const } } : {}),
      });
      await use(bed);
      await bed.stop();
    },
    { scope: 'worker', timeout: 60_000 },
  ],
  profilesHarness: async ({ bed, internalErrors, openedLinks }, use) => {
    await withIsolatedHarness({ extraCa: bed.ca.pem }, internalErrors, openedLinks, use);
  },
});

export { expect };

/** A minimal RFC 5322 message with CRLF line endings. */
export function message(options: { subject: string; html?: string; text?: string; from?: string }): string {
  const headers = [
    `From: ${options.from ?? 'Alerts <alerts@contoso.example>'}`,
    'To: Invoices <invoices@contoso.example>',
    `Subject: ${options.subject}`,
    'Date: Tue, 24 Nov 2026 09:30:00 +0000',
    `Message-ID: <${options.subject.replace(/\W+/g, '.')}@e2e.mailscope.invalid>`,
    'MIME-Version: 1.0',
  ];
  if (options.html !== undefined) {
    return [...headers, 'Content-Type: text/html; charset=utf-8', '', options.html, ''].join('\r\n');
  }
  return [...headers, 'Content-Type: text/plain; charset=utf-8', '', options.text ?? '', ''].join('\r\n');
}
