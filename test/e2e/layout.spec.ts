import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/**
 * The window's layout: panes resized with the mouse and the keyboard and remembered, list density,
 * and what happens at 125–200 % zoom and with a larger font (nothing clipped, nothing overlapping).
 */

async function openSample(page: Page) {
  await page.getByRole('button', { name: /open sample mailbox/i }).click();
  await expect(page.getByRole('listbox').getByRole('option').first()).toBeVisible();
}

const listSplitter = (page: Page) => page.getByRole('separator', { name: 'Resize message list' });
const folderSplitter = (page: Page) => page.getByRole('separator', { name: 'Resize folder pane' });
const valueOf = async (page: Page, name: 'list' | 'folder') =>
  Number(await (name === 'list' ? listSplitter(page) : folderSplitter(page)).getAttribute('aria-valuenow'));

test('panes resize by mouse and keyboard, and the sizes survive a restart', async ({ page, harness }) => {
  await page.goto(harness.url);
  await openSample(page);
  const list = page.locator('#pane-list');
  const before = await valueOf(page, 'list');
  expect((await list.boundingBox())?.width).toBeCloseTo(before, 0);

  // Drag the list's right edge 120 px to the right.
  const handle = await listSplitter(page).boundingBox();
  if (!handle) throw new Error('no splitter');
  await page.mouse.move(handle.x + handle.width / 2, handle.y + 200);
  await page.mouse.down();
  await page.mouse.move(handle.x + 60, handle.y + 220, { steps: 4 });
  await page.mouse.move(handle.x + 120, handle.y + 240, { steps: 4 });
  await page.mouse.up();
  await expect.poll(() => valueOf(page, 'list')).toBe(before + 120);
  expect((await list.boundingBox())?.width).toBeCloseTo(before + 120, 0);

  // Keyboard: arrows step 16 px, Shift+arrows 64, Home/End go to the limits the window allows.
  await folderSplitter(page).focus();
  const folder = await valueOf(page, 'folder');
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => valueOf(page, 'folder')).toBe(folder + 16);
  await page.keyboard.press('Shift+ArrowLeft');
  await expect.poll(() => valueOf(page, 'folder')).toBe(folder - 48);
  await page.keyboard.press('Home');
  await expect(folderSplitter(page)).toHaveAttribute(
    'aria-valuenow',
    (await folderSplitter(page).getAttribute('aria-valuemin')) ?? '',
  );
  await page.keyboard.press('End');
  await expect(folderSplitter(page)).toHaveAttribute(
    'aria-valuenow',
    (await folderSplitter(page).getAttribute('aria-valuemax')) ?? '',
  );
  await page.keyboard.press('Shift+ArrowLeft');
  const folderAfter = await valueOf(page, 'folder');
  const listAfter = await valueOf(page, 'list');

  // A new session of the app (same origin): both sizes are back.
  await page.reload();
  await openSample(page);
  expect(await valueOf(page, 'folder')).toBe(folderAfter);
  expect(await valueOf(page, 'list')).toBe(listAfter);
  expect((await page.locator('#pane-sidebar').boundingBox())?.width).toBeCloseTo(folderAfter, 0);

  // View settings can put them back.
  await page.keyboard.press('Control+,');
  await page.getByTestId('settings-dialog').getByRole('button', { name: 'Reset pane sizes' }).click();
  await page.keyboard.press('Escape');
  await expect.poll(() => valueOf(page, 'list')).toBe(before);
});

test('compact and comfortable density, remembered', async ({ page, harness }) => {
  await page.goto(harness.url);
  await openSample(page);
  const listbox = page.getByRole('listbox');
  const firstRow = listbox.getByRole('option').first();
  const comfortable = (await firstRow.boundingBox())?.height ?? 0;
  await expect(listbox).toHaveAttribute('data-density', 'comfortable');

  await page.keyboard.press('Control+,');
  const dialog = page.getByTestId('settings-dialog');
  await dialog.getByRole('radio', { name: /Compact/ }).check();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(listbox).toHaveAttribute('data-density', 'compact');
  const compact = (await firstRow.boundingBox())?.height ?? 0;
  expect(compact).toBeLessThan(comfortable * 0.7);
  // One line: sender, subject and date side by side.
  const from = await firstRow.locator('.message-row__from').boundingBox();
  const subject = await firstRow.locator('.message-row__subject').boundingBox();
  expect(Math.abs((from?.y ?? 0) - (subject?.y ?? 100))).toBeLessThan(4);
  // More of the folder fits.
  expect(await listbox.getByRole('option').count()).toBeGreaterThan(20);

  await page.reload();
  await openSample(page);
  await expect(page.getByRole('listbox')).toHaveAttribute('data-density', 'compact');
});

