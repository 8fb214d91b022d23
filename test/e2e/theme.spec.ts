import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, message, test } from './fixtures';
import { frameLoaded, openPath } from './helpers';

/**
 * Light, dark and follow-system: the system's choice is followed live; a chosen theme holds
 * whatever the system does; message bodies keep their colours unless dark adaptation is on; focus
 * is visible and axe finds nothing serious on the screens this covers, in both themes.
 */

const background = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
const LIGHT_BG = 'rgb(255, 255, 255)';
const DARK_BG = 'rgb(29, 30, 33)';

async function openSample(page: Page) {
  await page.getByRole('button', { name: /open sample mailbox/i }).click();
  await expect(page.getByRole('listbox').getByRole('option').first()).toBeVisible();
}

async function chooseTheme(page: Page, name: 'Follow the system' | 'Light' | 'Dark') {
  await page.keyboard.press('Control+,');
  const dialog = page.getByTestId('settings-dialog');
  await dialog.getByRole('radio', { name }).check();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
}

test('follows the system theme live, and a chosen theme holds whatever the system does', async ({
  page,
  harness,
}) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(harness.url);
  await openSample(page);
  expect(await background(page)).toBe(LIGHT_BG);
  // No reload: the OS switching to dark switches the app.
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect.poll(() => background(page)).toBe(DARK_BG);
  await page.emulateMedia({ colorScheme: 'light' });
  await expect.poll(() => background(page)).toBe(LIGHT_BG);

  await chooseTheme(page, 'Dark');
  expect(await background(page)).toBe(DARK_BG);
  await page.emulateMedia({ colorScheme: 'light' });
  expect(await background(page)).toBe(DARK_BG);
  // Native controls (scrollbars, the search box) follow the app's theme, not the system's.
  expect(await page.evaluate(() => getComputedStyle(document.documentElement).colorScheme)).toBe('dark');

  await page.reload();
  await openSample(page);
  expect(await background(page)).toBe(DARK_BG);

  await chooseTheme(page, 'Light');
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await background(page)).toBe(LIGHT_BG);

  await chooseTheme(page, 'Follow the system');
  await expect.poll(() => background(page)).toBe(DARK_BG);
});

test('message bodies keep their own colours; dark adaptation darkens them in the dark theme only', async ({
  page,
  harness,
  workDir,
}) => {
  const path = join(workDir, 'newsletter.eml');
  writeFileSync(
    path,
    message({
      subject: 'Newsletter',
      html: '<body style="background:#ffffff;color:#111111"><p>Hello</p><img alt="logo" src="data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///ywAAAAAAQABAAACAUwAOw=="></body>',
    }),
  );
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(harness.url);
  await openPath(page, path);
  let frame = await frameLoaded(page);
  const bodyColour = () => frame.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const rootFilter = () => frame.evaluate(() => getComputedStyle(document.documentElement).filter);
  // Dark app, the sender's white page as sent.
  expect(await bodyColour()).toBe('rgb(255, 255, 255)');
  expect(await rootFilter()).toBe('none');

  await page.keyboard.press('Control+,');
  await page.getByTestId('setting-dark-messages').check();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('reader-frame')).toHaveAttribute('data-dark-adapted', 'true');
  frame = await frameLoaded(page);
  expect(await rootFilter()).toContain('invert');
  // Pictures are turned back, so they keep their own colours.
  expect(
    await frame.evaluate(() => getComputedStyle(document.querySelector('img') as Element).filter),
  ).toContain('invert(1)');

  // In the light theme the setting has nothing to do.
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(page.getByTestId('reader-frame')).not.toHaveAttribute('data-dark-adapted', 'true');
  frame = await frameLoaded(page);
  expect(await rootFilter()).toBe('none');
});

for (const scheme of ['light', 'dark'] as const) {
  test(`${scheme}: focus is visible, and axe finds nothing serious in the list, its menu and the dialogs`, async ({
    page,
    harness,
  }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(harness.url);
    await openSample(page);
    const axe = async (what: string) => {
      const results = await new AxeBuilder({ page }).analyze();
      const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(
        bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
        `${what} (${scheme})`,
      ).toEqual([]);
    };

    // Keyboard focus shows: the list's ring, the menu button's outline.
    await page.keyboard.press('j');
    const ring = await page.locator('.message-list__scroll').evaluate((el) => getComputedStyle(el).boxShadow);
    expect(ring).toMatch(/inset/);
    await axe('message list');

    const sort = page.getByTestId('sort-menu');
    await sort.focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Shift+Tab');
    await expect(sort).toBeFocused();
    expect(await sort.evaluate((el) => getComputedStyle(el).outlineStyle)).toBe('solid');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('menu')).toBeVisible();
    const item = page.getByRole('menuitemradio', { name: 'Date' });
    await expect(item).toBeFocused();
    expect(await item.evaluate((el) => getComputedStyle(el).outlineStyle)).toBe('solid');
    await axe('sort menu');
    await page.keyboard.press('Escape');

    await page.keyboard.press('Control+,');
    await expect(page.getByTestId('settings-dialog')).toBeVisible();
    await axe('view settings');
    await page.keyboard.press('Escape');

    await page.keyboard.press('?');
    await expect(page.getByTestId('shortcuts-dialog')).toBeVisible();
    await axe('shortcuts');
  });
}
