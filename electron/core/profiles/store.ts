import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { ErrorInfo } from '../../../shared/errors';
import { AppError } from '../common/app-error';
import { errnoCode } from '../common/fs-errors';
import { removeStaleTemps, writeFileAtomic } from './atomic-file';
import { CURRENT_VERSION, MigrationError, migrate } from './migrations';
import {
  describeIssues,
  Profile,
  ProfileDraft,
  type ProfileDraftInput,
  resolveServer,
} from '../../../shared/profile';

export const PROFILES_FILE = 'profiles.json';

/** The file on disk, current format. */
const ProfilesFile = z.object({
  version: z.literal(CURRENT_VERSION),
  profiles: z.array(Profile),
});

/** Something the user should hear about that did not stop the store from opening. */
export interface StoreNotice {
  kind: 'set-aside' | 'migrated';
  /** Where the old file now is (a corrupt file set aside, or the pre-migration backup). */
  path: string;
  info: ErrorInfo;
}

export interface ProfileStoreOptions {
  /** Clock for timestamps and the set-aside file name; tests pin it. */
  now?: () => Date;
}

/** The exported file: drafts only (no ids, no timestamps, no secrets), so a recipient gets fresh ids. */
export const EXPORT_FORMAT = 'mailscope-profiles';

export interface ImportReport {
  imported: Profile[];
  /** Entries that were not imported, by position in the file, with what is wrong. */
  errors: { index: number; name: string | null; messages: string[] }[];
  /** Fields dropped because they looked like secrets: secrets are never imported, only typed in. */
  ignoredSecretFields: { index: number; fields: string[] }[];
}

/**
 * Mailbox profiles in one JSON file under the app's user-data folder. Reads come from memory;
 * every change goes through one queue that writes the whole file atomically, so concurrent saves
 * cannot interleave and lose each other, and a crash leaves the old or the new file, never half.
 * A file that cannot be read is set aside (never deleted, never overwritten) and the store starts
 * empty, with a notice saying where the old file went.
 *
 * One store per file per process: the app holds Electron's single-instance lock, so no second
 * process writes the same file.
 */
export class ProfileStore {
  readonly path: string;
  private profiles: Profile[];
  private readonly now: () => Date;
  private readonly pendingNotices: StoreNotice[];
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(path: string, profiles: Profile[], notices: StoreNotice[], now: () => Date) {
    this.path = path;
    this.profiles = profiles;
    this.pendingNotices = notices;
    this.now = now;
  }

  /** Opens (or starts) the store in `dir`; never throws for a bad file, only for an unusable directory. */
  static async open(dir: string, options: ProfileStoreOptions = {}): Promise<ProfileStore> {
    const now = options.now ?? (() => new Date());
    await mkdir(dir, { recursive: true });
    const path = join(dir, PROFILES_FILE);
    await removeStaleTemps(path);
    const loaded = await load(path, now);
    const store = new ProfileStore(path, loaded.profiles, loaded.notices, now);
    // Upgrade the file on disk right away, so every later write starts from the current format.
    if (loaded.migrated) await store.enqueue(() => store.write(store.profiles));
    return store;
  }

  /** What happened while opening (corrupt file set aside, file upgraded). */
  get notices(): readonly StoreNotice[] {
    return this.pendingNotices;
  }

  list(): Profile[] {
    return this.profiles.map(clone);
  }

  /** The profile, or an error the UI can show (it may have been removed in another window). */
  get(id: string): Profile {
    const found = this.profiles.find((profile) => profile.id === id);
    if (!found) throw unknownProfile(id);
    return clone(found);
  }

  /**
   * Creates a profile (no `id`) or replaces an existing one's settings (keeping its id and
   * creation time). The draft is validated here too: the store is the last gate before disk.
   */
  async save(input: ProfileDraftInput | Profile, id?: string): Promise<Profile> {
    // An edited profile may come back whole; its identity is the `id` argument, not its fields.
    const { id: _id, createdAt: _created, updatedAt: _updated, ...settings } = input as Partial<Profile>;
    const draft = parseDraft(settings);
    return this.enqueue(async () => {
      const time = this.now().toISOString();
      const existing = id === undefined ? undefined : this.profiles.find((profile) => profile.id === id);
      if (id !== undefined && !existing) throw unknownProfile(id);
      const profile = Profile.parse({
        ...draft,
        server: resolveServer(draft),
        id: existing?.id ?? randomUUID(),
        createdAt: existing?.createdAt ?? time,
        updatedAt: time,
      });
      const next = existing
        ? this.profiles.map((item) => (item.id === profile.id ? profile : item))
        : [...this.profiles, profile];
      await this.commit(next);
      return clone(profile);
    });
  }

