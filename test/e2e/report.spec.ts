import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { openPath } from './helpers';

/**
 * The triage report, saved from the reader and then opened as someone would open it later: from
 * disk, in a browser with no network. It must show its sections without asking for anything (no
 * request at all but the file itself), and hostile header text must stay text.
 */

const TRIAGE = join(process.cwd(), 'test', 'fixtures', 'triage', 'eml');

/** Opens a triage fixture in the app, selects it, and saves its report to `path` (harness dialog). */
async function saveReport(page: Page, harnessUrl: string, eml: string, path: string, mask: boolean) {
  await page.goto(harnessUrl);
  await openPath(page, eml);
  await page.getByTestId('message-list').getByRole('option').first().click();
  await page.getByRole('button', { name: 'Save report…' }).click();
  const options = page.getByTestId('save-report-dialog');
  if (mask) await options.getByRole('checkbox', { name: /mask the recipients/i }).check();
  await options.getByRole('button', { name: 'Save…' }).click();
  const dialog = page.getByTestId('save-dialog');
  await expect(dialog.getByRole('textbox')).toHaveValue(/ - triage report\.html$/);
  await dialog.getByRole('textbox').fill(path);
  await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByTestId('save-outcome')).toContainText(/Saved report\.html and report\.json/);
}

/**
 * The saved page in a fresh browser context with the network off, every request recorded (and
 * refused), and every console message kept (a CSP refusal is logged there).
 */
async function openOffline(browser: Browser, path: string) {
  const context = await browser.newContext({ offline: true, javaScriptEnabled: true });
  const requests: string[] = [];
  await context.route('**/*', async (route) => {
    requests.push(route.request().url());
    if (route.request().url().startsWith('file:')) await route.continue();
    else await route.abort();
  });
  const page = await context.newPage();
  const console: string[] = [];
  page.on('console', (message) => console.push(`${message.type()}: ${message.text()}`));
  const url = pathToFileURL(path).href;
  await page.goto(url);
  await page.waitForLoadState('load');
  return { context, page, requests, console, url };
}

test('save the report and check it offline', async ({ page, harness, workDir, browser }) => {
  const eml = join(workDir, 'phish-report.eml');
  copyFileSync(join(TRIAGE, 'phish-report.eml'), eml);
  const path = join(workDir, 'report.html');
  await saveReport(page, harness.url, eml, path, true);

  const json = JSON.parse(readFileSync(join(workDir, 'report.json'), 'utf8')) as {
    recipientsMasked: boolean;
    message: { subject: string };
  };
  expect(json.recipientsMasked).toBe(true);
  expect(json.message.subject).toBe('Phish report: Action required: invoice INV-2291');

  const offline = await openOffline(browser, path);
  try {
    const report = offline.page;
    await expect(report).toHaveTitle('Triage report: Phish report: Action required: invoice INV-2291');
    for (const name of [
      'Verdict',
      'Headers summary',
      'Route',
      'Authentication',
      'Anti-spam stamps',
      'Indicators',
      'Attachments',
      'Attached messages',
      'MIME tree',
    ]) {
      await expect(report.getByRole('heading', { level: 2, name, exact: true })).toBeVisible();
    }
    await expect(report.locator('#attached-messages')).toContainText('Invoice INV-2291 overdue.eml');
    await expect(report.locator('#mime')).toContainText('message/rfc822');
    // Masked: the recipients are gone, their domain stays.
    await expect(report.locator('body')).not.toContainText('adele@contoso.example');
    await expect(report.locator('#summary')).toContainText('[recipient 1]@contoso.example');
    // Its own style sheet applied (allowed by hash); nothing else was asked for or refused.
    expect(await report.evaluate(() => getComputedStyle(document.body).maxWidth)).toBe('1100px');
    expect(offline.requests).toEqual([offline.url]);
    expect(offline.console).toEqual([]);
  } finally {
    await offline.context.close();
  }
});

test('hostile header text in a saved report stays text: no script runs, nothing loads', async ({
  page,
  harness,
  workDir,
  browser,
  remote,
}) => {
  const eml = join(workDir, 'hostile.eml');
  copyFileSync(join(TRIAGE, 'hostile-headers.eml'), eml);
  const path = join(workDir, 'report.html');
  await saveReport(page, harness.url, eml, path, false);

  const offline = await openOffline(browser, path);
  try {
    const report = offline.page;
    const attack = '<script>document.title="pwned"</script><img src="http://192.0.2.99/pixel.gif">';
    await expect(report).toHaveTitle(`Triage report: ${attack}`);
    await expect(report.getByRole('heading', { level: 1 })).toHaveText(`Triage report: ${attack}`);
    expect(await report.locator('script, img, iframe, object, embed, form, link, base').count()).toBe(0);
    expect(
      await report.evaluate(() =>
        [...document.querySelectorAll('*')].some((element) =>
          [...element.attributes].some((attribute) => attribute.name.startsWith('on')),
        ),
      ),
    ).toBe(false);
    await expect(report.locator('#headers')).toContainText('</style><b>x</b>');
    expect(offline.requests).toEqual([offline.url]);
    expect(offline.console).toEqual([]);
    expect(remote.requests).toEqual([]);
  } finally {
    await offline.context.close();
  }
});
