import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { openPath } from './helpers';

/** A reported phish with Microsoft 365's stamps, a disguised link and a look-alike sender (no real mail). */
export function reportedPhish(): string {
  return [
    'Authentication-Results: spf=fail (sender IP is 198.51.100.23) smtp.mailfrom=bounce.mailer.example;' +
      ' dkim=none (message not signed) header.d=none;dmarc=fail action=oreject header.from=xn--pypal-4ve.com;compauth=fail reason=000',
    'X-Forefront-Antispam-Report: CIP:198.51.100.23;CTRY:NG;LANG:en;SCL:5;SRV:;IPV:NLI;SFV:SPM;H:mail.paypa1-secure.example;' +
      'PTR:;CAT:PHSH;SFS:(13230040)(8096899003);DIR:INB;',
    'X-Microsoft-Antispam: BCL:0;PCL:8;',
    'Received: from mail.paypa1-secure.example (198.51.100.23) by mx.contoso.example (10.0.0.5) with ESMTPS; Tue, 24 Nov 2026 09:29:00 +0000',
    'From: "service@paypal.com" <alerts@xn--pypal-4ve.com>',
    'Reply-To: collect@evil-drop.example',
    'To: Finance <finance@contoso.example>',
    'Subject: Your account is locked',
    'Date: Tue, 24 Nov 2026 09:30:00 +0000',
    'Message-ID: <phish-1@e2e.mailscope.invalid>',
    'MIME-Version: 1.0',
    'Content-Type: text/html; charset=utf-8',
    '',
    '<p>Dear customer, confirm your account: <a href="https://login.evil-drop.example/paypal/">https://www.paypal.com/signin</a></p>',
    '',
  ].join('\r\n');
}

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