/** Nothing wider than its box: a clipped toolbar or a header pushed out of view shows up here. */
async function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    if (document.documentElement.scrollWidth > window.innerWidth + 1) found.push('page scrolls sideways');
    for (const selector of [
      '.pane-header',
      '.list-toolbar',
      '.message-list__search',
      '.message-toolbar',
      '.message-header',
      '.sidebar__brand',
      '.sidebar__actions',
      '.status-bar',
    ]) {
      for (const el of document.querySelectorAll<HTMLElement>(selector)) {
        if (el.offsetParent === null) continue;
        if (el.scrollWidth > el.clientWidth + 1) found.push(`${selector} overflows`);
      }
    }
    return found;
  });
}

for (const zoom of [1.25, 1.5, 2]) {
  test(`readable at ${zoom * 100} % zoom: nothing clipped, and the folders are a keystroke away`, async ({
    browser,
    harness,
  }) => {
    // Page zoom is a smaller window in CSS pixels drawn at a higher device scale; so is this.
    const context = await browser.newContext({
      viewport: { width: Math.round(1400 / zoom), height: Math.round(900 / zoom) },
      deviceScaleFactor: zoom,
    });
    const page = await context.newPage();
    await page.goto(harness.url);
    await openSample(page);
    await page.getByRole('listbox').getByRole('option').nth(2).click();
    await expect(page.getByTestId('reader').getByRole('heading', { level: 2 })).not.toBeEmpty();
    expect(await overflowing(page)).toEqual([]);

    // 1400 px at 125 and 150 % still fits three panes (933 CSS px); at 200 % (700) it does not.
    const narrow = zoom >= 2;
    const toggle = page.getByTestId('drawer-toggle');
    if (!narrow) {
      await expect(toggle).toHaveCount(0);
      await expect(page.getByRole('tree')).toBeVisible();
    } else {
      // The folder pane left the row: the list and the reader share the width.
      await expect(page.getByRole('tree')).toBeHidden();
      await expect(toggle).toHaveAttribute('aria-expanded', 'false');
      await toggle.focus();
      await page.keyboard.press('Enter');
      const tree = page.getByRole('tree');
      await expect(tree).toBeVisible();
      await expect(tree.getByRole('treeitem', { name: /Inbox/ })).toBeFocused();
      expect(await overflowing(page)).toEqual([]);
      // Choosing a folder closes the drawer; Escape does too, giving the keyboard back to the toggle.
      await page.keyboard.press('ArrowDown');
      await expect(tree).toBeHidden();
      await expect(page.getByTestId('message-list').getByRole('heading', { level: 2 })).toHaveText(
        'Sent Items',
      );
      await toggle.click();
      await expect(tree).toBeVisible();
      await page.keyboard.press('Escape');
      await expect(tree).toBeHidden();
      await expect(toggle).toBeFocused();
    }
    await context.close();
  });
}

test('a larger default font (the OS or browser setting) grows the rows instead of clipping them', async ({
  page,
  harness,
}) => {
  await page.goto(harness.url);
  await openSample(page);
  const row = page.getByRole('listbox').getByRole('option').first();
  const before = (await row.boundingBox())?.height ?? 0;
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Page.setFontSizes', { fontSizes: { standard: 24, fixed: 20 } });
  await expect.poll(async () => (await row.boundingBox())?.height ?? 0).toBeGreaterThan(before * 1.4);
  // Every line of a row still fits inside it.
  const clipped = await row.evaluate((el) => el.scrollHeight > el.clientHeight + 1);
  expect(clipped).toBe(false);
  expect(await overflowing(page)).toEqual([]);
});
