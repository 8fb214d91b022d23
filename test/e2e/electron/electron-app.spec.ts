import { _electron as electron, expect, test } from '@playwright/test';
import { displayAvailable, electronBinary } from '../../../scripts/electron-binary.mjs';

/**
 * The real Electron app. It needs Electron's binary (and a display on Linux); where there is none,
 * as on our build machines, it skips and says why. Everything else runs in the browser harness.
 */
const binary = electronBinary();
const why = !binary.path ? binary.reason : !displayAvailable() ? 'no display ($DISPLAY is unset)' : null;

test.skip(why !== null, `Electron cannot run here: ${why}`);

test('the Electron app opens on the welcome screen with a locked-down window', async () => {
  const app = await electron.launch({ args: ['.'] });
  try {
    const page = await app.firstWindow();
    await expect(page.getByTestId('welcome')).toBeVisible();
    const url = await app.evaluate(({ BrowserWindow }) =>
      BrowserWindow.getAllWindows()[0]!.webContents.getURL(),
    );
    expect(url).toMatch(/renderer\/index\.html$/);
    // Sandboxed and context-isolated: the page sees neither Node nor Electron, only the bridge.
    const globals = await page.evaluate(() => ({
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
      bridge: Object.keys(window.mailscope ?? {}),
    }));
    expect(globals).toEqual({ require: 'undefined', process: 'undefined', bridge: ['invoke'] });
    await page.getByRole('button', { name: /open sample mailbox/i }).click();
    await expect(page.getByTestId('folder-tree').getByRole('treeitem', { name: /inbox/i })).toBeVisible();
  } finally {
    await app.close();
  }
});
