/**
 * `mailscope doctor`: the diagnostics from a terminal, for admins and CI.
 *
 *   npx tsx electron/cli/doctor.ts --profile <name or id> [--profiles-dir DIR] [--json]
 *                                  [--ca FILE]... [--secret-env VAR] [--device-code]
 *
 * Exit codes: 0 every check passed (warnings allowed), 1 a check failed, 2 the command could not
 * run (bad arguments, no such profile, unreadable CA file, no keychain).
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { DelegatedTokens } from '../core/auth/delegated/delegated-tokens';
import { signInIdentity } from '../core/auth/delegated/sign-in-identity';
import type { TokenProvider, TokenSource } from '../core/auth/token-provider';
import { createTokenSources } from '../core/auth/token-sources';
import { AppError } from '../core/common/app-error';
import { type DiagnosticsDeps, runDiagnostics } from '../core/diagnostics/run';
import type { Profile } from '../../shared/profile';
import { PROFILES_FILE, ProfileStore } from '../core/profiles/store';
import { userDataDir } from '../core/profiles/user-data-dir';
import { KeytarSecretStore } from '../core/secrets/keytar-store';
import { MemorySecretStore, type SecretStore } from '../core/secrets/secret-store';
import { formatReport } from './doctor-format';

export const USAGE = `Usage: mailscope doctor --profile <name or id> [options]

Checks, step by step, that a mailbox profile can sign in: DNS, TCP, TLS, token request,
token claims, SASL XOAUTH2 sign-in, and opening INBOX read-only. Stops at the first failure
and says what to fix.

Options:
  --profile <name|id>   the mailbox profile to check (required)
  --profiles-dir <dir>  where profiles.json is (default: Mailscope's user-data folder)
  --json                print the report as JSON instead of text
  --ca <file>           also trust the CA certificate(s) in this PEM file (repeatable)
  --secret-env <VAR>    read the client secret from environment variable VAR instead of the
                        OS keychain (for CI); the value is never printed
  --allow-custom-authority
                        allow a profile whose cloud is Custom (its own authority host, such as
                        a test bed's); refused without it, as in the app
  --device-code         delegated profiles: sign in first with a code entered in any browser
                        (the sign-in is kept in the OS keychain, as the app keeps it); without
                        it the check uses the sign-in made in Mailscope
  -h, --help            show this help

Exit codes: 0 all checks passed, 1 a check failed, 2 the check could not run.
`;

export interface DoctorIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Readonly<Record<string, string | undefined>>;
  /** The keychain by default; tests pass a memory store. */
  secrets?: SecretStore;
  /** Tests: see (and count) the tokens handed to the diagnostics. */
  wrapTokens?: (source: TokenSource & Pick<TokenProvider, 'describeCredential'>) => DiagnosticsDeps['tokens'];
  /** Tests: override diagnostics settings (timeouts, certificate warning window). */
  diagnostics?: Partial<Omit<DiagnosticsDeps, 'tokens'>>;
}

class UsageError extends Error {}

