import { chownSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { type Bed, type Contoso, expect, test, testbed } from './fixtures';
import { fillBedServerStep } from './helpers';

/**
 * Shared-mailbox profiles end to end, against the test bed's fake Microsoft identity platform and
 * Dovecot: the wizard, Test connection, the sidebar state, Setup, remove, export and import, and
 * delegated sign-in (the browser page, a device code, sign-out). Every test also proves that the
 * page never receives a secret, or any token the platform handed out, over the harness's WebSocket.
 */

let C: Contoso;
test.beforeAll(async () => {
  C = (await testbed()).CONTOSO;
});

const frames: string[] = [];

test.beforeEach(async ({ page, profilesHarness }) => {
  frames.length = 0;
  page.on('websocket', (socket) => {
    socket.on('framereceived', ({ payload }) =>
      frames.push(typeof payload === 'string' ? payload : payload.toString('utf8')),
    );
  });
  await page.goto(profilesHarness.url);
  await expect(page.getByTestId('welcome')).toBeVisible();
});

test.afterEach(({ bed }) => {
  expect(frames.length, 'the page talked to the engine').toBeGreaterThan(0);
  const tokens = [...bed.identity.issuedTokens];
  for (const frame of frames) {
    expect(frame, 'a secret reached the renderer').not.toContain(C.readerSecret.value);
    for (const token of tokens) expect(frame.includes(token), 'a token reached the renderer').toBe(false);
  }
});

interface ProfileInput {
  name: string;
  secret: string;
  mailbox?: string;
  protocol?: 'imap' | 'pop3';
}

function wizard(page: Page) {
  return page.getByTestId('profile-wizard');
}

async function openWizard(page: Page) {
  const welcome = page.getByTestId('welcome');
  if (await welcome.isVisible()) await welcome.getByRole('button', { name: /add shared mailbox/i }).click();
  else
    await page
      .getByTestId('profile-list')
      .getByRole('button', { name: /add shared mailbox/i })
      .click();
  await expect(wizard(page)).toBeVisible();
  await expect(wizard(page).getByLabel('Display name')).toBeFocused();
}

/** Fills the three steps with the bed's values (IMAPS on 127.0.0.2, tokens from the fake platform). */
async function fillWizard(page: Page, bed: Bed, input: ProfileInput) {
  const w = wizard(page);
  await w.getByLabel('Display name').fill(input.name);
  await w.getByLabel('Shared mailbox address').fill(input.mailbox ?? C.invoices);
  if (input.protocol === 'pop3') await w.getByRole('radio', { name: /^POP3/ }).check();
  await w.getByRole('button', { name: 'Next' }).click();

  await fillBedServerStep(w, bed, C.tenantId, C.readerClientId, input.protocol);
  await expect(w.getByLabel(/implicit tls/i)).toBeChecked();
  await w.getByRole('button', { name: 'Next' }).click();

  await expect(w.getByRole('radio', { name: /^Client secret/ })).toBeChecked();
  if (input.secret) await w.getByLabel('Client secret Value').fill(input.secret);
}

async function addProfile(page: Page, bed: Bed, input: ProfileInput) {
  await openWizard(page);
  await fillWizard(page, bed, input);
  await wizard(page).getByRole('button', { name: 'Save' }).click();
  await expect(wizard(page)).toBeHidden();
  await expect(page.getByTestId('profile-name')).toHaveText(input.name);
}

test('add a client-secret profile: Test connection passes every step, Save lists it as connected', async ({
  page,
  bed,
}) => {
  await openWizard(page);
  const w = wizard(page);
  // The secret step explains itself before anything is typed.
  await fillWizard(page, bed, { name: 'Invoices', secret: C.readerSecret.value });
  await expect(w.getByTestId('field-secret')).toContainText(/not its Secret ID/);
  await expect(w.getByTestId('secret-id-warning')).toHaveCount(0);
  await expect(w.getByTestId('keychain-note')).toHaveCount(0);

  await w.getByRole('button', { name: 'Test connection' }).click();
  const report = w.getByTestId('diagnostics');
  await expect(report).toHaveAttribute('data-state', 'ok', { timeout: 30_000 });
  await expect(report.getByTestId('diagnostics-summary')).toHaveText(
    /Connected and opened INBOX read-only in \d+ ms/,
  );
  for (const id of ['dns', 'tcp', 'tls', 'token', 'claims', 'sasl', 'inbox']) {
    await expect(report.getByTestId(`diag-step-${id}`)).toHaveAttribute('data-status', 'ok');
  }
  await expect(report.getByTestId('diag-step-claims')).toContainText('IMAP.AccessAsApp');

  await w.getByRole('button', { name: 'Save' }).click();
  await expect(w).toBeHidden();

  const item = page.getByTestId('profile-item');
  await expect(item).toHaveCount(1);
  await expect(item).toContainText('Invoices');
  await expect(item).toContainText(C.invoices);
  await expect(item).toContainText('IMAP');
  // Saving runs the saved profile's own test, which gives the sidebar its state.
  await expect(item).toHaveAttribute('data-state', 'ok', { timeout: 30_000 });
  await expect(item).toHaveAttribute('title', /Connection OK/);
  await expect(item).toHaveAttribute('aria-current', 'page');

  const facts = page.getByTestId('profile-facts');
  await expect(facts).toContainText(C.tenantId);
  await expect(facts).toContainText(C.readerClientId);
  await expect(facts).toContainText(`${bed.imap.host}:${bed.imap.tlsPort}`);
  await expect(page.getByTestId('profile-page').getByRole('button', { name: 'Open mailbox' })).toBeEnabled();
});

test('the Secret ID instead of the Value: warned while typing, and the token step names cause and fix', async ({
  page,
  bed,
}) => {
  await openWizard(page);
  const w = wizard(page);
  await fillWizard(page, bed, { name: 'Invoices (Secret ID)', secret: C.readerSecret.id });
  await expect(w.getByTestId('secret-id-warning')).toContainText(/Secret ID/);

  await w.getByRole('button', { name: 'Test connection' }).click();
  const report = w.getByTestId('diagnostics');
  await expect(report).toHaveAttribute('data-state', 'failed', { timeout: 30_000 });
  await expect(report.getByTestId('diagnostics-summary')).toHaveText(
    'Failed at: Request a token (Microsoft Entra)',
  );
  await expect(report.getByTestId('diagnostics-summary')).toHaveAttribute('role', 'alert');
  const token = report.getByTestId('diag-step-token');
  await expect(token).toHaveAttribute('data-status', 'failed');
  await expect(token).toContainText('7000215');
  await expect(token.getByTestId('diag-cause')).toContainText(/Secret ID/);
  await expect(token.getByTestId('diag-fix')).toContainText(/copy the Value .* not the Secret ID/);
  for (const id of ['claims', 'sasl', 'inbox']) {
    await expect(report.getByTestId(`diag-step-${id}`)).toHaveAttribute('data-status', 'skipped');
  }
});

test('a certificate profile: the PEM is inspected, saved and tested, and its key never comes back', async ({
  page,
  bed,
}) => {
  const certificate = bed.certificates.get(C.readerCertificate);
  if (!certificate) throw new Error('the bed has no reader certificate');
  await openWizard(page);
  const w = wizard(page);
  await fillWizard(page, bed, { name: 'Invoices (certificate)', secret: '' });
  await w.getByRole('radio', { name: /^Certificate/ }).check();
  await w.getByLabel(/Or paste PEM/).fill(`${certificate.certPem}\n${certificate.keyPem}`);
  await w.getByRole('button', { name: 'Check certificate' }).click();
  const facts = w.getByTestId('certificate-facts');
  await expect(facts).toContainText('CN=mailscope-reader');
  await expect(facts).toContainText(certificate.thumbprintSha1.toLowerCase());

  await w.getByRole('button', { name: 'Save' }).click();
  await expect(w).toBeHidden();
  await expect(page.getByTestId('profile-item')).toHaveAttribute('data-state', 'ok', { timeout: 30_000 });
  await expect(page.getByTestId('profile-facts')).toContainText(/Certificate \(SHA-1/);

  // The key's body (not its armour) must never travel back to the page.
  const keyBody = certificate.keyPem
    .split('\n')
    .find((line) => line.length > 40 && !line.startsWith('-----'));
  expect(keyBody).toBeTruthy();
  for (const frame of frames) expect(frame).not.toContain(keyBody);
});

test('Test connection in the wizard with an unsaved certificate', async ({ page, bed }) => {
  const certificate = bed.certificates.get(C.readerCertificate);
  if (!certificate) throw new Error('the bed has no reader certificate');
  await openWizard(page);
  const w = wizard(page);
  await fillWizard(page, bed, { name: 'Invoices (certificate)', secret: '' });
  await w.getByRole('radio', { name: /^Certificate/ }).check();
  await w.getByLabel(/Or paste PEM/).fill(`${certificate.certPem}\n${certificate.keyPem}`);
  await w.getByRole('button', { name: 'Check certificate' }).click();
  await expect(w.getByTestId('certificate-facts')).toBeVisible();
  await w.getByRole('button', { name: 'Test connection' }).click();
  await expect(w.getByTestId('diagnostics')).toHaveAttribute('data-state', 'ok', { timeout: 30_000 });
});

test('Edit with the secret left empty keeps the stored one', async ({ page, bed }) => {
  await addProfile(page, bed, { name: 'Invoices', secret: C.readerSecret.value });
  await expect(page.getByTestId('profile-item')).toHaveAttribute('data-state', 'ok', { timeout: 30_000 });
  await page.getByRole('button', { name: 'Edit' }).click();
  const w = wizard(page);
  await expect(w).toBeVisible();
  await w.getByLabel('Display name').fill('Invoices (renamed)');
  await w.getByRole('button', { name: 'Credential' }).click();
  await expect(w.getByLabel('Client secret Value')).toHaveValue('');
  await expect(w.getByTestId('field-secret')).toContainText(/Leave empty to keep the secret already stored/);
  await w.getByRole('button', { name: 'Test connection' }).click();
  await expect(w.getByTestId('diagnostics')).toHaveAttribute('data-state', 'ok', { timeout: 30_000 });
  await w.getByRole('button', { name: 'Save' }).click();
  await expect(w).toBeHidden();
  await expect(page.getByTestId('profile-name')).toHaveText('Invoices (renamed)');
  await expect(page.getByTestId('profile-item')).toHaveAttribute('data-state', 'ok', { timeout: 30_000 });
});

test('validation as you type: field messages, aria-invalid, Save disabled until valid', async ({ page }) => {
  await openWizard(page);
  const w = wizard(page);
  const save = w.getByTestId('wizard-save');
  await expect(save).toBeDisabled();

  await w.getByLabel('Display name').fill('Invoices');
  const mailbox = w.getByLabel('Shared mailbox address');
  await mailbox.fill('invoices');
  await mailbox.blur();
  await expect(w.getByTestId('error-mailbox')).toHaveText(/^Mailbox: enter the shared mailbox address/);
  await expect(mailbox).toHaveAttribute('aria-invalid', 'true');
  await expect(mailbox).toHaveAccessibleDescription(/Mailbox: enter the shared mailbox address/);
  // Next does not leave a step with errors; it puts the keyboard on the field to fix.
  await w.getByRole('button', { name: 'Next' }).click();
  await expect(mailbox).toBeFocused();
  // Once shown, the message follows the typing.
  await mailbox.pressSequentially('@contoso.example');
  await expect(w.getByTestId('error-mailbox')).toHaveCount(0);
  await expect(mailbox).not.toHaveAttribute('aria-invalid', 'true');
  await w.getByRole('button', { name: 'Next' }).click();

  const tenant = w.getByLabel('Tenant ID or domain');
  await tenant.fill('contoso');
  await tenant.blur();
  await expect(w.getByTestId('error-tenant')).toHaveText(/^Tenant: enter the directory \(tenant\) ID/);
  await expect(tenant).toHaveAttribute('aria-invalid', 'true');
  const clientId = w.getByLabel('Application (client) ID');
  await clientId.fill('3f1e2d4c-5b6a-4798-8a9b');
  await clientId.blur();
  await expect(w.getByTestId('error-clientId')).toHaveText(/^Client ID: enter the application \(client\) ID/);
  await expect(save).toBeDisabled();

  await tenant.fill(C.tenantId);
  await clientId.fill(C.readerClientId);
  await expect(w.getByTestId('error-tenant')).toHaveCount(0);
  await expect(w.getByTestId('error-clientId')).toHaveCount(0);
  await w.getByRole('button', { name: 'Next' }).click();
  // Everything valid but no secret yet: still disabled, and the footer says why.
  await expect(save).toBeDisabled();
  await w.getByLabel('Client secret Value').fill(C.readerSecret.value);
  await expect(save).toBeEnabled();

  // Delegated takes no secret: the field gives way to a note on signing in after saving.
  await w.getByRole('radio', { name: /delegated/i }).check();
  await expect(w.getByTestId('delegated-note')).toContainText(
    'No secret to enter: you sign in after saving.',
  );
  await expect(w.getByLabel('Client secret Value')).toHaveCount(0);
  await expect(save).toBeEnabled();

  // Esc closes the wizard and nothing was saved.
  await page.keyboard.press('Escape');
  await expect(w).toBeHidden();
  await expect(page.getByTestId('welcome')).toBeVisible();
});

test('Setup shows the PowerShell for this profile, and Copy puts it on the clipboard', async ({
  page,
  context,
  profilesHarness,
  bed,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: new URL(profilesHarness.url).origin,
  });
  await addProfile(page, bed, { name: 'Invoices', secret: C.readerSecret.value });
  await page.getByRole('button', { name: 'Setup' }).click();
  const guide = page.getByTestId('setup-guide');
  await expect(guide).toContainText('IMAP.AccessAsApp');
  await expect(guide).toContainText(/Mailscope never runs PowerShell/);
  const script = guide.getByTestId('admin-script');
  await expect(script).toContainText(`$AppId = '${C.readerClientId}'`);
  await expect(script).toContainText(`$Mailbox = '${C.invoices}'`);
  await expect(script).toContainText('<Enterprise application Object ID>');

  await guide.getByLabel(/Enterprise application Object ID/).fill(C.readerSpObjectId);
  await expect(script).toContainText(`$ServicePrincipalId = '${C.readerSpObjectId}'`);

  await guide.getByRole('button', { name: 'Copy' }).click();
  await expect(guide.getByRole('button', { name: 'Copied' })).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(await script.textContent());
  expect(copied).toContain('New-ServicePrincipal -AppId $AppId -ObjectId $ServicePrincipalId');
});

test('Remove asks first, says the keychain secret goes too, and the profile disappears', async ({
  page,
  bed,
}) => {
  await addProfile(page, bed, { name: 'Invoices', secret: C.readerSecret.value });
  await page.getByRole('button', { name: 'Remove' }).click();
  const dialog = page.getByTestId('remove-dialog');
  await expect(dialog).toContainText(/keychain/);
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('profile-item')).toHaveCount(1);

  await page.getByRole('button', { name: 'Remove' }).click();
  await dialog.getByRole('button', { name: 'Remove' }).click();
  await expect(page.getByTestId('welcome')).toBeVisible();
  await expect(page.getByTestId('profile-item')).toHaveCount(0);
});

