import { type Contoso, expect, test, testbed } from './fixtures';
import { deliver, openMailbox, readerSubject, rows } from './mailbox-helpers';

/**
 * A shared mailbox open over IMAP while things happen to it: new mail arrives (IDLE puts it on top
 * without losing the user's place), the server dies and comes back (the status bar says
 * "Reconnecting…", then the app carries on where it was). Token expiry: token-expiry.spec.ts.
 */

let C: Contoso;
test.beforeAll(async () => {
  C = (await testbed()).CONTOSO;
});

test('new mail shows on top by itself (IDLE); the open message, the selection and a scrolled place stay', async ({
  page,
  bed,
  profilesHarness,
}) => {
  await openMailbox(page, profilesHarness, bed, C.invoices, 'Invoices live');
  const list = page.getByTestId('message-list');
  const counts = list.locator('.message-list__counts');
  const before = Number((await counts.textContent())?.match(/[\d,]+/)?.[0]?.replace(/,/g, ''));
  await rows(page).nth(1).click();
  const chosen = (await readerSubject(page).textContent()) ?? '';
  expect(chosen).not.toBe('');

  deliver(bed, C.invoices, 'Disk alert 1 (live)');
  await expect(rows(page).first()).toContainText('Disk alert 1 (live)', { timeout: 20_000 });
  await expect(counts).toContainText(`${before + 1} messages`);
  // The same message is still open and still the selected row, one place further down.
  await expect(readerSubject(page)).toHaveText(chosen);
  await expect(list.getByRole('option', { selected: true })).toHaveCount(1);
  await expect(rows(page).nth(2)).toHaveAttribute('aria-selected', 'true');

  // Scrolled down, the rows in view stay put and a pill says what arrived above.
  const scroller = list.locator('.message-list__scroll');
  await scroller.evaluate((element) => (element.scrollTop = 10 * 54));
  const topRow = list.locator('[role="option"][aria-posinset="12"]');
  const atTop = (await topRow.textContent()) ?? '';
  deliver(bed, C.invoices, 'Disk alert 2 (live)');
  const pill = page.getByTestId('new-mail-above');
  await expect(pill).toHaveText(/1 new message/, { timeout: 20_000 });
  await expect(list.locator('[role="option"][aria-posinset="13"]')).toHaveText(atTop);
  await expect(readerSubject(page)).toHaveText(chosen);
  await pill.click();
  await expect(rows(page).first()).toContainText('Disk alert 2 (live)');
  await expect(pill).toBeHidden();
});

test('Dovecot killed and restarted while browsing: "Reconnecting…", then the app goes on where it was', async ({
  page,
  bed,
  profilesHarness,
}) => {
  const dovecot = bed.dovecot;
  if (!dovecot) throw new Error('the test bed runs without Dovecot');
  await openMailbox(page, profilesHarness, bed, C.alerts, 'Alerts live');
  const status = page.getByTestId('connection-status');
  await expect(status).toHaveAttribute('data-state', 'ready');
  await rows(page).first().click();
  const first = (await readerSubject(page).textContent()) ?? '';
  try {
    await dovecot.kill();
    await expect(status).toHaveAttribute('data-state', /reconnecting|offline/);
    await expect(status).toContainText(/Reconnecting…|Offline, retrying/);
  } finally {
    await dovecot.relaunch();
  }
  await expect(status).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
  await expect(status).toContainText('Connected');
  // Where it was: the same message open, the list as it was; and it browses on without an error.
  await expect(readerSubject(page)).toHaveText(first);
  await rows(page).nth(1).click();
  await expect(readerSubject(page)).not.toHaveText(first);
  await expect(page.getByTestId('reader-error')).toHaveCount(0);
  await expect(page.getByTestId('message-list-error')).toHaveCount(0);
});

test('a message above the size limit is downloaded only after the user agrees', async ({
  page,
  bed,
  profilesHarness,
}) => {
  // The limit is a setting (50 MB by default); 1 MB keeps the test's message small.
  await page.addInitScript(() =>
    localStorage.setItem('mailscope.settings.v1', JSON.stringify({ askAboveMegabytes: 1 })),
  );
  const line = 'Quarterly ledger export, row data follows. '.repeat(2) + '\r\n';
  deliver(bed, C.alerts, 'Ledger export (large)', line.repeat(Math.ceil((1.5 * 1024 * 1024) / line.length)));
  await openMailbox(page, profilesHarness, bed, C.alerts, 'Alerts large');
  await rows(page).first().click();
  const prompt = page.getByTestId('large-message');
  await expect(prompt).toContainText(/This message is 1\.\d MB/);
  await expect(readerSubject(page)).toHaveCount(0);
  await rows(page).nth(1).click();
  await expect(readerSubject(page)).not.toBeEmpty();
  await expect(prompt).toHaveCount(0);
  await rows(page).first().click();
  await prompt.getByRole('button', { name: /Download and open/ }).click();
  await expect(readerSubject(page)).toHaveText('Ledger export (large)');
});
