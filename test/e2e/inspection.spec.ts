import { copyFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { simpleParser } from 'mailparser';
import { expect, test } from './fixtures';
import { openPath } from './helpers';

/**
 * Deep inspection, by keyboard only: after page.goto nothing but page.keyboard touches the page.
 * Sample mailbox → Invoices → the newest invoice → headers → MIME tree → save the PDF part → save
 * the message as .eml; the saved files are compared with references computed here, independently
 * (mailparser for the part, the Maildir file itself for the message).
 */

const SAMPLE = join(process.cwd(), 'resources', 'sample-mailbox');
const INVOICE_FILE = join(SAMPLE, '.Invoices', 'new', '1794207602.M42P1000.sample,S=6946');

/** The accessible name of whatever has focus (aria-label, then text), and its role. */
async function focused(page: Page): Promise<{ name: string; role: string; part: string | null }> {
  return page.evaluate(() => {
    const active = document.activeElement;
    const element = active instanceof HTMLElement && active !== document.body ? active : null;
    return {
      name: (element?.getAttribute('aria-label') ?? element?.textContent ?? '').trim(),
      role: element?.getAttribute('role') ?? element?.tagName.toLowerCase() ?? '',
      part: element?.getAttribute('data-part-path') ?? null,
    };
  });
}

/** Presses `key` until the focused element matches, at most `limit` times. */
async function pressUntil(
  page: Page,
  key: string,
  matches: (target: { name: string; role: string; part: string | null }) => boolean,
  limit = 40,
) {
  for (let step = 0; step < limit; step++) {
    if (matches(await focused(page))) return;
    await page.keyboard.press(key);
  }
  const last = await focused(page);
  throw new Error(`pressing ${key} ${limit} times never reached the target (last: ${JSON.stringify(last)})`);
}

async function typePath(page: Page, path: string) {
  await page.keyboard.press('ControlOrMeta+A');
  // One input of the whole path, as a paste is: a key event per character took seconds on a busy
  // machine and pushed this long keyboard-only walk past its time limit.
  await page.keyboard.insertText(path);
}

test('keyboard only: sample mailbox → folder → message → headers → MIME tree → save part → save .eml', async ({
  page,
  harness,
  workDir,
}) => {
  await page.goto(harness.url);
  await expect(page.getByTestId('welcome')).toBeVisible();

  await pressUntil(
    page,
    'Tab',
    (target) => target.role === 'button' && /^open sample mailbox/i.test(target.name),
  );
  await page.keyboard.press('Enter');
  const tree = page.getByTestId('folder-tree');
  await expect(tree.getByRole('treeitem', { name: /inbox/i })).toBeVisible();

  // F6 cycles the panes; in the folder tree, arrows move and Enter opens a folder.
  await pressUntil(page, 'F6', (target) => target.role === 'treeitem');
  await pressUntil(
    page,
    'ArrowDown',
    (target) => target.role === 'treeitem' && /^invoices(\d|\s|$)/i.test(target.name),
  );
  await page.keyboard.press('Enter');
  await expect(tree.getByRole('treeitem', { name: /^invoices/i, selected: true })).toBeVisible();

  await pressUntil(page, 'F6', (target) => target.role === 'listbox');
  await page.keyboard.press('Home');
  await page.keyboard.press('Enter');
  const reader = page.getByTestId('reader');
  await expect(reader.getByRole('heading', { level: 2 })).toHaveText(
    'Invoice INV-2026-0163 from Fabrikam, Inc.',
  );

  // Headers: every header of the message.
  await pressUntil(page, 'Tab', (target) => target.name === 'Headers' && target.role === 'button');
  await page.keyboard.press('Enter');
  const inspection = page.getByTestId('inspection');
  await expect(inspection.getByTestId('headers-table')).toContainText('Message-ID');

  // The MIME tree tab (arrows move between tabs), then into the tree.
  await pressUntil(page, 'Tab', (target) => target.role === 'tab');
  // End is the last tab (Triage); the MIME tree is the one before it.
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowLeft');
  await expect(inspection.getByRole('tab', { name: /MIME tree/, selected: true })).toBeFocused();
  await page.keyboard.press('Tab');
  await pressUntil(page, 'ArrowDown', (target) => target.role === 'treeitem' && target.part === '2');
  await expect(inspection.getByRole('treeitem', { selected: true })).toContainText('application/pdf');
  await expect(inspection.getByRole('region', { name: /details of part 2/i })).toContainText('base64');

  // Save part: the harness asks for a path, filled in with Downloads and the part's safe name.
  await page.keyboard.press('Tab');
  expect((await focused(page)).name).toBe('Save part…');
  await page.keyboard.press('Enter');
  const dialog = page.getByTestId('save-dialog');
  await expect(dialog.getByRole('textbox')).toHaveValue(/INV-2026-0163\.pdf$/);
  await expect(dialog.getByRole('textbox')).toBeFocused();
  const partPath = join(workDir, 'INV-2026-0163.pdf');
  await typePath(page, partPath);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('save-outcome')).toContainText('Saved INV-2026-0163.pdf');
  await expect(dialog).toBeHidden();

  const raw = readFileSync(INVOICE_FILE);
  const reference = (await simpleParser(raw)).attachments.find((a) => a.filename === 'INV-2026-0163.pdf');
  expect(reference).toBeDefined();
  expect(readFileSync(partPath).equals(reference?.content ?? Buffer.alloc(0))).toBe(true);

  // Save as .eml, reached backwards from where the dialog left the focus.
  await pressUntil(page, 'Shift+Tab', (target) => target.name === 'Save as .eml');
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('textbox')).toHaveValue(/Invoice INV-2026-0163 from Fabrikam, Inc\.eml$/);
  const emlPath = join(workDir, 'invoice.eml');
  await typePath(page, emlPath);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('save-outcome')).toContainText('Saved invoice.eml');
  expect(readFileSync(emlPath).equals(raw)).toBe(true);

  // Saving to the same place again asks first; Keep both saves a numbered copy.
  await pressUntil(page, 'Shift+Tab', (target) => target.name === 'Save as .eml');
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('textbox')).toBeFocused();
  await typePath(page, emlPath);
  await page.keyboard.press('Enter');
  await expect(dialog.getByTestId('save-exists')).toContainText('invoice.eml already exists');
  await pressUntil(page, 'Tab', (target) => target.name === 'Keep both');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('save-outcome')).toContainText('Saved invoice (1).eml');
  expect(readdirSync(workDir).sort()).toEqual(['INV-2026-0163.pdf', 'invoice (1).eml', 'invoice.eml']);
});

