import { expect } from 'vitest';
import type { BigSeedName } from '../testbed/fixtures/big';
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

/** The same proof for a big seed (mdbox): its messages' UIDs, GUIDs and flags as before. */
export function expectBigSeedUntouched(bed: Testbed, name: BigSeedName, before: string): void {
  const after = bed.dumpBigSeed(name);
  expect(after.length, name).toBeGreaterThan(0);
  expect(after === before, `${name}: doveadm fetch differs from before the tests`).toBe(true);
}
