import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Contoso, expect, test, testbed } from './fixtures';
import { harnessCall } from './harness-call';
import { openMailbox, readerSubject, saveProfile } from './mailbox-helpers';

/**
 * Finding mail beyond one folder, in the page: the search box's "All folders" over a shared
 * mailbox (results grouped by folder, progress, a result opened from its own folder, Cancel), and
 * Find by Message-ID across two shared mailboxes.
 */

let C: Contoso;
test.beforeAll(async () => {
  C = (await testbed()).CONTOSO;
});

// The harness keeps its mailboxes open when it stops, and Dovecot allows ten sessions per mailbox
// and address: log out of what each test opened (browsing, download and pooled sessions), so the
// next test on this worker's bed can sign in.
test.afterEach(async ({ profilesHarness }) => {
  const { profiles } = (await harnessCall(profilesHarness, 'profiles.list', {})) as {
    profiles: { id: string }[];
  };
  for (const { id } of profiles) {
    const source = (await harnessCall(profilesHarness, 'sources.openProfile', { profileId: id })) as {
      id: string;
    };
    await harnessCall(profilesHarness, 'sources.close', { sourceId: source.id });
  }
});

test('All folders: results grouped by folder with the folders counted; a result opens from its folder', async ({
  page,
  bed,
  profilesHarness,
}) => {
  await openMailbox(page, profilesHarness, bed, C.invoices, 'Invoices everywhere');
  const list = page.getByTestId('message-list');
  await page.getByTestId('search-scope').getByRole('button', { name: 'All folders' }).click();
  const search = page.getByRole('searchbox', { name: 'Search all folders' });
  await search.fill('subject:invoice');
  await search.press('Enter');

  const results = page.getByTestId('search-all-results');
  const status = page.getByTestId('search-all-status');
  await expect(status).toContainText(/results? in \d+ folders · (\d+) of \1 folders searched/, {
    timeout: 30_000,
  });
  await expect(page.getByTestId('search-all-cancel')).toBeHidden();
  const groups = results.getByTestId('search-all-group');
  expect(await groups.count()).toBeGreaterThanOrEqual(3);
  const paid = groups.filter({ has: page.getByRole('heading', { name: /^Invoices\/Paid/ }) });
  await expect(paid).toHaveCount(1);

  // The message opens in the reader from its own folder, and the results stay.
  await paid.getByRole('button', { name: /INV-2026-0098/ }).click();
  await expect(readerSubject(page)).toHaveText('Invoice INV-2026-0098 from Fabrikam, Inc.');
  await expect(results).toBeVisible();

  // Back to this folder: the list again.
  await page.getByTestId('search-scope').getByRole('button', { name: 'This folder' }).click();
  await expect(results).toBeHidden();
  await expect(list).toContainText(/results? for “subject:invoice”/);
});

test('All folders: Export takes every result of the search in every folder, verified by sha256sum', async ({
  page,
  bed,
  profilesHarness,
  workDir,
}) => {
  await openMailbox(page, profilesHarness, bed, C.invoices, 'Invoices export');
  await page.getByTestId('search-scope').getByRole('button', { name: 'All folders' }).click();
  const search = page.getByRole('searchbox', { name: 'Search all folders' });
  await search.fill('subject:invoice');
  await search.press('Enter');
  const status = page.getByTestId('search-all-status');
  await expect(status).toContainText(/(\d+) of \1 folders searched/, { timeout: 30_000 });
  const found = Number(/([\d,]+) results?/.exec((await status.textContent()) ?? '')?.[1]?.replace(/,/g, ''));
  expect(found).toBeGreaterThan(1);

  await page.getByTestId('export-button').click();
  const dialog = page.getByTestId('export-dialog');
  await expect(
    dialog.getByRole('radio', { name: `Search results in all folders (${found} messages)` }),
  ).toBeChecked();
  const out = join(workDir, 'evidence');
  mkdirSync(out);
  await dialog.getByRole('textbox').fill(out);
  await dialog.getByRole('button', { name: 'Export' }).click();
  await expect(dialog.getByTestId('export-done')).toBeVisible({ timeout: 60_000 });

  execFileSync('sha256sum', ['-c', '--strict', '--quiet', 'SHA256SUMS'], { cwd: out });
  const rows = readFileSync(join(out, 'manifest.csv'), 'utf8').trim().split('\r\n').slice(1);
  expect(rows).toHaveLength(found);
  expect(readdirSync(out).filter((name) => name.endsWith('.eml'))).toHaveLength(found);
  // Messages from several folders, each named in the manifest.
  expect(rows.some((row) => row.includes('Invoices/Paid'))).toBe(true);
  expect(rows.some((row) => row.includes('INBOX'))).toBe(true);
});

