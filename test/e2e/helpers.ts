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
