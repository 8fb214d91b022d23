import { type Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { FolderRole } from '../../../shared/model';
import { ROLE_ORDER, roleFromName } from '../common/folder-roles';
import { errnoCode } from '../common/fs-errors';
import { decodeModifiedUtf7 } from '../common/imap-utf7';
import { opaqueId } from './opaque-id';

/** One folder of a Maildir tree, before its messages are counted. */
export interface MaildirFolderSpec {
  readonly id: string;
  readonly name: string;
  readonly path: string;
  readonly parentId: string | null;
  readonly role: FolderRole | null;
  /** The directory holding cur/ and new/; null for a placeholder that only groups children. */
  readonly dir: string | null;
  /** The folder's on-disk name segments, which message ids are derived from (stable, unique). */
  readonly key: string;
}

interface Node {
  readonly segments: readonly string[];
  readonly name: string;
  dir: string | null;
  readonly children: Node[];
  role: FolderRole | null;
}

/** fs-layout folders deeper than this are ignored: a safety net against symlink loops. */
const MAX_FS_DEPTH = 8;
const MAILDIR_PARTS = new Set(['cur', 'new', 'tmp']);
const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** Whether `dir` is a Maildir: it holds cur/ or new/. */
export async function isMaildir(dir: string): Promise<boolean> {
  const results = await Promise.all(['cur', 'new'].map((part) => isDirectory(join(dir, part))));
  return results.some(Boolean);
}

/**
 * The folders of the mailbox at `root`, in display order (parents before children; among
 * siblings Inbox, then role folders, then the rest alphabetically), or null when `root` is not a
 * Maildir and holds none. Both layouts are read, even mixed:
 * - Maildir++ (Courier, Dovecot's default): subfolders are dot-prefixed siblings `.Sent Items`,
 *   `.Archive.2025`, with `.` as the hierarchy separator; the root itself is the Inbox;
 * - fs layout (Dovecot LAYOUT=fs): subfolders are plain directories holding cur/ and new/.
 * Names are decoded from IMAP modified UTF-7. A parent that exists only by implication
 * (`.Archive.2025` without `.Archive`) becomes a placeholder folder.
 */
export async function discoverMaildirFolders(root: string): Promise<MaildirFolderSpec[] | null> {
  const rootIsMaildir = await isMaildir(root);
  const found: { segments: string[]; dir: string }[] = [];

  for (const entry of await readdir(root, { withFileTypes: true })) {
    if (!maybeDirectory(entry)) continue;
    const dir = join(root, entry.name);
    if (entry.name.startsWith('.')) {
      const segments = entry.name
        .slice(1)
        .split('.')
        .filter((segment) => segment !== '');
      if (segments.length > 0 && (await isMaildir(dir))) found.push({ segments, dir });
    } else if (!MAILDIR_PARTS.has(entry.name)) {
      await collectFsLayout(dir, [entry.name], found);
    }
  }
  if (!rootIsMaildir && found.length === 0) return null;

  const top = buildTree(found);
  if (rootIsMaildir) {
    top.forEach((node) => (node.role = roleFromName(node.name, { allowInbox: false })));
    top.push({ segments: [], name: 'Inbox', dir: root, children: [], role: 'inbox' });
    return flatten(top, null, []);
  }
  // Not a Maildir itself, only a directory of them: its own entry is a non-selectable parent.
  top.forEach((node) => (node.role = roleFromName(node.name, { allowInbox: true })));
  const rootNode: Node = { segments: [], name: basename(root) || root, dir: null, children: top, role: null };
  return flatten([rootNode], null, []);
}

async function collectFsLayout(
  dir: string,
  segments: string[],
  found: { segments: string[]; dir: string }[],
): Promise<void> {
  if (segments.length > MAX_FS_DEPTH) return;
  if (await isMaildir(dir)) found.push({ segments, dir });
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    // A directory we may not list (or a symlink to a file) simply has no subfolders for us.
    if (errnoCode(error) !== undefined) return;
    throw error;
  }
  for (const entry of entries) {
    if (maybeDirectory(entry) && !entry.name.startsWith('.') && !MAILDIR_PARTS.has(entry.name)) {
      await collectFsLayout(join(dir, entry.name), [...segments, entry.name], found);
    }
  }
}

function buildTree(found: readonly { segments: string[]; dir: string }[]): Node[] {
  const nodes = new Map<string, Node>();
  const top: Node[] = [];
  const ensure = (segments: readonly string[]): Node => {
    const key = segments.join('/');
    let node = nodes.get(key);
    if (!node) {
      node = {
        segments,
        name: decodeModifiedUtf7(segments.at(-1) ?? ''),
        dir: null,
        children: [],
        role: null,
      };
      nodes.set(key, node);
      if (segments.length === 1) top.push(node);
      else ensure(segments.slice(0, -1)).children.push(node);
    }
    return node;
  };
  for (const { segments, dir } of found) {
    const node = ensure(segments);
    // The same folder in both layouts (`.Sent` and `Sent/`): the first one found wins.
    node.dir ??= dir;
  }
  return top;
}

function flatten(
  siblings: Node[],
  parent: MaildirFolderSpec | null,
  out: MaildirFolderSpec[],
): MaildirFolderSpec[] {
  for (const node of [...siblings].sort(displayOrder)) {
    const key = node.segments.join('\u0000');
    const spec: MaildirFolderSpec = {
      id: opaqueId(`folder:${key}`),
      name: node.name,
      path: parent ? `${parent.path}/${node.name}` : node.name,
      parentId: parent?.id ?? null,
      role: node.role,
      dir: node.dir,
      key,
    };
    out.push(spec);
    flatten(node.children, spec, out);
  }
  return out;
}

function displayOrder(a: Node, b: Node): number {
  const rank = (node: Node): number =>
    node.role === null ? ROLE_ORDER.length : ROLE_ORDER.indexOf(node.role);
  return (
    rank(a) - rank(b) || collator.compare(a.name, b.name) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)
  );
}

function maybeDirectory(entry: Dirent): boolean {
  return entry.isDirectory() || entry.isSymbolicLink();
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}