test('All folders: Cancel stops the search and says so', async ({ page, bed, profilesHarness }) => {
  await openMailbox(page, profilesHarness, bed, C.invoices, 'Invoices cancelled');
  await page.getByTestId('search-scope').getByRole('button', { name: 'All folders' }).click();
  // Cancel the moment the button shows: the search has only just been sent.
  await page.evaluate(() => {
    const observer = new MutationObserver(() => {
      const cancel = document.querySelector<HTMLButtonElement>('[data-testid="search-all-cancel"]');
      if (!cancel) return;
      observer.disconnect();
      cancel.click();
    });
    observer.observe(document.body, { childList: true, subtree: true });
  });
  const search = page.getByRole('searchbox', { name: 'Search all folders' });
  await search.fill('body:anything');
  await search.press('Enter');
  await expect(page.getByTestId('search-all-status')).toContainText('Stopped', { timeout: 30_000 });
  await expect(page.getByTestId('search-all-cancel')).toBeHidden();

  // A new search runs to the end.
  await search.fill('subject:invoice');
  await search.press('Enter');
  await expect(page.getByTestId('search-all-status')).toContainText(/(\d+) of \1 folders searched/, {
    timeout: 30_000,
  });
});

test('Find by Message-ID (Ctrl+Shift+M): where it is in one mailbox, and not in the other', async ({
  page,
  bed,
  profilesHarness,
}) => {
  await saveProfile(profilesHarness, bed, C.alerts, 'Alerts elsewhere');
  await openMailbox(page, profilesHarness, bed, C.invoices, 'Invoices by id');
  const paidDir = join(bed.maildir(C.invoices), '.Invoices.Paid', 'cur');
  const file = readdirSync(paidDir)[0] ?? '';
  const messageId = /^Message-ID:\s*(<[^>]+>)/im.exec(readFileSync(join(paidDir, file), 'utf8'))?.[1] ?? '';
  expect(messageId).not.toBe('');

  await page.keyboard.press('Control+Shift+M');
  const dialog = page.getByTestId('message-id-dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByRole('textbox', { name: 'Message-ID' }).fill(`  ${messageId} `);
  await dialog.getByRole('button', { name: 'Find' }).click();

  const findings = dialog.getByTestId('message-id-finding');
  await expect(findings).toHaveCount(2, { timeout: 30_000 });
  const invoices = findings.filter({ hasText: 'Invoices by id' });
  const alerts = findings.filter({ hasText: 'Alerts elsewhere' });
  await expect(invoices).toContainText('found in 1 place');
  await expect(invoices).toContainText('Invoices/Paid');
  await expect(alerts).toContainText('not found');
  await expect(alerts).toContainText(/Not in any of its \d+ folders/);

  await invoices.getByRole('button', { name: 'Show' }).click();
  await expect(dialog).toBeHidden();
  await expect(readerSubject(page)).toHaveText('Invoice INV-2026-0098 from Fabrikam, Inc.');
  await expect(page.getByTestId('message-list').getByRole('heading', { level: 2 })).toHaveText('Paid');
});

test('Find by Message-ID says what it expects when the id is not one', async ({ page, harness }) => {
  await page.goto(harness.url);
  await page.getByRole('button', { name: /open sample mailbox/i }).click();
  await page.getByTestId('open-find-message-id').click();
  const dialog = page.getByTestId('message-id-dialog');
  await dialog.getByRole('textbox', { name: 'Message-ID' }).fill('not an id');
  await dialog.getByRole('button', { name: 'Find' }).click();
  await expect(dialog.getByTestId('error-messageId')).toHaveText(/Message-ID: paste an id like/);
  // The sample mailbox (local mail) is searched by its parsed headers.
  await dialog.getByRole('textbox', { name: 'Message-ID' }).fill('<no-such-id@contoso.example>');
  await dialog.getByRole('button', { name: 'Find' }).click();
  await expect(dialog.getByTestId('message-id-finding')).toContainText(/Sample mailbox: not found/);
});
