import { createHash, randomBytes } from 'node:crypto';
import { AppError } from '../common/app-error';
import { accountOf, SECRET_KINDS, SECRET_SERVICE, type SecretKind, type SecretStore } from './secret-store';

/** The part of keytar we use; tests may inject a fake or a failing loader. */
export interface KeytarApi {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

export type KeychainFailureReason = 'module-missing' | 'unreachable' | 'round-trip-failed';

/**
 * The keychain cannot be used. The message always ends by saying we will not fall back to plain
 * text, because the natural next question is "then where did my secret go?".
 */
export class KeychainUnavailableError extends AppError {
  constructor(
    readonly reason: KeychainFailureReason,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(
      'KEYCHAIN_UNAVAILABLE',
      `No OS keychain is reachable: ${detail}. Mailscope will not store secrets in plain text.`,
      keychainHint(),
      options,
    );
    this.name = 'KeychainUnavailableError';
  }
}

export type KeychainProbe =
  { ok: true } | { ok: false; reason: KeychainFailureReason; error: KeychainUnavailableError };

export interface KeytarSecretStoreOptions {
  /** How to load keytar; the default imports the native module on first use. */
  load?: () => Promise<KeytarApi>;
  /**
   * Largest value (UTF-8 bytes) stored as one keychain entry; longer ones are split over several.
   * Windows Credential Manager refuses blobs over 2560 bytes (CRED_MAX_CREDENTIAL_BLOB_SIZE), and
   * a 4096-bit key in PEM or an MSAL token cache is longer, so the default there is 2048 with margin.
   * The other keychains have no such limit. Tests set it small to exercise splitting everywhere.
   */
  maxValueBytes?: number;
}

/** The first entry of a split value: `mailscope:chunked:v1:<parts>:<sha256 of the value, 16 hex>`. */
const CHUNK_HEADER = /^mailscope:chunked:v1:(\d{1,4}):([0-9a-f]{16})$/;

/**
 * Secrets in the OS keychain through keytar: Keychain on macOS, Credential Manager on Windows,
 * the Secret Service (GNOME Keyring, KWallet) on Linux. keytar is imported lazily so that a
 * missing or mis-built native module is a clear error when secrets are first needed, not a crash
 * at startup.
 */
export class KeytarSecretStore implements SecretStore {
  readonly description = 'OS keychain';
  private readonly load: () => Promise<KeytarApi>;
  private readonly maxValueBytes: number;
  private module: Promise<KeytarApi> | undefined;

  constructor(options: KeytarSecretStoreOptions = {}) {
    this.load = options.load ?? importKeytar;
    this.maxValueBytes =
      options.maxValueBytes ?? (process.platform === 'win32' ? 2048 : Number.POSITIVE_INFINITY);
  }

  /**
   * Checks the keychain works end to end (set, get, delete a throwaway entry): on Linux the
   * module loads fine and only the first call finds there is no session bus or no keyring.
   */
  async probe(): Promise<KeychainProbe> {
    const account = `probe-${randomBytes(8).toString('hex')}:probe`;
    const value = randomBytes(16).toString('hex');
    try {
      const keytar = await this.keytar();
      await call(() => keytar.setPassword(SECRET_SERVICE, account, value));
      const read = await call(() => keytar.getPassword(SECRET_SERVICE, account));
      await call(() => keytar.deletePassword(SECRET_SERVICE, account));
      if (read !== value) {
        return failure(
          new KeychainUnavailableError(
            'round-trip-failed',
            'the keychain did not return what was stored in it',
          ),
        );
      }
      return { ok: true };
    } catch (error) {
      if (error instanceof KeychainUnavailableError) return failure(error);
      throw error;
    }
  }

  async get(profileId: string, kind: SecretKind): Promise<string | null> {
    const account = accountOf(profileId, kind);
    const keytar = await this.keytar();
    const stored = await call(() => keytar.getPassword(SECRET_SERVICE, account));
    const header = stored === null ? null : CHUNK_HEADER.exec(stored);
    if (!header) return stored;
    const count = Number(header[1]);
    const parts: string[] = [];
    for (let index = 1; index <= count; index++) {
      const part = await call(() => keytar.getPassword(SECRET_SERVICE, `${account}#${index}`));
      if (part === null) throw damaged(kind);
      parts.push(part);
    }
    const value = parts.join('');
    if (digest(value) !== header[2]) throw damaged(kind);
    return value;
  }