test('export then import: the same profiles come back, without their secrets', async ({ page, bed }) => {
  await addProfile(page, bed, { name: 'Invoices', secret: C.readerSecret.value });
  await addProfile(page, bed, { name: 'Alerts', secret: C.readerSecret.value, mailbox: C.alerts });
  await expect(page.getByTestId('profile-item')).toHaveCount(2);

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export profiles' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('mailscope-profiles.json');
  const path = await download.path();
  const json = readFileSync(path, 'utf8');
  expect(json).toContain(C.invoices);
  expect(json).toContain(C.alerts);
  expect(json).not.toContain(C.readerSecret.value);

  for (const name of ['Invoices', 'Alerts']) {
    await page.getByTestId('profile-item').filter({ hasText: name }).click();
    await page.getByRole('button', { name: 'Remove' }).click();
    await page.getByTestId('remove-dialog').getByRole('button', { name: 'Remove' }).click();
    await expect(page.getByTestId('profile-item').filter({ hasText: name })).toHaveCount(0);
  }
  await expect(page.getByTestId('welcome')).toBeVisible();

  await page.getByTestId('import-file').setInputFiles(path);
  const report = page.getByTestId('import-dialog');
  await expect(report).toBeVisible();
  await expect(report.getByTestId('import-imported')).toContainText('Invoices');
  await expect(report.getByTestId('import-imported')).toContainText('Alerts');
  await expect(report).toContainText('Secrets are never imported.');
  // The test bed's profiles sign in at a custom authority host: the report says so before any use.
  await expect(report.getByTestId('import-custom-cloud')).toContainText(
    `Invoices (${bed.identity.host}), Alerts (${bed.identity.host})`,
  );
  await report.getByRole('button', { name: 'OK' }).click();

  const items = page.getByTestId('profile-item');
  await expect(items).toHaveCount(2);
  await expect(items.first()).toHaveAttribute('data-state', 'missing');
  await expect(page.getByTestId('secret-missing')).toBeVisible();
  await expect(page.getByTestId('custom-cloud-warning')).toContainText(
    `This mailbox signs in at ${bed.identity.host}, not at Microsoft.`,
  );
});

