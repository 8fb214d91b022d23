import type { Page } from '@playwright/test';
import { expect } from './fixtures';

/** Opens a path through the welcome screen's (or sidebar's) "Open file or folder…" dialog. */
export async function openPath(page: Page, path: string) {
  const welcome = page.getByTestId('welcome');
  if (await welcome.isVisible()) {
    await welcome.getByRole('button', { name: /open file or folder/i }).click();
  } else {
    await page
      .getByRole('button', { name: /open file or folder|^\+? ?open…?$/i })
      .first()
      .click();
  }
  const dialog = page.getByTestId('open-dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByRole('textbox').fill(path);
  await dialog.getByRole('button', { name: /^open$/i }).click();
  return dialog;
}

/** The sandboxed frame that shows the open message's body. */
export function messageFrame(page: Page) {
  return page.frameLocator('[data-testid="reader-frame"]');
}

/**
 * Waits until the message frame has finished loading: its load event fires only after every image
 * and stylesheet it asked for has loaded or failed, so any request it made has reached its server.
 */
export async function frameLoaded(page: Page) {
  const handle = await page.getByTestId('reader-frame').elementHandle();
  const frame = await handle?.contentFrame();
  if (!frame) throw new Error('the message frame is not there');
  await frame.waitForLoadState('load');
  await expect.poll(() => frame.evaluate(() => document.readyState)).toBe('complete');
  return frame;
}
