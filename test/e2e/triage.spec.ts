import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { openPath } from './helpers';
import { reportedPhish } from './triage-message';

test('copy defanged indicators: the verdict line names its headers, the Triage tab copies IOCs defanged', async ({
  page,
  context,
  harness,
  workDir,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const path = join(workDir, 'reported-phish.eml');
  writeFileSync(path, reportedPhish());
  await page.goto(harness.url);
  await openPath(page, path);
  await page.getByTestId('message-list').getByRole('option').first().click();

  const verdict = page.getByTestId('verdict-line');
  await expect(verdict).toContainText('Marked as phishing by Microsoft 365 (CAT:PHSH, SCL 5)');
  await expect(verdict).toContainText('DMARC failed');
  await expect(verdict).toContainText('sender IP in NG');

  // A claim shows the header it came from, marked in the Headers tab.
  await verdict.getByRole('button', { name: 'sender IP in NG' }).click();
  const inspection = page.getByTestId('inspection');
  await expect(inspection.locator('tr[aria-current="true"]')).toContainText('X-Forefront-Antispam-Report');

  await inspection.getByRole('tab', { name: /Triage/ }).click();
  const triage = page.getByTestId('triage-panel');
  await expect(triage.getByTestId('triage-offline')).toContainText('Nothing is looked up on the network');
  await expect(triage.getByTestId('triage-indicators')).toContainText(
    'uses characters that look like Latin letters',
  );
  await expect(triage.getByTestId('stamp-forefront-antispam-report')).toContainText('Phishing.');

  await expect(triage.getByTestId('ioc-format')).toHaveValue('defanged');
  await triage.getByTestId('ioc-copy-url').click();
  await expect(triage.getByTestId('ioc-copy-url')).toHaveText('Copied');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
    'hxxps://login[.]evil-drop[.]example/paypal/',
  );

  await triage.getByTestId('ioc-copy-all').click();
  const all = await page.evaluate(() => navigator.clipboard.readText());
  expect(all).toContain('collect[@]evil-drop[.]example');
  expect(all).toContain('198[.]51[.]100[.]23');
  expect(all).not.toMatch(/https?:\/\/|evil-drop\.example/);
});
