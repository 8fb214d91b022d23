import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Flags } from '../../../shared/model';
import { errnoCode } from '../common/fs-errors';
import type { StoredMessage } from './local-mailbox';
import { opaqueId } from './opaque-id';
import { openFileStream, readHeaderSection, readRange } from './read-bytes';

/** What a Maildir file name says about its message (https://cr.yp.to/proto/maildir.html). */
export interface MaildirName {
  /** The name without its info suffix: stays the same when another client changes the flags. */
  readonly unique: string;
  readonly flags: Flags;
  /** From a Dovecot/Courier `,S=<size>` field, else null. */
  readonly size: number | null;
  /** Delivery time from the leading timestamp, epoch ms, else null. */
  readonly time: number | null;
}

// The info separator is `:` on Unix; `!` (Dovecot on Windows, mbsync) and `;` (some Windows tools)
// stand in for it where `:` cannot appear in a file name.
const INFO = /[:!;]2,([A-Za-z]*)$/;

export function parseMaildirName(name: string, inNew: boolean): MaildirName {
  const info = INFO.exec(name);
  const unique = info ? name.slice(0, info.index) : name;
  const letters = info?.[1] ?? '';
  const size = /,S=(\d+)/.exec(unique);
  const time = /^(\d{9,11})(?:\.|$)/.exec(unique);
  return {
    unique,
    flags: {
      // A message still in new/ has not been seen by any client, whatever its name says.
      seen: !inNew && letters.includes('S'),
      flagged: letters.includes('F'),
      answered: letters.includes('R'),
      draft: letters.includes('D'),
    },
    size: size?.[1] ? Number(size[1]) : null,
    time: time?.[1] ? Number(time[1]) * 1000 : null,
  };
}

/**
 * The messages of one Maildir folder, oldest delivery first, from its cur/ and new/ listings.
 * Dotfiles, Dovecot's index and list files and tmp/ (deliveries in progress) are not messages.
 * Each message's id is derived from the folder key and its unique name, and its file path is
 * held here: a renderer-supplied id is only ever a key into this list.
 */
export async function listMaildirMessages(dir: string, folderKey: string): Promise<StoredMessage[]> {
  const files: { file: string; parsed: MaildirName; name: string }[] = [];
  for (const sub of ['cur', 'new'] as const) {
    for (const name of await listFiles(join(dir, sub))) {
      if (name.startsWith('.') || name.startsWith('dovecot')) continue;
      files.push({ file: join(dir, sub, name), parsed: parseMaildirName(name, sub === 'new'), name });
    }
  }
  files.sort((a, b) => (a.parsed.unique < b.parsed.unique ? -1 : a.parsed.unique > b.parsed.unique ? 1 : 0));

  const ids = new Set<string>();
  return files.map(({ file, parsed, name }): StoredMessage => {
    let id = opaqueId(`${folderKey}\u0000${parsed.unique}`);
    // The same unique name twice (a copy left in new/ and cur/) must still give two messages.
    if (ids.has(id)) id = opaqueId(`${folderKey}\u0000${parsed.unique}\u0000${name}`);
    ids.add(id);
    return {
      id,
      size: parsed.size,
      flags: parsed.flags,
      time: parsed.time,
      readHeader: () => readHeaderSection(file),
      readRaw: () => readFile(file),
      openRaw: () => openFileStream(file),
      readStart: (bytes) => readRange(file, 0, bytes),
    };
  });
}

async function listFiles(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries.filter((entry) => entry.isFile() || entry.isSymbolicLink()).map((entry) => entry.name);
  } catch (error) {
    // A Maildir may legitimately lack cur/ or new/ (some tools create them lazily).
    if (errnoCode(error) === 'ENOENT') return [];
    throw error;
  }
}
