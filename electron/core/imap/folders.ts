import type { ListResponse } from 'imapflow';
import type { Folder, FolderRole } from '../../../shared/model';
import { ROLE_ORDER, roleFromName } from '../common/folder-roles';

/**
 * LIST results as the sidebar's folder tree. imapflow has already decoded modified UTF-7 (RFC 3501
 * §5.1.3) into `path`/`name`, split paths on the server's delimiter into `parent`, and read
 * SPECIAL-USE flags (RFC 6154). Folder ids are the decoded paths imapflow accepts back in
 * `mailboxOpen`/`status`: stable for the life of the folder, opaque to the renderer.
 */

const SPECIAL_USE_ROLES: Readonly<Record<string, FolderRole>> = {
  '\\Inbox': 'inbox',
  '\\Sent': 'sent',
  '\\Drafts': 'drafts',
  '\\Trash': 'trash',
  '\\Junk': 'junk',
  '\\Archive': 'archive',
};

/** Flags (RFC 3501, 5258) after which a folder cannot be opened; it only groups children. */
const NOT_SELECTABLE = ['\\Noselect', '\\NonExistent'];

export function roleOf(
  entry: Pick<ListResponse, 'path' | 'name' | 'flags' | 'specialUse' | 'parent'>,
): FolderRole | null {
  if (entry.path.toUpperCase() === 'INBOX') return 'inbox';
  for (const flag of entry.flags) {
    const role = SPECIAL_USE_ROLES[flag];
    if (role) return role;
  }
  // imapflow guesses specialUse from localized names too; only trust what the server flagged,
  // and apply Exchange's own English names ourselves, at the top level only ("Archive/Sent Items"
  // is a user's folder, not the Sent folder).
  if (entry.specialUse && entry.specialUse !== '\\Inbox') {
    const role = SPECIAL_USE_ROLES[entry.specialUse];
    if (role && entry.parent.length === 0) return role;
  }
  return entry.parent.length === 0 ? roleFromName(entry.name, { allowInbox: false }) : null;
}

export interface FolderCounts {
  total: number;
  unread: number;
}

/** Folders in tree order: parents before children; INBOX, then role folders, then by name. */
/** `counts` answers undefined for a folder whose counts are not known yet (`countsPending`). */
export function buildFolderTree(
  entries: readonly ListResponse[],
  counts: (entry: ListResponse) => FolderCounts | undefined,
): Folder[] {
  const byPath = new Map(entries.map((entry) => [entry.path, entry]));
  const folders = entries.map((entry): Folder & { depth: number } => {
    const selectable = !NOT_SELECTABLE.some((flag) => entry.flags.has(flag));
    const known = selectable ? counts(entry) : { total: 0, unread: 0 };
    const { total, unread } = known ?? { total: 0, unread: 0 };
    return {
      id: entry.path,
      name: entry.name,
      path: [...entry.parent, entry.name].join('/'),
      // A parent the server did not list (LIST can omit it) leaves the child at the top.
      parentId: entry.parentPath && byPath.has(entry.parentPath) ? entry.parentPath : null,
      role: roleOf(entry),
      total,
      unread,
      ...(known ? {} : { countsPending: true }),
      selectable,
      depth: entry.parent.length,
    };
  });
  const children = new Map<string | null, (Folder & { depth: number })[]>();
  for (const folder of folders) {
    const siblings = children.get(folder.parentId) ?? [];
    siblings.push(folder);
    children.set(folder.parentId, siblings);
  }
  const ordered: Folder[] = [];
  const visit = (parentId: string | null) => {
    const siblings = (children.get(parentId) ?? []).sort(bySiblingOrder);
    for (const { depth: _depth, ...folder } of siblings) {
      ordered.push(folder);
      visit(folder.id);
    }
  };
  visit(null);
  return ordered;
}

function rank(folder: Folder): number {
  const index = folder.role ? ROLE_ORDER.indexOf(folder.role) : -1;
  return index === -1 ? ROLE_ORDER.length : index;
}

/**
 * One collator for every comparison: `localeCompare` with options builds one per call (~20 µs),
 * which made sorting a 1,000-folder tree take ~70 ms on its own (measured); this takes ~1 ms.
 */
const byName = new Intl.Collator(undefined, { sensitivity: 'base' });

function bySiblingOrder(a: Folder, b: Folder): number {
  return rank(a) - rank(b) || byName.compare(a.name, b.name) || (a.id < b.id ? -1 : 1);
}
