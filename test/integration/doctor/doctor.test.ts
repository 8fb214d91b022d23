/**
 * `mailscope doctor` against the test bed: text and JSON output snapshot-tested (volatile values
 * normalised), exit codes, usage errors, and one real run as a child process through tsx.
 */
import { spawn } from 'node:child_process';
import { lookup } from 'node:dns/promises';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccessToken } from '../../../electron/core/auth/token-provider';
import { runDoctor } from '../../../electron/cli/doctor';
import type { Profile } from '../../../shared/profile';
import { ProfileStore } from '../../../electron/core/profiles/store';
import { MemorySecretStore } from '../../../electron/core/secrets/secret-store';
import { CONTOSO, start, type Testbed } from '../../testbed/index';
import { bedProfile } from '../../testbed/profiles';
import { expectNoCredentials, seenTokens } from '../diagnostics/helpers';

let bed: Testbed;
let dir: string;
const ids: string[] = [];

beforeAll(async () => {
  bed = await start();
  dir = mkdtempSync(join(tmpdir(), 'mailscope-doctor-'));
  const store = await ProfileStore.open(dir);
  const add = async (profile: Profile) => ids.push((await store.save(profile)).id);
  await add(bedProfile(bed, { name: 'Invoices' }));
  await add(bedProfile(bed, { name: 'HR', mailbox: CONTOSO.hr }));
  await add(bedProfile(bed, { name: 'No roles', clientId: CONTOSO.noRolesClientId }));
  await add(bedProfile(bed, { name: 'Typo host', host: 'imap.mailscope.invalid' }));
  await add(bedProfile(bed, { name: 'POP3', protocol: 'pop3' }));
  await add(bedProfile(bed, { name: 'HR (delegated)', mailbox: CONTOSO.hr, credential: 'delegated' }));
});
afterAll(async () => {
  await bed?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function doctor(args: string[], env: Record<string, string> = {}, allowCustom = true): Promise<Run> {
  let stdout = '';
  let stderr = '';
  // The bed's identity platform is a custom authority host; one test checks the refusal without this.
  const code = await runDoctor(allowCustom ? [...args, '--allow-custom-authority'] : args, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    env,
    secrets: new MemorySecretStore(),
    wrapTokens: (provider) => ({
      getToken: async (p, o): Promise<AccessToken> => {
        const token = await provider.getToken(p, o);
        seenTokens.add(token.accessToken);
        return token;
      },
      describeCredential: (p) => provider.describeCredential(p),
    }),
    diagnostics: {
      // Pinned so the snapshots do not depend on the default warning window.
      certificateWarningDays: 1,
      // RFC 6761: .invalid never resolves. Answer as a working resolver does, so the snapshot does
      // not depend on this machine's DNS (offline, it would say EAI_AGAIN instead).
      lookup: async (host) => {
        if (host.endsWith('.invalid'))
          throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
        return (await lookup(host, { all: true })).map((a) => a.address);
      },
    },
  });
  expectNoCredentials(stdout + stderr, Object.values(env));
  return { code, stdout, stderr };
}

/** Replaces what changes between runs: ports, times, dates, ids minted per run, fingerprints. */
function normalise(text: string): string {
  let out = text;
  for (const id of ids) out = out.replaceAll(id, '<profile-id>');
  return out
    .replace(/127\.0\.0\.(\d):\d+/g, '127.0.0.$1:<port>')
    .replace(/\.invalid:\d+/g, '.invalid:<port>')
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z/g, '<date>')
    .replace(/\b\d+ ms\b/g, '<n> ms')
    .replace(/"durationMs": \d+/g, '"durationMs": 0')
    .replace(/(fingerprint|bearer token) [0-9a-f]{12}/g, '$1 <fingerprint>')
    .replace(/correlation ID [0-9a-f-]{36}/g, 'correlation ID <correlation-id>')
    .replace(/\(\d+\.\d+(?: \+ \d+\.\d+)* secs\)/g, '(<secs>)')
    .replace(/\((?:in \d+ (?:min|h)|\d+ (?:min|h) ago)\)/g, '(<relative>)');
}

const secretEnv = (value: string) => ({ MAILSCOPE_SECRET: value });
const common = () => ['--profiles-dir', dir, '--ca', bed.ca.path, '--secret-env', 'MAILSCOPE_SECRET'];

describe('snapshots', () => {
  const cases: { name: string; profile: string; secret: string; code: number }[] = [
    { name: 'pass-imap', profile: 'Invoices', secret: CONTOSO.readerSecret.value, code: 0 },
    { name: 'pass-pop3', profile: 'POP3', secret: CONTOSO.readerSecret.value, code: 0 },
    { name: 'fail-secret-id', profile: 'Invoices', secret: CONTOSO.readerSecret.id, code: 1 },
    { name: 'fail-no-fullaccess', profile: 'HR', secret: CONTOSO.readerSecret.value, code: 1 },
    { name: 'fail-no-role', profile: 'No roles', secret: CONTOSO.noRolesSecret.value, code: 1 },
    { name: 'fail-dns', profile: 'Typo host', secret: CONTOSO.readerSecret.value, code: 1 },
  ];
  for (const c of cases) {
    it(`${c.name}: text and JSON`, async () => {
      const text = await doctor(['--profile', c.profile, ...common()], secretEnv(c.secret));
      expect(text.code, text.stdout + text.stderr).toBe(c.code);
      expect(text.stderr).toBe('');
      await expect(normalise(text.stdout)).toMatchFileSnapshot(`./__snapshots__/${c.name}.txt`);
      const json = await doctor(['--profile', c.profile, '--json', ...common()], secretEnv(c.secret));
      expect(json.code).toBe(c.code);
      const report = JSON.parse(json.stdout) as { ok: boolean };
      expect(report.ok).toBe(c.code === 0);
      await expect(normalise(json.stdout)).toMatchFileSnapshot(`./__snapshots__/${c.name}.json.snap`);
    });
  }
});

