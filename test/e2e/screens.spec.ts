import {
  copyFileSync,
  existsSync,
  readdirSync,
  readFileSync,
  statSync,
  chownSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { type Bed, type Contoso, expect, test, testbed } from './fixtures';
import { fontProblem } from '../../scripts/font-check.mjs';
import { fillBedServerStep, openPath } from './helpers';
import { bigFolders, openExchangeMailbox } from './mailbox-helpers';
import { reportedPhish } from './triage-message';

/**
 * Every screen a user can reach, in the light and the dark theme: axe finds no serious or critical
 * violation on it, and it looks as its committed screenshot does (test/e2e/__screenshots__). The
 * screenshots are compared on every run, so they must not depend on the run: the clock is frozen,
 * the time zone and locale are fixed, and whatever a run or a machine makes up (ports, temp and repo
 * paths, timings, codes, certificate dates) is masked.
 */

const SCHEMES = ['light', 'dark'] as const;
type Scheme = (typeof SCHEMES)[number];

// Each test stands alone (its own harness, and a bed per worker): where there are workers to
// spare, the themes and groups run side by side.
test.describe.configure({ mode: 'parallel' });

// Pixels depend on the fonts fontconfig picks: where they differ from the baselines' machine, say
// which package is missing in one line instead of failing with a pixel diff.
test.beforeAll(() => {
  const problem = fontProblem();
  if (problem) throw new Error(problem);
});

/** Relative dates ("Yesterday"), countdowns and the reader's date all read this clock. */
const NOW = new Date('2026-11-26T10:00:00Z');

test.use({
  timezoneId: 'UTC',
  locale: 'en-US',
  viewport: { width: 1400, height: 900 },
  // A bed of its own (a worker option other specs leave alone): they deliver mail into the bed of
  // the worker they share, and the mailbox screens must show the same messages on every run.
  tokenLifetimeSeconds: 3600,
  // The big-mailbox screens use the scripted Exchange server's mailbox mode.
  exchangeMailbox: true,
});

/** axe on the page as it is now, then the screenshot; `masks` hide what differs between runs. */
async function screen(page: Page, scheme: Scheme, name: string, masks: Locator[] = []) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    // The message frame holds the sender's HTML (sandboxed, shown as sent): its contrast and
    // structure are the sender's, not Mailscope's, and no fix in the app could change them.
    .exclude('[data-testid="reader-frame"]')
    .analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    serious.map(
      (v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`,
    ),
    `axe on ${name} (${scheme})`,
  ).toEqual([]);
  await expect(page).toHaveScreenshot(`${name}-${scheme}.png`, {
    animations: 'disabled',
    caret: 'hide',
    mask: masks,
    maxDiffPixelRatio: 0.005,
  });
}

/** Hovered or focused things look different; a screen is taken with the pointer out of the way. */
async function parkPointer(page: Page) {
  const size = page.viewportSize();
  await page.mouse.move((size?.width ?? 1400) - 1, (size?.height ?? 900) / 2);
}

async function start(page: Page, scheme: Scheme, url: string) {
  await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
  await page.clock.setFixedTime(NOW);
  await page.goto(url);
  await expect(page.getByTestId('welcome')).toBeVisible();
}

const rows = (page: Page) => page.getByTestId('message-list').getByRole('option');
const readerSubject = (page: Page) => page.getByTestId('reader').getByRole('heading', { level: 2 });
/** The source's location: the repository's path here, another one on CI; a host and port for IMAP. */
const location = (page: Page) => page.locator('.status-bar__location');

for (const scheme of SCHEMES) {
  test(`${scheme}: welcome, open dialog, the sample mailbox, the reader, inspection, list tools and dialogs`, async ({
    page,
    harness,
  }) => {
    test.setTimeout(180_000);
    await start(page, scheme, harness.url);
    await parkPointer(page);
    await screen(page, scheme, 'welcome');

    await page
      .getByTestId('welcome')
      .getByRole('button', { name: /open file or folder/i })
      .click();
    const open = page.getByTestId('open-dialog');
    await expect(open.getByRole('textbox')).toBeFocused();
    await screen(page, scheme, 'open-dialog');
    await open.getByRole('textbox').fill('/nonexistent/mailscope/archive.mbox');
    await open.getByRole('button', { name: /^open$/i }).click();
    await expect(open.getByRole('alert')).toBeVisible();
    await screen(page, scheme, 'open-dialog-error');
    await page.keyboard.press('Escape');
    await expect(open).toBeHidden();

    await page.getByRole('button', { name: /open sample mailbox/i }).click();
    await expect(rows(page).first()).toBeVisible();
    await parkPointer(page);
    await screen(page, scheme, 'sample-mailbox', [location(page)]);

    // An HTML newsletter with remote pictures: the blocked-content banner, then its links. It and
    // the invoice below are from September, at the end of the newest-first list.
    await rows(page).first().focus();
    await page.keyboard.press('End');
    await rows(page).filter({ hasText: 'Freight Bulletin' }).click();
    await expect(readerSubject(page)).toContainText('Freight Bulletin');
    await expect(page.getByTestId('remote-banner')).toBeVisible();
    await parkPointer(page);
    await screen(page, scheme, 'message-html-remote-banner', [location(page)]);
    await page.getByRole('button', { name: /^Links \(\d+\)/ }).click();
    await expect(page.getByTestId('links-panel')).toBeVisible();
    await parkPointer(page);
    await screen(page, scheme, 'links-panel', [location(page)]);

    // A plain-text invoice with a PDF: the text, the attachment list, then every inspection tab.
    await rows(page).filter({ hasText: 'Invoice INV-2026-0147' }).first().click();
    await expect(readerSubject(page)).toHaveText('Invoice INV-2026-0147 from Fabrikam, Inc.');
    await expect(page.getByTestId('reader-plain')).toBeVisible();
    await expect(page.getByTestId('attachments')).toBeVisible();
    await parkPointer(page);
    await screen(page, scheme, 'message-plain-attachments', [location(page)]);

    await page.getByRole('button', { name: 'Headers', exact: true }).click();
    const inspection = page.getByTestId('inspection');
    await expect(inspection.getByTestId('headers-table')).toContainText('Message-ID');
    await parkPointer(page);
    await screen(page, scheme, 'headers', [location(page)]);
    await inspection.getByRole('tab', { name: /Route/ }).click();
    await expect(inspection.getByTestId('route-table')).toBeVisible();
    await parkPointer(page);
    await screen(page, scheme, 'route', [location(page)]);
    await inspection.getByRole('tab', { name: /Authentication/ }).click();
    await expect(inspection.getByRole('list', { name: 'Authentication verdicts' })).toBeVisible();
    await parkPointer(page);
    await screen(page, scheme, 'authentication', [location(page)]);
    await inspection.getByRole('tab', { name: /MIME tree/ }).click();
    await inspection.getByRole('treeitem').filter({ hasText: 'application/pdf' }).click();
    await expect(inspection.getByRole('region', { name: /details of part 2/i })).toContainText('base64');
    await parkPointer(page);
    await screen(page, scheme, 'mime-tree', [location(page)]);

    // Save part: the harness's typed-path dialog, filled in with the user's Downloads folder.
    await inspection.getByRole('button', { name: 'Save part…' }).click();
    const save = page.getByTestId('save-dialog');
    await expect(save.getByRole('textbox')).toHaveValue(/INV-2026-0163\.pdf$|INV-2026-0147\.pdf$/);
    await parkPointer(page);
    await screen(page, scheme, 'save-dialog', [location(page), save.getByRole('textbox')]);
    await page.keyboard.press('Escape');
    await expect(save).toBeHidden();
    await page.getByRole('button', { name: 'Headers', exact: true }).click();
    await expect(inspection).toBeHidden();

    await page.getByRole('button', { name: 'Source', exact: true }).click();
    const find = page.getByTestId('source-find');
    await find.fill('fabrikam');
    await expect(page.getByTestId('source-find-count')).toHaveText(/^1 of \d+$/);
    await parkPointer(page);
    await screen(page, scheme, 'source-find', [location(page)]);
    await page.getByRole('button', { name: 'Source', exact: true }).click();

    await rows(page).first().focus();
    await page.keyboard.press('?');
    await expect(page.getByTestId('shortcuts-dialog')).toBeVisible();
    await screen(page, scheme, 'shortcuts-dialog', [location(page)]);
    await page.keyboard.press('Escape');

    await page.keyboard.press('Control+,');
    await expect(page.getByTestId('settings-dialog')).toBeVisible();
    await screen(page, scheme, 'settings-dialog', [location(page)]);
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('settings-dialog')).toHaveCount(0);

    await page.getByTestId('sort-menu').click();
    await expect(page.getByRole('menu')).toBeVisible();
    await screen(page, scheme, 'sort-menu', [location(page)]);
    await page.keyboard.press('Escape');
    await expect(page.getByRole('menu')).toHaveCount(0);

    const search = page.getByTestId('message-search');
    await search.fill('from:fabrikam has:attachment');
    await search.press('Enter');
    await expect(page.getByTestId('message-list')).toContainText(/\d+ results? for “from:fabrikam/);
    await parkPointer(page);
    await screen(page, scheme, 'search-results', [location(page)]);
    await search.fill('no such thing anywhere');
    await search.press('Enter');
    await expect(page.getByTestId('search-empty')).toContainText('No messages match');
    await parkPointer(page);
    await screen(page, scheme, 'search-empty', [location(page)]);
  });
}

for (const scheme of SCHEMES) {
  test(`${scheme}: triage of a reported phish, the verdict line and the Triage tab`, async ({
    page,
    harness,
    workDir,
  }) => {
    const path = join(workDir, 'reported-phish.eml');
    writeFileSync(path, reportedPhish());
    await start(page, scheme, harness.url);
    await openPath(page, path);
    await rows(page).first().click();
    await expect(page.getByTestId('verdict-line')).toContainText('Marked as phishing');
    await parkPointer(page);
    await screen(page, scheme, 'triage-verdict', [location(page)]);
    await page.getByRole('button', { name: 'Headers', exact: true }).click();
    const inspection = page.getByTestId('inspection');
    await inspection.getByRole('tab', { name: /Triage/ }).click();
    await expect(inspection.getByTestId('triage-indicators')).toBeVisible();
    await parkPointer(page);
    await screen(page, scheme, 'triage-tab', [location(page)]);
  });

  test(`${scheme}: the export dialog, and an export done`, async ({ page, harness, workDir }) => {
    await start(page, scheme, harness.url);
    await page.getByRole('button', { name: /open sample mailbox/i }).click();
    await expect(rows(page).first()).toBeVisible();
    await page.getByTestId('export-button').click();
    const dialog = page.getByTestId('export-dialog');
    const path = dialog.getByRole('textbox');
    await expect(path).not.toHaveValue('');
    await parkPointer(page);
    // The default folder is this machine's Downloads.
    await screen(page, scheme, 'export-dialog', [path, location(page)]);
    await path.fill(workDir);
    await dialog.getByRole('button', { name: 'Export' }).click();
    await expect(dialog.getByTestId('export-done')).toBeVisible();
    await parkPointer(page);
    await screen(page, scheme, 'export-done', [dialog.getByTestId('export-folder'), location(page)]);
  });
}

test.describe('200 % zoom', () => {
  // Page zoom is a smaller window in CSS pixels drawn at a higher device scale (as in layout.spec.ts).
  test.use({ viewport: { width: 700, height: 450 }, deviceScaleFactor: 2 });

  for (const scheme of SCHEMES) {
    test(`${scheme}: the list and the reader share the width; the folders open as a drawer`, async ({
      page,
      harness,
    }) => {
      await start(page, scheme, harness.url);
      await page.getByRole('button', { name: /open sample mailbox/i }).click();
      await rows(page).nth(2).click();
      await expect(readerSubject(page)).not.toBeEmpty();
      await parkPointer(page);
      await screen(page, scheme, 'zoom-200-reader', [location(page)]);
      await page.getByTestId('drawer-toggle').click();
      await expect(page.getByRole('tree')).toBeVisible();
      await screen(page, scheme, 'zoom-200-folder-drawer', [location(page)]);
    });
  }
});

test.describe('shared mailboxes', () => {
  let C: Contoso;
  test.beforeAll(async () => {
    C = (await testbed()).CONTOSO;
  });

  /** A 1.5 MB message with a fixed name and date, delivered once per bed. */
  function deliverLarge(bed: Bed) {
    const inbox = bed.maildir(C.invoices);
    const name = '1795683600.M1P1.screens';
    if (
      [...readdirSync(join(inbox, 'new')), ...readdirSync(join(inbox, 'cur'))].some((f) => f.startsWith(name))
    )
      return;
    const line = 'Quarterly ledger export, row data follows. '.repeat(2) + '\r\n';
    const text = [
      'From: Northwind Ledger <ledger@northwind.example>',
      `To: ${C.invoices}`,
      'Subject: Ledger export November (large)',
      'Date: Thu, 26 Nov 2026 09:00:00 +0000',
      'Message-ID: <ledger-export-2026-11@northwind.example>',
      '',
      line.repeat(Math.ceil((1.5 * 1024 * 1024) / line.length)),
    ].join('\r\n');
    const file = join(inbox, 'new', `${name},S=${Buffer.byteLength(text)}`);
    writeFileSync(file, text);
    const owner = statSync(join(inbox, 'cur'));
    chownSync(file, owner.uid, owner.gid);
    utimesSync(file, NOW, new Date('2026-11-26T09:00:00Z'));
    expect(existsSync(file)).toBe(true);
  }

  for (const scheme of SCHEMES) {
    test(`${scheme}: wizard steps, connection tests, setup, the IMAP mailbox, a large message, delegated sign-in, import`, async ({
      page,
      bed,
      profilesHarness,
      workDir,
    }) => {
      test.setTimeout(180_000);
      deliverLarge(bed);
      // Ask before downloading anything above 1 MB, so the large-message prompt shows.
      await page.addInitScript(() =>
        localStorage.setItem('mailscope.settings.v1', JSON.stringify({ askAboveMegabytes: 1 })),
      );
      await start(page, scheme, profilesHarness.url);

      await page
        .getByTestId('welcome')
        .getByRole('button', { name: /add shared mailbox/i })
        .click();
      const w = page.getByTestId('profile-wizard');
      await w.getByLabel('Display name').fill('Invoices');
      await w.getByLabel('Shared mailbox address').fill(C.invoices);
      await parkPointer(page);
      await screen(page, scheme, 'wizard-mailbox');
      await w.getByRole('button', { name: 'Next' }).click();
      await fillBedServerStep(w, bed, C.tenantId, C.readerClientId);
      await parkPointer(page);
      await screen(page, scheme, 'wizard-microsoft', [
        w.getByLabel('Authority host'),
        w.getByLabel('Port', { exact: true }),
      ]);
      await w.getByRole('button', { name: 'Next' }).click();

      // Client secret: the Secret ID pasted by mistake, tested: the failed report names the fix.
      await w.getByLabel('Client secret Value').fill(C.readerSecret.id);
      await expect(w.getByTestId('secret-id-warning')).toBeVisible();
      await parkPointer(page);
      await screen(page, scheme, 'wizard-client-secret');
      await w.getByRole('button', { name: 'Test connection' }).click();
      const report = w.getByTestId('diagnostics');
      await expect(report).toHaveAttribute('data-state', 'failed', { timeout: 30_000 });
      await report.getByTestId('diag-step-token').scrollIntoViewIfNeeded();
      await parkPointer(page);
      await screen(page, scheme, 'test-connection-failed', diagnosticsMasks(page));

      // Certificate: the PEM checked; its dates and thumbprint are made fresh with each bed.
      const certificate = bed.certificates.get(C.readerCertificate);
      if (!certificate) throw new Error('the bed has no reader certificate');
      await w.getByRole('radio', { name: /^Certificate/ }).check();
      await w.getByLabel(/Or paste PEM/).fill(`${certificate.certPem}\n${certificate.keyPem}`);
      await w.getByRole('button', { name: 'Check certificate' }).click();
      await expect(w.getByTestId('certificate-facts')).toContainText('CN=mailscope-reader');
      await w.getByTestId('certificate-facts').scrollIntoViewIfNeeded();
      await parkPointer(page);
      await screen(page, scheme, 'wizard-certificate', [
        w.getByLabel(/Or paste PEM/),
        w.getByTestId('certificate-facts').locator('dd'),
        ...diagnosticsMasks(page),
      ]);

      await w.getByRole('radio', { name: /delegated/i }).check();
      await expect(w.getByTestId('delegated-note')).toBeVisible();
      await parkPointer(page);
      await screen(page, scheme, 'wizard-delegated', diagnosticsMasks(page));

      await w.getByRole('radio', { name: /^Client secret/ }).check();
      await w.getByLabel('Client secret Value').fill(C.readerSecret.value);
      await w.getByRole('button', { name: 'Save' }).click();
      await expect(w).toBeHidden();
      const item = page.getByTestId('profile-item');
      await expect(item).toHaveAttribute('data-state', 'ok', { timeout: 30_000 });
      await page.getByRole('button', { name: 'Test connection' }).click();
      await expect(page.getByTestId('diagnostics')).toHaveAttribute('data-state', 'ok', { timeout: 30_000 });
      await parkPointer(page);
      await screen(page, scheme, 'profile-test-passed', [...profileMasks(page), ...diagnosticsMasks(page)]);

      await page.getByRole('button', { name: 'Setup' }).click();
      await expect(page.getByTestId('setup-guide')).toContainText('IMAP.AccessAsApp');
      await parkPointer(page);
      await screen(page, scheme, 'setup-guide', profileMasks(page));
      await page.getByRole('button', { name: 'Setup' }).click();

      await page.getByRole('button', { name: 'Open mailbox' }).click();
      const status = page.getByTestId('connection-status');
      await expect(status).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
      await expect(status).toContainText('Connected');
      await expect(rows(page).first()).toContainText('Ledger export November (large)');
      await parkPointer(page);
      await screen(page, scheme, 'imap-mailbox', [location(page)]);

      // Search in every folder: the results grouped by folder, the folders counted.
      const scope = page.getByTestId('search-scope');
      await scope.getByRole('button', { name: 'All folders' }).click();
      const everywhere = page.getByRole('searchbox', { name: 'Search all folders' });
      await everywhere.fill('subject:invoice');
      await everywhere.press('Enter');
      await expect(page.getByTestId('search-all-status')).toContainText(/(\d+) of \1 folders searched/, {
        timeout: 30_000,
      });
      await parkPointer(page);
      await screen(page, scheme, 'search-all-folders', [location(page)]);
      await everywhere.press('Escape');
      await scope.getByRole('button', { name: 'This folder' }).click();

      // Find by Message-ID: where the message is, and that it is in no other folder.
      const paid = join(bed.maildir(C.invoices), '.Invoices.Paid', 'cur');
      const paidFile = join(paid, readdirSync(paid)[0] ?? '');
      const messageId = /^Message-ID:\s*(<[^>]+>)/im.exec(readFileSync(paidFile, 'utf8'))?.[1] ?? '';
      await page.keyboard.press('Control+Shift+M');
      const finder = page.getByTestId('message-id-dialog');
      await finder.getByRole('textbox', { name: 'Message-ID' }).fill(messageId);
      await finder.getByRole('button', { name: 'Find' }).click();
      await expect(finder.getByTestId('message-id-finding')).toContainText('found in 1 place', {
        timeout: 30_000,
      });
      await parkPointer(page);
      await screen(page, scheme, 'find-message-id', [location(page)]);
      await page.keyboard.press('Escape');
      await expect(finder).toBeHidden();

      await rows(page).first().click();
      await expect(page.getByTestId('large-message')).toContainText(/This message is 1\.\d MB/);
      await parkPointer(page);
      await screen(page, scheme, 'large-message-prompt', [location(page)]);

      // A delegated profile: signed out, then the device-code panel (its code, URL and countdown
      // are the platform's and the clock's).
      await page
        .getByTestId('profile-list')
        .getByRole('button', { name: /add shared mailbox/i })
        .click();
      await w.getByLabel('Display name').fill('HR');
      await w.getByLabel('Shared mailbox address').fill(C.hr);
      await w.getByRole('button', { name: 'Next' }).click();
      await fillBedServerStep(w, bed, C.tenantId, C.desktopClientId);
      await w.getByRole('button', { name: 'Next' }).click();
      await w.getByRole('radio', { name: /delegated/i }).check();
      await w.getByRole('button', { name: 'Save' }).click();
      await expect(w).toBeHidden();
      const panel = page.getByTestId('sign-in-panel');
      await expect(panel).toHaveAttribute('data-state', 'signed-out');
      await parkPointer(page);
      await screen(page, scheme, 'delegated-signed-out', [...profileMasks(page), location(page)]);
      await panel.getByRole('button', { name: 'Use a code instead' }).click();
      await expect(panel).toHaveAttribute('data-state', 'waiting-device-code');
      await expect(panel.getByTestId('device-code')).toHaveText(/^[0-9A-F]{9}$/);
      await parkPointer(page);
      await screen(page, scheme, 'delegated-device-code', [
        ...profileMasks(page),
        location(page),
        panel.getByTestId('device-code'),
        panel.getByTestId('device-code-countdown'),
        panel.locator('.sign-in__username'),
      ]);
      await panel.getByRole('button', { name: 'Cancel' }).click();
      await expect(panel).toHaveAttribute('data-state', 'signed-out');

      // An import with one good and one bad entry: the report lists both.
      const file = join(workDir, 'profiles.json');
      const good = {
        name: 'Payroll',
        mailbox: 'payroll@contoso.example',
        protocol: 'pop3',
        tenant: 'contoso.onmicrosoft.com',
        clientId: '3f1e2d4c-5b6a-4798-8a9b-0c1d2e3f4a01',
        credential: 'client-secret',
      };
      writeFileSync(
        file,
        JSON.stringify([good, { ...good, name: 'Broken', tenant: 'contoso', clientSecret: 'x' }]),
      );
      await page.getByTestId('import-file').setInputFiles(file);
      const imported = page.getByTestId('import-dialog');
      await expect(imported.getByTestId('import-problems')).toContainText(/Entry 2 \(Broken\)/);
      await parkPointer(page);
      await screen(page, scheme, 'import-report', [...profileMasks(page), location(page)]);
    });
  }
});

test.describe('a big mailbox on the scripted Exchange server', () => {
  for (const scheme of SCHEMES) {
    test(`${scheme}: 300 folders while the server asks to wait, then with every count`, async ({
      page,
      bed,
      profilesHarness,
    }) => {
      test.setTimeout(120_000);
      const mailbox = bed.exchange?.mailbox;
      if (!mailbox) throw new Error('no scripted mailbox');
      mailbox.folders = bigFolders(300);
      // Long enough for axe and the screenshot; the page's clock is fixed, so the countdown holds.
      mailbox.throttle = { commands: ['STATUS'], times: 1, backoffMs: 15_000 };
      try {
        await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
        await page.clock.setFixedTime(NOW);
        await openExchangeMailbox(page, profilesHarness, bed);
        const status = page.getByTestId('connection-status');
        await expect(status).toHaveAttribute('data-state', 'throttled', { timeout: 30_000 });
        await expect(status).toContainText('Server busy — retrying in');
        await parkPointer(page);
        await screen(page, scheme, 'big-mailbox-busy', [location(page)]);
        await expect(status).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
        await expect(page.getByTestId('status-counting')).toHaveCount(0, { timeout: 30_000 });
        await parkPointer(page);
        await screen(page, scheme, 'big-mailbox-counted', [location(page)]);
      } finally {
        mailbox.throttle = undefined;
      }
    });
  }
});

/**
 * What a connection test saw that a run makes up: timings, the bed's ports and addresses,
 * certificate dates and fingerprints, token fingerprints, the platform's trace ids. The rest of the
 * evidence (greetings, commands, the TLS version) stays in the picture.
 */
const RUN_DEPENDENT =
  /\d+\.\d+\.\d+\.\d+|:\d{2,5}\b|fingerprint|sha-?\d|\d{4}-\d\d-\d\d|\d\d:\d\d:\d\d|[0-9a-f]{12,}|trace|correlation|timestamp|valid|expire|serial|GMT|UTC/i;

function diagnosticsMasks(page: Page): Locator[] {
  const report = page.getByTestId('diagnostics');
  return [
    report.locator('.diag-step__time'),
    report.locator('.diagnostics__server'),
    report.locator('.diag-step__evidence li').filter({ hasText: RUN_DEPENDENT }),
    report.locator('.diagnostics__summary--ok'),
  ];
}

/** The bed's ports in the profile's Cloud (authority host) and Server facts. */
function profileMasks(page: Page): Locator[] {
  const facts = page.getByTestId('profile-facts').locator('dd');
  // The test bed's authority host carries a port chosen per run.
  return [facts.nth(2), facts.nth(3), page.getByTestId('custom-cloud-host')];
}

for (const scheme of SCHEMES) {
  test(`${scheme}: an attached message with its breadcrumb, and winmail.dat's contents`, async ({
    page,
    harness,
    workDir,
  }) => {
    const path = join(workDir, 'reported-phish.eml');
    copyFileSync(join(import.meta.dirname, '..', 'fixtures', 'outlook', 'reported-phish.eml'), path);
    const tnef = join(workDir, 'winmail.eml');
    copyFileSync(join(import.meta.dirname, '..', 'fixtures', 'outlook', 'winmail.eml'), tnef);
    await start(page, scheme, harness.url);
    await openPath(page, path);
    await rows(page).first().click();
    await page
      .getByRole('button', { name: 'View FW Your password expires today.eml here, as a message' })
      .click();
    await page.getByRole('button', { name: /^View Your password expires today\.eml/ }).click();
    const shown = page.locator('.reader__level:not([hidden])');
    await expect(shown.getByRole('heading', { level: 2 })).toHaveText('Your password expires today');
    await parkPointer(page);
    await screen(page, scheme, 'attached-message', [location(page)]);

    await openPath(page, tnef);
    await rows(page).first().click();
    await page.getByRole('button', { name: 'View winmail.dat here, as a message' }).click();
    await expect(shown.getByRole('heading', { level: 2 })).toHaveText('Quarterly figures (rich text)');
    await parkPointer(page);
    await screen(page, scheme, 'tnef-contents', [location(page)]);
  });
}