  /** A copy with a new id and " (copy)" after its name; secrets are the caller's business (see with-secrets). */
  duplicate(id: string): Promise<Profile> {
    return this.enqueue(async () => {
      const source = this.profiles.find((profile) => profile.id === id);
      if (!source) throw unknownProfile(id);
      const time = this.now().toISOString();
      const copy = Profile.parse({
        ...source,
        name: `${source.name} (copy)`.slice(0, 120),
        id: randomUUID(),
        createdAt: time,
        updatedAt: time,
      });
      await this.commit([...this.profiles, copy]);
      return clone(copy);
    });
  }

  /** Removes the profile; false if there was none (removing twice is not an error). */
  remove(id: string): Promise<boolean> {
    return this.enqueue(async () => {
      const next = this.profiles.filter((profile) => profile.id !== id);
      if (next.length === this.profiles.length) return false;
      await this.commit(next);
      return true;
    });
  }

  /** JSON for colleagues: the chosen profiles (all by default) without ids, timestamps or secrets. */
  exportJson(ids?: readonly string[]): string {
    const chosen = ids ? ids.map((id) => this.get(id)) : this.list();
    const profiles = chosen.map((profile) => {
      const { id: _id, createdAt: _created, updatedAt: _updated, ...draft } = profile;
      return ProfileDraft.parse(draft);
    });
    return `${JSON.stringify({ format: EXPORT_FORMAT, version: CURRENT_VERSION, profiles }, null, 2)}\n`;
  }

  /**
   * Adds the valid entries of an export (or of a profiles.json from any version, or a bare list)
   * with fresh ids, in one write; reports each invalid entry and every secret-looking field it
   * dropped. Nothing is imported if the text is not JSON or holds no list of profiles.
   */
  async importJson(text: string): Promise<ImportReport> {
    const entries = importEntries(text);
    const report: ImportReport = { imported: [], errors: [], ignoredSecretFields: [] };
    const drafts: ProfileDraft[] = [];
    entries.forEach((entry, index) => {
      if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
        report.errors.push({ index, name: null, messages: ['Entry: expected a profile object.'] });
        return;
      }
      const { cleaned, dropped } = withoutSecrets(entry as Record<string, unknown>);
      if (dropped.length) report.ignoredSecretFields.push({ index, fields: dropped });
      // Identity and timestamps belong to the store that created them; the importer mints its own.
      const { id: _id, createdAt: _created, updatedAt: _updated, ...rest } = cleaned;
      const parsed = ProfileDraft.safeParse(rest);
      if (parsed.success) drafts.push(parsed.data);
      else
        report.errors.push({
          index,
          name: typeof rest['name'] === 'string' ? rest['name'].slice(0, 120) : null,
          messages: describeIssues(parsed.error),
        });
    });
    return this.enqueue(async () => {
      if (drafts.length === 0) return report;
      const time = this.now().toISOString();
      const added = drafts.map((draft) =>
        Profile.parse({
          ...draft,
          server: resolveServer(draft),
          id: randomUUID(),
          createdAt: time,
          updatedAt: time,
        }),
      );
      await this.commit([...this.profiles, ...added]);
      report.imported = added.map(clone);
      return report;
    });
  }

  /** Writes, then adopts: if the write fails, memory still matches the file. */
  private async commit(next: Profile[]): Promise<void> {
    await this.write(next);
    this.profiles = next;
  }

  private async write(profiles: Profile[]): Promise<void> {
    const file = ProfilesFile.parse({ version: CURRENT_VERSION, profiles });
    await writeFileAtomic(this.path, `${JSON.stringify(file, null, 2)}\n`);
  }

  /** Runs `task` after every earlier one has finished, whether it succeeded or not. */
  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

function parseDraft(input: unknown): ProfileDraft {
  const parsed = ProfileDraft.safeParse(input);
  if (!parsed.success) {
    throw new AppError(
      'PROFILE_INVALID',
      describeIssues(parsed.error).join(' '),
      'Correct the highlighted fields and save again.',
    );
  }
  return parsed.data;
}

function unknownProfile(id: string): AppError {
  return new AppError(
    'PROFILE_NOT_FOUND',
    `There is no mailbox profile with id ${id.slice(0, 64)}.`,
    'It may have been removed: pick a mailbox from the sidebar.',
  );
}

function clone(profile: Profile): Profile {
  return structuredClone(profile);
}

interface Loaded {
  profiles: Profile[];
  notices: StoreNotice[];
  migrated: boolean;
}

