import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, message, test } from './fixtures';
import { messageFrame, openPath } from './helpers';

test('open the sample mailbox, choose a folder, read a message', async ({ page, harness }) => {
  await page.goto(harness.url);
  await expect(page.getByTestId('welcome')).toBeVisible();
  await page.getByRole('button', { name: /open sample mailbox/i }).click();

  const tree = page.getByTestId('folder-tree');
  await expect(tree.getByRole('treeitem', { name: /inbox/i })).toBeVisible();
  await tree
    .getByRole('treeitem', { name: /invoices/i })
    .first()
    .click();

  const list = page.getByTestId('message-list');
  const first = list.getByRole('option').first();
  await expect(first).toBeVisible();
  const subject = (await first.getAttribute('data-subject')) ?? '';
  await first.click();

  const reader = page.getByTestId('reader');
  await expect(reader.getByRole('heading', { level: 2 })).toHaveText(subject || /.+/);
  await expect(messageFrame(page).locator('body')).not.toBeEmpty();
});

test('a plain-text .eml opens straight into the reader with its body', async ({ page, harness, workDir }) => {
  const path = join(workDir, 'note.eml');
  writeFileSync(
    path,
    message({ subject: 'Quarterly close checklist', text: 'Close the books by Friday.\r\n' }),
  );
  await page.goto(harness.url);
  await openPath(page, path);
  await page.getByTestId('message-list').getByRole('option').first().click();
  await expect(page.getByTestId('reader').getByRole('heading', { level: 2 })).toHaveText(
    'Quarterly close checklist',
  );
  await expect(page.getByTestId('reader')).toContainText('Close the books by Friday.');

  // Source: the message as stored, headers and all; toggling back shows the body again.
  await page.getByRole('button', { name: 'Source' }).click();
  const source = page.getByTestId('raw-source');
  await expect(source).toContainText('Message-ID: <Quarterly.close.checklist@e2e.mailscope.invalid>');
  await expect(source).toContainText('Content-Type: text/plain; charset=utf-8');
  await expect(source).toContainText('Close the books by Friday.');
  await page.getByRole('button', { name: 'Source' }).click();
  await expect(source).toBeHidden();
});
