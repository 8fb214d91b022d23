import { copyFileSync, readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { messageFrame, openPath } from './helpers';

const OUTLOOK = join(import.meta.dirname, '..', 'fixtures', 'outlook');

/** Copies an Outlook fixture into the test's own folder and opens it; the first message shows. */
async function openFixture(page: Page, workDir: string, name: string) {
  const path = join(workDir, name);
  copyFileSync(join(OUTLOOK, name), path);
  await openPath(page, path);
  await page.getByTestId('message-list').getByRole('option').first().click();
}

const subject = (page: Page) =>
  page.locator('.reader__level:not([hidden])').getByRole('heading', { level: 2 });

test('open an attached message and come back', async ({ page, harness, workDir }) => {
  await page.goto(harness.url);
  await openFixture(page, workDir, 'reported-phish.eml');
  await expect(subject(page)).toHaveText('Reported: FW: Your password expires today');

  // Two levels deep through the attachment list, each with its own panels.
  await page
    .getByRole('button', { name: 'View FW Your password expires today.eml here, as a message' })
    .click();
  const crumbs = page.getByTestId('attached-breadcrumb');
  await expect(crumbs).toContainText('Reported: FW: Your password expires today');
  await expect(subject(page)).toHaveText('FW: Your password expires today');
  await page.getByRole('button', { name: /^View Your password expires today\.eml/ }).click();
  await expect(subject(page)).toHaveText('Your password expires today');
  // The keyboard moves with the reader: the Back button has it once a level opens.
  const back = crumbs.getByRole('button', { name: /^Back to/ });
  await expect(back).toBeFocused();
  await expect(crumbs.getByRole('listitem')).toHaveCount(3);
  await expect(crumbs.locator('[aria-current="page"]')).toHaveText('Your password expires today.eml');
  // The innermost body is in the same sandboxed frame as any message.
  await expect(messageFrame(page).locator('a')).toHaveText('https://login.example.com/');
  await page.locator('.reader__level:not([hidden])').getByRole('button', { name: 'Headers' }).click();
  const inspection = page.locator('.reader__level:not([hidden])').getByTestId('inspection');
  await expect(inspection).toContainText('collect@attacker.example');
  await inspection.getByRole('tab', { name: /Route/ }).click();
  await expect(inspection).toContainText('attacker.example');

  // Back, by keyboard: Enter on Back, then Alt+Left.
  await back.focus();
  await page.keyboard.press('Enter');
  await expect(subject(page)).toHaveText('FW: Your password expires today');
  await page.keyboard.press('Alt+ArrowLeft');
  await expect(crumbs).toBeHidden();
  await expect(subject(page)).toHaveText('Reported: FW: Your password expires today');

  // The MIME tree opens a .msg attached to the message, and the item embedded in that.
  const outer = page.locator('.reader__level:not([hidden])');
  // (The message details stay open from level to level, as from message to message.)
  await outer.getByRole('tab', { name: /MIME tree/ }).click();
  await outer.getByRole('treeitem').filter({ hasText: 'mailbox-full.msg' }).click();
  await outer.getByTestId('mime-view').click();
  await expect(subject(page)).toHaveText('FW: Your mailbox is full');
  await page.getByRole('button', { name: /^View Original_ your mailbox is full\.msg/ }).click();
  await expect(subject(page)).toHaveText('Original: your mailbox is full');
  await expect(page.locator('.reader__level:not([hidden])')).toContainText('helpdesk@example.com');
  await crumbs.getByRole('button', { name: 'Reported: FW: Your password expires today' }).click();
  await expect(subject(page)).toHaveText('Reported: FW: Your password expires today');
});

test('open a .msg from disk', async ({ page, harness, workDir }) => {
  await page.goto(harness.url);
  await openFixture(page, workDir, 'invoice.msg');
  await expect(subject(page)).toHaveText('Invoice 4471 overdue');
  const reader = page.getByTestId('reader');
  await expect(reader).toContainText('payroll@example.net');
  await expect(reader).toContainText('finance@example.org');
  await expect(reader.getByTestId('attachments')).toContainText('invoice-4471.pdf');
  // HTML body through the sanitiser: the link stays, the script is gone.
  await expect(messageFrame(page).locator('a')).toHaveText('pay now');
  await expect(messageFrame(page).locator('script', { hasText: 'alert' })).toHaveCount(0);
  // Transport headers feed the same panels as an .eml's.
  await reader.getByRole('button', { name: 'Headers' }).click();
  await reader.getByRole('tab', { name: /Authentication/ }).click();
  await expect(reader.getByTestId('inspection')).toContainText(/dmarc/i);

  // A malformed one is refused by name, and the app carries on.
  copyFileSync(join(OUTLOOK, 'malformed.msg'), join(workDir, 'malformed.msg'));
  const dialog = await openPath(page, join(workDir, 'malformed.msg'));
  await expect(dialog).toContainText('This Outlook item (.msg) is malformed');
});

test('TNEF contents listed and saved', async ({ page, harness, workDir }) => {
  await page.goto(harness.url);
  await openFixture(page, workDir, 'winmail.eml');
  await page.getByRole('button', { name: 'View winmail.dat here, as a message' }).click();
  await expect(subject(page)).toHaveText('Quarterly figures (rich text)');
  const level = page.locator('.reader__level:not([hidden])');
  await expect(level).toContainText('budget.csv and notes.txt');
  const attachments = level.getByTestId('attachments');
  await expect(attachments.getByRole('listitem')).toHaveCount(2);
  await expect(attachments).toContainText('budget.csv');
  await expect(attachments).toContainText('notes.txt');

  await attachments.getByRole('button', { name: 'Save budget.csv' }).click();
  const dialog = page.getByTestId('save-dialog');
  const target = join(workDir, 'budget.csv');
  await dialog.getByRole('textbox').fill(target);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('save-outcome')).toContainText('Saved budget.csv');
  expect(readFileSync(target, 'utf8')).toBe('quarter,amount\nQ1,100\nQ2,250\n');

  // Back at the outer message, its broken .msg attachment fails by name on its own level only.
  await page.getByRole('button', { name: 'Back to Quarterly figures' }).click();
  await expect(subject(page)).toHaveText('Quarterly figures');
  await page.getByRole('button', { name: 'View broken.msg here, as a message' }).click();
  await expect(page.getByTestId('reader-error').last()).toContainText(
    'This Outlook item (.msg) is malformed',
  );
  await page.getByRole('button', { name: 'Back to Quarterly figures' }).click();
  await expect(subject(page)).toHaveText('Quarterly figures');
});