test('an import with a bad entry lists its problems next to what was imported', async ({ page, workDir }) => {
  const file = `${workDir}/profiles.json`;
  const good = {
    name: 'HR',
    mailbox: 'hr@contoso.example',
    protocol: 'pop3',
    tenant: 'contoso.onmicrosoft.com',
    clientId: '3f1e2d4c-5b6a-4798-8a9b-0c1d2e3f4a01',
    credential: 'client-secret',
  };
  const bad = { ...good, name: 'Broken', tenant: 'contoso', clientSecret: 'do-not-import' };
  writeFileSync(file, JSON.stringify([good, bad]));
  await page.getByTestId('import-file').setInputFiles(file);
  const report = page.getByTestId('import-dialog');
  await expect(report.getByTestId('import-imported')).toContainText('HR');
  await expect(report.getByTestId('import-problems')).toContainText(/Entry 2 \(Broken\)/);
  await expect(report.getByTestId('import-problems')).toContainText(/Tenant:/);
  await expect(report).toContainText(/secret-looking fields/);
});

test('Open mailbox browses a shared mailbox over IMAP: folders, newest first, a message in the reader', async ({
  page,
  bed,
}) => {
  await addProfile(page, bed, { name: 'Invoices', secret: C.readerSecret.value });
  await page.getByRole('button', { name: 'Open mailbox' }).click();
  const tree = page.getByTestId('folder-tree');
  await expect(tree.getByRole('treeitem', { name: /inbox/i })).toBeVisible({ timeout: 30_000 });
  await expect(tree.getByRole('treeitem', { name: /Sent Items/ })).toBeVisible();
  await expect(tree.getByRole('treeitem', { name: /Équipe finance/ })).toBeVisible();
  const first = page.getByTestId('message-list').getByRole('option').first();
  await expect(first).toBeVisible();
  await first.click();
  await expect(page.getByTestId('reader').getByRole('heading', { level: 2 })).not.toBeEmpty();
  await page.getByRole('button', { name: 'Source' }).click();
  await expect(page.getByTestId('raw-source')).toContainText(/^Message-ID: </im);
  await tree.getByRole('treeitem', { name: /Junk Email/ }).click();
  await page.getByTestId('message-list').getByRole('option').first().click();
  await expect(page.getByTestId('reader').getByRole('heading', { level: 2 })).not.toBeEmpty();

  // Search runs on the server (UID SEARCH) and pages its results like the folder.
  await tree.getByRole('treeitem', { name: /inbox/i }).click();
  const search = page.getByTestId('message-search');
  await search.fill('subject:INV-2026-0147');
  await search.press('Enter');
  const list = page.getByTestId('message-list');
  await expect(list).toContainText(/\d+ results? for “subject:INV-2026-0147”/);
  await expect(list.getByRole('option').first()).toContainText('INV-2026-0147');
});