test('Save all: hostile attachment names land safely inside the chosen folder', async ({
  page,
  harness,
  workDir,
}) => {
  const source = join(process.cwd(), 'test', 'fixtures', 'attachments', 'hostile-names.eml');
  const messageDir = join(workDir, 'mail');
  const folder = join(workDir, 'chosen');
  mkdirSync(messageDir);
  mkdirSync(folder);
  copyFileSync(source, join(messageDir, 'hostile.eml'));
  await page.goto(harness.url);
  await openPath(page, join(messageDir, 'hostile.eml'));
  await page.getByTestId('message-list').getByRole('option').first().click();

  const attachments = page.getByTestId('attachments');
  // The right-to-left override is gone: the name shows the extension it really has.
  await expect(attachments).toContainText('invoicegpj.exe');
  await expect(attachments).not.toContainText('\u202E');
  await expect(attachments.getByText('Can run programs')).toHaveCount(1);

  await attachments.getByRole('button', { name: 'Save all…' }).click();
  const dialog = page.getByTestId('save-dialog');
  await dialog.getByRole('textbox').fill(folder);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('save-outcome')).toContainText(`Saved 7 files to ${folder}`);

  expect(readdirSync(folder).sort()).toEqual(
    [
      'passwd',
      'invoicegpj.exe',
      '_CON',
      '_NUL.txt',
      `${'a'.repeat(196)}.pdf`,
      'c_d_e_f_g_h_i_j.txt',
      'passwd (1)',
    ].sort(),
  );
  // Nothing escaped the chosen folder.
  expect(readdirSync(workDir).sort()).toEqual(['chosen', 'mail']);
  expect(readdirSync(messageDir)).toEqual(['hostile.eml']);
  const parsed = await simpleParser(readFileSync(source));
  const pdf = parsed.attachments.find((attachment) => attachment.filename === '../../etc/passwd');
  expect(readFileSync(join(folder, 'passwd')).equals(pdf?.content ?? Buffer.alloc(0))).toBe(true);

  // Opening the executable: the harness cannot hand files to the OS, and says so.
  await attachments.getByRole('button', { name: /^Open invoicegpj\.exe/ }).click();
  await expect(page.getByTestId('attachment-open-error')).toContainText('only in the desktop app');
});

