/**
 * Shared pieces of the IMAP source tests: a source on the test bed, and a reference model of a
 * seeded Maildir read straight from its files (what the server must show).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TokenProvider } from '../../../electron/core/auth/token-provider';
import type { AccessToken, TokenSource } from '../../../electron/core/auth/token-provider';
import {
  openImapSource,
  type ImapSource,
  type ImapSourceOptions,
} from '../../../electron/core/imap/imap-source';
import type { FolderCount } from '../../../shared/events';
import type { Folder } from '../../../shared/model';
import type { Profile } from '../../../shared/profile';
import type { Testbed } from '../../testbed/index';
import { bedProfile, secretsFor } from '../../testbed/profiles';

export interface Bench {
  profile: Profile;
  tokens: TokenProvider;
}

export async function bedTokens(bed: Testbed, mailbox: string): Promise<Bench> {
  const profile = bedProfile(bed, { mailbox });
  const secrets = await secretsFor(bed, profile);
  return { profile, tokens: new TokenProvider({ secrets, trust: { ca: bed.ca.pem } }) };
}

export async function bedSource(
  bed: Testbed,
  mailbox: string,
  options: Partial<ImapSourceOptions> = {},
): Promise<ImapSource> {
  const { profile, tokens } = await bedTokens(bed, mailbox);
  return openImapSource(profile, { tokens, trust: { ca: bed.ca.pem }, ...options });
}

/** Hands out one token until told to refresh: what a cache that missed an expiry looks like. */
export class StickyTokens implements TokenSource {
  calls = 0;
  forced = 0;
  private token: AccessToken | undefined;
  constructor(private readonly inner: TokenSource) {}
  async getToken(profile: Profile, options: { forceRefresh?: boolean } = {}): Promise<AccessToken> {
    this.calls++;
    if (options.forceRefresh) this.forced++;
    if (!this.token || options.forceRefresh) {
      this.token = await this.inner.getToken(profile, { forceRefresh: true });
    }
    return this.token;
  }
}

export interface FixtureMessage {
  file: string;
  raw: Buffer;
  sha256: string;
  seen: boolean;
}

export interface FixtureFolder {
  /** Display path, '/'-separated, decoded. */
  path: string;
  messages: FixtureMessage[];
}

/** RFC 3501 modified UTF-7 → string (fixture folder names on disk). */
export function decodeMutf7(name: string): string {
  return name.replace(/&([^-]*)-/g, (_, chunk: string) => {
    if (chunk === '') return '&';
    const bytes = Buffer.from(chunk.replace(/,/g, '/'), 'base64');
    let out = '';
    for (let i = 0; i + 1 < bytes.length; i += 2) out += String.fromCharCode(bytes.readUInt16BE(i));
    return out;
  });
}

export function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Every folder of a Maildir++ tree with its message files, as seeded. */
export function readFixture(maildir: string): FixtureFolder[] {
  const folderOf = (dir: string, path: string): FixtureFolder => {
    const messages: FixtureMessage[] = [];
    for (const sub of ['cur', 'new']) {
      let names: string[] = [];
      try {
        names = readdirSync(join(dir, sub));
      } catch {
        continue;
      }
      for (const file of names) {
        const raw = readFileSync(join(dir, sub, file));
        const flags = /:2,([A-Za-z]*)$/.exec(file)?.[1] ?? '';
        // As IMAP serves it: Dovecot sends a NUL byte as 0x80 (a literal may not carry NUL, RFC 3501
        // §4.3); the file itself stays as seeded (verifyMailbox checks that).
        const served = raw.includes(0) ? Buffer.from(raw.map((byte) => (byte === 0 ? 0x80 : byte))) : raw;
        messages.push({ file, raw, sha256: sha256(served), seen: flags.includes('S') });
      }
    }
    return { path, messages };
  };
  const folders = [folderOf(maildir, 'INBOX')];
  for (const entry of readdirSync(maildir, { withFileTypes: true })) {
    if (!entry.isDirectory() || !entry.name.startsWith('.') || entry.name === '.' || entry.name === '..')
      continue;
    const path = entry.name.slice(1).split('.').map(decodeMutf7).join('/');
    folders.push(folderOf(join(maildir, entry.name), path));
  }
  return folders;
}

/**
 * The folder tree with every count filled in: listFolders answers with the tree at once and
 * sends counts as `folder.counts` events; this waits for the pass and applies them.
 */
export async function foldersWithCounts(source: ImapSource): Promise<Folder[]> {
  const counts = new Map<string, FolderCount>();
  const stop = source.subscribe((event) => {
    if (event.type === 'folder.counts') for (const c of event.counts) counts.set(c.folderId, c);
  });
  try {
    const folders = await source.listFolders();
    await source.countsSettled();
    // Counts this listing sent win; the others came with the tree (an earlier pass knew them).
    return folders.map((f) => {
      const c = counts.get(f.id);
      return {
        ...f,
        ...(c ? { total: c.total, unread: c.unread } : {}),
        countsPending: !c && f.countsPending === true,
      };
    });
  } finally {
    stop();
  }
}
