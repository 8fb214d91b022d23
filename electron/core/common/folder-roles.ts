import type { FolderRole } from '../../../shared/model';

// Names as Exchange, Outlook, Apple Mail, Thunderbird and Dovecot's defaults spell them.
const ROLE_NAMES: Record<Exclude<FolderRole, 'inbox'>, readonly string[]> = {
  sent: ['sent', 'sent items', 'sent messages', 'sent mail'],
  drafts: ['drafts', 'draft'],
  trash: ['trash', 'deleted items', 'deleted messages'],
  junk: ['junk', 'junk email', 'junk e-mail', 'spam'],
  archive: ['archive', 'archives'],
};

/** Display order of role folders among their siblings; folders without a role come after. */
export const ROLE_ORDER: readonly FolderRole[] = ['inbox', 'sent', 'drafts', 'trash', 'junk', 'archive'];

/** The role a top-level folder plays, judged by its (decoded) name, case-insensitively. */
export function roleFromName(name: string, options: { allowInbox: boolean }): FolderRole | null {
  const key = name.trim().toLowerCase();
  if (options.allowInbox && key === 'inbox') return 'inbox';
  for (const [role, names] of Object.entries(ROLE_NAMES) as [FolderRole, readonly string[]][]) {
    if (names.includes(key)) return role;
  }
  return null;
}