test('Copy Message-ID puts the id on the clipboard; the route and verdicts show for a spam relay', async ({
  page,
  context,
  harness,
  workDir,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const path = join(workDir, 'spam.eml');
  copyFileSync(join(process.cwd(), 'test', 'fixtures', 'headers', 'spam-relay.eml'), path);
  await page.goto(harness.url);
  await openPath(page, path);
  await page.getByTestId('message-list').getByRole('option').first().click();

  await page.getByRole('button', { name: 'Copy Message-ID' }).click();
  await expect(page.getByRole('button', { name: 'Copy Message-ID' })).toHaveText('Copied');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('<1789960195.28141@win-pc>');

  await page.getByRole('button', { name: 'Headers', exact: true }).click();
  const inspection = page.getByTestId('inspection');
  await inspection.getByRole('tab', { name: /Route/ }).click();
  const rows = inspection.getByTestId('route-table').getByRole('row');
  await expect(rows).toHaveCount(7);
  await expect(rows.nth(5)).toContainText('−2 min 31 s');
  await expect(rows.nth(1)).toContainText('No date');

  await inspection.getByRole('tab', { name: /Authentication/ }).click();
  const verdicts = inspection.getByRole('list', { name: 'Authentication verdicts' });
  await expect(verdicts).toContainText('SPFsoftfail');
  await expect(verdicts).toContainText('DMARCfail');
  await expect(inspection.getByRole('region', { name: /from mx\.paypal\.com/ })).toContainText(
    'came with the message',
  );
});

test('find in source: count, Enter and Shift+Enter step through matches, Escape clears', async ({
  page,
  harness,
  workDir,
}) => {
  const path = join(workDir, 'spam.eml');
  copyFileSync(join(process.cwd(), 'test', 'fixtures', 'headers', 'spam-relay.eml'), path);
  await page.goto(harness.url);
  await openPath(page, path);
  await page.getByTestId('message-list').getByRole('option').first().click();
  await page.getByRole('button', { name: 'Source', exact: true }).click();

  const find = page.getByTestId('source-find');
  const count = page.getByTestId('source-find-count');
  await find.fill('received:');
  // Six Received headers (and no Received-SPF, which has no colon right after "Received").
  await expect(count).toHaveText('1 of 6');
  await find.press('Enter');
  await expect(count).toHaveText('2 of 6');
  await find.press('Shift+Enter');
  await find.press('Shift+Enter');
  await expect(count).toHaveText('6 of 6');
  await expect(page.getByTestId('raw-source').locator('mark')).toHaveCount(6);
  await expect(page.getByTestId('raw-source').locator('mark.is-current')).toBeInViewport();
  await find.fill('no such text');
  await expect(count).toHaveText('No matches');
  await find.press('Escape');
  await expect(find).toHaveValue('');
  await expect(page.getByTestId('raw-source').locator('mark')).toHaveCount(0);
});