  async set(profileId: string, kind: SecretKind, value: string): Promise<void> {
    const account = accountOf(profileId, kind);
    const keytar = await this.keytar();
    const previous = await this.partCount(keytar, account);
    const parts =
      Buffer.byteLength(value, 'utf8') > this.maxValueBytes ? split(value, this.maxValueBytes) : [];
    // Parts before the header, so a reader never finds a header whose parts are not there yet.
    for (const [index, part] of parts.entries()) {
      await call(() => keytar.setPassword(SECRET_SERVICE, `${account}#${index + 1}`, part));
    }
    const head = parts.length ? `mailscope:chunked:v1:${parts.length}:${digest(value)}` : value;
    await call(() => keytar.setPassword(SECRET_SERVICE, account, head));
    for (let index = parts.length + 1; index <= previous; index++) {
      await call(() => keytar.deletePassword(SECRET_SERVICE, `${account}#${index}`));
    }
  }

  async delete(profileId: string, kind: SecretKind): Promise<boolean> {
    const account = accountOf(profileId, kind);
    const keytar = await this.keytar();
    const parts = await this.partCount(keytar, account);
    for (let index = 1; index <= parts; index++) {
      await call(() => keytar.deletePassword(SECRET_SERVICE, `${account}#${index}`));
    }
    return call(() => keytar.deletePassword(SECRET_SERVICE, account));
  }

  /** How many extra entries the value under `account` is split over (0 for a plain value or none). */
  private async partCount(keytar: KeytarApi, account: string): Promise<number> {
    const stored = await call(() => keytar.getPassword(SECRET_SERVICE, account));
    const header = stored === null ? null : CHUNK_HEADER.exec(stored);
    return header ? Number(header[1]) : 0;
  }

  async deleteAll(profileId: string): Promise<number> {
    let deleted = 0;
    for (const kind of SECRET_KINDS) if (await this.delete(profileId, kind)) deleted++;
    return deleted;
  }

  private keytar(): Promise<KeytarApi> {
    if (!this.module) {
      this.module = this.load().catch((error: unknown) => {
        // Forget the failure so a later attempt (after the user fixes the install) can succeed.
        this.module = undefined;
        throw new KeychainUnavailableError(
          'module-missing',
          `the keychain module (keytar) could not be loaded (${describe(error)})`,
          { cause: error },
        );
      });
    }
    return this.module;
  }
}

async function importKeytar(): Promise<KeytarApi> {
  const loaded = await import('keytar');
  // keytar is CommonJS: depending on the loader its functions are on the namespace or on `default`.
  const candidate: Partial<KeytarApi> = (loaded as { default?: Partial<KeytarApi> }).default ?? loaded;
  if (
    typeof candidate.getPassword !== 'function' ||
    typeof candidate.setPassword !== 'function' ||
    typeof candidate.deletePassword !== 'function'
  ) {
    throw new Error('keytar does not export getPassword/setPassword/deletePassword');
  }
  return candidate as KeytarApi;
}

/** Runs one keychain call; any failure means the keychain is not usable right now. */
async function call<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw new KeychainUnavailableError('unreachable', describe(error), { cause: error });
  }
}

function failure(error: KeychainUnavailableError): KeychainProbe {
  return { ok: false, reason: error.reason, error };
}

/**
 * The underlying error's first line, which names the real problem ("Cannot autolaunch D-Bus
 * without X11 $DISPLAY", "The name org.freedesktop.secrets was not provided by any .service
 * files"). keytar errors never contain the stored value.
 */
function describe(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const line = (text.split('\n')[0] ?? '').trim().replace(/\.$/, '');
  return line.length > 200 ? `${line.slice(0, 200)}…` : line || 'unknown error';
}

function keychainHint(): string {
  switch (process.platform) {
    case 'darwin':
      return 'Unlock your login keychain (Keychain Access) and try again.';
    case 'win32':
      return 'Windows Credential Manager must be available to your account; ask your administrator if it is disabled by policy.';
    default:
      return 'Install and unlock a Secret Service keyring (GNOME Keyring or KWallet) in your desktop session, then try again.';
  }
}

/** Splits on code point boundaries so each part is at most `maxBytes` of UTF-8. */
function split(value: string, maxBytes: number): string[] {
  const parts: string[] = [];
  let current = '';
  let bytes = 0;
  for (const char of value) {
    const size = Buffer.byteLength(char, 'utf8');
    if (bytes + size > maxBytes && current) {
      parts.push(current);
      current = '';
      bytes = 0;
    }
    current += char;
    bytes += size;
  }
  if (current) parts.push(current);
  if (parts.length > 9999) throw new Error('secret is too large for the keychain');
  return parts;
}

function digest(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex').slice(0, 16);
}

function damaged(kind: SecretKind): AppError {
  return new AppError(
    'SECRET_DAMAGED',
    `The stored ${kind.replace(/-/g, ' ')} is incomplete in the OS keychain (an entry is missing or was changed).`,
    'Enter it again in the mailbox settings; Mailscope will replace the stored copy.',
  );
}
