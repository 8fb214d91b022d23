import { mkdirSync, openSync, closeSync, ftruncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, message, test } from './fixtures';
import { messageFrame, openPath } from './helpers';

/** Every bad input ends in a clear, specific error in the UI: never a crash or a blank screen. */

test.beforeEach(async ({ page, harness }) => {
  await page.goto(harness.url);
  await expect(page.getByTestId('welcome')).toBeVisible();
});

async function expectOpenError(page: Page, text: RegExp) {
  const error = page.getByTestId('open-error');
  await expect(error).toBeVisible();
  await expect(error).toHaveText(text);
  await expect(error).toHaveAttribute('role', 'alert');
}

test('a path that does not exist', async ({ page, workDir }) => {
  const path = join(workDir, 'nope', 'missing.eml');
  await openPath(page, path);
  await expectOpenError(page, /nothing exists at .*missing\.eml/i);
});

test('a folder that is not a Maildir', async ({ page, workDir }) => {
  const folder = join(workDir, 'Documents');
  mkdirSync(folder);
  writeFileSync(join(folder, 'notes.txt'), 'just notes\n');
  await openPath(page, folder);
  await expectOpenError(page, /not a maildir|not a mailbox/i);
  await expect(page.getByTestId('open-error')).toContainText(/cur/);
});

test('a truncated mbox opens its complete messages and says what is missing', async ({ page, workDir }) => {
  const one = message({ subject: 'First complete message', text: 'one' });
  const two = message({ subject: 'Second complete message', text: 'two' });
  const cut = message({ subject: 'Cut short', text: 'this body never ends' }).slice(0, 150);
  const mbox = [
    `From alerts@contoso.example Tue Nov 24 09:30:00 2026\n${one.replace(/\r\n/g, '\n')}`,
    `From alerts@contoso.example Tue Nov 24 09:31:00 2026\n${two.replace(/\r\n/g, '\n')}`,
    `From alerts@contoso.example Tue Nov 24 09:32:00 2026\n${cut.replace(/\r\n/g, '\n')}`,
  ].join('\n');
  const path = join(workDir, 'export.mbox');
  writeFileSync(path, mbox);
  await openPath(page, path);
  const notice = page.getByTestId('source-notice');
  await expect(notice).toBeVisible();
  await expect(notice).toContainText(/breaks off in message 3: 2 complete messages/i);
  await expect(page.getByTestId('message-list').getByRole('option')).toHaveCount(2);
});

test('a 0-byte .eml', async ({ page, workDir }) => {
  const path = join(workDir, 'empty.eml');
  writeFileSync(path, '');
  await openPath(page, path);
  await expectOpenError(page, /empty/i);
});

test('a binary file', async ({ page, workDir }) => {
  const path = join(workDir, 'message.eml');
  writeFileSync(
    path,
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0, 1, 2, 3, 0, 0]),
  );
  await openPath(page, path);
  await expectOpenError(page, /binary|outlook/i);
});

test('a 200 MB file asks before opening; Cancel keeps the path, Open anyway goes on', async ({
  page,
  workDir,
}) => {
  const path = join(workDir, 'huge.mbox');
  const fd = openSync(path, 'w');
  ftruncateSync(fd, 200 * 1024 * 1024);
  closeSync(fd);
  const dialog = await openPath(page, path);
  await expect(page.getByTestId('open-error')).toContainText(/huge\.mbox.* is 200 MB/);
  await dialog.getByRole('button', { name: /cancel/i }).click();
  await expect(page.getByTestId('open-error')).toBeHidden();
  await expect(dialog.getByRole('textbox')).toHaveValue(path);

  // Confirming goes on to read it, and this file (all zero bytes) is then named for what it is.
  await dialog.getByRole('button', { name: /^open$/i }).click();
  await dialog.getByRole('button', { name: /open anyway/i }).click();
  await expectOpenError(page, /binary/i);
});

test('an empty path is refused with a field message', async ({ page }) => {
  await page.getByRole('button', { name: /open file or folder/i }).click();
  const dialog = page.getByTestId('open-dialog');
  await dialog.getByRole('button', { name: /^open$/i }).click();
  await expect(dialog).toContainText(/enter the path/i);
});

test('a .eml with a NUL byte in its HTML body opens, and its source shows the NUL', async ({
  page,
  workDir,
}) => {
  const path = join(workDir, 'nul.eml');
  writeFileSync(path, message({ subject: 'Invoice overdue', html: '<p>Pay now\u0000 or lose access</p>' }));
  await openPath(page, path);
  await page.getByTestId('message-list').getByRole('option').first().click();
  const reader = page.getByTestId('reader');
  await expect(reader.getByRole('heading', { level: 2 })).toHaveText('Invoice overdue');
  await expect(messageFrame(page).locator('body')).toContainText('Pay now');
  await page.getByRole('button', { name: 'Source' }).click();
  await expect(page.getByTestId('raw-source')).toContainText('Pay now\u2400 or lose access');
});

test('a message nothing can take apart shows the named error, then its headers and source', async ({
  page,
  workDir,
}) => {
  const path = join(workDir, 'malformed.eml');
  // More parts than the MIME splitter takes apart (1,000): the parser refuses the whole message.
  const parts = Array.from(
    { length: 1200 },
    (_, i) => `--b\r\nContent-Type: text/plain\r\n\r\npart ${i}\r\n`,
  );
  writeFileSync(
    path,
    [
      'From: Alerts <alerts@contoso.example>',
      'Subject: Unparsable on purpose',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b"',
      '',
      ...parts,
      '--b--',
      '',
    ].join('\r\n'),
  );
  await openPath(page, path);
  await page.getByTestId('message-list').getByRole('option').first().click();
  const malformed = page.getByTestId('reader-malformed');
  await expect(malformed.getByTestId('reader-error')).toContainText(/malformed/i);
  const source = malformed.getByTestId('raw-source');
  await expect(source).toContainText('Subject: Unparsable on purpose');
  await expect(source).toContainText('part 1199');
});