test('Open mailbox lists and opens messages over POP3; Reload fetches new mail', async ({ page, bed }) => {
  await addProfile(page, bed, { name: 'Invoices (POP3)', secret: C.readerSecret.value, protocol: 'pop3' });
  await page.getByRole('button', { name: 'Open mailbox' }).click();
  await expect(page.getByTestId('folder-tree').getByRole('treeitem', { name: /inbox/i })).toBeVisible({
    timeout: 30_000,
  });
  await expect(page.getByTestId('pop3-snapshot-note')).toBeVisible();
  const list = page.getByTestId('message-list');
  const first = list.getByRole('option').first();
  await expect(first).toBeVisible();
  await first.click();
  await expect(page.getByTestId('reader').getByRole('heading', { level: 2 })).not.toBeEmpty();

  // New mail arrives in the maildrop; the open session does not see it until Reload.
  const subject = 'Remittance advice RA-2026-7781 (arrived after opening)';
  const text = [
    'From: Northwind Payments <payments@northwind.example>',
    `To: ${C.invoices}`,
    `Subject: ${subject}`,
    'Date: Wed, 25 Nov 2026 23:59:00 +0000',
    'Message-ID: <ra-2026-7781@northwind.example>',
    '',
    'Payment of EUR 1,250.00 was sent today.',
    '',
  ].join('\r\n');
  const inbox = bed.maildir(C.invoices);
  const owner = statSync(join(inbox, 'cur'));
  const file = join(inbox, 'new', `1795996740.M1P1.e2e,S=${Buffer.byteLength(text)}`);
  writeFileSync(file, text);
  chownSync(file, owner.uid, owner.gid);
  await expect(list.getByRole('option').first()).not.toContainText('arrived after opening');
  await list.getByRole('button', { name: 'Reload folder' }).click();
  await expect(list.getByRole('option').first()).toContainText('arrived after opening', { timeout: 30_000 });

  // Search covers the cached headers of the whole maildrop, in the client.
  const search = page.getByTestId('message-search');
  await search.fill('from:northwind remittance');
  await search.press('Enter');
  await expect(list).toContainText(/\d+ results? for “from:northwind remittance”/);
  await expect(list.getByRole('option').first()).toContainText('RA-2026-7781');
  await search.fill('body:IBAN');
  await search.press('Enter');
  await expect(list.getByTestId('message-list-error')).toContainText(/POP3 mailbox is searched by sender/);
});

