import { expect, test } from './fixtures';

/** The list's search box, on the sample mailbox (the local source filters its envelopes). */

test('search the sample mailbox by words and prefixes, then clear it', async ({ page, harness }) => {
  await page.goto(harness.url);
  await page.getByRole('button', { name: /open sample mailbox/i }).click();
  const list = page.getByTestId('message-list');
  await expect(list.getByRole('option').first()).toBeVisible();

  // "/" jumps to the search box.
  await list.getByRole('option').first().focus();
  await page.keyboard.press('/');
  const search = page.getByTestId('message-search');
  await expect(search).toBeFocused();

  await search.fill('fabrikam');
  await search.press('Enter');
  await expect(list).toContainText(/\d+ results? for “fabrikam”/);
  const rows = list.getByRole('option');
  await expect(rows.first()).toContainText(/Fabrikam/i);
  // Free words match addresses too, which rows do not show; fewer rows than the folder is what counts.
  expect(await rows.count()).toBeLessThan(30);

  await search.fill('from:fabrikam has:attachment subject:INV-2026-0147');
  await search.press('Enter');
  await expect(list).toContainText('1 result for “from:fabrikam has:attachment subject:INV-2026-0147”');
  await rows.first().click();
  await expect(page.getByTestId('reader').getByRole('heading', { level: 2 })).toHaveText(
    'Invoice INV-2026-0147 from Fabrikam, Inc.',
  );

  await search.fill('no such thing anywhere');
  await search.press('Enter');
  await expect(page.getByTestId('search-empty')).toContainText('No messages match');

  await search.press('Escape');
  await expect(search).toHaveValue('');
  await expect(list).toContainText(/30 messages/);
});