export async function runDoctor(argv: readonly string[], io: DoctorIo): Promise<number> {
  try {
    return await doctor(argv, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`mailscope doctor: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

async function doctor(argv: readonly string[], io: DoctorIo): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        profile: { type: 'string' },
        'profiles-dir': { type: 'string' },
        json: { type: 'boolean', default: false },
        ca: { type: 'string', multiple: true },
        'secret-env': { type: 'string' },
        'device-code': { type: 'boolean', default: false },
        'allow-custom-authority': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
  }
  if (values.help) {
    io.stdout(USAGE);
    return 0;
  }
  if (!values.profile) throw new UsageError(`--profile is required.\n\n${USAGE}`);

  const dir = resolve(values['profiles-dir'] ?? userDataDir({ ...io.env }));
  // Opening the store creates the folder; a doctor must not create an empty one for a typo.
  if (!existsSync(join(dir, PROFILES_FILE))) {
    throw new UsageError(
      `no profiles found: ${join(dir, PROFILES_FILE)} does not exist (use --profiles-dir).`,
    );
  }
  const store = await ProfileStore.open(dir);
  for (const notice of store.notices) io.stderr(`mailscope doctor: ${notice.info.message}\n`);
  const profile = findProfile(store.list(), values.profile);
  if (profile.cloud.kind === 'custom' && !values['allow-custom-authority']) {
    throw new UsageError(
      `“${profile.name}” signs in at ${profile.cloud.authorityHost}, a custom authority host; ` +
        'add --allow-custom-authority if you trust it.',
    );
  }

  const ca: string[] = [];
  for (const file of values.ca ?? []) {
    let pem: string;
    try {
      pem = await readFile(file, 'utf8');
    } catch {
      throw new UsageError(`cannot read the CA file ${file}.`);
    }
    if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
      throw new UsageError(`${file} holds no PEM certificate (-----BEGIN CERTIFICATE-----).`);
    }
    ca.push(pem);
  }

  if (values['device-code'] && profile.credential !== 'delegated') {
    throw new UsageError(
      `--device-code is for delegated profiles; “${profile.name}” uses ${profile.credential}.`,
    );
  }
  const secrets = await chooseSecrets(profile, values['secret-env'], io);
  const trust = ca.length ? { ca } : {};
  const sources = createTokenSources({ secrets, trust, env: io.env });
  if (values['device-code']) {
    const signedIn = await signInWithCode(profile, sources.delegated, io);
    if (!signedIn) return 1;
  }
  const provider = sources.byCredential;
  const tokens = io.wrapTokens ? io.wrapTokens(provider) : provider;
  const report = await runDiagnostics(profile, { tokens, trust, env: io.env, ...io.diagnostics });
  io.stdout(values.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
  return report.ok ? 0 : 1;
}

/** The device-code sign-in, in the terminal: the code goes to stderr so --json output stays clean. */
async function signInWithCode(profile: Profile, delegated: DelegatedTokens, io: DoctorIo): Promise<boolean> {
  try {
    const account = await delegated.signInWithDeviceCode(profile, {
      signal: new AbortController().signal,
      onCode: (code) =>
        io.stderr(
          `To sign in, open ${code.verificationUri} in any browser and enter the code ${code.userCode} ` +
            `(valid until ${code.expiresAt.toLocaleTimeString()}).\n`,
        ),
    });
    io.stderr(`Signed in as ${account.username}.\n`);
    return true;
  } catch (error) {
    const info = error instanceof AppError ? error.toInfo() : { message: 'The sign-in failed.', hint: '' };
    io.stderr(`mailscope doctor: sign-in failed: ${info.message}\n${info.hint ? `${info.hint}\n` : ''}`);
    if (error instanceof AppError && error.url) io.stderr(`${error.url}\n`);
    return false;
  }
}

function findProfile(profiles: Profile[], wanted: string): Profile {
  const byId = profiles.find((p) => p.id === wanted);
  if (byId) return byId;
  const byName = profiles.filter((p) => p.name.toLowerCase() === wanted.toLowerCase());
  if (byName.length === 1 && byName[0]) return byName[0];
  const list = profiles.map((p) => `  ${p.name}  (${p.id})`).join('\n') || '  (none)';
  if (byName.length > 1) throw new UsageError(`several profiles are named “${wanted}”; use the id:\n${list}`);
  throw new UsageError(`no profile named or with id “${wanted}”. Profiles:\n${list}`);
}

async function chooseSecrets(
  profile: Profile,
  secretEnv: string | undefined,
  io: DoctorIo,
): Promise<SecretStore> {
  if (secretEnv !== undefined) {
    if (profile.credential !== 'client-secret') {
      throw new UsageError(
        `--secret-env is for client-secret profiles; “${profile.name}” uses ${profile.credential}.`,
      );
    }
    const value = io.env[secretEnv];
    if (!value) throw new UsageError(`the environment variable ${secretEnv} is not set or empty.`);
    const memory = new MemorySecretStore();
    await memory.set(profile.id, 'client-secret', value);
    return memory;
  }
  const store = io.secrets ?? new KeytarSecretStore();
  try {
    // A delegated profile's tokens are its sign-in's, kept under the sign-in's id.
    if (profile.credential === 'delegated') await store.get(signInIdentity(profile).id, 'token-cache');
    else
      await store.get(profile.id, profile.credential === 'certificate' ? 'certificate-key' : 'client-secret');
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new UsageError(
      `${detail}\nFor a client secret, --secret-env VAR reads it from the environment instead.`,
    );
  }
  return store;
}

/** Run as a script (not when imported by tests). */
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  runDoctor(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(
        `mailscope doctor: unexpected error: ${error instanceof Error ? error.name : 'error'}\n`,
      );
      process.exitCode = 2;
    },
  );
}