describe('usage', () => {
  it('--profile is required (exit 2, usage on stderr)', async () => {
    const run = await doctor([]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^mailscope doctor: --profile is required\.\n\nUsage: mailscope doctor/);
  });

  it('an unknown option is refused', async () => {
    const run = await doctor(['--profile', 'Invoices', '--verbose']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Unknown option '--verbose'/);
  });

  it('--help prints the usage (exit 0)', async () => {
    const run = await doctor(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: mailscope doctor --profile/);
  });

  it('an unknown profile lists the profiles there are', async () => {
    const run = await doctor(['--profile', 'Sales', '--profiles-dir', dir]);
    expect(run.code).toBe(2);
    expect(normalise(run.stderr)).toContain(
      'no profile named or with id “Sales”. Profiles:\n  Invoices  (<profile-id>)',
    );
  });

  it('a profile is found by id too', async () => {
    const run = await doctor(['--profile', ids[0]!, ...common()], secretEnv(CONTOSO.readerSecret.value));
    expect(run.code).toBe(0);
  });

  it('a profile with a custom authority host is refused unless --allow-custom-authority says so', async () => {
    const run = await doctor(
      ['--profile', 'Invoices', ...common()],
      secretEnv(CONTOSO.readerSecret.value),
      false,
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`signs in at ${bed.identity.host}, a custom authority host`);
    expect(run.stdout).toBe('');
  });

  it('a missing profiles folder is not created', async () => {
    const missing = join(dir, 'nope');
    const run = await doctor(['--profile', 'Invoices', '--profiles-dir', missing]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${join(missing, 'profiles.json')} does not exist`);
  });

  it('--secret-env naming an unset variable', async () => {
    const run = await doctor(['--profile', 'Invoices', ...common()]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('MAILSCOPE_SECRET is not set');
  });

  it('a CA file that is not PEM', async () => {
    const run = await doctor([
      '--profile',
      'Invoices',
      '--profiles-dir',
      dir,
      '--ca',
      join(dir, 'profiles.json'),
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('holds no PEM certificate');
  });

  it('no secret in the keychain: the token step says so', async () => {
    const run = await doctor(['--profile', 'Invoices', '--profiles-dir', dir, '--ca', bed.ca.path]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('✗ Request a token (Microsoft Entra)');
    expect(run.stdout).toContain('Cause: No client secret is stored for this mailbox.');
  });
});

describe('delegated profiles', () => {
  const args = () => ['--profile', 'HR (delegated)', '--profiles-dir', dir, '--ca', bed.ca.path];

  it('--device-code signs in from the terminal (code on stderr), then every check passes', async () => {
    let stdout = '';
    let stderr = '';
    const code = await runDoctor([...args(), '--device-code', '--allow-custom-authority'], {
      stdout: (t) => (stdout += t),
      stderr: (t) => {
        stderr += t;
        // The person reads the code and enters it on the page: the test approves it.
        const userCode = /enter the code ([0-9A-F]+)/.exec(t)?.[1];
        if (userCode) bed.identity.completeDeviceCode(userCode, CONTOSO.user.userPrincipalName);
      },
      env: {},
      secrets: new MemorySecretStore(),
    });
    expect(code, stdout + stderr).toBe(0);
    expect(stderr).toMatch(
      new RegExp(
        `^To sign in, open ${bed.identity.origin}/devicelogin in any browser and enter the code [0-9A-F]{9} `,
      ),
    );
    expect(stderr).toContain(`Signed in as ${CONTOSO.user.userPrincipalName}.`);
    expect(stdout).toMatch(/^✓ Sign in to the mailbox \(SASL XOAUTH2\)/m);
    expect(stdout).toContain(`credential delegated, signed in as ${CONTOSO.user.userPrincipalName}`);
  });

  it('without a sign-in the token step says nobody is signed in, and how to sign in', async () => {
    const run = await doctor(args());
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('✗ Request a token (Microsoft Entra)');
    expect(run.stdout).toContain('Cause: Nobody is signed in for this mailbox');
    expect(run.stdout).toContain('--device-code');
  });

  it('--device-code is only for delegated profiles', async () => {
    const run = await doctor(['--profile', 'Invoices', '--profiles-dir', dir, '--device-code']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--device-code is for delegated profiles; “Invoices” uses client-secret.');
  });
});

describe('as a command', () => {
  it('npx tsx electron/cli/doctor.ts: exit 0, text report, no secret or token printed', async () => {
    const command = ['tsx', 'electron/cli/doctor.ts', '--profile', 'Invoices', '--allow-custom-authority'];
    const child = spawn('npx', [...command, ...common()], {
      cwd: join(import.meta.dirname, '../../..'),
      env: { ...process.env, MAILSCOPE_SECRET: CONTOSO.readerSecret.value, HTTPS_PROXY: '', https_proxy: '' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code, stderr).toBe(0);
    expect(stdout).toMatch(
      /^Mailscope doctor: Invoices <invoices@contoso\.example>, IMAP 127\.0\.0\.2:\d+ \(implicit TLS\)/,
    );
    // The bed's certificate lives 90 days, outside the default warning window: every step passes.
    expect(stdout).toMatch(/^✓ Secure connection \(TLS\)/m);
    expect(stdout).toMatch(/^✓ Open INBOX read-only/m);
    expectNoCredentials(stdout + stderr);
    const fingerprint = /fingerprint ([0-9a-f]{12})/.exec(stdout)?.[1];
    expect(fingerprint).toBeTruthy();
  }, 60_000);
});
