import { expect } from 'vitest';
import type { Testbed } from '../testbed/index';

/**
 * DESIGN.md §3, the read-only proof: each mailbox is byte-identical to its seed (names, flags and
 * contents of every file, and its folders). Suites that touch a mailbox call this after their tests.
 */
export function expectUntouched(bed: Testbed, mailboxes: readonly string[]): void {
  for (const mailbox of mailboxes) {
    expect(bed.verifyMailbox(mailbox), mailbox).toEqual({
      missing: [],
      added: [],
      changed: [],
      foldersMissing: [],
      foldersAdded: [],
    });
  }
}
