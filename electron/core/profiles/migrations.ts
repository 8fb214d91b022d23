import { z } from 'zod';

/**
 * The profiles file format, and how older formats become the current one.
 *
 * Each migration takes the parsed JSON of version N and returns version N + 1, as plain data; the
 * current schema validates the result once, at the end. Migrations never see the network, the
 * keychain or the clock, so they are pure functions we can test on hand-written fixtures. To
 * change the format: bump CURRENT_VERSION, add `MIGRATIONS[old]`, add a fixture test. Never edit a
 * released migration: files in the wild were written by it.
 */
export const CURRENT_VERSION = 1;

export type Migration = (file: Record<string, unknown>) => Record<string, unknown>;

/** v0 fields v1 keeps as they are: each must be there; the current schema checks their values at the end. */
const V0_KEPT = ['id', 'name', 'mailbox', 'protocol', 'tenant', 'clientId', 'credential'];

/**
 * v0 (the prototype's format): no `version` field or `version: 0`; server fields flat on the
 * profile (`host`, `port`), no TLS mode (always implicit) and no cloud (always global), and the
 * credential called `secret` or `certificate`.
 */
const V0Profile = z.looseObject({
  ...Object.fromEntries(V0_KEPT.map((key) => [key, z.unknown()])),
  host: z.string().optional(),
  port: z.number().optional(),
  createdAt: z.string().optional(),
  updatedAt: z.string().optional(),
});

const V0_CREDENTIALS: Record<string, string> = {
  secret: 'client-secret',
  'client-secret': 'client-secret',
  certificate: 'certificate',
};

function v0ToV1(file: Record<string, unknown>): Record<string, unknown> {
  const profiles = z.array(V0Profile).parse(file['profiles'] ?? []);
  // v0 had no timestamps on some entries; the epoch says "unknown" without inventing a date.
  const epoch = new Date(0).toISOString();
  return {
    version: 1,
    profiles: profiles.map((old) => {
      const { host, port, credential, createdAt, updatedAt, ...rest } = old;
      // v0 only knew Exchange Online's global endpoints with implicit TLS; v1 stores them explicitly.
      const server = {
        host: host ?? 'outlook.office365.com',
        port: port ?? (rest.protocol === 'pop3' ? 995 : 993),
        tlsMode: 'implicit',
      };
      return {
        ...rest,
        server,
        cloud: { kind: 'global' },
        credential: typeof credential === 'string' ? (V0_CREDENTIALS[credential] ?? credential) : credential,
        createdAt: createdAt ?? updatedAt ?? epoch,
        updatedAt: updatedAt ?? createdAt ?? epoch,
      };
    }),
  };
}

export const MIGRATIONS: Readonly<Record<number, Migration>> = {
  0: v0ToV1,
};

export class MigrationError extends Error {
  constructor(
    message: string,
    readonly version: number,
  ) {
    super(message);
    this.name = 'MigrationError';
  }
}

/** The version a parsed file declares; files from before versioning count as 0. */
export function versionOf(file: Record<string, unknown>): number {
  const version = file['version'];
  if (version === undefined) return 0;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
    throw new MigrationError(`its "version" is ${JSON.stringify(version)}, not a format number`, -1);
  }
  return version;
}

/**
 * Runs every migration from the file's version up to CURRENT_VERSION. Returns the data (not yet
 * validated against the current schema) and the version it started from.
 */
export function migrate(file: Record<string, unknown>): { data: Record<string, unknown>; from: number } {
  const from = versionOf(file);
  if (from > CURRENT_VERSION) {
    throw new MigrationError(
      `it was written by a newer Mailscope (format ${from}; this version reads up to ${CURRENT_VERSION})`,
      from,
    );
  }
  let data = file;
  for (let version = from; version < CURRENT_VERSION; version++) {
    const step = MIGRATIONS[version];
    if (!step) throw new MigrationError(`no migration from format ${version}`, version);
    try {
      data = step(data);
    } catch (error) {
      const detail =
        error instanceof z.ZodError ? 'its profiles are not a list of objects' : 'it is malformed';
      throw new MigrationError(`it could not be upgraded from format ${version}: ${detail}`, version);
    }
  }
  return { data, from };
}
