import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, message, test } from './fixtures';
import { openPath } from './helpers';

/** The message list's order and preview line, on the sample mailbox (a local source offers both). */

async function openSample(page: Page) {
  await page.getByRole('button', { name: /open sample mailbox/i }).click();
  await expect(rows(page).first()).toBeVisible();
}

const rows = (page: Page) => page.getByRole('listbox').getByRole('option');

async function texts(list: Locator, selector: string, count: number): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push((await list.nth(i).locator(selector).textContent()) ?? '');
  return out;
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
const subjectKey = (subject: string) =>
  subject
    .replace(/^(?:\s*(?:re|fwd?|aw|wg|sv)\s*:\s*)+/i, '')
    .replace(/^Draft /, '')
    .trim();
const bytes = (size: string) => {
  const match = /([\d.]+)\s*(B|KB|MB)/.exec(size);
  if (!match) throw new Error(`not a size: ${size}`);
  return Number(match[1]) * { B: 1, KB: 1024, MB: 1024 ** 2 }[match[2] as 'B' | 'KB' | 'MB'];
};

test('sort by subject, sender and size with the mouse and the keyboard; the order is remembered', async ({
  page,
  harness,
}) => {
  await page.goto(harness.url);
  await openSample(page);
  const menuButton = page.getByTestId('sort-menu');
  await expect(menuButton).toHaveAccessibleName('Sort: Date, newest first');

  // Mouse: Subject, A to Z.
  await menuButton.click();
  const menu = page.getByRole('menu');
  await expect(menu.getByRole('menuitemradio', { name: 'Date' })).toHaveAttribute('aria-checked', 'true');
  await menu.getByRole('menuitemradio', { name: 'Subject' }).click();
  await expect(menu).toBeHidden();
  await expect(menuButton).toHaveAccessibleName('Sort: Subject, a to z');
  await expect(page.getByRole('listbox')).toHaveAccessibleName(/sorted by subject, a to z/);
  await expect
    .poll(async () => {
      const subjects = (await texts(rows(page), '.message-row__subject', 10)).map(subjectKey);
      return subjects.every((s, i) => i === 0 || collator.compare(subjects[i - 1] ?? '', s) <= 0);
    })
    .toBe(true);

  // Keyboard (APG menu button): Enter opens on the checked item, arrows move, Enter chooses.
  await menuButton.focus();
  await page.keyboard.press('Enter');
  await expect(menu.getByRole('menuitemradio', { name: 'Subject' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('menuitemradio', { name: 'Size' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(menuButton).toBeFocused();
  await expect(menuButton).toHaveAccessibleName('Sort: Size, largest first');
  await expect
    .poll(async () => {
      const sizes = (await texts(rows(page), '.message-row__size', 12)).map(bytes);
      return sizes.every((s, i) => i === 0 || (sizes[i - 1] ?? 0) >= s);
    })
    .toBe(true);

  // Reverse it: the Order group.
  await page.keyboard.press('ArrowDown');
  await page.getByRole('menuitemradio', { name: 'Smallest first' }).press('Enter');
  await expect(menuButton).toHaveAccessibleName('Sort: Size, smallest first');
  await expect
    .poll(async () => {
      const sizes = (await texts(rows(page), '.message-row__size', 12)).map(bytes);
      return sizes.every((s, i) => i === 0 || (sizes[i - 1] ?? 0) <= s);
    })
    .toBe(true);

  // Escape closes the menu without changing anything.
  await page.keyboard.press('Enter');
  await expect(menu).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  await expect(menuButton).toBeFocused();
  await expect(menuButton).toHaveAccessibleName('Sort: Size, smallest first');

  // Sender; the search keeps the order.
  await menuButton.click();
  await menu.getByRole('menuitemradio', { name: 'Sender' }).click();
  const search = page.getByTestId('message-search');
  await search.fill('invoice');
  await search.press('Enter');
  await expect(page.getByTestId('message-list')).toContainText(/\d+ results? for “invoice”/);
  await expect
    .poll(async () => {
      const count = Math.min(6, await rows(page).count());
      const senders = await texts(rows(page), '.message-row__from', count);
      return senders.every((s, i) => i === 0 || collator.compare(senders[i - 1] ?? '', s) <= 0);
    })
    .toBe(true);

  await page.reload();
  await openSample(page);
  await expect(page.getByTestId('sort-menu')).toHaveAccessibleName('Sort: Sender, a to z');
});

test('the preview line shows the start of each message, on comfortable and compact rows', async ({
  page,
  harness,
}) => {
  await page.goto(harness.url);
  await openSample(page);
  await expect(page.locator('.message-row__preview')).toHaveCount(0);
  const height = (await rows(page).first().boundingBox())?.height ?? 0;

  await page.getByTestId('open-settings').click();
  const dialog = page.getByTestId('settings-dialog');
  await dialog.getByTestId('setting-preview').check();
  await dialog.getByRole('button', { name: 'Close' }).click();
  const preview = rows(page).first().locator('.message-row__preview');
  await expect(preview).toBeVisible();
  await expect(preview).not.toBeEmpty();
  expect((await rows(page).first().boundingBox())?.height ?? 0).toBeGreaterThan(height);
  // The preview is body text, not the subject again.
  const subject = (await rows(page).first().locator('.message-row__subject').textContent()) ?? '';
  expect(await preview.textContent()).not.toBe(subject);

  await page.keyboard.press('Control+,');
  await dialog.getByRole('radio', { name: /Compact/ }).check();
  await page.keyboard.press('Escape');
  await expect(rows(page).first().locator('.message-row__preview--inline')).toContainText(/— \S/);
});

test('rows of a page still loading are placeholders until it arrives; an empty folder says what to do', async ({
  page,
  harness,
  workDir,
}) => {
  // 250 messages: three pages of 100, so jumping to the end needs a page the list has not got.
  const mbox = Array.from({ length: 250 }, (_, i) =>
    [
      `From sender@example.com Mon Jan  5 10:00:00 2026`,
      message({ subject: `Message ${i + 1}`, text: `Body ${i + 1}` }).replace(
        'Tue, 24 Nov 2026 09:30:00 +0000',
        new Date(Date.UTC(2026, 0, 1) + i * 60_000).toUTCString().replace('GMT', '+0000'),
      ),
    ].join('\n'),
  ).join('\n');
  const path = join(workDir, 'big.mbox');
  writeFileSync(path, mbox);

  // Hold back the answer for the last page until the test has seen its placeholders.
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.routeWebSocket(/.*/, (ws) => {
    const server = ws.connectToServer();
    const lastPage = new Set<unknown>();
    ws.onMessage((frame) => {
      const text = typeof frame === 'string' ? frame : frame.toString('utf8');
      const request = JSON.parse(text) as { id: unknown; method: string; payload: { offset?: number } };
      if (request.method === 'messages.list' && request.payload.offset === 200) lastPage.add(request.id);
      server.send(frame);
    });
    server.onMessage((frame) => {
      const text = typeof frame === 'string' ? frame : frame.toString('utf8');
      const id = (JSON.parse(text) as { id?: unknown }).id;
      if (lastPage.has(id)) void held.then(() => ws.send(frame));
      else ws.send(frame);
    });
  });
  await page.goto(harness.url);
  await openPath(page, path);
  const listbox = page.getByRole('listbox');
  await expect(listbox.getByRole('option').first()).toContainText('Message 250');
  await listbox.focus();
  await page.keyboard.press('End');
  const placeholder = page.locator('.message-row--placeholder').last();
  await expect(placeholder).toBeVisible();
  await expect(placeholder).toHaveAttribute('aria-busy', 'true');
  await expect(placeholder).toHaveAttribute('aria-setsize', '250');
  release();
  await expect(page.locator('.message-row--placeholder')).toHaveCount(0);
  await expect(listbox.locator('[aria-posinset="250"]')).toContainText('Message 1');
  await expect(listbox.locator('[aria-posinset="250"]')).toHaveAttribute('aria-selected', 'true');

  // An empty folder of a local mailbox: what it is, and where to go instead.
  const empty = join(workDir, 'Empty');
  for (const sub of ['cur', 'new', 'tmp']) mkdirSync(join(empty, sub), { recursive: true });
  await openPath(page, empty);
  await expect(page.getByTestId('folder-empty')).toContainText('This folder is empty');
  await expect(page.getByTestId('folder-empty')).toContainText('Choose another folder in the sidebar');
});
