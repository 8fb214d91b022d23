import { expect, test } from './fixtures';
import { bigFolders, openExchangeMailbox } from './mailbox-helpers';

/**
 * A big mailbox on the scripted Exchange server (its mailbox mode): the folder tree shows at once,
 * the counts fill in afterwards, and while the server says "Request is throttled. Suggested
 * Backoff Time: N milliseconds" the status bar counts the wait down, then the app goes on.
 */

test.use({ exchangeMailbox: true });

test('300 folders: the tree at once, a throttled server waited out with a countdown, then every count', async ({
  page,
  bed,
  profilesHarness,
}) => {
  test.setTimeout(90_000);
  const mailbox = bed.exchange?.mailbox;
  if (!mailbox) throw new Error('no scripted mailbox');
  mailbox.folders = bigFolders(300);
  mailbox.throttle = { commands: ['STATUS'], times: 1, backoffMs: 6000 };
  try {
    await openExchangeMailbox(page, profilesHarness, bed);
    const tree = page.getByTestId('folder-tree').getByRole('tree');
    await expect(tree.getByRole('treeitem', { name: 'INBOX' })).toBeVisible({ timeout: 30_000 });
    // Only the rows in view are in the page, each knowing its place in the 300.
    expect(await tree.getByRole('treeitem').count()).toBeLessThan(100);

    const status = page.getByTestId('connection-status');
    await expect(status).toHaveAttribute('data-state', 'throttled', { timeout: 20_000 });
    await expect(status).toContainText(/Server busy — retrying in [4-6] s/);
    const first = Number((await status.textContent())?.match(/in (\d+) s/)?.[1]);
    await expect(status).toContainText(new RegExp(`retrying in ${first - 1} s`), { timeout: 3_000 });
    await expect(status).toHaveAttribute('data-state', 'ready', { timeout: 15_000 });
    await expect(status).toContainText('Connected');

    // The counts came: a folder's unread badge, and the status bar has no "Counting" left.
    const project = tree.getByRole('treeitem', { name: /^Project 001/ });
    await expect(project).toHaveAttribute('data-counted', 'true', { timeout: 20_000 });
    await expect(project.locator('.folder__badge')).toHaveText(/^1/);
    await expect(page.getByTestId('status-counting')).toHaveCount(0, { timeout: 20_000 });
    // Never hammered: exactly one STATUS more than folders (the one retried after the wait).
    expect(mailbox.received.filter((c) => c.verb === 'STATUS').length).toBe(300 + 1);

    // End of a long tree: the keyboard brings rows that were not rendered into view and focus.
    await tree.getByRole('treeitem', { name: 'INBOX' }).focus();
    await page.keyboard.press('End');
    await expect(page.locator(':focus')).toHaveAttribute('aria-posinset', /\d+/);
    await expect(page.locator(':focus')).toContainText('Project 299');
  } finally {
    mailbox.throttle = undefined;
  }
});
