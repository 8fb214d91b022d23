import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, message, test } from './fixtures';

/**
 * Mail from outside the window: a path the OS or the menu hands over (the `open.path` event that
 * File → Open…, a double-clicked .eml and `npm start -- file.eml` produce), and files dragged onto
 * the window. The desktop app's preload tells where a dropped file lives; here a stand-in bridge
 * with the same shape (invoke over the harness socket, pathForFile) plays the preload, so the
 * renderer runs exactly the code it runs in Electron.
 */

function writeEml(dir: string, name: string, subject: string): string {
  const path = join(dir, name);
  writeFileSync(path, message({ subject, text: `Body of ${subject}.` }));
  return path;
}

/** Drags files over the window and drops them, as the OS does. */
async function dropFiles(page: Page, files: { name: string; text: string }[]) {
  const transfer = await page.evaluateHandle((list) => {
    const data = new DataTransfer();
    for (const file of list) data.items.add(new File([file.text], file.name, { type: 'message/rfc822' }));
    return data;
  }, files);
  await page.dispatchEvent('body', 'dragenter', { dataTransfer: transfer });
  await page.dispatchEvent('body', 'dragover', { dataTransfer: transfer });
  await expect(page.getByTestId('drop-overlay')).toBeVisible();
  await page.dispatchEvent('body', 'drop', { dataTransfer: transfer });
  await expect(page.getByTestId('drop-overlay')).toBeHidden();
}

const readerSubject = (page: Page) => page.getByTestId('reader').getByRole('heading', { level: 2 });

test('a path handed over by the OS or the menu opens, and a bad one is explained in the Open dialog', async ({
  page,
  harness,
  workDir,
}) => {
  await page.goto(harness.url);
  await expect(page.getByTestId('welcome')).toBeVisible();
  const path = writeEml(workDir, 'handed-over.eml', 'Handed over by the OS');
  harness.events.publish({ type: 'open.path', path });
  await expect(readerSubject(page)).toHaveText('Handed over by the OS');

  const missing = join(workDir, 'gone.eml');
  harness.events.publish({ type: 'open.path', path: missing });
  const dialog = page.getByTestId('open-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('textbox')).toHaveValue(missing);
  await expect(dialog).toContainText(`Nothing exists at ${missing}`);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // A reload goes on from where the page was: what the OS asked for is not opened a second time.
  await page.reload();
  await expect(page.getByTestId('welcome')).toBeVisible();
  await page.waitForTimeout(1500);
  await expect(page.getByTestId('open-dialog')).toHaveCount(0);
  await expect(page.getByTestId('welcome')).toBeVisible();
});

test('in the browser harness a dropped file cannot be located: the page says so and what to do', async ({
  page,
  harness,
}) => {
  await page.goto(harness.url);
  await expect(page.getByTestId('welcome')).toBeVisible();
  await dropFiles(page, [{ name: 'alert.eml', text: message({ subject: 'Dropped' }) }]);
  const refused = page.getByTestId('drop-refused');
  await expect(refused).toContainText('cannot see where “alert.eml” is stored');
  await expect(refused).toContainText('Use Open… and type its path');
  await expect(page.getByTestId('open-dialog')).toHaveCount(0);
});

test('with the desktop preload, dropped .eml files open one after another', async ({
  page,
  harness,
  workDir,
}) => {
  const first = writeEml(workDir, 'first.eml', 'First dropped');
  const second = writeEml(workDir, 'second.eml', 'Second dropped');
  await page.addInitScript(
    (paths: Record<string, string>) => {
      const token = new URLSearchParams(location.hash.slice(1)).get('token') ?? '';
      let socket: Promise<WebSocket> | null = null;
      let next = 0;
      const pending = new Map<number, (result: unknown) => void>();
      const connect = () =>
        (socket ??= new Promise((resolve) => {
          const ws = new WebSocket(`ws://${location.host}/api?token=${encodeURIComponent(token)}`);
          ws.onopen = () => resolve(ws);
          ws.onmessage = (event) => {
            const frame = JSON.parse(String(event.data)) as { id: number; result: unknown };
            pending.get(frame.id)?.(frame.result);
            pending.delete(frame.id);
          };
        }));
      Object.defineProperty(window, 'mailscope', {
        value: {
          async invoke(method: string, payload: unknown) {
            const ws = await connect();
            const id = ++next;
            return new Promise((resolve) => {
              pending.set(id, resolve);
              ws.send(JSON.stringify({ id, method, payload }));
            });
          },
          pathForFile: (file: unknown) => (file instanceof File ? (paths[file.name] ?? null) : null),
        },
      });
    },
    { 'first.eml': first, 'second.eml': second },
  );
  await page.goto(harness.url);
  await expect(page.getByTestId('welcome')).toBeVisible();
  await dropFiles(page, [
    { name: 'first.eml', text: '' },
    { name: 'second.eml', text: '' },
  ]);
  const sidebar = page.getByTestId('folder-tree');
  await expect(sidebar).toContainText('first.eml');
  await expect(sidebar).toContainText('second.eml');
  await expect(page.getByTestId('open-dialog')).toHaveCount(0);
});
