import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, message, test } from './fixtures';
import { openPath } from './helpers';

/**
 * Links never work inside a message; the Links panel lists where each really goes, calls out text
 * that names another address, and opens web links only after the user has seen the real target.
 */
test('the Links panel shows real targets, flags a disguised link, and asks before opening', async ({
  page,
  harness,
  workDir,
  openedLinks,
}) => {
  const html = `<p><a href="https://login.micros0ft-support.example/reset">https://login.microsoftonline.com/</a></p>
<p><a href="https://contoso.example/invoices/2026-0147">View invoice</a></p>
<p><a href="javascript:alert(1)">Click me</a></p>`;
  const path = join(workDir, 'links.eml');
  writeFileSync(path, message({ subject: 'Password expires today', html }));
  await page.goto(harness.url);
  await openPath(page, path);
  await page.getByTestId('message-list').getByRole('option').first().click();

  await page.getByRole('button', { name: /Links \(3\)/ }).click();
  const panel = page.getByTestId('links-panel');
  const rows = panel.getByRole('row');
  await expect(rows).toHaveCount(4);
  const disguised = rows.filter({ hasText: 'micros0ft-support' });
  await expect(disguised).toContainText('https://login.microsoftonline.com/');
  await expect(disguised).toContainText('The text names another address.');
  await expect(rows.filter({ hasText: 'Click me' })).toContainText('javascript links never open');
  await expect(rows.filter({ hasText: 'Click me' }).getByRole('button')).toHaveCount(0);

  await disguised.getByRole('button', { name: 'Open…' }).click();
  const confirm = page.getByTestId('link-confirm');
  await expect(confirm).toContainText('https://login.micros0ft-support.example/reset');
  await expect(confirm).toContainText('which names another address');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toBeHidden();
  expect(openedLinks).toEqual([]);

  await rows.filter({ hasText: 'View invoice' }).getByRole('button', { name: 'Open…' }).click();
  await page.getByTestId('link-confirm').getByRole('button', { name: 'Open link' }).click();
  await expect(page.getByTestId('link-confirm')).toBeHidden();
  await expect(page.getByTestId('link-error')).toHaveCount(0);
  await expect.poll(() => openedLinks).toEqual(['https://contoso.example/invoices/2026-0147']);
});