test.describe('delegated sign-in', () => {
  // The platform's sign-in page has the bed's own CA, which this browser does not know.
  test.use({ ignoreHTTPSErrors: true });

  /** The wizard for a delegated profile of the bed's public desktop app. */
  async function addDelegated(page: Page, bed: Bed, name: string, mailbox: string, clientId?: string) {
    await openWizard(page);
    const w = wizard(page);
    await w.getByLabel('Display name').fill(name);
    await w.getByLabel('Shared mailbox address').fill(mailbox);
    await w.getByRole('button', { name: 'Next' }).click();
    await fillBedServerStep(w, bed, C.tenantId, clientId ?? C.desktopClientId);
    await w.getByRole('button', { name: 'Next' }).click();
    await w.getByRole('radio', { name: /delegated/i }).check();
    await expect(w.getByTestId('delegated-note')).toContainText('IMAP.AccessAsUser.All');
    await w.getByRole('button', { name: 'Save' }).click();
    await expect(w).toBeHidden();
    await expect(page.getByTestId('profile-name')).toHaveText(name);
  }

  function item(page: Page, name: string) {
    return page.getByTestId('profile-item').filter({ hasText: name });
  }

  test('sign in with the browser: one sign-in opens two shared mailboxes; sign-out signs both out', async ({
    page,
    context,
    bed,
    openedLinks,
  }) => {
    await addDelegated(page, bed, 'HR', C.hr);
    const panel = page.getByTestId('sign-in-panel');
    await expect(panel).toHaveAttribute('data-state', 'signed-out');
    await expect(page.getByTestId('profile-signed-in')).toHaveText('not signed in');
    await expect(item(page, 'HR')).toHaveAttribute('data-state', 'signed-out');

    await panel.getByRole('button', { name: 'Sign in with browser' }).click();
    await expect(panel).toHaveAttribute('data-state', 'waiting-browser');
    // The engine handed the sign-in page to the system browser; here the person opens it in a tab.
    await expect.poll(() => openedLinks.length).toBe(1);
    const url = openedLinks[0]!;
    await expect(panel.getByTestId('sign-in-url')).toHaveText(url);
    expect(new URL(url).searchParams.get('prompt')).toBe('select_account');
    const browser = await context.newPage();
    await browser.goto(url);
    await browser.locator('#i0116').fill(C.user.userPrincipalName);
    await browser.locator('#i0118').fill(C.user.password);
    await browser.locator('#idSIButton9').click();
    await expect(browser.locator('body')).toContainText('You are signed in');
    await browser.close();

    await expect(panel).toHaveAttribute('data-state', 'signed-in');
    await expect(panel.getByTestId('signed-in-as')).toHaveText(
      `Signed in as Megan Bowen ${C.user.userPrincipalName}`,
    );
    await expect(page.getByTestId('profile-signed-in')).toContainText(C.user.userPrincipalName);
    await expect(item(page, 'HR')).toHaveAttribute(
      'title',
      new RegExp(`Signed in as ${C.user.userPrincipalName}`),
    );

    await page.getByRole('button', { name: 'Open mailbox' }).click();
    await expect(page.getByTestId('folder-tree').getByRole('treeitem', { name: /inbox/i })).toBeVisible({
      timeout: 30_000,
    });
    await expect(page.getByTestId('message-list').getByRole('option').first()).toBeVisible();

    // A second shared mailbox of the same app: already signed in, tested at once after saving.
    await addDelegated(page, bed, 'Alerts', C.alerts);
    await expect(panel).toHaveAttribute('data-state', 'signed-in');
    await expect(panel).toContainText('The same sign-in opens HR.');
    await expect(item(page, 'Alerts')).toHaveAttribute('data-state', 'ok', { timeout: 30_000 });
    expect(openedLinks).toHaveLength(1);

    await panel.getByRole('button', { name: 'Sign out' }).click();
    const dialog = page.getByTestId('sign-out-dialog');
    await expect(dialog).toContainText(`Sign out ${C.user.userPrincipalName}?`);
    await expect(dialog).toContainText('HR uses this sign-in too');
    await dialog.getByRole('button', { name: 'Sign out' }).click();
    await expect(panel).toHaveAttribute('data-state', 'signed-out');
    await expect(item(page, 'HR')).toHaveAttribute('data-state', 'signed-out');
    await expect(item(page, 'Alerts')).toHaveAttribute('data-state', 'signed-out');
  });

  test('sign in with a code: the code, a copy button, a countdown, cancel, then the approved code', async ({
    page,
    context,
    profilesHarness,
    bed,
  }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: new URL(profilesHarness.url).origin,
    });
    await addDelegated(page, bed, 'HR', C.hr);
    const panel = page.getByTestId('sign-in-panel');

    await panel.getByRole('button', { name: 'Use a code instead' }).click();
    await expect(panel).toHaveAttribute('data-state', 'waiting-device-code');
    await expect(panel).toContainText(`${bed.identity.origin}/devicelogin`);
    await expect(panel.getByTestId('device-code-countdown')).toHaveText(/^The code expires in 1[45]:\d\d\.$/);
    await panel.getByRole('button', { name: 'Cancel' }).click();
    await expect(panel).toHaveAttribute('data-state', 'signed-out');
    await expect(panel.getByTestId('sign-in-error')).toHaveCount(0);

    await panel.getByRole('button', { name: 'Use a code instead' }).click();
    const code = (await panel.getByTestId('device-code').textContent()) ?? '';
    expect(code).toMatch(/^[0-9A-F]{9}$/);
    await panel.getByTestId('copy-code').click();
    await expect(panel.getByTestId('copy-code')).toHaveText('Copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(code);
    bed.identity.completeDeviceCode(code, C.user.userPrincipalName);
    await expect(panel).toHaveAttribute('data-state', 'signed-in');
    await expect(panel.getByTestId('signed-in-as')).toContainText(C.user.userPrincipalName);
  });

  test('consent missing: the admin-consent link, ready to copy; no FullAccess: who lacks what', async ({
    page,
    bed,
  }) => {
    await addDelegated(page, bed, 'HR (no consent)', C.hr, C.desktopNoConsentClientId);
    const panel = page.getByTestId('sign-in-panel');
    await panel.getByRole('button', { name: 'Use a code instead' }).click();
    bed.identity.completeDeviceCode(
      (await panel.getByTestId('device-code').textContent()) ?? '',
      C.user.userPrincipalName,
    );
    const error = panel.getByTestId('sign-in-error');
    await expect(error).toContainText('AADSTS65001: Nobody has approved the app');
    await expect(error.getByTestId('error-url')).toHaveText(
      `https://${bed.identity.host}/${C.tenantId}/adminconsent?client_id=${C.desktopNoConsentClientId}`,
    );
    await expect(error.getByRole('button', { name: 'Copy link' })).toBeVisible();

    await addDelegated(page, bed, 'Invoices (delegated)', C.invoices);
    await panel.getByRole('button', { name: 'Use a code instead' }).click();
    bed.identity.completeDeviceCode(
      (await panel.getByTestId('device-code').textContent()) ?? '',
      C.user.userPrincipalName,
    );
    await expect(panel).toHaveAttribute('data-state', 'signed-in');
    await page.getByRole('button', { name: 'Open mailbox' }).click();
    const refused = page.getByTestId('profile-action-error');
    await expect(refused).toContainText(
      `Signed in as ${C.user.userPrincipalName}, but Exchange did not open ${C.invoices}`,
    );
    await expect(refused).toContainText(
      `Add-MailboxPermission -Identity ${C.invoices} -User ${C.user.userPrincipalName} -AccessRights FullAccess`,
    );

    // Setup explains the delegated case: the person's grant, no service principal.
    await page.getByRole('button', { name: 'Setup' }).click();
    const guide = page.getByTestId('setup-guide');
    await expect(guide).toContainText('Register the app as a public client');
    await expect(guide.getByTestId('admin-consent-url')).toContainText('/adminconsent?client_id=');
    const script = guide.getByTestId('admin-script');
    await expect(script).toContainText(`$Person = '${C.user.userPrincipalName}'`);
    await expect(script).not.toContainText('New-ServicePrincipal');
  });
});
