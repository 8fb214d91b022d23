import type { Locator, Page } from '@playwright/test';
import { type Bed, type Contoso, expect } from './fixtures';

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

/**
 * Fills the wizard's second step for the test bed: its tenant, the given app registration, the
 * bed's identity platform as a custom cloud, and its Dovecot (IMAPS or POP3S) under Advanced.
 * The step is left filled, not submitted.
 */
export async function fillBedServerStep(
  w: Locator,
  bed: Bed,
  tenantId: string,
  clientId: string,
  protocol: 'imap' | 'pop3' = 'imap',
) {
  await w.getByLabel('Tenant ID or domain').fill(tenantId);
  await w.getByLabel('Application (client) ID').fill(clientId);
  await w.getByLabel('Cloud').selectOption('custom');
  await w.getByLabel('Authority host').fill(bed.identity.host);
  await w.getByLabel('Exchange host').fill('outlook.office365.com');
  await w.getByRole('button', { name: /advanced/i }).click();
  const server = protocol === 'pop3' ? bed.pop3 : bed.imap;
  await w.getByLabel('Server host').fill(server.host);
  await w.getByLabel('Port', { exact: true }).fill(String(server.tlsPort));
}

/**
 * Adds a shared-mailbox profile for the test bed through the wizard (IMAPS or POP3S on the bed's
 * Dovecot, tokens from its fake identity platform) and waits for its page.
 */
export async function addBedProfile(
  page: Page,
  bed: Bed,
  contoso: Contoso,
  input: { name: string; secret: string; protocol?: 'imap' | 'pop3' },
) {
  const welcome = page.getByTestId('welcome');
  if (await welcome.isVisible()) await welcome.getByRole('button', { name: /add shared mailbox/i }).click();
  else
    await page
      .getByTestId('profile-list')
      .getByRole('button', { name: /add shared mailbox/i })
      .click();
  const w = page.getByTestId('profile-wizard');
  await w.getByLabel('Display name').fill(input.name);
  await w.getByLabel('Shared mailbox address').fill(contoso.invoices);
  if (input.protocol === 'pop3') await w.getByRole('radio', { name: /^POP3/ }).check();
  await w.getByRole('button', { name: 'Next' }).click();
  await fillBedServerStep(w, bed, contoso.tenantId, contoso.readerClientId, input.protocol);
  await w.getByRole('button', { name: 'Next' }).click();
  await w.getByLabel('Client secret Value').fill(input.secret);
  await w.getByRole('button', { name: 'Save' }).click();
  await expect(w).toBeHidden();
  await expect(page.getByTestId('profile-name')).toHaveText(input.name);
}

/**
 * Holds back the harness's answers to one API method while `hold()` is on, as a busy machine delays
 * them, until `release()`: lets a test press keys while a folder or mailbox is still opening.
 * Call before the page loads (it routes the page's WebSocket).
 */
export async function holdAnswers(page: Page, method: string) {
  let holding = false;
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.routeWebSocket(/.*/, (ws) => {
    const server = ws.connectToServer();
    const heldIds = new Set<unknown>();
    const text = (frame: string | Buffer) => (typeof frame === 'string' ? frame : frame.toString('utf8'));
    ws.onMessage((frame) => {
      const request = JSON.parse(text(frame)) as { id: unknown; method: string };
      if (holding && request.method === method) heldIds.add(request.id);
      server.send(frame);
    });
    server.onMessage((frame) => {
      const id = (JSON.parse(text(frame)) as { id?: unknown }).id;
      if (heldIds.has(id)) void held.then(() => ws.send(frame));
      else ws.send(frame);
    });
  });
  return {
    hold: () => {
      holding = true;
    },
    release: () => release(),
  };
}
