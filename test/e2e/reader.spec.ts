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

test('the message body is on an origin of its own, and the app shortcuts work with focus inside it', async ({
  page,
  harness,
  workDir,
}) => {
  const path = join(workDir, 'styled.eml');
  writeFileSync(
    path,
    message({
      subject: 'Styled newsletter',
      html: '<html><head><style>h2{color:rgb(200, 0, 0)}</style></head><body><h2>Styled</h2><p style="font-weight:700" id="p">Bold text to click into.</p></body></html>',
    }),
  );
  await page.goto(harness.url);
  // The app page's own policy is DESIGN.md's strict one: no inline styles, no remote images.
  const policy = await page.evaluate(
    () => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '',
  );
  expect(policy).toContain("style-src 'self';");
  expect(policy).toMatch(/img-src 'self' data: blob:;/);
  expect(policy).not.toMatch(/unsafe-inline|https:|http:(?!\/\/127)/);

  await openPath(page, path);
  await page.getByTestId('message-list').getByRole('option').first().click();
  const frame = messageFrame(page);
  // Styled by the message's own <style> and style="", which the app page's policy would block.
  await expect(frame.getByRole('heading', { name: 'Styled' })).toHaveCSS('color', 'rgb(200, 0, 0)');
  await expect(frame.locator('#p')).toHaveCSS('font-weight', '700');
  const src = (await page.getByTestId('reader-frame').getAttribute('src')) ?? '';
  expect(new URL(src).origin).toBe(harness.frameOrigin);
  expect(new URL(src).origin).not.toBe(harness.origin);

  // Focus inside the message body: the app's shortcuts still work.
  await frame.locator('#p').click();
  expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('reader-frame');
  await page.keyboard.press('Control+,');
  await expect(page.getByRole('dialog', { name: 'View settings' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'View settings' })).toBeHidden();

  await frame.locator('#p').click();
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: /keyboard shortcuts/i })).toBeVisible();
});
