import { expect, test, testbed } from './fixtures';
import { openMailbox, readerSubject, rows } from './mailbox-helpers';

/**
 * Exchange ends an IMAP session when its token expires. With 8-second tokens from the bed (a bed of
 * its own, in a worker of its own), browsing goes on across two expiries: one new token each time,
 * the session comes back by itself, and the user never sees an error.
 */

test.use({ tokenLifetimeSeconds: 8 });

test('the token expires and Exchange ends the session: browsing goes on, one new token, no error', async ({
  page,
  bed,
  profilesHarness,
}) => {
  test.setTimeout(90_000);
  const C = (await testbed()).CONTOSO;
  const dovecot = bed.dovecot;
  if (!dovecot) throw new Error('the test bed runs without Dovecot');
  await openMailbox(page, profilesHarness, bed, C.alerts, 'Alerts short tokens');
  await rows(page).first().click();
  await expect(readerSubject(page)).not.toBeEmpty();
  bed.identity.resetCounts();
  const tree = page.getByTestId('folder-tree');
  for (let expiry = 1; expiry <= 2; expiry++) {
    await page.waitForTimeout(8_500);
    // What Exchange does when a session's token runs out: `* BYE Session invalidated`.
    await dovecot.kick(C.alerts);
    await tree.getByRole('treeitem', { name: /Sent Items/ }).click();
    await rows(page).first().click();
    await expect(readerSubject(page)).not.toBeEmpty();
    await tree.getByRole('treeitem', { name: /inbox/i }).click();
    await rows(page).nth(1).click();
    await expect(readerSubject(page)).not.toBeEmpty();
    // One new token per expiry, however many connections needed one.
    expect(bed.identity.count('token:client_credentials')).toBe(expiry);
    await expect(page.getByTestId('reader-error')).toHaveCount(0);
    await expect(page.getByTestId('message-list-error')).toHaveCount(0);
    await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'ready');
  }
});