async function load(path: string, now: () => Date): Promise<Loaded> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return { profiles: [], notices: [], migrated: false };
    throw error;
  }
  let problem: string;
  try {
    const json: unknown = JSON.parse(text);
    if (typeof json !== 'object' || json === null || Array.isArray(json)) {
      problem = 'it does not hold a profiles object';
    } else {
      const { data, from } = migrate(json as Record<string, unknown>);
      const parsed = ProfilesFile.safeParse(data);
      if (parsed.success) return loaded(path, parsed.data.profiles, from, text, now);
      problem = `its content is invalid (${describeIssues(parsed.error, 2).join(' ')})`;
    }
  } catch (error) {
    if (error instanceof SyntaxError) problem = 'it is not valid JSON';
    else if (error instanceof MigrationError) problem = error.message;
    else throw error;
  }
  const aside = `${path}.corrupt-${timeTag(now())}`;
  await rename(path, aside);
  return {
    profiles: [],
    migrated: false,
    notices: [
      {
        kind: 'set-aside',
        path: aside,
        info: {
          code: 'PROFILES_FILE_SET_ASIDE',
          message: `Your mailbox profiles could not be read because ${problem}. Mailscope started without them and kept the old file as ${aside}.`,
          hint: 'Add your mailboxes again, or import an export of them. The kept file may help to recover the settings by hand.',
        },
      },
    ],
  };
}

async function loaded(
  path: string,
  profiles: Profile[],
  from: number,
  original: string,
  now: () => Date,
): Promise<Loaded> {
  if (from === CURRENT_VERSION) return { profiles, notices: [], migrated: false };
  // Keep the old file: if the upgrade is ever wrong, the user (or we) can still read the original.
  const backup = `${path}.v${from}-backup-${timeTag(now())}`;
  await writeFile(backup, original, { mode: 0o600, flag: 'wx' });
  return {
    profiles,
    migrated: true,
    notices: [
      {
        kind: 'migrated',
        path: backup,
        info: {
          code: 'PROFILES_MIGRATED',
          message: `Your mailbox profiles were upgraded from an older format; the original file was kept as ${backup}.`,
          hint: 'Nothing to do. You may delete the kept file once everything looks right.',
        },
      },
    ],
  };
}

/** ISO time usable in a file name on every OS (Windows forbids ':'). */
function timeTag(date: Date): string {
  return date.toISOString().replace(/:/g, '-');
}

function importEntries(text: string): unknown[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AppError(
      'PROFILE_INVALID',
      'The file is not a Mailscope profiles export: it is not valid JSON.',
      'Choose a file made with “Export profiles”.',
    );
  }
  if (Array.isArray(json)) return json;
  if (typeof json === 'object' && json !== null) {
    const record = json as Record<string, unknown>;
    if (record['format'] === EXPORT_FORMAT && Array.isArray(record['profiles'])) return record['profiles'];
    // A profiles.json copied from another machine, possibly older: upgrade it like our own file.
    if (Array.isArray(record['profiles'])) {
      try {
        const { data } = migrate(record);
        if (Array.isArray(data['profiles'])) return data['profiles'];
      } catch (error) {
        if (!(error instanceof MigrationError)) throw error;
        throw new AppError('PROFILE_INVALID', `The profiles file cannot be imported: ${error.message}.`);
      }
    }
  }
  throw new AppError(
    'PROFILE_INVALID',
    'The file is not a Mailscope profiles export: it holds no list of profiles.',
    'Choose a file made with “Export profiles”.',
  );
}

/**
 * Field names that carry secrets in other tools' exports or in hand-edited files. Matching is on
 * names, at any depth; the schema's strictness then rejects anything else it does not know.
 */
const SECRET_FIELD =
  /secret|passw|passphrase|private.?key|^key$|token|pfx|pkcs12|assertion|credentialvalue|apikey/i;

function withoutSecrets(entry: Record<string, unknown>): {
  cleaned: Record<string, unknown>;
  dropped: string[];
} {
  const dropped: string[] = [];
  const walk = (value: unknown, path: string): unknown => {
    if (Array.isArray(value)) return value.map((item, index) => walk(item, `${path}[${index}]`));
    if (typeof value !== 'object' || value === null) return value;
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      const here = path ? `${path}.${key}` : key;
      if (SECRET_FIELD.test(key) || looksLikePrivateKey(inner)) dropped.push(here);
      else out[key] = walk(inner, here);
    }
    return out;
  };
  return { cleaned: walk(entry, '') as Record<string, unknown>, dropped };
}

function looksLikePrivateKey(value: unknown): boolean {
  return typeof value === 'string' && /-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(value);
}
